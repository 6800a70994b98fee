/** The connector contract: the TypeScript form of the seed's Go interface. */

export type Risk = 'low' | 'medium' | 'high';

/** Header names are lower-case; a repeated header keeps every value. */
export type HeaderMap = Record<string, string | string[] | undefined>;

/** What a connector sees of one request: enough to classify it, nothing it could forward. */
export interface HttpRequestInfo {
  method: string; // upper-case
  url: URL;
  headers: HeaderMap;
  /** Absent when the request had no body or the proxy chose not to buffer it. */
  body?: Uint8Array;
  /** True when the body was larger than the buffering cap: only its first bytes (if any) are present. */
  bodyTruncated?: boolean;
}

export interface Resource {
  provider: string;
  [key: string]: unknown;
}

export interface Action {
  type: string; // "github.pr.merge"
  risk: Risk;
  resource: Resource;
  parameters: Record<string, unknown>;
  riskHints: Record<string, unknown>;
}

/** The request as it will leave the proxy; connectors edit it in place to set credentials. */
export interface OutboundRequest {
  method: string;
  url: URL;
  headers: HeaderMap;
  /** Present only when the proxy buffered the body; a connector may replace it (e.g. to drop a token field). */
  body?: Uint8Array;
}

export interface Credential {
  /** The real secret, read from the environment variable named in config. */
  token: string;
  /** Name of that variable, for messages (never the value). */
  envVar: string;
}

export interface ActionTypeInfo {
  type: string;
  method: string;
  path: string;
  risk: Risk;
  description?: string;
}

export interface FixtureRequest {
  method: string;
  /** Absolute URL, or a path resolved against the connector's first domain (and base path). */
  url: string;
  headers?: Record<string, string>;
  body?: string | Record<string, unknown>;
}

export interface ConnectorFixture {
  name: string;
  request: FixtureRequest;
  expect: { type: string; risk?: Risk };
}

/** One read-only, authenticated request that proves a token works (`tf connector test --live`). */
export interface LiveProbe {
  method: string;
  /** Path relative to the connector's API root (base URL or first domain). */
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface Connector {
  /** Instance name from config ("github", "ghe", ...). */
  readonly name: string;
  /** Connector type ("github"). */
  readonly type: string;
  /** Exact hosts or "*.example.com". */
  domains(): string[];
  /** Never throws for unknown routes: falls back to a marked, method-based type. */
  parseAction(req: HttpRequestInfo): Action;
  /** Removes agent-supplied credentials and sets the real one. */
  injectCredentials(req: OutboundRequest, cred: Credential): void;
  actionTypes(): ActionTypeInfo[];
  fixtures(): ConnectorFixture[];
  /** The `--live` probe; `path` is the user's override (the generic connector needs one). */
  liveProbe(options?: { path?: string }): LiveProbe | undefined;
  /** Origin the probe and relative fixture URLs are resolved against, e.g. "https://api.github.com". */
  apiRoot(): string;
  /** Whether classifying this request may need its body (lets the proxy stream everything else). */
  needsBody(req: HttpRequestInfo): boolean;
}

/** One configured connector instance, as read from the config file. */
export interface ConnectorInstanceConfig {
  name: string;
  type: string;
  domains?: string[];
  baseUrl?: string;
  tokenEnv?: string;
  authHeader?: string;
  /** Environment variable the agent's SDK expects (set to a placeholder by `tf run`). */
  agentEnv?: string;
  [key: string]: unknown;
}

/** What a connector plugin contributes through the `connectors` hook. */
export interface ConnectorType {
  type: string;
  description: string;
  defaultDomains: string[];
  /** Env var users conventionally keep the token in (a suggestion for `connector add`). */
  defaultTokenEnv?: string;
  /** Env var the vendor's SDK reads its key from (for `tf run` placeholders). */
  defaultAgentEnv?: string;
  /** Which `connector add` flags this type understands. */
  accepts: { baseUrl?: boolean; domains?: 'required' | 'optional'; authHeader?: boolean };
  /** Throws ConnectorConfigError for a bad instance config. */
  create(config: ConnectorInstanceConfig): Connector;
}

export class ConnectorConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConnectorConfigError';
  }
}
