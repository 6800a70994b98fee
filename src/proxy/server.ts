import {createServer, type IncomingMessage, type Server} from 'node:http';
import type {Duplex} from 'node:stream';
import {blankEntry, type AuditEntry} from '../audit/entry';
import type {ConnectorRegistry} from '../connectors/registry';
import type {ProxySettings} from './config';
import type {LeafCertificates} from './ca';
import {ProxyError, writeRawError} from './errors';
import {newRequestId, type Exchange} from './exchange';
import {InflightList} from './inflight';
import {handleRequest, type PipelineDeps} from './pipeline';
import type {DecisionHooks} from './stages/decide';
import {handleConnect, TUNNEL, type TunnelDeps, type TunnelSocket} from './tunnel';
import {handleUpgrade} from './upgrade';
import type {Upstreams} from './upstream';

export interface ProxyServerDeps {
  registry: ConnectorRegistry;
  settings: ProxySettings;
  hooks: DecisionHooks;
  upstreams: Upstreams;
  leaves: LeafCertificates;
  env: NodeJS.ProcessEnv;
  defaultTokenEnv: (type: string) => string | undefined;
  authToken?: string;
  record: (entry: AuditEntry) => void;
  onInternalError: (error: unknown) => void;
}

/**
 * The HTTP plumbing only: an outer server for absolute-form requests and CONNECT, an inner one that
 * intercepted TLS sockets are handed to. All request logic lives in the pipeline.
 */
export class ProxyServer {
  readonly outer: Server;
  private readonly inner: Server;
  private readonly sockets = new Set<Duplex>();
  /** Requests between arrival and response close, with the function that cuts each. */
  private readonly inflight = new InflightList<Exchange>();
  private drained?: () => void;

  constructor(deps: ProxyServerDeps) {
    const options = {maxHeaderSize: deps.settings.maxHeaderSize, requestTimeout: 0, keepAliveTimeout: 5000};
    const inner = createServer(options);
    const pipeline: PipelineDeps = {
      ...deps,
      inflight: {
        begin: (ex, cut) => this.inflight.add(ex, cut),
        end: (entry) => {
          this.inflight.remove(entry);
          if (this.inflight.size === 0) this.drained?.();
        },
      },
    };
    const tunnels: TunnelDeps = {...pipeline, leaves: deps.leaves, inner, sockets: this.sockets};
    const outer = createServer(options, (req, res) => handleRequest(pipeline, req, res));
    outer.on('connect', (req: IncomingMessage, socket: Duplex, head: Buffer) => handleConnect(tunnels, req, socket, head));
    inner.on('request', (req, res) => handleRequest(pipeline, req, res, (req.socket as TunnelSocket)[TUNNEL]));
    for (const server of [outer, inner]) {
      server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => onClientError(deps, error, socket, server === inner));
      server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) =>
        handleUpgrade(pipeline, req, socket, head, server === inner ? (req.socket as TunnelSocket)[TUNNEL] : undefined),
      );
    }
    this.outer = outer;
    this.inner = inner;
  }

  listen(port: number, host: string): Promise<{port: number; host: string}> {
    return new Promise((resolve, reject) => {
      this.outer.once('error', reject);
      this.outer.listen(port, host, () => {
        this.outer.off('error', reject);
        const address = this.outer.address();
        resolve(typeof address === 'object' && address ? {port: address.port, host: address.address} : {port, host});
      });
    });
  }

  /** Cuts the in-flight requests of one connector instance (null: all of them), e.g. when the kill switch goes on. */
  cut(connector: string | null, reason: string): number {
    let count = 0;
    for (const {item: ex, cut} of this.inflight.snapshot()) {
      // Only requests already upstream: ones held for approval are denied by the approval broker instead.
      if (!ex.instance || ex.tForward === undefined || (connector !== null && ex.instance.config.name !== connector)) continue;
      ex.error = new ProxyError('kill_switch', reason);
      cut();
      count++;
    }
    return count;
  }

  /** Stops accepting, lets in-flight requests finish within `graceMs`, then closes every connection. */
  async close(graceMs: number): Promise<void> {
    this.outer.close();
    this.outer.closeIdleConnections();
    this.inner.closeIdleConnections();
    if (this.inflight.size > 0) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, graceMs);
        this.drained = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
    this.outer.closeAllConnections();
    this.inner.closeAllConnections();
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    // Upgraded (WebSocket) connections left both servers' books: cut whatever is still in flight.
    for (const {cut} of this.inflight.snapshot()) cut();
  }
}

/** Unparseable input (llhttp rejected it): one JSON answer, one audit line, and the proxy carries on. */
function onClientError(deps: ProxyServerDeps, error: NodeJS.ErrnoException, socket: Duplex, intercepted: boolean): void {
  const code = error.code ?? '';
  if (!code.startsWith('HPE_')) {
    // Resets, timeouts, TLS alerts: nobody to answer. A failed handshake is worth a line: the agent may not trust the CA.
    if (intercepted && /SSL|TLS/i.test(code)) recordClientError(deps, 'tls_handshake', `TLS handshake with the agent failed (${code}): does it trust the tf CA?`, null, (socket as TunnelSocket)[TUNNEL]?.host);
    socket.destroy();
    return;
  }
  const failure =
    code === 'HPE_HEADER_OVERFLOW'
      ? new ProxyError('headers_too_large', `request headers exceed ${deps.settings.maxHeaderSize} bytes`)
      : new ProxyError('bad_request', `malformed request: ${error.message.replace(/^Parse Error: /, '')}`);
  const id = newRequestId();
  writeRawError(socket, failure, id);
  recordClientError(deps, failure.type, failure.message, failure.status, (socket as TunnelSocket)[TUNNEL]?.host, id);
}

function recordClientError(deps: ProxyServerDeps, type: string, message: string, status: number | null, host?: string, id = newRequestId()): void {
  deps.record({...blankEntry('client_error', id, new Date().toISOString()), host: host ?? null, status, error: type, message});
}
