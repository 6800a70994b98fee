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
  if (new URL(options.proxyUrl).username) {
    // git (libcurl with CURLAUTH_ANY) sends proxy credentials only after a 407 challenge; a proxy without auth
    // never challenges, so the agent name would be lost. Basic makes git send it up front.
    addGitConfig(env, 'http.proxyAuthMethod', 'basic');
  }
  env.TF_UNDICI_PATH = options.undiciPath;
  // NODE_OPTIONS splits on spaces; a path with spaces must be double-quoted (backslash escapes only work inside quotes).
  const preloadPath = /[\s"\\]/.test(options.preloadPath) ? `"${options.preloadPath.replace(/[\\"]/g, '\\$&')}"` : options.preloadPath;
  const preload = `--require ${preloadPath}`;
  env.NODE_OPTIONS = options.base.NODE_OPTIONS ? `${options.base.NODE_OPTIONS} ${preload}` : preload;
  for (const {config, connectorType} of options.connectors) {
    // Real keys stay in the proxy's environment: the child never inherits them (the proxy falls back to the type's default variable).
    const tokenEnv = config.tokenEnv ?? connectorType.defaultTokenEnv;
    if (tokenEnv) delete env[tokenEnv];
  }
  for (const {config, connectorType} of options.connectors) {
    // SDKs that refuse to start without a key get a placeholder the proxy replaces.
    const name = config.agentEnv ?? connectorType.defaultAgentEnv;
    if (name) env[name] = PLACEHOLDER;
  }
  return env;
}

export const AGENT_PLACEHOLDER = PLACEHOLDER;

/** Adds one `git -c` setting through GIT_CONFIG_COUNT/KEY_n/VALUE_n (git 2.31+), after any the user set. */
function addGitConfig(env: NodeJS.ProcessEnv, key: string, value: string): void {
  const count = /^\d+$/.test(env.GIT_CONFIG_COUNT ?? '') ? Number(env.GIT_CONFIG_COUNT) : 0;
  env[`GIT_CONFIG_KEY_${count}`] = key;
  env[`GIT_CONFIG_VALUE_${count}`] = value;
  env.GIT_CONFIG_COUNT = String(count + 1);
}
