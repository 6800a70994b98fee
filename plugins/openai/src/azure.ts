import type {ConnectorInstanceConfig} from '@tf/sdk';

/** Hosts Azure serves OpenAI models from; any other host is taken for OpenAI or a compatible gateway. */
const AZURE_HOST_SUFFIXES = ['.openai.azure.com', '.cognitiveservices.azure.com', '.services.ai.azure.com'];

/** Azure flavour: an Azure host in `baseUrl`, unless the config says `azure: false` (or `azure: true` for a custom domain). */
export function isAzureConfig(config: ConnectorInstanceConfig): boolean {
  if (typeof config.azure === 'boolean') return config.azure;
  if (!config.baseUrl) return false;
  let host: string;
  try {
    host = new URL(config.baseUrl).hostname.toLowerCase();
  } catch {
    return false; // RouteConnector reports the bad URL
  }
  return AZURE_HOST_SUFFIXES.some((suffix) => host.endsWith(suffix));
}

export interface AzurePath {
  /** The OpenAI path the route table knows (`/v1/chat/completions`). */
  path: string;
  deployment?: string;
}

const DEPLOYMENTS = '/openai/deployments/';

/**
 * Maps Azure's URL shapes onto OpenAI's:
 * `/openai/deployments/{d}/chat/completions` → `/v1/chat/completions` (deployment d),
 * `/openai/v1/files` and `/openai/files` → `/v1/files`. Anything else is left as it is.
 */
export function azureToOpenAIPath(pathname: string): AzurePath {
  if (pathname.startsWith(DEPLOYMENTS)) {
    const end = pathname.indexOf('/', DEPLOYMENTS.length);
    const raw = end === -1 ? pathname.slice(DEPLOYMENTS.length) : pathname.slice(DEPLOYMENTS.length, end);
    const rest = end === -1 ? '' : pathname.slice(end);
    return {path: `/v1${rest}`, deployment: decodeSegment(raw)};
  }
  if (pathname === '/openai/v1' || pathname.startsWith('/openai/v1/')) return {path: pathname.slice('/openai'.length)};
  if (pathname.startsWith('/openai/')) return {path: `/v1${pathname.slice('/openai'.length)}`};
  return {path: pathname};
}

function decodeSegment(value: string): string {
  if (!value.includes('%')) return value;
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** The Azure URL a client would send for an OpenAI path: deployment routes carry the deployment, the rest use `/openai/v1`. */
export function openAIToAzurePath(path: string, deployment: string, apiVersion: string): string {
  const rest = path.replace(/^\/v1/, '');
  return AZURE_DEPLOYMENT_ROUTES.has(rest)
    ? `${DEPLOYMENTS}${deployment}${rest}?api-version=${apiVersion}`
    : `/openai/v1${rest}`;
}

/** The routes the `AzureOpenAI` client sends under `/deployments/{deployment}` (openai/azure.js). */
export const AZURE_DEPLOYMENT_ROUTES = new Set([
  '/completions',
  '/chat/completions',
  '/embeddings',
  '/audio/transcriptions',
  '/audio/translations',
  '/audio/speech',
  '/images/generations',
  '/images/edits',
  '/batches',
]);
