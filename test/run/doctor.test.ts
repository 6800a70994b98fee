import {chmodSync, mkdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {runTf} from '../helpers/cli';
import {removeDir, tempDir} from '../proxy/helpers';
import {which} from '../../src/doctor';

interface Runtime {
  id: string;
  status: 'ok' | 'fail' | 'not-installed';
  proxy: boolean | null;
  ca: boolean | null;
  credential: boolean | null;
  command?: string;
  detail: string;
}

let dir: string;
const IDS = ['node-fetch', 'node-https', 'python-requests', 'curl', 'git'];

beforeAll(() => {
  dir = tempDir('tf-doctor-test-');
});

afterAll(() => {
  removeDir(dir);
});

async function doctor(env: Record<string, string | undefined> = {}, args: string[] = ['--json']) {
  const result = await runTf(['doctor', ...args], {cwd: dir, env: {TF_DATA_DIR: path.join(dir, 'data'), HTTPS_PROXY: undefined, https_proxy: undefined, NODE_OPTIONS: undefined, ...env}});
  return {result, runtimes: args.includes('--json') ? (JSON.parse(result.stdout) as {ok: boolean; runtimes: Runtime[]}).runtimes : []};
}

test('every runtime on this machine honours the proxy and trusts the CA', async () => {
  const {result, runtimes} = await doctor();
  expect(result.code).toBe(0);
  expect(runtimes.map((r) => r.id)).toEqual(IDS);
  for (const runtime of runtimes) {
    expect(runtime).toMatchObject({status: 'ok', proxy: true, ca: true, credential: true});
  }
  // With no requests in the python3 first on PATH, a system python3 that has it is used and named.
  expect(runtimes.find((r) => r.id === 'python-requests')!.command).toMatch(/python3$/);
});

test('human output: one line per runtime', async () => {
  const {result} = await doctor({}, []);
  expect(result.code).toBe(0);
  for (const name of ['Node fetch', 'Node https', 'Python requests', 'curl', 'git']) {
    expect(result.stdout).toMatch(new RegExp(`^  ok    ${name} +honours the proxy and trusts the tf CA`, 'm'));
  }
  expect(result.stdout).toContain('Every installed runtime goes through tf and trusts its CA.');
});

test('missing tools are "not installed", not failures', async () => {
  // Nothing on PATH: node falls back to the one running tf.
  const {result, runtimes} = await doctor({PATH: path.join(dir, 'empty-bin')});
  expect(result.code).toBe(0);
  const status = Object.fromEntries(runtimes.map((r) => [r.id, r.status]));
  expect(status).toEqual({'node-fetch': 'ok', 'node-https': 'ok', 'python-requests': 'not-installed', curl: 'not-installed', git: 'not-installed'});
  expect(runtimes.find((r) => r.id === 'curl')!.detail).toBe('not installed (curl is not on PATH)');
});

test('a runtime that bypasses the proxy or distrusts the CA fails, and doctor exits 1', async () => {
  const bin = path.join(dir, 'bad-bin');
  mkdirSync(bin);
  const script = (name: string, body: string) => {
    writeFileSync(path.join(bin, name), `#!/bin/sh\n${body}\n`);
    chmodSync(path.join(bin, name), 0o755);
  };
  // A curl that ignores proxy settings, a git and a node that only trust the system roots.
  script('curl', `exec ${which('curl', process.env.PATH)} --noproxy '*' "$@"`);
  script('git', `GIT_SSL_CAINFO=/etc/ssl/certs/ca-certificates.crt exec ${which('git', process.env.PATH)} "$@"`);
  script('node', `unset NODE_EXTRA_CA_CERTS\nexec ${process.execPath} "$@"`);
  // A python3 without requests: the system python3 that has it is probed instead.
  script('python3', 'exec /usr/bin/python3 -S "$@"');
  const {result, runtimes} = await doctor({PATH: `${bin}${path.delimiter}${process.env.PATH}`});
  expect(result.code).toBe(1);
  const byId = Object.fromEntries(runtimes.map((r) => [r.id, r]));
  expect(byId.curl).toMatchObject({status: 'fail', proxy: false});
  expect(byId.curl.detail).toMatch(/^ignores the proxy settings \(never connected to tf\): curl: \(6\) Could not resolve host/);
  expect(byId.git).toMatchObject({status: 'fail', proxy: true, ca: false});
  expect(byId.git.detail).toMatch(/^uses the proxy but does not trust the tf CA: .*certificate/);
  expect(byId['node-fetch']).toMatchObject({status: 'fail', proxy: true, ca: false});
  expect(byId['node-https']).toMatchObject({status: 'fail', proxy: true, ca: false});
  expect(byId['python-requests']).toMatchObject({status: 'ok', command: '/usr/bin/python3'});

  const human = await doctor({PATH: `${bin}${path.delimiter}${process.env.PATH}`}, []);
  expect(human.result.code).toBe(1);
  expect(human.result.stdout).toMatch(/^  FAIL  curl +ignores the proxy settings/m);
  expect(human.result.stdout).toContain('4 runtime(s) would not be governed by tf run: Node fetch, Node https, curl, git.');
});
