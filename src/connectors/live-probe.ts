import type {Connector, HeaderMap} from '@tf/sdk';

export interface ProbeResult {
  ok: boolean;
  method: string;
  url: string;
  status?: number;
  latencyMs?: number;
  error?: string;
}

export interface ProbeOptions {
  token: string;
  tokenEnv: string;
  path?: string;
  /** `proxy.routes`: host → origin to connect to instead (local upstreams in tests and staging). */
  routes?: Record<string, string>;
  timeoutMs?: number;
}

/** Sends the connector's read-only probe with the real credential, through the same injection code the proxy uses. */
export async function runLiveProbe(connector: Connector, options: ProbeOptions): Promise<ProbeResult> {
  const probe = connector.liveProbe({path: options.path});
  if (!probe) return {ok: false, method: '-', url: '-', error: `connector type ${connector.type} defines no live probe; pass --path`};
  const url = new URL(connector.apiRoot() + (probe.path.startsWith('/') ? probe.path : `/${probe.path}`));
  const headers: HeaderMap = {'user-agent': 'tf-connector-test', accept: 'application/json'};
  for (const [k, v] of Object.entries(probe.headers ?? {})) headers[k.toLowerCase()] = v;
  const outbound = {method: probe.method, url, headers, body: probe.body ? Buffer.from(probe.body) : undefined};
  connector.injectCredentials(outbound, {token: options.token, envVar: options.tokenEnv});
  const route = options.routes?.[url.hostname];
  const target = route ? new URL(outbound.url.pathname + outbound.url.search, route) : outbound.url;
  if (route) outbound.headers.host = url.host;
  const {request} = await import('undici');
  const started = performance.now();
  try {
    const response = await request(target, {
      method: outbound.method as 'GET',
      headers: outbound.headers as Record<string, string>,
      body: outbound.body,
      headersTimeout: options.timeoutMs ?? 15000,
      bodyTimeout: options.timeoutMs ?? 15000,
    });
    await response.body.dump();
    const latencyMs = Math.round((performance.now() - started) * 10) / 10;
    return {ok: response.statusCode < 400, method: outbound.method, url: url.toString(), status: response.statusCode, latencyMs};
  } catch (error) {
    const cause = (error as {cause?: {code?: string}}).cause?.code ?? (error as {code?: string}).code;
    return {ok: false, method: outbound.method, url: url.toString(), error: `${cause ?? 'request failed'}: ${(error as Error).message}`};
  }
}
