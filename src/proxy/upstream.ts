import {createSecureContext, rootCertificates, type SecureContext} from 'node:tls';
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
      const {timeoutMs, connectTimeoutMs, upstreamCa} = this.options;
      pool = new this.undici!.Pool(origin, {
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
        keepAliveTimeout: 10_000,
        connect: {
          timeout: connectTimeoutMs,
          rejectUnauthorized: true,
          // One context for every upstream connection: building one per connection (parsing ~140 roots) costs milliseconds.
          // `ca` replaces the default store, so the public roots stay beside the extra CA.
          secureContext: (this.context ??= createSecureContext(upstreamCa ? {ca: [...rootCertificates, upstreamCa]} : {})),
        },
      });
      this.pools.set(origin, pool);
    }
    return pool;
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
