import {connect as netConnect, isIP, type Socket} from 'node:net';
import {connect as tlsConnect, createSecureContext, rootCertificates, type SecureContext} from 'node:tls';
import type {Dispatcher, Pool} from 'undici';

export interface UpstreamOptions {
  /** Extra CA (PEM) trusted besides the public roots. */
  upstreamCa?: string;
  timeoutMs: number;
  connectTimeoutMs: number;
}

type Undici = typeof import('undici');

/** A keep-alive undici Pool per upstream origin; undici itself is loaded on first use, not at start-up. */
export class Upstreams {
  private undici?: Undici;
  private context?: SecureContext;
  private readonly pools = new Map<string, Pool>();

  constructor(private readonly options: UpstreamOptions) {}

  /** Loads undici (a lazy require: the CLI's other commands never pay for it). */
  load(): Undici {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return (this.undici ??= require('undici') as Undici);
  }

  /** The pool for an origin such as https://api.github.com or a `proxy.routes` target. */
  pool(origin: string): Dispatcher {
    let pool = this.pools.get(origin);
    if (!pool) {
      this.load();
      const {timeoutMs, connectTimeoutMs} = this.options;
      pool = new this.undici!.Pool(origin, {
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
        keepAliveTimeout: 10_000,
        connect: {
          timeout: connectTimeoutMs,
          rejectUnauthorized: true,
          secureContext: this.secureContext(),
        },
      });
      this.pools.set(origin, pool);
    }
    return pool;
  }

  /** One context for every upstream connection: building one per connection (parsing ~140 roots) costs milliseconds. */
  private secureContext(): SecureContext {
    const {upstreamCa} = this.options;
    // `ca` replaces the default store, so the public roots stay beside the extra CA.
    return (this.context ??= createSecureContext(upstreamCa ? {ca: [...rootCertificates, upstreamCa]} : {}));
  }

  /**
   * A raw connection to an origin, for protocols that leave HTTP after an upgrade (WebSocket); TLS is verified
   * as for the pools. Resolves once connected (and the handshake is done), or rejects with the socket error.
   */
  connect(origin: string): Promise<Socket> {
    const url = new URL(origin);
    const secure = url.protocol === 'https:';
    const host = url.hostname.replace(/^\[|\]$/g, '');
    const port = Number(url.port) || (secure ? 443 : 80);
    return new Promise((resolve, reject) => {
      const socket: Socket = secure
        ? tlsConnect({host, port, servername: isIP(host) ? undefined : host, secureContext: this.secureContext(), ALPNProtocols: ['http/1.1']})
        : netConnect({host, port});
      const timer = setTimeout(() => socket.destroy(Object.assign(new Error(`connect timeout after ${this.options.connectTimeoutMs} ms`), {code: 'UND_ERR_CONNECT_TIMEOUT'})), this.options.connectTimeoutMs);
      const fail = (error: Error) => {
        clearTimeout(timer);
        reject(error);
      };
      socket.once('error', fail);
      socket.once(secure ? 'secureConnect' : 'connect', () => {
        clearTimeout(timer);
        socket.off('error', fail);
        resolve(socket);
      });
    });
  }

  async close(): Promise<void> {
    const pools = [...this.pools.values()];
    this.pools.clear();
    await Promise.all(pools.map((p) => p.close().catch(() => p.destroy())));
  }

  destroy(): void {
    for (const pool of this.pools.values()) void pool.destroy().catch(() => undefined);
    this.pools.clear();
  }
}
