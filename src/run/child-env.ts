import type {ConnectorInstance} from '../connectors/registry';

export interface ChildEnvOptions {
  base: NodeJS.ProcessEnv;
  /** Proxy URL as the child should use it, credentials included when the proxy needs them. */
  proxyUrl: string;
  /** PEM bundle: the system roots plus tf's CA, so tools that replace (not extend) their trust store keep working. */
  caBundlePath: string;
  /** tf's CA alone, for NODE_EXTRA_CA_CERTS (which adds to Node's roots). */
  caPath: string;
  preloadPath: string;
  undiciPath: string;
  connectors: ConnectorInstance[];
}

const PLACEHOLDER = 'tf-placeholder-credential';
const LOOPBACK = 'localhost,127.0.0.1,::1';

/** The environment that points every common runtime at the proxy and its CA, with placeholder keys for SDKs. */
export function childEnv(options: ChildEnvOptions): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {...options.base};
  for (const name of ['HTTP_PROXY', 'HTTPS_PROXY', 'http_proxy', 'https_proxy', 'ALL_PROXY', 'all_proxy']) env[name] = options.proxyUrl;
  env.NO_PROXY = env.no_proxy = LOOPBACK;
  env.NODE_EXTRA_CA_CERTS = options.caPath;
  for (const name of ['SSL_CERT_FILE', 'REQUESTS_CA_BUNDLE', 'CURL_CA_BUNDLE', 'GIT_SSL_CAINFO']) env[name] = options.caBundlePath;
  env.NODE_USE_ENV_PROXY = '1';
  env.TF_UNDICI_PATH = options.undiciPath;
  const preload = `--require ${JSON.stringify(options.preloadPath).slice(1, -1).replace(/ /g, '\\ ')}`;
  env.NODE_OPTIONS = options.base.NODE_OPTIONS ? `${options.base.NODE_OPTIONS} ${preload}` : preload;
  for (const {config} of options.connectors) {
    // Real keys stay in the proxy's environment: the child never inherits them.
    if (config.tokenEnv) delete env[config.tokenEnv];
  }
  for (const {config, connectorType} of options.connectors) {
    // SDKs that refuse to start without a key get a placeholder the proxy replaces.
    const name = config.agentEnv ?? connectorType.defaultAgentEnv;
    if (name) env[name] = PLACEHOLDER;
  }
  return env;
}

export const AGENT_PLACEHOLDER = PLACEHOLDER;
