import type {HeaderMap} from '@tf/sdk';

/** RFC 9110 §7.6.1 hop-by-hop headers, plus the proxy's own; undici also refuses several of them. */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authorization',
  'proxy-authenticate',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'expect',
  'http2-settings',
  'host',
  'x-tf-request-id',
]);

/** Names the sender listed in `Connection:` are hop-by-hop too. */
function connectionTokens(headers: HeaderMap): Set<string> | undefined {
  const value = headers.connection;
  if (!value || value === 'keep-alive' || value === 'close') return undefined;
  const text = Array.isArray(value) ? value.join(',') : value;
  const tokens = text.split(',').map((t) => t.trim().toLowerCase()).filter((t) => t && t !== 'close' && t !== 'keep-alive');
  return tokens.length ? new Set(tokens) : undefined;
}

function filter(headers: HeaderMap): HeaderMap {
  const listed = connectionTokens(headers);
  const out: HeaderMap = {};
  for (const name in headers) {
    if (HOP_BY_HOP.has(name) || listed?.has(name)) continue;
    const value = headers[name];
    if (value !== undefined) out[name] = value;
  }
  return out;
}

/** The agent's headers as they may leave the proxy (before credentials are swapped). */
export function outboundHeaders(headers: HeaderMap, host: string): HeaderMap {
  const out = filter(headers);
  out.host = host;
  return out;
}

/** The upstream's response headers as they may reach the agent. */
export function inboundHeaders(headers: HeaderMap): HeaderMap {
  return filter(headers);
}

export function headerText(headers: HeaderMap, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}
