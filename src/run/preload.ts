/**
 * Loaded into Node children of `tf run` through NODE_OPTIONS=--require.
 * Node 20 ignores HTTP(S)_PROXY: global fetch gets undici's EnvHttpProxyAgent, and every
 * https.Agent (incl. ones SDKs create at import time) tunnels through CONNECT when the env says so.
 * Plain CommonJS on purpose: it runs before the child's own code, and must not throw.
 */
import http from 'node:http';
import https from 'node:https';
import tls from 'node:tls';

type Callback = (error: Error | null, socket?: tls.TLSSocket) => void;

function proxyFor(host: string): URL | undefined {
  const raw = process.env.HTTPS_PROXY ?? process.env.https_proxy;
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
    if (proxy.username) {
      headers['proxy-authorization'] = 'Basic ' + Buffer.from(`${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`).toString('base64');
    }
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

installFetchProxy();
installHttpsTunnel();
