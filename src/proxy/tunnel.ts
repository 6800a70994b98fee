import type {IncomingMessage, Server} from 'node:http';
import {connect as netConnect, type Socket} from 'node:net';
import type {Duplex} from 'node:stream';
import {TLSSocket} from 'node:tls';
import {blankEntry, type AuditEntry} from '../audit/entry';
import type {LeafCertificates} from './ca';
import type {PipelineDeps, InterceptedTunnel} from './pipeline';
import {ProxyError, writeRawError} from './errors';
import {elapsed, newExchange} from './exchange';
import {authenticate} from './stages/authenticate';
import {resolveConnector} from './stages/resolve';

export const TUNNEL = Symbol('tf.tunnel');
export type TunnelSocket = TLSSocket & {[TUNNEL]?: InterceptedTunnel};

export interface TunnelDeps extends PipelineDeps {
  leaves: LeafCertificates;
  /** The HTTP server intercepted TLS connections are handed to. */
  inner: Server;
  /** Open sockets that bypass the HTTP servers' bookkeeping, closed on shutdown. */
  sockets: Set<Duplex>;
}

/** `host:port` of a CONNECT, with IPv6 in brackets. */
export function parseAuthority(authority: string): {host: string; port: number} | undefined {
  const match = /^(?:\[([0-9a-f:.]+)\]|([^:\s/[\]]+)):(\d{1,5})$/i.exec(authority);
  if (!match) return undefined;
  const port = Number(match[3]);
  if (port < 1 || port > 65535) return undefined;
  return {host: (match[1] ?? match[2]).toLowerCase(), port};
}

/**
 * CONNECT: hosts with a connector are intercepted (TLS terminated with a leaf from the local CA, inner requests
 * run the pipeline), passthrough hosts are tunnelled blind and recorded host-only, everything else gets 403.
 */
export function handleConnect(deps: TunnelDeps, req: IncomingMessage, socket: Duplex, head: Buffer): void {
  const ex = newExchange('CONNECT');
  socket.on('error', () => socket.destroy());
  const refuse = (error: ProxyError, extra: Partial<AuditEntry> = {}) => {
    writeRawError(socket, error, ex.id);
    deps.record({
      ...connectEntry(ex.id, ex.time, ex.agent, req.url ?? null),
      decision: error.type === 'no_connector' ? 'deny' : null,
      status: error.status,
      overheadMs: elapsed(ex.t0),
      error: error.type,
      message: error.message,
      ...extra,
    });
  };
  const authority = parseAuthority(req.url ?? '');
  if (!authority) return refuse(new ProxyError('bad_request', 'CONNECT needs host:port'));
  try {
    ex.agent = authenticate(req.headers['proxy-authorization'], deps.authToken);
  } catch (error) {
    return refuse(error as ProxyError);
  }
  let resolution;
  try {
    resolution = resolveConnector(deps.registry, deps.settings.passthrough, authority.host);
  } catch (error) {
    return refuse(error as ProxyError);
  }
  if (resolution.kind === 'passthrough') return tunnelBlind(deps, socket, head, authority, ex.id, ex.time, ex.agent);

  let context;
  try {
    context = deps.leaves.contextFor(authority.host);
  } catch (error) {
    deps.onInternalError(error);
    return refuse(new ProxyError('internal', 'could not issue a certificate for the host'), {connector: resolution.instance.config.name});
  }
  socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
  if (head.length) socket.unshift(head);
  const tls = new TLSSocket(socket as Socket, {isServer: true, secureContext: context, ALPNProtocols: ['http/1.1']}) as TunnelSocket;
  tls[TUNNEL] = {host: authority.host, port: authority.port, agent: ex.agent, instance: resolution.instance};
  deps.sockets.add(socket);
  socket.once('close', () => deps.sockets.delete(socket));
  deps.inner.emit('connection', tls);
}

function tunnelBlind(deps: TunnelDeps, socket: Duplex, head: Buffer, target: {host: string; port: number}, id: string, time: number, agent?: string): void {
  const t0 = performance.now();
  let bytesIn = head.length;
  let bytesOut = 0;
  let failure: ProxyError | undefined;
  let established = false;
  const upstream = netConnect({host: target.host, port: target.port});
  deps.sockets.add(socket);
  deps.sockets.add(upstream);
  upstream.setTimeout(deps.settings.connectTimeoutMs, () => {
    if (!established) {
      failure = new ProxyError('upstream_timeout', `connecting to ${target.host}:${target.port} timed out`);
      upstream.destroy();
    }
  });
  upstream.once('connect', () => {
    established = true;
    upstream.setTimeout(0);
    socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
    if (head.length) upstream.write(head);
    socket.on('data', (chunk: Buffer) => (bytesIn += chunk.length));
    upstream.on('data', (chunk: Buffer) => (bytesOut += chunk.length));
    socket.pipe(upstream);
    upstream.pipe(socket);
  });
  upstream.on('error', (error: NodeJS.ErrnoException) => {
    if (!established) failure ??= new ProxyError(error.code === 'ECONNREFUSED' ? 'upstream_unreachable' : 'upstream_unreachable', `${target.host}:${target.port}: ${error.code ?? error.message}`);
  });
  let done = false;
  const finish = () => {
    if (done) return;
    done = true;
    deps.sockets.delete(socket);
    deps.sockets.delete(upstream);
    if (!established && failure) writeRawError(socket, failure, id);
    else socket.destroy();
    upstream.destroy();
    deps.record({
      ...connectEntry(id, time, agent, `${target.host}:${target.port}`),
      kind: 'tunnel',
      decision: 'passthrough',
      status: established ? 200 : (failure?.status ?? 502),
      upstreamMs: elapsed(t0),
      overheadMs: null,
      bytesIn,
      bytesOut,
      ...(failure ? {error: failure.type, message: failure.message} : {}),
    });
  };
  upstream.once('close', finish);
  socket.once('close', finish);
}

function connectEntry(id: string, time: number, agent: string | undefined, host: string | null): AuditEntry {
  return {...blankEntry('connect', id, new Date(time).toISOString()), agent: agent ?? null, method: 'CONNECT', host: host && host.length <= 300 ? host : null};
}
