import {readFileSync, writeFileSync} from 'node:fs';
import {createServer as createNetServer, type Server as NetServer, type Socket} from 'node:net';
import type {AddressInfo} from 'node:net';
import path from 'node:path';
import {
  connectTunnel,
  curl,
  parseCurlResponse,
  proxyRequest,
  rawExchange,
  readAudit,
  removeDir,
  startHttpUpstream,
  startProxyProcess,
  tempDir,
  waitForAudit,
  type ProxyProcess,
  type Upstream,
} from './helpers';

const TOKEN = 'REAL-failure-suite-token';

let dir: string;
let proxy: ProxyProcess;
let ok: Upstream;
let midReset: Upstream;
const rawServers: NetServer[] = [];
const held: Socket[] = [];

async function rawServer(onSocket: (socket: Socket) => void): Promise<number> {
  const server = createNetServer(onSocket);
  rawServers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

async function closedPort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const {port} = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

beforeAll(async () => {
  dir = tempDir();
  ok = await startHttpUpstream();
  // Headers and a tenth of the promised body, then the connection dies.
  midReset = await startHttpUpstream((_req, res) => {
    res.writeHead(200, {'content-length': '1000', 'content-type': 'text/plain'});
    res.write('x'.repeat(100), () => setTimeout(() => res.socket?.destroy(), 20));
  });
  const reset = await rawServer((socket) => socket.once('data', () => socket.destroy()));
  const hang = await rawServer((socket) => {
    held.push(socket);
    socket.on('error', () => undefined);
  });
  const refused = await closedPort();
  writeFileSync(
    path.join(dir, 'tf.config.yaml'),
    `connectors:
  svc:
    type: generic
    domains: [ok.example.test, refused.example.test, reset.example.test, midreset.example.test, hang.example.test]
    tokenEnv: SVC_TOKEN
proxy:
  upstreamTimeout: 1s
  maxHeaderSize: 8kb
  routes:
    ok.example.test: ${ok.origin}
    refused.example.test: http://127.0.0.1:${refused}
    reset.example.test: http://127.0.0.1:${reset}
    midreset.example.test: ${midReset.origin}
    hang.example.test: http://127.0.0.1:${hang}
`,
  );
  proxy = await startProxyProcess({cwd: dir, env: {TF_DATA_DIR: path.join(dir, 'data'), SVC_TOKEN: TOKEN}});
});

afterAll(async () => {
  await proxy?.stop();
  for (const s of held) s.destroy();
  await Promise.all([ok.close(), midReset.close(), ...rawServers.map((s) => new Promise((r) => s.close(r)))]);
  removeDir(dir);
});

async function stillServes(): Promise<void> {
  const response = await proxyRequest(proxy.port, 'http://ok.example.test/health');
  expect(response.status).toBe(200);
  expect(response.body).toBe('{"ok":true}');
}

function errorOf(body: string): {type: string; message: string; request_id: string} {
  return (JSON.parse(body) as {error: {type: string; message: string; request_id: string}}).error;
}

describe('upstream failures become JSON errors and the proxy keeps serving', () => {
  test.each([
    ['refuses the connection', 'http://refused.example.test/a', 502, 'upstream_unreachable'],
    ['resets before answering', 'http://reset.example.test/a', 502, 'upstream_reset'],
    ['hangs past proxy.upstreamTimeout', 'http://hang.example.test/a', 504, 'upstream_timeout'],
  ])('upstream %s', async (_what, url, status, type) => {
    const response = await proxyRequest(proxy.port, url, {headers: {authorization: 'Bearer dummy'}});
    expect(response.status).toBe(status);
    expect(response.headers['content-type']).toBe('application/json');
    const error = errorOf(response.body);
    expect(error.type).toBe(type);
    expect(error.request_id).toBe(response.headers['x-tf-request-id']);
    await stillServes();
    await waitForAudit(proxy.auditLog, (r) => r.id === error.request_id && r.error === type && r.status === status);
  });

  test('the same failure inside an intercepted tunnel is a JSON error too', async () => {
    const result = await curl(['-i', '--cacert', proxy.caPath, 'https://refused.example.test/x'], {HTTPS_PROXY: proxy.url});
    const response = parseCurlResponse(result.stdout);
    expect(response.status).toBe(502);
    expect(errorOf(response.body).type).toBe('upstream_unreachable');
  });

  test('upstream resets mid-response: the agent sees the cut, the audit says why, the next request works', async () => {
    const result = await curl(['-i', '--proxy', proxy.url, 'http://midreset.example.test/big']);
    expect(result.code).not.toBe(0); // 18: transfer closed with outstanding data
    expect(result.stdout).toMatch(/^HTTP\/1\.1 200/);
    await stillServes();
    const record = await waitForAudit(proxy.auditLog, (r) => r.host === 'midreset.example.test');
    expect(record).toMatchObject({status: 200, upstreamStatus: 200, error: 'upstream_reset', bytesOut: 100});
  });
});

describe('malformed input is answered 400 and never crashes the proxy', () => {
  test.each([
    ['a garbage request line', 'GARBAGE\r\n\r\n', 400, 'bad_request'],
    ['a bad header name', 'GET http://ok.example.test/ HTTP/1.1\r\nHost: ok.example.test\r\nBad Header: x\r\n\r\n', 400, 'bad_request'],
    ['a Content-Length/Transfer-Encoding conflict', 'POST http://ok.example.test/ HTTP/1.1\r\nHost: ok.example.test\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n', 400, 'bad_request'],
    ['duplicate Content-Length', 'POST http://ok.example.test/ HTTP/1.1\r\nHost: ok.example.test\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab', 400, 'bad_request'],
    ['oversize headers', `GET http://ok.example.test/ HTTP/1.1\r\nHost: ok.example.test\r\nX-Big: ${'a'.repeat(20000)}\r\n\r\n`, 413, 'headers_too_large'],
    ['an origin-form request (not a proxy request)', 'GET /direct HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n', 400, 'bad_request'],
    ['a CONNECT without a port', 'CONNECT ok.example.test HTTP/1.1\r\nHost: ok.example.test\r\n\r\n', 400, 'bad_request'],
  ])('%s', async (_what, bytes, status, type) => {
    const answer = await rawExchange(proxy.port, bytes);
    expect(answer).toMatch(new RegExp(`^HTTP/1\\.1 ${status} `));
    const body = answer.slice(answer.indexOf('\r\n\r\n') + 4);
    expect(errorOf(body).type).toBe(type);
    await stillServes();
  });

  test('garbage inside an intercepted TLS tunnel', async () => {
    const tunnel = await connectTunnel(proxy.port, 'ok.example.test', 443, readFileSync(proxy.caPath, 'utf8'));
    const socket = tunnel.socket!;
    const answer = await new Promise<string>((resolve) => {
      let data = '';
      socket.setEncoding('utf8').on('data', (d) => (data += d));
      socket.on('close', () => resolve(data));
      socket.on('error', () => resolve(data));
      socket.write('NOT HTTP AT ALL\r\n\r\n');
    });
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    await stillServes();
  });

  test('every case left an audit line, none with the token', async () => {
    await waitForAudit(proxy.auditLog, (r) => r.error === 'headers_too_large');
    const records = readAudit(proxy.auditLog);
    const clientErrors = records.filter((r) => r.kind === 'client_error');
    expect(clientErrors.length).toBeGreaterThanOrEqual(5);
    expect(clientErrors.map((r) => r.error)).toEqual(expect.arrayContaining(['bad_request', 'headers_too_large']));
    expect(records.filter((r) => r.error === 'bad_request' && r.kind === 'request').length).toBeGreaterThanOrEqual(1);
    expect(readFileSync(proxy.auditLog, 'utf8')).not.toContain(TOKEN);
    // The healthy upstream did get the token.
    expect(ok.requests[0].headers.authorization).toBe(`Bearer ${TOKEN}`);
  });
});
