import {
  ConnectorConfigError,
  RouteConnector,
  RouteTable,
  parseBody,
  removeHeaders,
  type Action,
  type ActionTypeInfo,
  type AuthScheme,
  type ConnectorFixture,
  type ConnectorInstanceConfig,
  type Credential,
  type HttpRequestInfo,
  type OutboundRequest,
  type Risk,
  type RouteConnectorSpec,
  type RouteSpec,
} from '@tf/sdk';
import {githubFixtures, GITHUB_PROBE} from './fixtures';
import {gitRoutes} from './git-routes';
import {GRAPHQL_TYPES, graphqlAction} from './graphql';
import {githubLayout, mountFor, tablePath, type GithubLayout, type Mount, type Surface} from './layout';
import {apiRoutes, BODY_PARAMS, manageRoutes, uploadRoutes} from './routes';

/** The seed's API credential form. */
export const tokenAuth: AuthScheme = {header: 'authorization', format: (token) => `token ${token}`};

/** What git expects over HTTPS: the token as the password of the `x-access-token` user. */
export function gitBasicAuth(token: string): string {
  return `Basic ${Buffer.from(`x-access-token:${token}`).toString('base64')}`;
}

const AGENT_CREDENTIAL_HEADERS = ['authorization', 'x-api-key'];

const SURFACE_ROUTES: Record<Surface, RouteSpec[]> = {
  api: apiRoutes,
  uploads: uploadRoutes,
  manage: manageRoutes,
  git: gitRoutes,
  'other-api': [],
};

let compiled: Record<Surface, RouteTable> | undefined;

/** Compiled once per process and shared by every instance (github, ghe, ...). */
function tables(): Record<Surface, RouteTable> {
  compiled ??= Object.fromEntries(
    Object.entries(SURFACE_ROUTES).map(([surface, routes]) => [surface, new RouteTable(routes)]),
  ) as Record<Surface, RouteTable>;
  return compiled;
}

let risks: Map<string, Risk> | undefined;

/** The REST table's risk for an action type (the seed's rows come first, so their risk wins). */
function restRisk(type: string): Risk | undefined {
  if (!risks) {
    risks = new Map();
    for (const route of apiRoutes) if (!risks.has(route.type)) risks.set(route.type, route.risk);
  }
  return risks.get(type);
}

/** POST /graphql below the API (api.github.com/graphql, or HOST/api/graphql on GHES). */
function isGraphql(mount: Mount, req: HttpRequestInfo): boolean {
  if (req.method.toUpperCase() !== 'POST') return false;
  if (mount.surface === 'api') return tablePath(mount, req.url.pathname) === '/graphql';
  return mount.surface === 'other-api' && req.url.pathname === `${mount.prefix}/graphql`;
}

/** Hints a policy may want beyond the route: a force-moved ref, a repository changing visibility. */
function addRiskHints(action: Action): void {
  const params = action.parameters;
  if (params.force === true || params.force === 'true') action.riskHints.force = true;
  if (action.type === 'github.repo.update' && (params.private !== undefined || params.visibility !== undefined)) {
    action.riskHints.visibilityChange = true;
  }
}

export const GITHUB_SPEC: RouteConnectorSpec = {
  type: 'github',
  description: 'GitHub REST API (api.github.com, GitHub Enterprise Server) and git over HTTPS',
  defaultDomains: ['api.github.com', 'uploads.github.com', 'github.com'],
  defaultTokenEnv: 'GITHUB_TOKEN',
  defaultAgentEnv: 'GITHUB_TOKEN',
  accepts: {baseUrl: true},
  routes: apiRoutes,
  auth: tokenAuth,
  bodyParams: BODY_PARAMS,
  probe: GITHUB_PROBE,
  enrich: addRiskHints,
};

function checkConfig(config: ConnectorInstanceConfig): ConnectorInstanceConfig {
  if (config.domains !== undefined && config.domains.length > 0) {
    throw new ConnectorConfigError('connector type github takes --base-url (GitHub Enterprise), not --domains');
  }
  return config;
}

/**
 * One GitHub (or GHE) instance: several route tables behind one set of hosts —
 * REST API, release uploads, the GHES Management Console and git smart HTTP.
 */
export class GithubConnector extends RouteConnector {
  private readonly layout: GithubLayout;

  constructor(config: ConnectorInstanceConfig) {
    super(GITHUB_SPEC, checkConfig(config), tables().api);
    this.layout = githubLayout(config.baseUrl);
  }

  domains(): string[] {
    return [...this.layout.hosts.keys()];
  }

  apiRoot(): string {
    return this.layout.apiRoot;
  }

  parseAction(req: HttpRequestInfo): Action {
    const mount = mountFor(this.layout, req.url);
    if (isGraphql(mount, req)) {
      const action = graphqlAction(parseBody(req.headers, req.body), restRisk);
      if (req.bodyTruncated) action.riskHints.bodyTruncated = true;
      return action;
    }
    // GitHub answers HEAD wherever it answers GET, and the descriptions list only GET.
    const classified = req.method.toUpperCase() === 'HEAD' ? {...req, method: 'GET'} : req;
    return this.classify(classified, tables()[mount.surface], tablePath(mount, req.url.pathname));
  }

  /** Pack files and release assets classify by path alone: let the proxy stream them. */
  needsBody(req: HttpRequestInfo): boolean {
    const surface = mountFor(this.layout, req.url).surface;
    return surface !== 'git' && surface !== 'uploads' && super.needsBody(req);
  }

  injectCredentials(req: OutboundRequest, cred: Credential): void {
    removeHeaders(req.headers, AGENT_CREDENTIAL_HEADERS);
    req.url.username = '';
    req.url.password = '';
    // GitHub no longer accepts tokens in the query, but one must never be forwarded either.
    if (req.url.searchParams.has('access_token')) req.url.searchParams.delete('access_token');
    const surface = mountFor(this.layout, req.url).surface;
    req.headers.authorization = surface === 'git' ? gitBasicAuth(cred.token) : tokenAuth.format(cred.token);
  }

  actionTypes(): ActionTypeInfo[] {
    const routes = Object.values(SURFACE_ROUTES).flatMap((table) =>
      table.map((r) => ({
        type: r.type,
        method: r.method,
        path: r.path,
        risk: r.risk,
        ...(r.description ? {description: r.description} : {}),
      })),
    );
    return [...routes, ...GRAPHQL_TYPES];
  }

  fixtures(): ConnectorFixture[] {
    return githubFixtures(this.layout);
  }
}
