import type {Connector} from '@tf/sdk';
import type {ConnectorCatalog} from '../connectors/catalog';
import type {ConnectorRegistry} from '../connectors/registry';

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];
const PROBE_PATH = '/__tf_policy_check__/a/b/c';

/**
 * Every action type the installed connectors can produce: their route tables, plus the per-method
 * fallbacks (`generic.<method>`, `<type>.unknown.<method>`) found by classifying a path no route knows.
 */
export function installedActionTypes(catalog: ConnectorCatalog, registry: ConnectorRegistry): Set<string> {
  const types = new Set<string>();
  const connectors: Connector[] = registry.instances.map((i) => i.connector);
  const configured = new Set(registry.instances.map((i) => i.config.type));
  for (const [type, installed] of catalog.types) {
    if (configured.has(type)) continue;
    const connector = tryCreate(() => installed.connectorType.create({name: type, type})) ??
      tryCreate(() => installed.connectorType.create({name: type, type, domains: ['policy-check.invalid']}));
    if (connector) connectors.push(connector);
  }
  for (const connector of connectors) {
    for (const info of safe(() => connector.actionTypes()) ?? []) types.add(info.type);
    const root = safe(() => connector.apiRoot()) ?? 'https://policy-check.invalid';
    for (const method of METHODS) {
      const action = safe(() => connector.parseAction({method, url: new URL(root.replace(/\/+$/, '') + PROBE_PATH), headers: {}}));
      if (action) types.add(action.type);
    }
  }
  return types;
}

function tryCreate(create: () => Connector): Connector | undefined {
  return safe(create);
}

function safe<T>(fn: () => T): T | undefined {
  try {
    return fn();
  } catch {
    return undefined;
  }
}
