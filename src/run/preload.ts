/**
 * Loaded into Node children of `tf run` through NODE_OPTIONS=--require.
 * Node 20 ignores HTTP(S)_PROXY: global fetch gets undici's EnvHttpProxyAgent, every https.Agent
 * (incl. ones SDKs create at import time) tunnels through CONNECT, and plain-http agents send
 * absolute-form requests to the proxy, when the env says so.
 * Plain CommonJS on purpose: it runs before the child's own code, and must not throw.
 */
import http from 'node:http';
import https from 'node:https';
import tls from 'node:tls';

type Callback = (error: Error | null, socket?: tls.TLSSocket) => void;

function proxyFor(host: string, scheme: 'http' | 'https' = 'https'): URL | undefined {
  const raw = scheme === 'https' ? (process.env.HTTPS_PROXY ?? process.env.https_proxy) : (process.env.HTTP_PROXY ?? process.env.http_proxy);
  if (!raw) return undefined;
  const noProxy = (process.env.NO_PROXY ?? process.env.no_proxy ?? '').split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
  const target = host.toLowerCase().replace(/^\[|\]$/g, '');
  if (noProxy.some((entry) => entry === '*' || target === entry || target.endsWith(entry.startsWith('.') ? entry : `.${entry}`))) return undefined;
  try {
    return new URL(raw);
  } catch {
    return undefined;
  }
}

function installFetchProxy(): void {
  try {
    const undici = require(process.env.TF_UNDICI_PATH ?? 'undici') as typeof import('undici');
    undici.setGlobalDispatcher(new undici.EnvHttpProxyAgent());
  } catch {
    // Without undici the child still runs; `tf doctor` reports fetch as not proxied.
  }
}

function installHttpsTunnel(): void {
  const original = https.Agent.prototype.createConnection as unknown as (this: https.Agent, options: tls.ConnectionOptions, cb?: Callback) => tls.TLSSocket;
  const patched = function (this: https.Agent, options: tls.ConnectionOptions & {host?: string; port?: number | string}, callback?: Callback) {
    const host = options.host ?? 'localhost';
    const port = Number(options.port ?? 443);
    const proxy = proxyFor(host);
    if (!proxy || typeof callback !== 'function') return original.call(this, options, callback);
    const headers: Record<string, string> = {host: `${host}:${port}`};
    if (proxy.username) headers['proxy-authorization'] = basicAuth(proxy);
    const connect = http.request({host: proxy.hostname, port: Number(proxy.port || 80), method: 'CONNECT', path: `${host}:${port}`, headers, agent: false});
    connect.once('connect', (response, socket) => {
      if (response.statusCode !== 200) {
        socket.destroy();
        callback(new Error(`proxy refused CONNECT ${host}:${port}: ${response.statusCode}`));
        return;
      }
      callback(null, tls.connect({...options, socket, servername: options.servername ?? host}));
    });
    connect.once('error', (error) => callback(error));
    connect.end();
    return undefined;
  };
  https.Agent.prototype.createConnection = patched as unknown as typeof https.Agent.prototype.createConnection;
}

function basicAuth(proxy: URL): string {
  return 'Basic ' + Buffer.from(`${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`).toString('base64');
}

/** http:// through http.Agent (the module's global agent or any plain one): absolute-form to the proxy. */
function installHttpProxy(): void {
  // addRequest is how ClientRequest hands itself to its agent: undocumented, but stable since Node 0.x and what
  // proxy-agent libraries override too. It runs before the request head is written, so the path can still change.
  type AddRequest = (this: http.Agent, req: http.ClientRequest, options: http.RequestOptions) => void;
  const proto = http.Agent.prototype as unknown as {addRequest: AddRequest};
  const original = proto.addRequest;
  const patched = function (this: http.Agent & {protocol?: string}, req: http.ClientRequest & {_header?: string | null}, options: http.RequestOptions) {
    const host = options.host ?? 'localhost';
    // https.Agent inherits addRequest: it tunnels in createConnection instead. A head already written cannot change.
    const proxy = this.protocol === 'http:' && !req._header && req.path.startsWith('/') ? proxyFor(host, 'http') : undefined;
    if (!proxy) return original.call(this, req, options);
    const port = Number(options.port ?? 80);
    req.path = `http://${host.includes(':') ? `[${host}]` : host}${port === 80 ? '' : `:${port}`}${req.path}`;
    if (proxy.username) req.setHeader('proxy-authorization', basicAuth(proxy));
    return original.call(this, req, {...options, host: proxy.hostname, hostname: proxy.hostname, port: Number(proxy.port || 80)});
  };
  proto.addRequest = patched as unknown as AddRequest;
}

installFetchProxy();
installHttpsTunnel();
installHttpProxy();
