import type {IncomingMessage} from 'node:http';
import {ProxyError} from '../errors';
import type {Target} from '../exchange';

/** The tunnel an intercepted request arrived through. */
export interface TunnelInfo {
  host: string;
  port: number;
  agent?: string;
}

/** Stage 0: the URL the agent wants, from absolute-form (plain proxy) or tunnel + origin-form (intercepted). */
export function parseTarget(req: IncomingMessage, tunnel?: TunnelInfo): Target {
  const raw = req.url ?? '';
  if (tunnel) {
    let path = raw;
    if (!raw.startsWith('/')) {
      // Absolute-form inside a tunnel is legal, but it may not point elsewhere.
      const url = tryUrl(raw);
      if (!url || url.hostname.toLowerCase() !== tunnel.host) throw new ProxyError('bad_request', `request target ${clip(raw)} does not match the tunnel to ${tunnel.host}`);
      path = url.pathname + url.search;
    }
    const origin = tunnel.port === 443 ? `https://${tunnel.host}` : `https://${tunnel.host}:${tunnel.port}`;
    const url = tryUrl(origin + path);
    if (!url) throw new ProxyError('bad_request', `malformed request target ${clip(raw)}`);
    return {url, intercepted: true};
  }
  if (raw.startsWith('/') || raw === '*') {
    throw new ProxyError('bad_request', 'tf is a forward proxy: send absolute-form requests (set HTTP_PROXY/HTTPS_PROXY) or CONNECT');
  }
  const url = tryUrl(raw);
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || !url.hostname) {
    throw new ProxyError('bad_request', `malformed request target ${clip(raw)}`);
  }
  if (url.username || url.password) throw new ProxyError('bad_request', 'credentials in the request URL are not allowed');
  return {url, intercepted: false};
}

function tryUrl(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}

function clip(text: string): string {
  return JSON.stringify(text.length > 80 ? text.slice(0, 77) + '...' : text);
}
