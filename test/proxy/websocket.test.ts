import {createHash} from 'node:crypto';
import {readFileSync} from 'node:fs';
import {createServer as createHttpsServer} from 'node:https';
import {createServer as createHttpServer, type IncomingMessage, type Server} from 'node:http';
import {connect as netConnect, type AddressInfo, type Socket} from 'node:net';
import path from 'node:path';
import type {ConnectorInstanceConfig} from '@tf/sdk';
import {ProxyAgent, WebSocket} from 'undici';
import {genericConnector} from '../../plugins/generic/src/index';
import type {ConfigFile} from '../../src/config/config-file';
import {ConnectorRegistry} from '../../src/connectors/registry';
import type {Decider, KillSwitch, KillSwitchEvent} from '../../src/decision';
import {issueServerCertificate, startProxy, type ProxyHandle} from '../../src/proxy';
import {connectTunnel, makeUpstreamCa, readAudit, removeDir, tempDir, waitForAudit} from './helpers';

/**
 * WebSocket through tf (OpenAI Realtime, Slack Socket Mode): the upgrade is classified and decided like any request,
 * the agent's credential is swapped for the real one, and frames then flow both ways untouched.
 * The upstream is a minimal WebSocket echo server (handshake + unmasking, written here); the client is undici's.
 */
const REAL = 'real-ws-token';
const DUMMY = 'agent-dummy-token';
const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

interface EchoUpstream {
  origin: string;
  upgrades: IncomingMessage['headers'][];
  server: Server;
  close(): Promise<void>;
}

/** Echoes each text frame as `echo:<text>`; `/refuse` answers 401 instead of upgrading, `/hangup` just closes. */
function echoOnUpgrade(server: Server, upgrades: IncomingMessage['headers'][]): void {
  server.on('upgrade', (req: IncomingMessage, socket: Socket) => {
    upgrades.push(req.headers);
    if (req.url?.startsWith('/hangup')) {
      socket.destroy();
      return;
    }
    if (req.url?.startsWith('/refuse')) {
      socket.end('HTTP/1.1 401 Unauthorized\r\ncontent-type: application/json\r\ncontent-length: 15\r\n\r\n{"error":"no!"}');
      return;
    }
    const accept = createHash('sha1').update(`${req.headers['sec-websocket-key']}${GUID}`).digest('base64');
    socket.write(`HTTP/1.1 101 Switching Protocols\r\nupgrade: websocket\r\nconnection: Upgrade\r\nsec-websocket-accept: ${accept}\r\n\r\n`);
    let pending = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      pending = Buffer.concat([pending, chunk]);
      while (pending.length >= 6) {
        const opcode = pending[0] & 0x0f;
        let length = pending[1] & 0x7f;
        let offset = 2;
        if (length === 126) {
          length = pending.readUInt16BE(2);
          offset = 4;
        }
        if (pending.length < offset + 4 + length) return;
        const mask = pending.subarray(offset, offset + 4);
        const payload = Buffer.from(pending.subarray(offset + 4, offset + 4 + length).map((b, i) => b ^ mask[i % 4]));
        pending = pending.subarray(offset + 4 + length);
        if (opcode === 0x8) {
          socket.end(Buffer.from([0x88, 0x00]));
          return;
        }
        const reply = Buffer.from(`echo:${payload.toString()}`);
        socket.write(Buffer.concat([Buffer.from([0x81, reply.length]), reply]));
      }
    });
    socket.on('error', () => socket.destroy());
  });
}

