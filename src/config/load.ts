import path from 'node:path';
import type {ConnectorInstanceConfig} from '@tf/sdk';
import {UserError} from '../errors';
import {CONFIG_PLACES, ConfigFile, DEFAULT_CONFIG_NAME} from './config-file';

export interface LoadedConfig {
  /** Undefined when no config file was found: every installed connector is then active on its default domains. */
  file?: ConfigFile;
  connectors: ConnectorInstanceConfig[];
  /** The raw sections other subsystems validate themselves (with `file.where(...)` for locations). */
  proxy: Record<string, unknown>;
  policies: unknown;
}

const SECTIONS = new Set(['connectors', 'proxy', 'policies']);
const CONNECTOR_KEYS = new Set(['type', 'tokenEnv', 'baseUrl', 'domains', 'authHeader', 'agentEnv', 'description']);
const SECRET_KEYS = /^(token|apikey|api_key|key|secret|password|bearer|credentials?)$/i;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const INSTANCE_NAME = /^[a-z0-9][a-z0-9_-]*$/i;

/** Finds the config: `--config PATH` wins, else cosmiconfig's search from cwd upward. */
export async function findConfigPath(options: {configPath?: string; cwd?: string}): Promise<string | undefined> {
  const cwd = options.cwd ?? process.cwd();
  if (options.configPath) return path.resolve(cwd, options.configPath);
  const {cosmiconfig} = await import('cosmiconfig');
  const explorer = cosmiconfig('tf', {searchPlaces: CONFIG_PLACES, searchStrategy: 'global', cache: false});
  try {
    const found = await explorer.search(cwd);
    return found?.filepath;
  } catch (error) {
    // cosmiconfig parses while searching; our own reader gives the better message, so point it at the file.
    const filepath = (error as {filepath?: string}).filepath;
    if (filepath) return filepath;
    throw new UserError(`config search failed: ${(error as Error).message.split('\n')[0]}`);
  }
}

/** Where `connector add` writes when no config exists yet. */
export function defaultConfigPath(cwd = process.cwd()): string {
  return path.join(cwd, DEFAULT_CONFIG_NAME);
}

export async function loadConfig(options: {configPath?: string; cwd?: string}): Promise<LoadedConfig> {
  const filepath = await findConfigPath(options);
  if (!filepath) return {connectors: [], proxy: {}, policies: undefined};
  if (options.configPath && !ConfigFile.exists(filepath)) throw new UserError(`${filepath}: config file not found`);
  return validateConfig(ConfigFile.read(filepath));
}

export function validateConfig(file: ConfigFile): LoadedConfig {
  const data = file.data();
  for (const key of Object.keys(data)) {
    if (!SECTIONS.has(key)) throw new UserError(`${file.where([key])}: unknown section "${key}" (expected connectors, proxy, policies)`);
  }
  const connectors: ConnectorInstanceConfig[] = [];
  const section = data.connectors ?? {};
  if (section === null || typeof section !== 'object' || Array.isArray(section)) {
    throw new UserError(`${file.where(['connectors'])}: connectors must be a mapping of instance name to settings`);
  }
  for (const [name, value] of Object.entries(section as Record<string, unknown>)) {
    connectors.push(validateInstance(file, name, value));
  }
  const proxy = data.proxy ?? {};
  if (proxy === null || typeof proxy !== 'object' || Array.isArray(proxy)) {
    throw new UserError(`${file.where(['proxy'])}: proxy must be a mapping`);
  }
  return {file, connectors, proxy: proxy as Record<string, unknown>, policies: data.policies};
}

function validateInstance(file: ConfigFile, name: string, value: unknown): ConnectorInstanceConfig {
  const at = (field?: string) => `${file.where(field ? ['connectors', name, field] : ['connectors', name])}: connectors.${name}${field ? `.${field}` : ''}`;
  if (!INSTANCE_NAME.test(name)) throw new UserError(`${at()}: invalid instance name (letters, digits, - and _)`);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new UserError(`${at()}: must be a mapping with at least "type"`);
  const entry = value as Record<string, unknown>;
  for (const key of Object.keys(entry)) {
    if (SECRET_KEYS.test(key)) {
      throw new UserError(`${at(key)}: literal credentials are not allowed in config; put the token in an environment variable and name it with tokenEnv`);
    }
    if (!CONNECTOR_KEYS.has(key)) throw new UserError(`${at(key)}: unknown field (expected ${[...CONNECTOR_KEYS].join(', ')})`);
  }
  if (typeof entry.type !== 'string' || !entry.type) throw new UserError(`${at('type')}: missing connector type`);
  for (const key of ['tokenEnv', 'baseUrl', 'authHeader', 'agentEnv', 'description']) {
    if (entry[key] !== undefined && typeof entry[key] !== 'string') throw new UserError(`${at(key)}: must be a string`);
  }
  for (const key of ['tokenEnv', 'agentEnv'] as const) {
    const env = entry[key] as string | undefined;
    if (env !== undefined && !ENV_NAME.test(env)) {
      // Never echo the value: it may be a pasted token.
      throw new UserError(`${at(key)}: must be an environment variable name (like GITHUB_TOKEN), not a token`);
    }
  }
  let domains: string[] | undefined;
  if (entry.domains !== undefined) {
    if (typeof entry.domains === 'string') domains = splitList(entry.domains);
    else if (Array.isArray(entry.domains) && entry.domains.every((d) => typeof d === 'string')) domains = entry.domains as string[];
    else throw new UserError(`${at('domains')}: must be a list of host names`);
  }
  return {
    ...(entry as Record<string, unknown>),
    name,
    type: entry.type,
    ...(domains ? {domains} : {}),
  } as ConnectorInstanceConfig;
}

export function splitList(value: string): string[] {
  return value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}
