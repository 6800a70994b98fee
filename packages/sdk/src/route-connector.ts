import {headerValue, parseBody, type ParsedBody} from './body';
import {getPath, RouteTable, type ConditionContext, type RouteSpec} from './route-table';
import {
  ConnectorConfigError,
  type Action,
  type ActionTypeInfo,
  type Connector,
  type ConnectorFixture,
  type ConnectorInstanceConfig,
  type ConnectorType,
  type Credential,
  type HeaderMap,
  type HttpRequestInfo,
  type LiveProbe,
  type OutboundRequest,
  type Risk,
} from './types';

export interface AuthScheme {
  /** Lower-case header name the real credential goes in. */
  header: string;
  /** Header value for a token, e.g. `token ${t}`. */
  format(token: string): string;
}

export const bearer = (header = 'authorization'): AuthScheme => ({header, format: (t) => `Bearer ${t}`});
export const rawHeader = (header: string): AuthScheme => ({header: header.toLowerCase(), format: (t) => t});

export interface EnrichContext {
  request: HttpRequestInfo;
  body(): ParsedBody | undefined;
  /** The matched route, or undefined for a fallback. */
  route?: RouteSpec;
}

export interface RouteConnectorSpec {
  type: string;
  description: string;
  defaultDomains: string[];
  defaultTokenEnv?: string;
  defaultAgentEnv?: string;
  accepts?: ConnectorType['accepts'];
  routes: RouteSpec[];
  auth: AuthScheme;
  /** Agent-supplied credential headers to remove besides `authorization`, `x-api-key` and the auth header. */
  credentialHeaders?: string[];
  /** Body fields copied into `parameters` for every route that has them. */
  bodyParams?: string[];
  fixtures?: ConnectorFixture[];
  probe?: LiveProbe;
  /** Catalog rows for actions no route produces (e.g. the generic connector's method-based types). */
  extraActionTypes?: ActionTypeInfo[];
  /** Type for requests no route matches; default `<type>.unknown.<method>`. */
  fallbackType?(method: string): string;
  /** Connector-specific touches on a classified action (amount hints, stream flags...). */
  enrich?(action: Action, ctx: EnrichContext): void;
  /** Extra credential handling (e.g. tokens in query or body); runs after the header is set. */
  scrubCredentials?(req: OutboundRequest): void;
}

const METHOD_RISK: Record<string, Risk> = {GET: 'low', HEAD: 'low', OPTIONS: 'low', DELETE: 'high'};

/** Reads are low, writes medium, DELETE high: the rule for anything no table names. */
export function methodRisk(method: string): Risk {
  return METHOD_RISK[method.toUpperCase()] ?? 'medium';
}

const BODYLESS = new Set(['GET', 'HEAD', 'OPTIONS', 'DELETE']);
const DEFAULT_CREDENTIAL_HEADERS = ['authorization', 'x-api-key'];

export function removeHeaders(headers: HeaderMap, names: Iterable<string>): void {
  for (const name of names) delete headers[name.toLowerCase()];
}