async function listen(server: Server, scheme: string, upgrades: IncomingMessage['headers'][]): Promise<EchoUpstream> {
  const sockets = new Set<Socket>();
  server.on('connection', (s: Socket) => sockets.add(s).size && s.on('close', () => sockets.delete(s)));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `${scheme}://127.0.0.1:${(server.address() as AddressInfo).port}`,
    upgrades,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

let dir: string;
let tls: EchoUpstream;
let plain: EchoUpstream;
let upstreamCaPath: string;
const open: ProxyHandle[] = [];

beforeAll(async () => {
  dir = tempDir();
  const {ca, caPath} = makeUpstreamCa(dir);
  upstreamCaPath = caPath;
  const leaf = issueServerCertificate(ca, ['127.0.0.1']);
  const tlsUpgrades: IncomingMessage['headers'][] = [];
  const tlsServer = createHttpsServer({key: leaf.keyPem, cert: leaf.certPem});
  echoOnUpgrade(tlsServer, tlsUpgrades);
  tls = await listen(tlsServer, 'https', tlsUpgrades);
  const plainUpgrades: IncomingMessage['headers'][] = [];
  const plainServer = createHttpServer();
  echoOnUpgrade(plainServer, plainUpgrades);
  plain = await listen(plainServer, 'http', plainUpgrades);
});

afterAll(async () => {
  await Promise.all(open.map((p) => p.close()));
  await Promise.all([tls.close(), plain.close()]);
  removeDir(dir);
});

beforeEach(() => {
  tls.upgrades.length = 0;
  plain.upgrades.length = 0;
});

async function proxyWith(decider?: Decider, killSwitch?: KillSwitch): Promise<ProxyHandle> {
  const instances: ConnectorInstanceConfig[] = [{name: 'realtime', type: 'generic', domains: ['ws.example.test', 'ws-plain.example.test'], tokenEnv: 'WS_TOKEN'}];
  const types = new Map([[genericConnector.type, {connectorType: genericConnector, plugin: 'test'}]]);
  const registry = ConnectorRegistry.build({types, problems: []}, instances, {where: () => 'test.yaml'} as unknown as ConfigFile);
  const handle = await startProxy({
    registry,
    dataDir: path.join(dir, 'data'),
    auditLogPath: path.join(dir, `audit-${open.length}.jsonl`),
    port: 0,
    env: {WS_TOKEN: REAL},
    decider,
    killSwitch,
    proxyConfig: {upstreamCa: upstreamCaPath, routes: {'ws.example.test': tls.origin, 'ws-plain.example.test': plain.origin}},
  });
  open.push(handle);
  return handle;
}

/** undici's WebSocket through the proxy (CONNECT + the tf CA): resolves the echo of `text` and the close. */
function echoThrough(proxy: ProxyHandle, url: string, text: string): Promise<string> {
  const dispatcher = new ProxyAgent({uri: proxy.url, requestTls: {ca: readFileSync(proxy.caPath, 'utf8')}});
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, {dispatcher, headers: {authorization: `Bearer ${DUMMY}`}} as unknown as string[]);
    ws.addEventListener('open', () => ws.send(text));
    ws.addEventListener('message', (event) => {
      ws.close();
      resolve(String(event.data));
    });
    ws.addEventListener('error', (event) => reject(new Error(`websocket error: ${(event as unknown as {message?: string}).message ?? 'failed'}`)));
  }).finally(() => dispatcher.close()) as Promise<string>;
}

