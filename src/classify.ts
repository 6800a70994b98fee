import type {Action, HeaderMap, HttpRequestInfo} from '@tf/sdk';
import type {ConnectorInstance, ConnectorRegistry} from './connectors/registry';

export interface Classification {
  /** Undefined when no connector claims the host: the request would be denied. */
  instance?: ConnectorInstance;
  action?: Action;
}

/** Step 1 and 2 of the request path: find the connector for the host, let it name the action. */
export function classifyRequest(registry: ConnectorRegistry, request: HttpRequestInfo): Classification {
  const instance = registry.forHost(request.url.hostname);
  if (!instance) return {};
  return {instance, action: instance.connector.parseAction(request)};
}

/** Builds the connector's view of a request; throws TypeError for a URL that does not parse. */
export function requestInfo(method: string, url: string, headers: HeaderMap, body?: Uint8Array): HttpRequestInfo {
  return {method: method.toUpperCase(), url: new URL(url), headers, body};
}
