import {existsSync, readFileSync} from 'node:fs';
import path from 'node:path';
import type {TfContext} from '../base-command';
import type {ConnectorInstance} from '../connectors/registry';
import {UserError} from '../errors';
import {createGovernance} from '../governance';
import {caFiles, parseProxySettings, proxyUrlFor, startProxy, type CaFiles} from '../proxy';
import {writeCaBundle} from '../proxy/ca-bundle';
import {childEnv} from './child-env';

export interface GovernedProxyOptions {
  dataDir: string;
  agent?: string;
  /** A running proxy to use instead of starting one in-process. */
  proxyUrl?: string;
  auditLogPath?: string;
  env?: NodeJS.ProcessEnv;
}

export interface GovernedProxy {
  /** The child's environment: proxy variables, CA trust, preload, placeholders, no real keys. */
  env: NodeJS.ProcessEnv;
  proxyUrl: string;
  caPath: string;
  auditLogPath?: string;
  close(): Promise<void>;
}

/** The proxy `tf run` puts in front of a child: in-process on an ephemeral loopback port, or an existing one. */
export async function startGovernedProxy(context: TfContext, options: GovernedProxyOptions): Promise<GovernedProxy> {
  const base = options.env ?? process.env;
  const settings = parseProxySettings(context.config.proxy, context.config.file);
  const token = settings.authTokenEnv ? base[settings.authTokenEnv] : undefined;
  let url: string;
  let ca: CaFiles;
  let close = async () => {};
  let auditLogPath: string | undefined;
  if (options.proxyUrl) {
    url = normalizeProxyUrl(options.proxyUrl);
    ca = caFiles(options.dataDir);
    if (!existsSync(ca.certPath)) throw new UserError(`no tf CA at ${ca.certPath}: start the proxy once (tf proxy start) with the same data dir`);
  } else {
    const governance = await createGovernance({config: context.config, catalog: context.catalog, dataDir: options.dataDir});
    const defaultTokenEnv = Object.fromEntries([...context.catalog.types].map(([type, t]) => [type, t.connectorType.defaultTokenEnv]));
    let proxy;
    try {
      proxy = await startProxy({
        registry: context.registry,
        settings,
        dataDir: options.dataDir,
        auditLogPath: options.auditLogPath,
        port: 0,
        host: '127.0.0.1',
        defaultTokenEnv,
        env: base,
        decider: governance.decider,
        approvalGate: governance.approvalGate,
        killSwitch: governance.killSwitch,
      });
    } catch (error) {
      await governance.close();
      throw error;
    }
    url = proxy.url;
    ca = proxy.ca;
    auditLogPath = proxy.auditLogPath;
    const started = proxy;
    close = async () => {
      // Governance first: held approvals are denied, so they do not hold up the graceful stop.
      await governance.close();
      await started.close();
    };
  }
  const childUrl = proxyUrlFor(url, options.agent, token);
  const env = governedChildEnv({base, proxyUrl: childUrl, ca, dataDir: options.dataDir, connectors: context.registry.instances});
  return {env, proxyUrl: url, caPath: ca.certPath, auditLogPath, close};
}

/** The environment `tf run` gives a child (also what `tf doctor` probes under). */
export function governedChildEnv(options: {base: NodeJS.ProcessEnv; proxyUrl: string; ca: CaFiles; dataDir: string; connectors: ConnectorInstance[]}): NodeJS.ProcessEnv {
  const bundle = writeCaBundle(path.join(options.dataDir, 'run'), readFileSync(options.ca.certPath, 'utf8'), options.base);
  return childEnv({
    base: options.base,
    proxyUrl: options.proxyUrl,
    caPath: options.ca.certPath,
    caBundlePath: bundle,
    preloadPath: path.join(__dirname, 'preload.js'),
    undiciPath: require.resolve('undici'),
    connectors: options.connectors,
  });
}

function normalizeProxyUrl(value: string): string {
  try {
    const url = new URL(value);
    if (url.protocol !== 'http:') throw new Error('scheme');
    return `${url.protocol}//${url.host}`;
  } catch {
    throw new UserError(`--proxy "${value}": expected http://HOST:PORT of a running tf proxy`);
  }
}
