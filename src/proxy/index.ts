import path from 'node:path';
import {defaultAuditLog} from '../audit/location';
import {AuditWriter} from '../audit/writer';
import type {AuditEntry} from '../audit/entry';
import type {ConnectorRegistry} from '../connectors/registry';
import {allowAll, type ApprovalGate, type Decider, type KillSwitch} from '../decision';
import {UserError} from '../errors';
import {ensureCertificateAuthority, LeafCertificates, type CaFiles} from './ca';
import {parseProxySettings, DEFAULTS, type ProxySettings} from './config';
import {proxyEnvironment} from './env';
import {tuneGarbageCollectorForProxying} from './gc-tuning';
import {ProxyServer} from './server';
import {killSwitchEntry, type ExchangeObserver} from './stages/record';
import {newRequestId} from './exchange';
import {Upstreams} from './upstream';

export {parseProxySettings, DEFAULTS as PROXY_DEFAULTS, type ProxySettings} from './config';
export {caFiles, ensureCertificateAuthority, createCertificateAuthority, issueServerCertificate, type CaFiles} from './ca';
export {proxyEnvironment, proxyUrlFor} from './env';
export type {ExchangeObserver} from './stages/record';

export interface StartProxyOptions {
  registry: ConnectorRegistry;
  /** The validated `proxy:` section; or pass `proxyConfig` (raw) and it is validated here. */
  settings?: ProxySettings;
  proxyConfig?: Record<string, unknown>;
  /** Where the CA (and the default audit log) live: the oclif data dir. */
  dataDir: string;
  /** Default: `proxy.auditLog`, else `<dataDir>/audit.jsonl`. */
  auditLogPath?: string;
  port?: number;
  host?: string;
  decider?: Decider;
  approvalGate?: ApprovalGate;
  killSwitch?: KillSwitch;
  /** Called with each finished request's audit entry (e.g. to print a line). */
  log?: ExchangeObserver;
  /** Where tokens are read from (default process.env). */
  env?: NodeJS.ProcessEnv;
  /** Token env var per connector type, for instances that name none. */
  defaultTokenEnv?: Record<string, string | undefined>;
  onInternalError?: (error: unknown) => void;
}

export interface ProxyHandle {
  /** http://127.0.0.1:PORT */
  url: string;
  host: string;
  port: number;
  caPath: string;
  ca: CaFiles;
  auditLogPath: string;
  /** Environment for an agent (proxy variables and CA paths); add credentials with proxyUrlFor when proxy auth is on. */
  env: Record<string, string>;
  settings: ProxySettings;
  /** Intercepted hosts with a cached leaf certificate. */
  leafCacheSize(): number;
  /** Graceful: stop accepting, finish in-flight requests (bounded), flush the audit log. */
  close(): Promise<void>;
}

export async function startProxy(options: StartProxyOptions): Promise<ProxyHandle> {
  const settings = options.settings ?? parseProxySettings(options.proxyConfig ?? {});
  const env = options.env ?? process.env;
  let authToken: string | undefined;
  if (settings.authTokenEnv) {
    authToken = env[settings.authTokenEnv];
    if (!authToken) throw new UserError(`proxy.authTokenEnv: environment variable ${settings.authTokenEnv} is not set (it holds the token agents must present)`);
  }
  tuneGarbageCollectorForProxying();
  const ca = ensureCertificateAuthority(options.dataDir);
  const auditLogPath = path.resolve(options.auditLogPath ?? settings.auditLog ?? defaultAuditLog(options.dataDir));
  const audit = AuditWriter.open(auditLogPath);
  const upstreams = new Upstreams({upstreamCa: settings.upstreamCa, timeoutMs: settings.upstreamTimeoutMs, connectTimeoutMs: settings.connectTimeoutMs});
  const leaves = new LeafCertificates(ca, settings.leafCacheSize);
  const log = options.log;
  const record = (entry: AuditEntry) => {
    audit.append(entry);
    log?.(entry);
  };
  const defaults = options.defaultTokenEnv ?? {};
  const server = new ProxyServer({
    registry: options.registry,
    settings,
    hooks: {decider: options.decider ?? allowAll, approvalGate: options.approvalGate, killSwitch: options.killSwitch},
    upstreams,
    leaves,
    env,
    defaultTokenEnv: (type) => defaults[type],
    authToken,
    record,
    onInternalError: options.onInternalError ?? ((error) => process.stderr.write(`tf proxy: internal error: ${(error as Error).stack ?? error}\n`)),
  });
  const wantedHost = options.host ?? settings.host ?? DEFAULTS.host;
  const wantedPort = options.port ?? settings.port ?? DEFAULTS.port;
  let bound: {port: number; host: string};
  try {
    bound = await server.listen(wantedPort, wantedHost);
  } catch (error) {
    audit.close();
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new UserError(`cannot listen on ${wantedHost}:${wantedPort}: address already in use (pick another with --port)`);
    if (code === 'EADDRNOTAVAIL' || code === 'EACCES') throw new UserError(`cannot listen on ${wantedHost}:${wantedPort} (${code})`);
    throw error;
  }
  // Kill-switch changes are audited in the request chain, and cut the streams they cover at once.
  const unsubscribe = options.killSwitch?.subscribe?.((event) => {
    record(killSwitchEntry(event, newRequestId()));
    if (event.active) server.cut(event.connector, `kill switch on${event.reason ? `: ${event.reason}` : ''}`);
  });
  // Load undici once we are listening, off the start-up path, so the first request does not pay for it.
  setImmediate(() => upstreams.load());

  const shown = bound.host === '0.0.0.0' || bound.host === '::' ? '127.0.0.1' : bound.host.includes(':') ? `[${bound.host}]` : bound.host;
  const url = `http://${shown}:${bound.port}`;
  let closing: Promise<void> | undefined;
  return {
    url,
    host: bound.host,
    port: bound.port,
    caPath: ca.certPath,
    ca,
    auditLogPath,
    env: proxyEnvironment(url, ca),
    settings,
    leafCacheSize: () => leaves.size,
    close() {
      closing ??= (async () => {
        unsubscribe?.();
        await server.close(settings.shutdownGraceMs);
        await Promise.race([upstreams.close(), new Promise((r) => setTimeout(r, 1000).unref())]);
        upstreams.destroy();
        audit.close();
      })();
      return closing;
    },
  };
}
