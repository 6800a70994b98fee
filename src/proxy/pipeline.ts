import type {IncomingMessage, ServerResponse} from 'node:http';
import type {Duplex} from 'node:stream';
import type {HttpRequestInfo, OutboundRequest} from '@tf/sdk';
import type {AuditEntry} from '../audit/entry';
import type {ConnectorInstance, ConnectorRegistry} from '../connectors/registry';
import type {ProxySettings} from './config';
import {ProxyError, sendError} from './errors';
import {newExchange, type Exchange} from './exchange';
import {outboundHeaders} from './headers';
import type {InflightEntry} from './inflight';
import {authenticate} from './stages/authenticate';
import {hasBody, readBodyForClassification, type BodySource} from './stages/body';
import {classifyAction} from './stages/classify';
import {decide, type DecisionHooks} from './stages/decide';
import {forward} from './stages/forward';
import {injectCredential} from './stages/inject';
import {auditEntry} from './stages/record';
import {resolveConnector} from './stages/resolve';
import {parseTarget, type TunnelInfo} from './stages/target';
import type {Upstreams} from './upstream';

/** A CONNECT tunnel being intercepted: its connector was resolved when the tunnel opened. */
export interface InterceptedTunnel extends TunnelInfo {
  instance: ConnectorInstance;
}

export interface PipelineDeps {
  registry: ConnectorRegistry;
  settings: ProxySettings;
  hooks: DecisionHooks;
  upstreams: Upstreams;
  env: NodeJS.ProcessEnv;
  /** Token env var for instances that name none (no config file: the type's conventional variable). */
  defaultTokenEnv: (type: string) => string | undefined;
  /** The proxy token agents must present, when `proxy.authTokenEnv` is set. */
  authToken?: string;
  record: (entry: AuditEntry) => void;
  onInternalError: (error: unknown) => void;
  /** In-flight exchanges, each with a way to cut it (the kill switch cuts streams in scope). */
  inflight: {begin(ex: Exchange, cut: () => void): InflightEntry<Exchange>; end(entry: InflightEntry<Exchange>): void};
}

/**
 * One request, start to finish: target → authenticate → resolve connector → buffer body if needed →
 * classify → decide → inject → forward; `record` runs once when the response closes, whatever happened.
 */
export function handleRequest(deps: PipelineDeps, req: IncomingMessage, res: ServerResponse, tunnel?: InterceptedTunnel): void {
  const ex = newExchange(req.method ?? 'GET', tunnel?.agent);
  const tracked = deps.inflight.begin(ex, () => {
    // The agent side first, so the upstream abort that follows is not reported as an upstream failure.
    res.destroy();
    ex.abortUpstream?.();
  });
  res.once('close', () => {
    if (ex.abortUpstream && !res.writableFinished) ex.abortUpstream();
    deps.inflight.end(tracked);
    deps.record(auditEntry(ex));
  });
  run(deps, req, res, ex, tunnel).catch((error: unknown) => {
    let failure: ProxyError;
    if (error instanceof ProxyError) failure = error;
    else {
      deps.onInternalError(error);
      failure = new ProxyError('internal', 'internal proxy error');
    }
    ex.error = failure;
    if (!res.headersSent) ex.status = failure.status;
    // An unread body would be drained by Node; closing is cheaper for a refused upload.
    sendError(res, failure, ex.id, hasBody(req) && !req.complete, ex.action?.type);
  });
}

async function run(deps: PipelineDeps, req: IncomingMessage, res: ServerResponse, ex: Exchange, tunnel?: InterceptedTunnel): Promise<void> {
  const admitted = await admit(deps, req, ex, () => closeSignal(res), tunnel, true);
  const route = deps.settings.routes.get(admitted.url.hostname);
  const origin = route ? route.origin : admitted.url.origin;
  const call = {origin, method: ex.method, path: admitted.url.pathname + admitted.url.search, headers: admitted.headers};
  forward(deps.upstreams.pool(origin), call, admitted.body, req, res, ex);
}

/** What may go upstream once a request is admitted: its real URL, the headers to send, its body. */
export interface Admission {
  url: URL;
  headers: OutboundRequest['headers'];
  body: BodySource;
}

/**
 * Stages 0–5, shared by plain requests and protocol upgrades: target → authenticate → resolve → body (when
 * `readBody`) → classify → decide → inject. Throws the ProxyError the agent gets; passthrough hosts come back
 * untouched with `ex.passthrough` set. `closed` gives a signal for an approval wait to stop on.
 */
export async function admit(deps: PipelineDeps, req: IncomingMessage, ex: Exchange, closed: () => AbortSignal, tunnel: InterceptedTunnel | undefined, readBody: boolean): Promise<Admission> {
  const target = parseTarget(req, tunnel);
  ex.target = target;
  if (!tunnel) ex.agent = authenticate(req.headers['proxy-authorization'], deps.authToken);
  const url = target.url;
  const host = url.hostname;
  const headers = outboundHeaders(req.headers, url.host);

  let instance = tunnel?.instance;
  if (!instance) {
    const resolution = resolveConnector(deps.registry, deps.settings.passthrough, host);
    if (resolution.kind === 'passthrough') {
      // Relayed untouched (no classification, no credentials), recorded host-only.
      ex.passthrough = true;
      return {url, headers, body: {streamed: hasBody(req)}};
    }
    instance = resolution.instance;
  }
  ex.instance = instance;

  const info: HttpRequestInfo = {method: ex.method, url, headers};
  const body = readBody ? await readBodyForClassification(req, instance.connector, info, deps.settings.bodyLimit, ex) : {streamed: false};
  const action = classifyAction(instance, info);
  ex.action = action;

  const verdict = await decide(deps.hooks, {action, connector: instance.config.name, agent: ex.agent, method: ex.method, host, path: url.pathname}, ex.id, closed);
  ex.decision = verdict.decision;
  ex.approval = verdict.approval;
  if (verdict.refusal) throw verdict.refusal;

  const outbound: OutboundRequest = {method: ex.method, url, headers, body: body.buffered};
  injectCredential(instance, outbound, deps.env, deps.defaultTokenEnv(instance.config.type));
  if (body.buffered) {
    // A connector may rewrite the body (Slack drops a `token` field): the length follows.
    const replaced = outbound.body && outbound.body !== body.buffered;
    if (replaced) body.buffered = Buffer.from(outbound.body!.buffer, outbound.body!.byteOffset, outbound.body!.byteLength);
    headers['content-length'] = String(body.buffered.length);
  }
  headers['x-tf-request-id'] = ex.id;
  return {url: outbound.url, headers, body};
}

/** Aborts when the agent's side closes (a response or an upgraded socket). */
export function closeSignal(side: ServerResponse | Duplex): AbortSignal {
  const controller = new AbortController();
  side.once('close', () => controller.abort());
  return controller.signal;
}
