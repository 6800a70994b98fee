import type {ConnectorInstanceConfig} from '@tf/sdk';
import {splitList} from '../config/load';
import {UserError} from '../errors';

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const TOKEN_LIKE = /^(ghp_|gho_|ghs_|github_pat_|sk-|sk_|rk_|xox[abpr]-)|^[A-Za-z0-9+/=_-]{32,}$/;

export interface AddConnectorInput {
  type: string;
  name?: string;
  tokenEnv?: string;
  baseUrl?: string;
  domains?: string;
  authHeader?: string;
  agentEnv?: string;
}

/** Turns `connector add` flags into the settings written to config; rejects pasted tokens without echoing them. */
export function instanceSettings(input: AddConnectorInput, defaultTokenEnv?: string): ConnectorInstanceConfig {
  const name = input.name ?? input.type;
  if (!/^[a-z0-9][a-z0-9_-]*$/i.test(name)) throw new UserError(`--name "${name}": use letters, digits, - and _`);
  const tokenEnv = input.tokenEnv ?? defaultTokenEnv;
  for (const [flag, value] of [['--token-env', tokenEnv], ['--agent-env', input.agentEnv]] as const) {
    if (value === undefined) continue;
    if (TOKEN_LIKE.test(value) && !/^[A-Z0-9_]+$/.test(value)) {
      throw new UserError(`${flag} takes the NAME of an environment variable (e.g. GITHUB_TOKEN), not the token itself; nothing was written`);
    }
    if (!ENV_NAME.test(value)) throw new UserError(`${flag}: "${value}" is not an environment variable name`);
  }
  if (input.authHeader !== undefined && !/^[A-Za-z0-9-]+$/.test(input.authHeader)) {
    throw new UserError(`--auth-header "${input.authHeader}": not a valid header name`);
  }
  const settings: ConnectorInstanceConfig = {name, type: input.type};
  if (tokenEnv) settings.tokenEnv = tokenEnv;
  if (input.baseUrl !== undefined) settings.baseUrl = input.baseUrl;
  if (input.domains !== undefined) {
    const domains = splitList(input.domains);
    if (domains.length === 0) throw new UserError('--domains: give at least one host name');
    settings.domains = domains;
  }
  if (input.authHeader !== undefined) settings.authHeader = input.authHeader;
  if (input.agentEnv !== undefined) settings.agentEnv = input.agentEnv;
  return settings;
}

/** The mapping stored under `connectors.<name>` (the name is the key). */
export function storedSettings(settings: ConnectorInstanceConfig): Record<string, unknown> {
  const {name: _name, ...rest} = settings;
  return rest;
}
