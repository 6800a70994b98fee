/** One runtime `tf doctor` checks: how to run a small HTTPS GET with it, as an agent would. */
export interface ProbeSpec {
  id: string;
  name: string;
  /** Looked up on PATH, as the agent's shell would. */
  command: string;
  /** Tried when the command is not on PATH. */
  ifMissing?: string[];
  /** Tried when the command is there but exits with `missingLibraryExit` (another interpreter may have the library). */
  ifNoLibrary?: string[];
  args(url: string): string[];
  /** Host the probe requests (each probe its own, so the proxy-side relay can tell them apart). */
  url: string;
  /** Exit code meaning "the runtime is there but the library is not" (python without requests). */
  missingLibraryExit?: number;
  versionArgs?: string[];
}

export const PROBE_DOMAIN = 'doctor.tf.test';

function probeUrl(id: string, suffix = '/probe'): string {
  return `https://${id}.${PROBE_DOMAIN}${suffix}`;
}

const NODE_FETCH = `
fetch(process.argv[1]).then(async (r) => {
  await r.text();
  console.log('version ' + process.version);
  process.exit(r.status === 200 ? 0 : 1);
}, (e) => {
  console.error(String(e && e.cause ? e.cause.message || e.cause : e));
  process.exit(1);
});`;

const NODE_HTTPS = `
require('node:https').get(process.argv[1], (r) => {
  r.resume();
  r.on('end', () => {
    console.log('version ' + process.version);
    process.exit(r.statusCode === 200 ? 0 : 1);
  });
}).on('error', (e) => {
  console.error(e.message);
  process.exit(1);
});`;

const PYTHON_REQUESTS = `
import sys
try:
    import requests
except ImportError:
    sys.exit(3)
print("version requests " + requests.__version__ + ", python " + sys.version.split()[0])
try:
    r = requests.get(sys.argv[1], timeout=15)
except Exception as e:
    print(type(e).__name__ + ": " + str(e), file=sys.stderr)
    sys.exit(1)
sys.exit(0 if r.status_code == 200 else 1)
`;

export const PROBES: ProbeSpec[] = [
  // Without node on PATH, the node running tf.
  {id: 'node-fetch', name: 'Node fetch', command: 'node', ifMissing: [process.execPath], url: probeUrl('node-fetch'), args: (url) => ['-e', NODE_FETCH, url], versionArgs: ['--version']},
  {id: 'node-https', name: 'Node https', command: 'node', ifMissing: [process.execPath], url: probeUrl('node-https'), args: (url) => ['-e', NODE_HTTPS, url], versionArgs: ['--version']},
  {
    id: 'python-requests',
    name: 'Python requests',
    // The python3 on PATH; if it has no requests (a pyenv or venv python), a system one that does, reported by path.
    command: 'python3',
    ifNoLibrary: ['/usr/bin/python3', '/usr/local/bin/python3'],
    url: probeUrl('python-requests'),
    args: (url) => ['-c', PYTHON_REQUESTS, url],
    missingLibraryExit: 3,
  },
  {id: 'curl', name: 'curl', command: 'curl', url: probeUrl('curl'), args: (url) => ['-sS', '--fail', '--max-time', '15', '-o', '/dev/null', url], versionArgs: ['--version']},
  {id: 'git', name: 'git', command: 'git', url: probeUrl('git', '/probe.git'), args: (url) => ['ls-remote', url], versionArgs: ['--version']},
];
