import {spawn, type ChildProcess} from 'node:child_process';
import {mkdtempSync, readFileSync, existsSync, writeFileSync, rmSync} from 'node:fs';
import {createServer as createHttpServer, request as httpRequest, type IncomingMessage, type ServerResponse, type Server} from 'node:http';
import {createServer as createHttpsServer} from 'node:https';
import type {AddressInfo, Socket} from 'node:net';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {connect as tlsConnect} from 'node:tls';
import {createCertificateAuthority, issueServerCertificate, type KeyPairPem} from '../../src/proxy/ca';
import type {AuditRecord} from '../../src/audit/entry';
import {TF_BIN, REPO_ROOT} from '../helpers/cli';

export function tempDir(prefix = 'tf-proxy-'): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}

export function removeDir(dir: string): void {
  rmSync(dir, {recursive: true, force: true});
}

export interface Captured {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

export type Handler = (req: IncomingMessage, res: ServerResponse, captured: Captured[]) => void;

/** Records every request (with its full body) and answers 200 `{"ok":true}` unless `handler` takes over. */
const recordAndAnswer = (handler?: Handler) => (captured: Captured[]) => (req: IncomingMessage, res: ServerResponse) => {
  if (handler) return handler(req, res, captured);
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    captured.push({method: req.method!, path: req.url!, headers: req.headers, body: Buffer.concat(chunks)});
    res.writeHead(200, {'content-type': 'application/json'});
    res.end('{"ok":true}');
  });
};

export interface Upstream {
  port: number;
  origin: string;
  requests: Captured[];
  /** TCP connections ever accepted (to prove denied requests never arrive). */
  connections: () => number;
  server: Server;
  close(): Promise<void>;
}

async function listen(server: Server, scheme: string): Promise<Upstream> {
  let connections = 0;
  const sockets = new Set<Socket>();
  server.on('connection', (s: Socket) => {
    connections++;
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const {port} = server.address() as AddressInfo;
  return {
    port,
    origin: `${scheme}://127.0.0.1:${port}`,
    requests: (server as unknown as {captured: Captured[]}).captured,
    connections: () => connections,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

export async function startHttpUpstream(handler?: Handler): Promise<Upstream> {
  const captured: Captured[] = [];
  const server = createHttpServer(recordAndAnswer(handler)(captured));
  (server as unknown as {captured: Captured[]}).captured = captured;
  return listen(server, 'http');
}

/** A TLS upstream with a certificate for `hosts` from `ca` (the test's "public" CA, trusted through proxy.upstreamCa). */
export async function startTlsUpstream(ca: KeyPairPem, hosts: string[], handler?: Handler): Promise<Upstream> {
  const captured: Captured[] = [];
  const leaf = issueServerCertificate(ca, hosts);
  const server = createHttpsServer({key: leaf.keyPem, cert: leaf.certPem}, recordAndAnswer(handler)(captured));
  (server as unknown as {captured: Captured[]}).captured = captured;
  return listen(server, 'https');
}

export function makeUpstreamCa(dir: string): {ca: KeyPairPem; caPath: string} {
  const ca = createCertificateAuthority('tf test upstream CA');
  const caPath = path.join(dir, 'upstream-ca.pem');
  writeFileSync(caPath, ca.certPem);
  return {ca, caPath};
}

export interface ProxyProcess {
  child: ChildProcess;
  pid: number;
  url: string;
  port: number;
  caPath: string;
  auditLog: string;
  stderr: () => string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Spawns `bin/run.js proxy start --port 0 --json` (a separate process, so its memory can be measured). */
export function startProxyProcess(options: {cwd: string; env?: Record<string, string | undefined>; args?: string[]}): Promise<ProxyProcess> {
  const env: Record<string, string | undefined> = {...process.env, NO_COLOR: '1', ...options.env};
  for (const name of ['HTTP_PROXY', 'HTTPS_PROXY', 'http_proxy', 'https_proxy', 'NO_PROXY', 'no_proxy']) delete env[name];
  const child = spawn(process.execPath, [TF_BIN, 'proxy', 'start', '--port', '0', '--json', ...(options.args ?? [])], {
    cwd: options.cwd,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (d) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`proxy did not start: ${stderr}`)), 20000);
    child.on('exit', (code) => reject(new Error(`proxy exited ${code}: ${stderr}`)));
    child.stdout!.setEncoding('utf8').on('data', (d) => {
      stdout += d;
      const line = stdout.split('\n').find((l) => l.startsWith('{'));
      if (!line || !stdout.includes('\n')) return;
      clearTimeout(timer);
      const info = JSON.parse(line) as {url: string; port: number; caPath: string; auditLog: string};
      resolve({
        child,
        pid: child.pid!,
        ...info,
        stderr: () => stderr,
        stop: async (signal = 'SIGTERM') => {
          if (child.exitCode === null) child.kill(signal);
          return exited;
        },
      });
    });
  });
}

export interface CurlResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs curl with only the environment given (no inherited proxy variables). */
export function curl(args: string[], env: Record<string, string> = {}, input?: Buffer | string): Promise<CurlResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('curl', ['-sS', ...args], {env: {PATH: process.env.PATH ?? '/usr/bin:/bin', ...env}, stdio: ['pipe', 'pipe', 'pipe']});
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({code, stdout, stderr}));
    child.stdin.end(input ?? '');
  });
}

