import {readFileSync} from 'node:fs';
import path from 'node:path';
import type {ConfigFile} from '../config/config-file';
import {UserError} from '../errors';

/** The validated `proxy:` section of the config. */
export interface ProxySettings {
  port?: number;
  host?: string;
  /** Real host → origin its traffic goes to instead (tests, staging); classification and Host stay the real host's. */
  routes: Map<string, URL>;
  /** Hosts (exact or `*.suffix`) tunnelled without inspection. */
  passthrough: string[];
  /** Extra CA (PEM text) trusted for upstream TLS, besides the public roots. */
  upstreamCa?: string;
  upstreamCaPath?: string;
  /** Upstream response headers and gaps between body chunks; 0 disables. */
  upstreamTimeoutMs: number;
  connectTimeoutMs: number;
  /** Env var holding the token agents must present in Proxy-Authorization. */
  authTokenEnv?: string;
  /** Largest body buffered for classification. */
  bodyLimit: number;
  maxHeaderSize: number;
  leafCacheSize: number;
  shutdownGraceMs: number;
  auditLog?: string;
}

export const DEFAULTS = {
  port: 8080,
  host: '127.0.0.1',
  // Longer than the 10-minute default of the OpenAI and Anthropic SDKs, so theirs fires first.
  upstreamTimeoutMs: 15 * 60 * 1000,
  connectTimeoutMs: 10_000,
  bodyLimit: 1024 * 1024,
  maxHeaderSize: 32 * 1024,
  leafCacheSize: 256,
  shutdownGraceMs: 10_000,
};

