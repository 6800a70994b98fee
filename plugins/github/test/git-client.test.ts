import {execFile, execFileSync} from 'node:child_process';
import type {ServerResponse} from 'node:http';
import {startCaptureServer, type CapturedRequest} from '../../../test/helpers/capture-server';
import {parseJson} from '../../../test/helpers/cli';
import {tempDir} from '../../../test/helpers/tmp';
import {gitBasicAuth} from '../src/index';
import {asRequestInfo, dotcom, ghe, typeAndRisk} from './support';

/**
 * The real git client (clone, push) against a local server that speaks just enough smart HTTP to make git
 * send each request of both flows; the captured requests, replayed under github.com and a GHE host,
 * classify as github.git.fetch / github.git.push.
 */
// CLI checks run the built bin/run.js: `npm test` builds first, and a missing build fails (never skips).
const cliTest = test;
const SHA = '95b966ae1c166bd92f8ae7d1c313e738c731dfc3';
const ZERO = '0'.repeat(40);
const AGENT_PASSWORD = 'agent-placeholder'; // what the agent's remote URL carries; the proxy swaps in the real PAT

const pkt = (line: string) => (line.length + 4).toString(16).padStart(4, '0') + line;
const ADVERTISEMENTS: Record<string, string> = {
  'git-upload-pack': pkt(`${SHA} HEAD\0side-band-64k ofs-delta symref=HEAD:refs/heads/main agent=git/2\n`) + pkt(`${SHA} refs/heads/main\n`),
  'git-receive-pack': pkt(`${ZERO} capabilities^{}\0report-status delete-refs side-band-64k ofs-delta agent=git/2\n`),
};

/** Like GitHub for a private repository: 401 until git sends credentials, then a ref advertisement. */
function smartHttp(req: CapturedRequest, res: ServerResponse): void {
  if (!req.headers.authorization) {
    res.writeHead(401, {'www-authenticate': 'Basic realm="GitHub"'});
    res.end();
    return;
  }
  const service = /[?&]service=([\w-]+)/.exec(req.path)?.[1];
  if (service && ADVERTISEMENTS[service]) {
    res.writeHead(200, {'content-type': `application/x-${service}-advertisement`, 'cache-control': 'no-cache'});
    res.end(`${pkt(`# service=${service}\n`)}0000${ADVERTISEMENTS[service]}0000`);
    return;
  }
  res.writeHead(500); // the pack exchange itself is not simulated: git stops here, its request already captured
  res.end();
}

function git(args: string[], cwd: string): Promise<void> {
  const env = {...process.env, GIT_TERMINAL_PROMPT: '0', GIT_CONFIG_NOSYSTEM: '1', HOME: cwd};
  // Protocol v0: the stand-in server speaks only that; v2 uses the same URLs (info/refs, then POST git-upload-pack).
  return new Promise((resolve) => execFile('git', ['-c', 'credential.helper=', '-c', 'protocol.version=0', ...args], {cwd, env}, () => resolve()));
}

describe('git clone and push (real git client)', () => {
  let requests: CapturedRequest[];
  let server: Awaited<ReturnType<typeof startCaptureServer>>;
  beforeAll(async () => {
    server = await startCaptureServer(smartHttp);
    const dir = tempDir('tf-git-');
    const remote = `http://x-access-token:${AGENT_PASSWORD}@127.0.0.1:${server.port}/octo-org/hello-world.git`;
    await git(['clone', '--quiet', remote, 'clone'], dir.dir);
    execFileSync('git', ['init', '--quiet', '--initial-branch=main', 'work'], {cwd: dir.dir});
    execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '--quiet', '--allow-empty', '-m', 'x'], {cwd: dir.path('work')});
    await git(['push', '--quiet', remote, 'main'], dir.path('work'));
    await server.close();
    requests = server.requests.filter((r) => r.headers.authorization); // the unauthenticated first tries got 401
  });

  test('git sent the smart-HTTP requests of both flows', () => {
    expect(requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /octo-org/hello-world.git/info/refs?service=git-upload-pack',
      'POST /octo-org/hello-world.git/git-upload-pack',
      'GET /octo-org/hello-world.git/info/refs?service=git-receive-pack',
      'POST /octo-org/hello-world.git/git-receive-pack',
    ]);
  });

  const EXPECTED = [
    ['github.git.fetch', 'low'],
    ['github.git.fetch', 'low'],
    ['github.git.push', 'medium'],
    ['github.git.push', 'medium'],
  ];

  test('github.com and a GHE host: fetch, fetch, push, push, on the repository', () => {
    expect(requests.map((r) => typeAndRisk(dotcom, asRequestInfo(r, 'https://github.com')))).toEqual(EXPECTED);
    expect(requests.map((r) => typeAndRisk(ghe, asRequestInfo(r, 'https://github.example.com')))).toEqual(EXPECTED);
    expect(dotcom.parseAction(asRequestInfo(requests[3], 'https://github.com')).resource).toEqual({provider: 'github', owner: 'octo-org', repo: 'hello-world'});
  });

  test('the injected Basic credential has the exact form git itself sends for x-access-token', () => {
    expect(requests.every((r) => r.headers.authorization === gitBasicAuth(AGENT_PASSWORD))).toBe(true);
  });

  test('pack uploads are streamed, not buffered for classification', () => {
    expect(dotcom.needsBody(asRequestInfo(requests[3], 'https://github.com'))).toBe(false);
  });

  cliTest('tf parse --json under github.com', async () => {
    server.requests.splice(0, server.requests.length, ...requests);
    const dir = tempDir('tf-git-parse-');
    const entries = await parseJson([dir.write('git.jsonl', server.toJsonl('https://github.com'))]);
    expect(entries.map((e) => [e.action?.type, e.action?.risk])).toEqual(EXPECTED);
  });
});