describe('WebSocket upgrades through tf', () => {
  test('undici WebSocket over an intercepted tunnel: frames echo, the upstream gets the real token, one audit line', async () => {
    const proxy = await proxyWith();
    expect(await echoThrough(proxy, 'wss://ws.example.test/v1/realtime?model=x', 'hello')).toBe('echo:hello');
    expect(tls.upgrades).toHaveLength(1);
    expect(tls.upgrades[0]).toMatchObject({authorization: `Bearer ${REAL}`, host: 'ws.example.test', upgrade: 'websocket'});
    expect(JSON.stringify(tls.upgrades[0])).not.toContain(DUMMY);
    const line = await waitForAudit(proxy.auditLogPath, (r) => r.status === 101);
    expect(line).toMatchObject({kind: 'request', connector: 'realtime', action: 'generic.get', decision: 'allow', method: 'GET', host: 'ws.example.test', path: '/v1/realtime', upstreamStatus: 101});
    expect(line.bytesIn).toBeGreaterThan(0);
    expect(line.bytesOut).toBeGreaterThan(0);
    const audit = readFileSync(proxy.auditLogPath, 'utf8');
    expect(audit).not.toContain(REAL);
    expect(audit).not.toContain(DUMMY);
  });

  test('a denied upgrade gets 403 JSON naming the action, and never reaches the upstream', async () => {
    const proxy = await proxyWith({decide: () => ({effect: 'deny', rule: 'no-realtime', reason: 'no realtime today', mode: 'enforce'})});
    const tunnel = await connectTunnel(proxy.port, 'ws.example.test', 443, readFileSync(proxy.caPath, 'utf8'));
    const answer = await rawUpgrade(tunnel.socket!, 'ws.example.test', '/v1/realtime');
    expect(answer).toMatch(/^HTTP\/1\.1 403 /);
    expect(answer).toMatch(/x-tf-action: generic\.get/);
    expect(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4)).error).toMatchObject({type: 'denied'});
    expect(tls.upgrades).toHaveLength(0);
    const line = await waitForAudit(proxy.auditLogPath, (r) => r.status === 403);
    expect(line).toMatchObject({decision: 'deny', rule: 'no-realtime', action: 'generic.get'});
  });

  test('an upstream that refuses the upgrade: its answer reaches the agent as it is', async () => {
    const proxy = await proxyWith();
    const tunnel = await connectTunnel(proxy.port, 'ws.example.test', 443, readFileSync(proxy.caPath, 'utf8'));
    const answer = await rawUpgrade(tunnel.socket!, 'ws.example.test', '/refuse');
    expect(answer).toMatch(/^HTTP\/1\.1 401 Unauthorized/);
    expect(answer).toContain('{"error":"no!"}');
    const line = await waitForAudit(proxy.auditLogPath, (r) => r.status === 401);
    expect(line).toMatchObject({upstreamStatus: 401, action: 'generic.get'});
  });

  test('an upstream that hangs up before answering: 502 JSON, audited', async () => {
    const proxy = await proxyWith();
    const tunnel = await connectTunnel(proxy.port, 'ws.example.test', 443, readFileSync(proxy.caPath, 'utf8'));
    const answer = await rawUpgrade(tunnel.socket!, 'ws.example.test', '/hangup');
    expect(answer).toMatch(/^HTTP\/1\.1 502 /);
    expect(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4)).error.type).toMatch(/^upstream_/);
    const line = await waitForAudit(proxy.auditLogPath, (r) => r.status === 502);
    expect(line).toMatchObject({action: 'generic.get', error: expect.stringMatching(/^upstream_/)});
  });

  test('the kill switch cuts a live WebSocket at once, and the cut is audited', async () => {
    let notify: ((event: KillSwitchEvent) => void) | undefined;
    const proxy = await proxyWith(undefined, {check: () => ({active: false}), subscribe: (listener) => ((notify = listener), () => {})});
    const tunnel = await connectTunnel(proxy.port, 'ws.example.test', 443, readFileSync(proxy.caPath, 'utf8'));
    const socket = tunnel.socket!;
    expect(await rawUpgrade(socket, 'ws.example.test', '/v1/realtime')).toMatch(/^HTTP\/1\.1 101 /);
    const closed = new Promise((resolve) => socket.once('close', resolve));
    notify!({active: true, connector: null, reason: 'incident', at: new Date().toISOString()});
    await closed;
    const line = await waitForAudit(proxy.auditLogPath, (r) => r.status === 101);
    expect(line).toMatchObject({error: 'kill_switch', connector: 'realtime'});
  });

  test('other upgrades (h2c) are refused with 501: they would carry many requests past classification', async () => {
    const proxy = await proxyWith();
    const tunnel = await connectTunnel(proxy.port, 'ws.example.test', 443, readFileSync(proxy.caPath, 'utf8'));
    const answer = await rawUpgrade(tunnel.socket!, 'ws.example.test', '/', 'h2c');
    expect(answer).toMatch(/^HTTP\/1\.1 501 /);
    expect(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4)).error.type).toBe('not_supported');
    expect(tls.upgrades).toHaveLength(0);
  });

  test('plain ws:// in absolute form on the proxy port is upgraded too', async () => {
    const proxy = await proxyWith();
    const socket = netConnect(proxy.port, '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    const answer = await rawUpgrade(socket, 'ws-plain.example.test', 'http://ws-plain.example.test/socket');
    expect(answer).toMatch(/^HTTP\/1\.1 101 /);
    expect(answer).toMatch(/x-tf-action: generic\.get/);
    expect(plain.upgrades[0]).toMatchObject({authorization: `Bearer ${REAL}`, host: 'ws-plain.example.test'});
    socket.destroy();
    const line = await waitForAudit(proxy.auditLogPath, (r) => r.host === 'ws-plain.example.test');
    expect(line).toMatchObject({status: 101, decision: 'allow'});
    expect(readAudit(proxy.auditLogPath).some((r) => JSON.stringify(r).includes(REAL))).toBe(false);
  });
});

/** Sends a WebSocket upgrade request by hand and resolves what comes back (the whole answer, or the head of a 101). */
function rawUpgrade(socket: import('node:stream').Duplex, host: string, target: string, protocol = 'websocket'): Promise<string> {
  return new Promise((resolve) => {
    let text = '';
    socket.on('data', (d: Buffer) => {
      text += d.toString('latin1');
      if (text.startsWith('HTTP/1.1 101') && text.includes('\r\n\r\n')) resolve(text);
    });
    socket.on('close', () => resolve(text));
    socket.on('error', () => resolve(text));
    socket.write(
      `GET ${target} HTTP/1.1\r\nhost: ${host}\r\nauthorization: Bearer ${DUMMY}\r\nconnection: Upgrade\r\nupgrade: ${protocol}\r\n` +
        `sec-websocket-version: 13\r\nsec-websocket-key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n`,
    );
  });
}