const KEYS = [
  'port',
  'host',
  'routes',
  'passthrough',
  'upstreamCa',
  'upstreamTimeout',
  'connectTimeout',
  'authTokenEnv',
  'auth',
  'bodyLimit',
  'maxHeaderSize',
  'leafCacheSize',
  'shutdownGrace',
  'auditLog',
];
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const HOST_PATTERN = /^(\*\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/;

/** Validates `proxy:`; every problem is one line naming `file:line` and the field. */
export function parseProxySettings(raw: Record<string, unknown>, file?: ConfigFile): ProxySettings {
  const fail = (field: (string | number)[], message: string): never => {
    const where = file ? `${file.where(['proxy', ...field])}: ` : '';
    throw new UserError(`${where}proxy.${field.join('.')}: ${message}`);
  };
  for (const key of Object.keys(raw)) if (!KEYS.includes(key)) fail([key], `unknown field (expected ${KEYS.join(', ')})`);
  const baseDir = file ? path.dirname(file.filepath) : process.cwd();

  const settings: ProxySettings = {
    routes: new Map(),
    passthrough: [],
    upstreamTimeoutMs: duration(raw.upstreamTimeout, DEFAULTS.upstreamTimeoutMs, (m) => fail(['upstreamTimeout'], m)),
    connectTimeoutMs: duration(raw.connectTimeout, DEFAULTS.connectTimeoutMs, (m) => fail(['connectTimeout'], m)),
    shutdownGraceMs: duration(raw.shutdownGrace, DEFAULTS.shutdownGraceMs, (m) => fail(['shutdownGrace'], m)),
    bodyLimit: size(raw.bodyLimit, DEFAULTS.bodyLimit, (m) => fail(['bodyLimit'], m)),
    maxHeaderSize: size(raw.maxHeaderSize, DEFAULTS.maxHeaderSize, (m) => fail(['maxHeaderSize'], m)),
    leafCacheSize: DEFAULTS.leafCacheSize,
  };
  if (raw.port !== undefined) {
    if (!Number.isInteger(raw.port) || (raw.port as number) < 0 || (raw.port as number) > 65535) fail(['port'], 'must be a port number 0-65535');
    settings.port = raw.port as number;
  }
  if (raw.host !== undefined) {
    if (typeof raw.host !== 'string' || !raw.host) fail(['host'], 'must be an address to listen on, like 127.0.0.1');
    settings.host = raw.host as string;
  }
  if (raw.leafCacheSize !== undefined) {
    if (!Number.isInteger(raw.leafCacheSize) || (raw.leafCacheSize as number) < 1) fail(['leafCacheSize'], 'must be a positive integer');
    settings.leafCacheSize = raw.leafCacheSize as number;
  }
  if (raw.routes !== undefined) {
    if (raw.routes === null || typeof raw.routes !== 'object' || Array.isArray(raw.routes)) {
      fail(['routes'], 'must map a host to an origin, like "api.github.com": "https://127.0.0.1:9443"');
    }
    for (const [host, target] of Object.entries(raw.routes as Record<string, unknown>)) {
      if (!HOST_PATTERN.test(host.toLowerCase()) || host.startsWith('*.')) fail(['routes', host], 'key must be a host name');
      let url: URL | undefined;
      try {
        url = typeof target === 'string' ? new URL(target) : undefined;
      } catch {
        url = undefined;
      }
      if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || (url.pathname !== '/' && url.pathname !== '') || url.search || url.username) {
        fail(['routes', host], 'must be an origin like https://127.0.0.1:9443 (no path, query or credentials)');
      }
      settings.routes.set(host.toLowerCase(), url!);
    }
  }
  if (raw.passthrough !== undefined) {
    const list = typeof raw.passthrough === 'string' ? raw.passthrough.split(',').map((s) => s.trim()) : raw.passthrough;
    if (!Array.isArray(list) || !list.every((h) => typeof h === 'string' && HOST_PATTERN.test(h.toLowerCase()))) {
      fail(['passthrough'], 'must be a list of host names (exact or *.example.com)');
    }
    settings.passthrough = (list as string[]).map((h) => h.toLowerCase());
  }
  if (raw.upstreamCa !== undefined) {
    if (typeof raw.upstreamCa !== 'string' || !raw.upstreamCa) fail(['upstreamCa'], 'must be the path of a PEM file');
    const caPath = path.resolve(baseDir, raw.upstreamCa as string);
    let pem = '';
    try {
      pem = readFileSync(caPath, 'utf8');
    } catch (error) {
      fail(['upstreamCa'], `cannot read ${caPath} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
    }
    if (!pem.includes('-----BEGIN CERTIFICATE-----')) fail(['upstreamCa'], `${caPath} holds no PEM certificate`);
    settings.upstreamCa = pem;
    settings.upstreamCaPath = caPath;
  }
  const auth = raw.auth;
  let authEnv = raw.authTokenEnv;
  if (auth !== undefined) {
    if (auth === null || typeof auth !== 'object' || Array.isArray(auth) || Object.keys(auth).some((k) => k !== 'tokenEnv')) {
      fail(['auth'], 'must be {tokenEnv: NAME}, the environment variable holding the proxy token');
    }
    if (authEnv !== undefined) fail(['auth'], 'give either auth.tokenEnv or authTokenEnv, not both');
    authEnv = (auth as {tokenEnv?: unknown}).tokenEnv;
  }
  if (authEnv !== undefined) {
    const field = auth !== undefined ? ['auth', 'tokenEnv'] : ['authTokenEnv'];
    // Never echo the value: it may be a pasted token.
    if (typeof authEnv !== 'string' || !ENV_NAME.test(authEnv)) fail(field, 'must be an environment variable name (like TF_PROXY_TOKEN), not a token');
    settings.authTokenEnv = authEnv as string;
  }
  if (raw.auditLog !== undefined) {
    if (typeof raw.auditLog !== 'string' || !raw.auditLog) fail(['auditLog'], 'must be a file path');
    settings.auditLog = path.resolve(baseDir, raw.auditLog as string);
  }
  return settings;
}

const UNITS: Record<string, number> = {ms: 1, s: 1000, m: 60_000, h: 3_600_000};

/** Seconds as a number, or a string with a unit: "500ms", "30s", "10m", "1h". */
export function duration(value: unknown, fallback: number, fail: (message: string) => never): number {
  if (value === undefined) return fallback;
  if (typeof value === 'number' && value >= 0 && Number.isFinite(value)) return Math.round(value * 1000);
  const match = typeof value === 'string' ? /^(\d+(?:\.\d+)?)\s*(ms|s|m|h)?$/.exec(value.trim()) : null;
  if (!match) return fail('must be a duration: seconds, or a number with ms, s, m or h (0 disables)');
  return Math.round(Number(match[1]) * UNITS[match[2] ?? 's']);
}

const SIZE_UNITS: Record<string, number> = {b: 1, kb: 1024, kib: 1024, mb: 1024 ** 2, mib: 1024 ** 2};

export function size(value: unknown, fallback: number, fail: (message: string) => never): number {
  if (value === undefined) return fallback;
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return value;
  const match = typeof value === 'string' ? /^(\d+)\s*(b|kb|kib|mb|mib)?$/i.exec(value.trim()) : null;
  if (!match) return fail('must be a size in bytes, or with a unit: 64kb, 1mb');
  return Number(match[1]) * SIZE_UNITS[(match[2] ?? 'b').toLowerCase()];
}

/** Whether a host matches an exact name or `*.suffix` pattern. */
export function hostMatches(patterns: string[], host: string): boolean {
  for (const pattern of patterns) {
    if (pattern.startsWith('*.') ? host.endsWith(pattern.slice(1)) : host === pattern) return true;
  }
  return false;
}
