import {
  bearer,
  rawHeader,
  RouteConnector,
  RouteTable,
  type Action,
  type ConnectorFixture,
  type ConnectorInstanceConfig,
  type ConnectorType,
  type HttpRequestInfo,
  type LiveProbe,
  type RouteConnectorSpec,
} from '@tf/sdk';
import {azureToOpenAIPath, isAzureConfig, openAIToAzurePath} from './azure';
import {OPENAI_SAMPLES, toFixtures} from './fixtures';
import {enrichOpenAIAction} from './parameters';
import {OPENAI_BODY_PARAMS, openaiRoutes} from './routes';

const AZURE_API_VERSION = '2024-10-21';
const FIXTURE_DEPLOYMENT = 'gpt-4o-mini';

const openaiSpec: RouteConnectorSpec = {
  type: 'openai',
  description: 'OpenAI API (api.openai.com); Azure OpenAI with --base-url https://RESOURCE.openai.azure.com',
  defaultDomains: ['api.openai.com'],
  defaultTokenEnv: 'OPENAI_API_KEY',
  defaultAgentEnv: 'OPENAI_API_KEY',
  accepts: {baseUrl: true},
  routes: openaiRoutes,
  auth: bearer(),
  // Whichever scheme the agent's SDK used, none of its credentials is forwarded.
  credentialHeaders: ['api-key'],
  bodyParams: OPENAI_BODY_PARAMS,
  enrich: enrichOpenAIAction,
};

/** Azure takes the key in `api-key`; everything else (routes, names, risks) is OpenAI's. */
const azureSpec: RouteConnectorSpec = {...openaiSpec, auth: rawHeader('api-key'), credentialHeaders: ['api-key', 'authorization']};

/**
 * OpenAI, or Azure OpenAI when the base URL is an Azure resource. Both classify against one table of
 * OpenAI paths: an Azure URL is first mapped onto the OpenAI path it stands for, and its deployment
 * goes into the resource.
 */
export class OpenAIConnector extends RouteConnector {
  readonly azure: boolean;
  /** The part of the base URL's path that precedes the API's own paths (a gateway prefix); stripped before matching. */
  private readonly mountPath: string;
  /** The part of the base URL's path that belongs to the API's paths (`/v1`, `/openai`): relative paths start after it. */
  private readonly coveredPath: string;

  constructor(config: ConnectorInstanceConfig, table: RouteTable) {
    const azure = isAzureConfig(config);
    super(azure ? azureSpec : openaiSpec, config, table);
    this.azure = azure;
    this.mountPath = this.basePath.replace(azure ? /\/openai(\/v1)?$/ : /\/v1$/, '');
    this.coveredPath = this.basePath.slice(this.mountPath.length);
  }

  protected routePath(pathname: string): string {
    if (!this.mountPath) return pathname;
    if (pathname === this.mountPath) return '/';
    return pathname.startsWith(this.mountPath + '/') ? pathname.slice(this.mountPath.length) : pathname;
  }

  parseAction(req: HttpRequestInfo): Action {
    const path = this.routePath(req.url.pathname);
    if (!this.azure) return this.classify(req, this.table, path);
    const mapped = azureToOpenAIPath(path);
    const action = this.classify(req, this.table, mapped.path);
    if (mapped.deployment !== undefined) action.resource.deployment = mapped.deployment;
    const apiVersion = req.url.searchParams.get('api-version');
    if (apiVersion) action.parameters.api_version = apiVersion;
    return action;
  }

  /** A path relative to apiRoot(): what the base URL already says is dropped. */
  private relative(path: string): string {
    if (!this.coveredPath) return path;
    if (path === this.coveredPath) return '/';
    return path.startsWith(this.coveredPath + '/') ? path.slice(this.coveredPath.length) : path;
  }

  fixtures(): ConnectorFixture[] {
    if (!this.azure) return toFixtures(OPENAI_SAMPLES, (p) => this.relative(p));
    return toFixtures(OPENAI_SAMPLES, (p) => this.relative(openAIToAzurePath(p, FIXTURE_DEPLOYMENT, AZURE_API_VERSION)));
  }

  liveProbe(options?: {path?: string}): LiveProbe | undefined {
    if (options?.path) return {method: 'GET', path: options.path};
    return {method: 'GET', path: this.relative(this.azure ? '/openai/v1/models' : '/v1/models')};
  }
}

let sharedTable: RouteTable | undefined; // compiled on first use, shared by every instance

/** The `openai` connector type the plugin contributes. */
export const openaiConnector: ConnectorType = {
  type: openaiSpec.type,
  description: openaiSpec.description,
  defaultDomains: openaiSpec.defaultDomains,
  defaultTokenEnv: openaiSpec.defaultTokenEnv,
  defaultAgentEnv: openaiSpec.defaultAgentEnv,
  accepts: {baseUrl: true},
  create(config) {
    sharedTable ??= new RouteTable(openaiRoutes);
    return new OpenAIConnector(config, sharedTable);
  },
};
