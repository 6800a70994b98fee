import {createServer, request, type IncomingMessage, type Server} from 'node:http';
import type {AddressInfo} from 'node:net';
import {spawn, type ChildProcess} from 'node:child_process';
import path from 'node:path';
import type {PendingApproval} from '../../src/approvals/broker';
import {callProxies} from '../../src/approvals/control-channel';
import type {KillSwitchEvent} from '../../src/decision';
import {workspace, type Workspace} from '../policy/helpers';

export interface Received {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/** A local upstream standing in for the API: records what arrives, answers 200 JSON. */
export async function startUpstream(): Promise<{origin: string; received: Received[]; close(): Promise<void>}> {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8').on('data', (c: string) => (body += c));
    req.on('end', () => {
      received.push({method: req.method!, path: req.url!, headers: req.headers, body});
      res.writeHead(200, {'content-type': 'application/json'});
      res.end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const {port} = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface Reply {
  status: number;
  headers: IncomingMessage['headers'];
  body: string;
  json(): {error?: {type: string; message: string}} & Record<string, unknown>;
}

/** A real HTTP client request through the proxy (absolute-form, as HTTP_PROXY clients send it). */
export function viaProxy(proxyUrl: string, method: string, url: string, body?: string): Promise<Reply> {
  const proxy = new URL(proxyUrl);
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request(
      {host: proxy.hostname, port: proxy.port, method, path: url, headers: {host: target.host, authorization: 'Bearer agent-dummy', ...(body ? {'content-type': 'application/json'} : {})}},
      (res) => {
        let text = '';
        res.setEncoding('utf8').on('data', (c: string) => (text += c));
        res.on('end', () => resolve({status: res.statusCode!, headers: res.headers, body: text, json: () => JSON.parse(text)}));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

export interface GovernedProxy {
  ws: Workspace;
  url: string;
  pid: number;
  controlSocket: string;
  auditLog: string;
  upstream: Awaited<ReturnType<typeof startUpstream>>;
  /** Kill-switch events the proxy process's subscriber saw (what its audit writer would record). */
  events: KillSwitchEvent[];
  /** Stops and starts the proxy on the same data dir (state that must survive a restart). */
  restart(): Promise<void>;
  close(): Promise<void>;
}

const HARNESS = path.join(__dirname, 'fixtures/governed-proxy.js');

/**
 * The real proxy (startProxy) with createGovernance's decider, approval gate and kill switch, in a child
 * process, serving a generic connector on *.ops.test (and pay.test) routed to a local upstream.
 */
export async function startGovernedProxy(policies: unknown, hosts: string[] = ['a.ops.test', 'b.ops.test']): Promise<GovernedProxy> {
  const ws = workspace();
  const upstream = await startUpstream();
  ws.writeConfig(policies, {api: {type: 'generic', domains: ['*.ops.test'], tokenEnv: 'OPS_TOKEN'}, pay: {type: 'generic', domains: ['pay.test'], tokenEnv: 'OPS_TOKEN'}});
  const routes = Object.fromEntries([...hosts, 'pay.test'].map((h) => [h, upstream.origin]));
  const events: KillSwitchEvent[] = [];
  let child: ChildProcess;
  const start = () =>
    new Promise<{url: string; pid: number; controlSocket: string; auditLog: string}>((resolve, reject) => {
      child = spawn(process.execPath, [HARNESS, ws.config, ws.dataDir, JSON.stringify(routes)], {
        env: {...process.env, OPS_TOKEN: 'real-token', TF_DATA_DIR: ws.dataDir},
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      let buffer = '';
      let ready = false;
      child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
      child.stdout!.setEncoding('utf8').on('data', (d: string) => {
        buffer += d;
        let newline;
        while ((newline = buffer.indexOf('\n')) !== -1) {
          const message = JSON.parse(buffer.slice(0, newline));
          buffer = buffer.slice(newline + 1);
          if (message.killSwitchEvent) events.push(message.killSwitchEvent);
          else if (!ready) {
            ready = true;
            resolve(message);
          }
        }
      });
      child.on('exit', (code) => {
        if (!ready) reject(new Error(`governed proxy exited ${code}: ${stderr}`));
      });
    });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  let info = await start();
  const handle: GovernedProxy = {
    ws,
    upstream,
    events,
    get url() {
      return info.url;
    },
    get pid() {
      return info.pid;
    },
    get controlSocket() {
      return info.controlSocket;
    },
    get auditLog() {
      return info.auditLog;
    },
    async restart() {
      await stop();
      info = await start();
    },
    async close() {
      await stop();
      await upstream.close();
      ws.remove();
    },
  };
  return handle;
}

/** Waits until the proxy holds `count` requests (the agent's connection is open and waiting). */
export async function waitForPending(g: GovernedProxy, count = 1): Promise<PendingApproval[]> {
  let pending: PendingApproval[] = [];
  for (let i = 0; i < 300; i++) {
    const replies = await callProxies(g.ws.dataDir, {op: 'list'});
    pending = replies.flatMap((r) => (r.response as {approvals: PendingApproval[]}).approvals);
    if (pending.length >= count) return pending;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`expected ${count} pending approvals, have ${pending.length}`);
}

/** Polls until `check` passes (for effects another process applies asynchronously). */
export async function eventually<T>(check: () => T | Promise<T>, timeoutMs = 3000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 20));
    }
  }
}
