import {timingSafeEqual} from 'node:crypto';
import {ProxyError} from '../errors';

/** Stage 0b: who is asking. With a proxy token configured it must match; the Basic username names the agent. */
export function authenticate(header: string | undefined, expectedToken: string | undefined): string | undefined {
  const credentials = parseProxyAuthorization(header);
  if (expectedToken !== undefined) {
    if (!credentials || !safeEqual(credentials.token, expectedToken)) {
      throw new ProxyError('proxy_auth_required', header ? 'proxy credentials rejected' : 'this proxy requires Proxy-Authorization (use http://AGENT:TOKEN@host:port)');
    }
  }
  return credentials?.user || undefined;
}

export function parseProxyAuthorization(header: string | undefined): {user: string; token: string} | undefined {
  if (!header) return undefined;
  const space = header.indexOf(' ');
  const scheme = header.slice(0, space).toLowerCase();
  const value = header.slice(space + 1).trim();
  if (scheme === 'basic') {
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon === -1) return {user: '', token: decoded};
    return {user: safeName(decodeURIComponentSafe(decoded.slice(0, colon))), token: decoded.slice(colon + 1)};
  }
  if (scheme === 'bearer') return {user: '', token: value};
  return undefined;
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Agent names land in logs: keep them printable and short. */
function safeName(name: string): string {
  return name.replace(/[^\w.@-]/g, '_').slice(0, 64);
}