const DOMAIN = /^(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/;

/** Lower-cases a domain and checks it is a host name or `*.suffix`; throws ConnectorConfigError otherwise. */
export function normalizeDomain(domain: string): string {
  const value = domain.trim().toLowerCase();
  if (!DOMAIN.test(value) && !/^\d{1,3}(\.\d{1,3}){3}$/.test(value)) {
    throw new ConnectorConfigError(`invalid domain "${domain}": expected a host name like api.example.com or *.example.com`);
  }
  return value;
}

/** Parses `--base-url`: an http(s) URL whose host becomes the domain and whose path is stripped before matching. */
export function parseBaseUrl(baseUrl: string): {origin: string; hostname: string; basePath: string} {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new ConnectorConfigError(`invalid base URL "${baseUrl}": expected e.g. https://github.example.com/api/v3`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ConnectorConfigError(`invalid base URL "${baseUrl}": only http and https are supported`);
  }
  if (url.search || url.hash || url.username) {
    throw new ConnectorConfigError(`invalid base URL "${baseUrl}": no query, fragment or credentials allowed`);
  }
  return {origin: url.origin, hostname: url.hostname, basePath: url.pathname.replace(/\/+$/, '')};
}

/** A connector driven by a route table: the common case, so plugins are mostly data. */
export class RouteConnector implements Connector {
  readonly name: string;
  readonly type: string;
  protected readonly table: RouteTable;
  protected readonly hosts: string[];
  protected readonly basePath: string;
  protected readonly root: string;
  protected readonly auth: AuthScheme;
  private readonly removable: string[];

  constructor(
    protected readonly spec: RouteConnectorSpec,
    config: ConnectorInstanceConfig,
    table?: RouteTable,
  ) {
    this.name = config.name;
    this.type = spec.type;
    this.table = table ?? new RouteTable(spec.routes);
    const accepts = spec.accepts ?? {};
    let hosts = spec.defaultDomains;
    let basePath = '';
    let root = `https://${spec.defaultDomains[0] ?? 'localhost'}`;
    if (config.baseUrl !== undefined) {
      if (!accepts.baseUrl) throw new ConnectorConfigError(`connector type ${spec.type} does not take a base URL`);
      const base = parseBaseUrl(config.baseUrl);
      hosts = [base.hostname];
      basePath = base.basePath;
      root = base.origin + base.basePath;
    }
    if (config.domains !== undefined && config.domains.length > 0) {
      hosts = config.domains.map(normalizeDomain);
      if (config.baseUrl === undefined) root = `https://${hosts[0].replace(/^\*\./, '')}`;
    } else if (accepts.domains === 'required' && config.baseUrl === undefined) {
      throw new ConnectorConfigError(`connector type ${spec.type} needs --domains`);
    }
    if (config.authHeader !== undefined && !accepts.authHeader) {
      throw new ConnectorConfigError(`connector type ${spec.type} does not take a custom auth header`);
    }
    this.hosts = hosts;
    this.basePath = basePath;
    this.root = root;
    this.auth = config.authHeader ? rawHeader(config.authHeader) : spec.auth;
    this.removable = [...new Set([...DEFAULT_CREDENTIAL_HEADERS, ...(spec.credentialHeaders ?? []), this.auth.header])];
  }

  domains(): string[] {
    return this.hosts;
  }

  apiRoot(): string {
    return this.root;
  }

  /** The path the route table sees: the base path (GHE's `/api/v3`) stripped. */
  protected routePath(pathname: string): string {
    if (!this.basePath) return pathname;
    if (pathname === this.basePath) return '/';
    return pathname.startsWith(this.basePath + '/') ? pathname.slice(this.basePath.length) : pathname;
  }

  parseAction(req: HttpRequestInfo): Action {
    return this.classify(req, this.table, this.routePath(req.url.pathname));
  }

  /** Classifies against a given table and path: subclasses with several tables (API + git) reuse it. */
  protected classify(req: HttpRequestInfo, table: RouteTable, path: string): Action {
    let parsed: ParsedBody | undefined | null = null;
    const body = () => {
      if (parsed === null) parsed = parseBody(req.headers, req.body);
      return parsed;
    };
    const ctx: ConditionContext = {body, query: req.url.searchParams, header: (name) => headerValue(req.headers, name)};
    const match = table.match(req.method, path, ctx);
    const method = req.method.toUpperCase();
    let action: Action;
    if (match) {
      const {route, params} = match;
      const parameters: Record<string, unknown> = {...params};
      const fields = this.bodyFields(route);
      if (fields && !BODYLESS.has(method)) {
        const parsedBody = body();
        if (parsedBody) {
          for (const field of fields) {
            const value = getPath(parsedBody, field);
            if (value !== undefined) parameters[field] = value;
          }
        }
      }
      action = {
        type: route.type,
        risk: route.risk,
        resource: {provider: this.type, ...params},
        parameters,
        riskHints: method === 'DELETE' ? {irreversible: true, ...route.hints} : {...route.hints},
      };
    } else {
      action = {
        type: this.spec.fallbackType ? this.spec.fallbackType(method) : `${this.type}.unknown.${method.toLowerCase()}`,
        risk: methodRisk(method),
        resource: {provider: this.type},
        parameters: {path},
        riskHints: {unclassified: true, ...(method === 'DELETE' ? {irreversible: true} : {})},
      };
    }
    if (req.bodyTruncated) action.riskHints.bodyTruncated = true;
    this.spec.enrich?.(action, {request: req, body, route: match?.route});
    return action;
  }

  /** Connector-wide plus route body fields, merged once per route rather than on every request. */
  private readonly fieldsByRoute = new Map<RouteSpec, string[] | undefined>();

  private bodyFields(route: RouteSpec): string[] | undefined {
    if (!route.bodyParams) return this.spec.bodyParams;
    let fields = this.fieldsByRoute.get(route);
    if (!fields) {
      fields = [...(this.spec.bodyParams ?? []), ...route.bodyParams];
      this.fieldsByRoute.set(route, fields);
    }
    return fields;
  }

  needsBody(req: HttpRequestInfo): boolean {
    return !BODYLESS.has(req.method.toUpperCase());
  }

  injectCredentials(req: OutboundRequest, cred: Credential): void {
    removeHeaders(req.headers, this.removable);
    req.headers[this.auth.header] = this.auth.format(cred.token);
    this.spec.scrubCredentials?.(req);
  }

  actionTypes(): ActionTypeInfo[] {
    const fromRoutes = this.spec.routes.map((r) => ({
      type: r.type,
      method: r.method.toUpperCase(),
      path: r.path,
      risk: r.risk,
      ...(r.description ? {description: r.description} : {}),
    }));
    return this.spec.extraActionTypes ? [...fromRoutes, ...this.spec.extraActionTypes] : fromRoutes;
  }

  fixtures(): ConnectorFixture[] {
    return this.spec.fixtures ?? [];
  }

  liveProbe(options?: {path?: string}): LiveProbe | undefined {
    if (options?.path) return {method: 'GET', path: options.path};
    return this.spec.probe;
  }
}

/** Wraps a spec as the ConnectorType a plugin's `connectors` hook returns. */
export function defineRouteConnector(spec: RouteConnectorSpec): ConnectorType {
  let table: RouteTable | undefined; // compiled once, shared by every instance
  return {
    type: spec.type,
    description: spec.description,
    defaultDomains: spec.defaultDomains,
    defaultTokenEnv: spec.defaultTokenEnv,
    defaultAgentEnv: spec.defaultAgentEnv,
    accepts: spec.accepts ?? {},
    create(config) {
      table ??= new RouteTable(spec.routes);
      return new RouteConnector(spec, config, table);
    },
  };
}
