import {createConnection} from 'node:net';
import path from 'node:path';
import {startProxyProcess, type ProxyProcess} from '../proxy/helpers';
import {CLIENTS, createWorld, lastJson, requestTo, REAL, spawnTf, waitFor, type World} from './helpers';

let w: World;

beforeAll(async () => {
  w = await createWorld();
});

afterAll(async () => {
  await w?.close();
});

function refused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED'));
  });
}

test('exit codes propagate; a missing command exits 127', async () => {
  expect((await w.tf(['run', '--', 'sh', '-c', 'exit 7'])).code).toBe(7);
  expect((await w.tf(['run', 'sh', '-c', 'exit 0'])).code).toBe(0);
  const missing = await w.tf(['run', '--', 'tf-no-such-command-xyz']);
  expect(missing.code).toBe(127);
  expect(missing.stderr).toContain('command not found: tf-no-such-command-xyz');
  const nothing = await w.tf(['run']);
  expect(nothing.code).toBe(2);
  expect(nothing.stderr).toContain('nothing to run');
});

test('stdio is inherited and arguments pass verbatim, including -- and tf flag names', async () => {
  const result = await w.tf(['run', '--agent', 'a', '--', 'sh', '-c', 'cat; printf "%s|" "$@"; echo >&2 to-stderr', 'sh', '--', '--agent', 'x', '-d', '1', '-d', '2'], {input: 'from-stdin\n'});
  expect(result.code).toBe(0);
  expect(result.stdout).toBe('from-stdin\n--|--agent|x|-d|1|-d|2|');
  expect(result.stderr).toBe('to-stderr\n');
});

test('SIGTERM to tf run reaches the child; the proxy is gone after the child exits', async () => {
  const run = spawnTf(['run', '--', 'node', path.join(CLIENTS, 'wait-signal.cjs')], w.dir, w.env);
  await waitFor(() => /ready \d+/.test(run.stdout()), 'the child to start');
  const port = Number(/ready (\d+)/.exec(run.stdout())![1]);
  expect(await refused(port)).toBe(false);
  run.child.kill('SIGTERM');
  const {code} = await run.exited;
  expect(run.stdout()).toContain('child got SIGTERM');
  expect(code).toBe(42);
  expect(await refused(port)).toBe(true);
});

test('a child killed by a signal gives 128 + n', async () => {
  const run = spawnTf(['run', '--', 'node', path.join(CLIENTS, 'wait-signal.cjs'), 'die'], w.dir, w.env);
  await waitFor(() => /ready \d+/.test(run.stdout()), 'the child to start');
  run.child.kill('SIGTERM');
  expect((await run.exited).code).toBe(128 + 15);
  expect((await w.tf(['run', '--', 'sh', '-c', 'kill -KILL $$'])).code).toBe(128 + 9);
});

describe('--proxy: a running tf proxy instead of an in-process one', () => {
  let proxy: ProxyProcess;
  beforeAll(async () => {
    proxy = await startProxyProcess({cwd: w.dir, env: w.env, args: ['--quiet']});
  });
  afterAll(async () => {
    await proxy?.stop();
  });

  test('the child goes through it and still gets no real key', async () => {
    const result = await w.tf(['run', '--proxy', proxy.url, '--', 'node', path.join(CLIENTS, 'fetch.mjs')]);
    expect(lastJson(result)).toEqual({status: 200, title: 'an issue'});
    expect(requestTo(w.api, 'api.github.com', '/repos/acme/widgets/issues/3').headers.authorization).toBe(`token ${REAL.github}`);
    const env = lastJson<Record<string, string>>(await w.tf(['run', '--proxy', proxy.url, '--', 'node', path.join(CLIENTS, 'env.cjs')]));
    expect(env.HTTPS_PROXY).toBe(proxy.url);
    expect(env.GITHUB_TOKEN).toBe('tf-placeholder-credential');
    // The running proxy stays up after the child exits.
    expect(await refused(proxy.port)).toBe(false);
  });

  test('a bad --proxy is a one-line error', async () => {
    const result = await w.tf(['run', '--proxy', 'socks5://x', '--', 'true']);
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toMatch(/^tf: --proxy "socks5:\/\/x": expected http:\/\/HOST:PORT/);
  });
});
