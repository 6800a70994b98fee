import type {IncomingMessage} from 'node:http';
import type {Socket} from 'node:net';
import type {Duplex} from 'node:stream';
import {ProxyError, upstreamError, writeRawError} from './errors';
import {elapsed, newExchange, type Exchange} from './exchange';
import {admit, closeSignal, type InterceptedTunnel, type PipelineDeps} from './pipeline';
import {auditEntry} from './stages/record';

/** Where an upstream's response head ends. */
const HEAD_END = Buffer.from('\r\n\r\n');
const MAX_RESPONSE_HEAD = 64 * 1024;

/**
 * A protocol upgrade (WebSocket: OpenAI Realtime, Slack Socket Mode), plain or inside an intercepted tunnel.
 * It is admitted like any request (classified, decided, credentials swapped), then the proxy opens its own
 * connection to the upstream, sends the upgrade request and, on `101`, relays bytes both ways untouched
 * until either side closes. Anything else the upstream answers is relayed and the connection closed.
 * One audit line when it ends, with status 101 and the bytes each way.
 */
export function handleUpgrade(deps: PipelineDeps, req: IncomingMessage, agent: Duplex, head: Buffer, tunnel?: InterceptedTunnel): void {
  const ex = newExchange(req.method ?? 'GET', tunnel?.agent);
  let upstream: Socket | undefined;
  let recorded = false;
  const tracked = deps.inflight.begin(ex, () => {
    agent.destroy();
    upstream?.destroy();
  });
  const finish = () => {
    if (recorded) return;
    recorded = true;
    if (ex.tForward !== undefined && ex.upstreamMs === undefined) ex.upstreamMs = elapsed(ex.tForward);
    deps.inflight.end(tracked);
    deps.record(auditEntry(ex));
  };
  agent.on('error', () => agent.destroy());
  // No half-open sessions: an agent that stopped sending is gone (the pipe passes the end on upstream first).
  agent.once('end', () => agent.end());
  agent.once('close', () => {
    upstream?.destroy();
    finish();
  });
  const refuse = (error: unknown) => {
    const failure = error instanceof ProxyError ? error : internal(deps, error);
    ex.error ??= failure;
    ex.status ??= failure.status;
    writeRawError(agent, failure, ex.id, ex.action?.type);
  };

  void (async () => {
    // Only WebSocket: an h2c (or other) upgrade would carry many requests past classification on one connection.
    if (String(req.headers.upgrade ?? '').toLowerCase() !== 'websocket') {
      throw new ProxyError('not_supported', `protocol upgrade to ${JSON.stringify(String(req.headers.upgrade ?? ''))} is not supported through tf (only WebSocket)`);
    }
    const admitted = await admit(deps, req, ex, () => closeSignal(agent), tunnel, false);
    const route = deps.settings.routes.get(admitted.url.hostname);
    const origin = route ? route.origin : admitted.url.origin;
    // The two headers that make it an upgrade are hop-by-hop: the pipeline dropped them, this hop sends its own.
    const headers = {...admitted.headers, connection: 'Upgrade', upgrade: String(req.headers.upgrade)};
    ex.tForward = performance.now();
    try {
      upstream = await deps.upstreams.connect(origin);
    } catch (error) {
      throw upstreamError(error, origin);
    }
    if (agent.destroyed) return upstream.destroy();
    let failure: Error | undefined;
    upstream.on('error', (error) => (failure = error));
    upstream.once('close', () => {
      // Gone before answering: the agent hears why. After the head, a clean end drains and a reset cuts.
      if (ex.upstreamStatus === undefined) refuse(failure ? upstreamError(failure, origin) : new ProxyError('upstream_reset', `upstream ${origin} closed the connection without answering the upgrade`));
      else if (failure) agent.destroy();
      else agent.end();
    });
    upstream.write(requestHead(ex.method, admitted.url.pathname + admitted.url.search, headers));
    if (head.length) upstream.write(head);
    relayAfterHead(ex, agent, upstream);
  })().catch(refuse);
}

/** Waits for the upstream's response head, hands it to the agent (with the x-tf headers), then pipes both ways. */
function relayAfterHead(ex: Exchange, agent: Duplex, upstream: Socket): void {
  let buffered: Buffer = Buffer.alloc(0);
  const onData = (chunk: Buffer) => {
    buffered = buffered.length ? Buffer.concat([buffered, chunk]) : chunk;
    const end = buffered.indexOf(HEAD_END);
    if (end === -1) {
      if (buffered.length > MAX_RESPONSE_HEAD) upstream.destroy();
      return;
    }
    upstream.off('data', onData);
    const headText = buffered.subarray(0, end).toString('latin1');
    const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(headText)?.[1] ?? 0);
    ex.upstreamStatus = status;
    ex.status = status;
    ex.upstreamMs = elapsed(ex.tForward!);
    ex.overheadMs = elapsed(ex.t0, ex.tForward);
    const tfHeaders = `\r\nx-tf-request-id: ${ex.id}${ex.action ? `\r\nx-tf-action: ${ex.action.type}` : ''}`;
    const rest = buffered.subarray(end);
    agent.write(Buffer.concat([Buffer.from(headText + tfHeaders, 'latin1'), rest]));
    ex.bytesOut += rest.length - HEAD_END.length;
    if (status !== 101) {
      // Refused by the upstream (401, 426...): the answer goes back as it is, then the connection ends.
      upstream.on('data', (c: Buffer) => (ex.bytesOut += c.length));
      upstream.pipe(agent);
      return;
    }
    agent.on('data', (c: Buffer) => (ex.bytesIn += c.length));
    upstream.on('data', (c: Buffer) => (ex.bytesOut += c.length));
    agent.pipe(upstream);
    upstream.pipe(agent);
  };
  upstream.on('data', onData);
}

function requestHead(method: string, path: string, headers: Record<string, string | string[] | undefined>): string {
  let text = `${method} ${path} HTTP/1.1\r\n`;
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) text += `${name}: ${v}\r\n`;
  }
  return text + '\r\n';
}

function internal(deps: PipelineDeps, error: unknown): ProxyError {
  deps.onInternalError(error);
  return new ProxyError('internal', 'internal proxy error');
}
