import type {CaFiles} from './ca';

/** What an agent needs in its environment to go through the proxy and trust its CA. */
export function proxyEnvironment(proxyUrl: string, ca: CaFiles): Record<string, string> {
  return {
    HTTP_PROXY: proxyUrl,
    HTTPS_PROXY: proxyUrl,
    // curl and many Unix tools only read the lower-case names.
    http_proxy: proxyUrl,
    https_proxy: proxyUrl,
    NODE_EXTRA_CA_CERTS: ca.certPath,
    // These replace the trust store, so they point at the bundle (tf CA + public roots).
    SSL_CERT_FILE: ca.bundlePath,
    REQUESTS_CA_BUNDLE: ca.bundlePath,
    CURL_CA_BUNDLE: ca.bundlePath,
  };
}

/** The proxy URL with credentials for an agent; `token` may be a shell reference like `${TF_PROXY_TOKEN}`. */
export function proxyUrlFor(base: string, agent?: string, token?: string): string {
  if (!agent && !token) return base;
  const url = new URL(base);
  // undici sends Proxy-Authorization only when the URL has a user and a non-empty password: the proxy ignores it without auth.
  return `${url.protocol}//${encodeURIComponent(agent ?? 'agent')}:${token || 'tf'}@${url.host}`;
}