/** Splits `curl -i` output into status, headers and body (skipping the CONNECT response). */
export function parseCurlResponse(text: string): {status: number; headers: Record<string, string>; body: string} {
  let rest = text;
  // Skip "HTTP/1.1 200 Connection Established" and any 1xx blocks.
  while (/^HTTP\/[\d.]+ (1\d\d|200 Connection established)/i.test(rest)) rest = rest.slice(rest.indexOf('\r\n\r\n') + 4);
  const end = rest.indexOf('\r\n\r\n');
  const head = rest.slice(0, end).split('\r\n');
  const status = Number(head[0].split(' ')[1]);
  const headers: Record<string, string> = {};
  for (const line of head.slice(1)) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
  }
  return {status, headers, body: rest.slice(end + 4)};
}

export function readAudit(file: string): AuditRecord[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as AuditRecord);
}

/** Polls the audit log (the proxy flushes once per event-loop turn) until a record matches. */
export async function waitForAudit(file: string, match: (r: AuditRecord) => boolean, timeoutMs = 5000): Promise<AuditRecord> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = readAudit(file).find(match);
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no audit record matched in ${file}:\n${existsSync(file) ? readFileSync(file, 'utf8') : '(missing)'}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

export interface RawResponse {
  status: number;
  headers: IncomingMessage['headers'];
  body: string;
}

/** A plain-HTTP proxy request in absolute form. */
export function proxyRequest(
  proxyPort: number,
  url: string,
  options: {method?: string; headers?: Record<string, string>; body?: string | Buffer} = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const req = httpRequest(
      {host: '127.0.0.1', port: proxyPort, method: options.method ?? 'GET', path: url, headers: {host: target.host, ...options.headers}, agent: false},
      (res) => {
        let body = '';
        res.setEncoding('utf8').on('data', (d) => (body += d));
        res.on('end', () => resolve({status: res.statusCode!, headers: res.headers, body}));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

/** Sends raw bytes to the proxy and returns everything it answers before closing (or `waitMs`). */
export function rawExchange(port: number, bytes: string | Buffer, waitMs = 2000): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = require('node:net').connect(port, '127.0.0.1') as Socket;
    let data = '';
    const timer = setTimeout(() => socket.destroy(), waitMs);
    socket.on('connect', () => socket.write(bytes));
    socket.setEncoding('utf8').on('data', (d) => (data += d));
    socket.on('error', reject);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(data);
    });
  });
}

/** CONNECT through the proxy, then TLS with `ca` trusted; resolves the secure socket or the refusal status. */
export function connectTunnel(proxyPort: number, host: string, port: number, ca: string, headers: Record<string, string> = {}): Promise<{status: number; socket?: import('node:tls').TLSSocket; body?: string}> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({host: '127.0.0.1', port: proxyPort, method: 'CONNECT', path: `${host}:${port}`, headers, agent: false});
    req.on('connect', (res, socket, head) => {
      if (res.statusCode !== 200) {
        let body = head.toString();
        socket.on('data', (d: Buffer) => (body += d.toString()));
        socket.on('close', () => resolve({status: res.statusCode!, body}));
        socket.on('error', () => resolve({status: res.statusCode!, body}));
        return;
      }
      const secure = tlsConnect({socket, servername: host, ca});
      secure.once('secureConnect', () => resolve({status: 200, socket: secure}));
      secure.once('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

export const REPO = REPO_ROOT;
