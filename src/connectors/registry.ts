import {ConnectorConfigError, type Connector, type ConnectorInstanceConfig, type ConnectorType} from '@tf/sdk';
import type {ConfigFile} from '../config/config-file';
import {UserError} from '../errors';
import type {ConnectorCatalog} from './catalog';

export interface ConnectorInstance {
  connector: Connector;
  config: ConnectorInstanceConfig;
  connectorType: ConnectorType;
  plugin: string;
}

/** The active connector instances and the host → connector index the request path uses. */
export class ConnectorRegistry {
  private readonly exact = new Map<string, ConnectorInstance>();
  private readonly wildcards: {suffix: string; instance: ConnectorInstance}[] = [];

  private constructor(readonly instances: ConnectorInstance[]) {
    for (const instance of instances) {
      for (const domain of instance.connector.domains()) {
        const owner = domain.startsWith('*.') ? this.wildcards.find((w) => w.suffix === domain.slice(1))?.instance : this.exact.get(domain);
        if (owner) {
          throw new UserError(`domain ${domain} is claimed by both connectors "${owner.config.name}" and "${instance.config.name}"`);
        }
        if (domain.startsWith('*.')) this.wildcards.push({suffix: domain.slice(1), instance});
        else this.exact.set(domain, instance);
      }
    }
    // Longest suffix first, so *.eu.example.com beats *.example.com.
    this.wildcards.sort((a, b) => b.suffix.length - a.suffix.length);
  }

  /** Instances from config; with no config, every installed type with default domains, named after its type. */
  static build(catalog: ConnectorCatalog, configured: ConnectorInstanceConfig[], file?: ConfigFile): ConnectorRegistry {
    const entries = file
      ? configured
      : [...catalog.types.values()]
          .filter((t) => t.connectorType.defaultDomains.length > 0)
          .map((t) => ({
            name: t.connectorType.type,
            type: t.connectorType.type,
            // The conventional variable (GITHUB_TOKEN, ...), so list, test --live, proxy and run agree on it.
            ...(t.connectorType.defaultTokenEnv ? {tokenEnv: t.connectorType.defaultTokenEnv} : {}),
          }));
    const instances = entries.map((config) => instantiate(catalog, config, file));
    return new ConnectorRegistry(instances);
  }

  /** The connector for a host name (no port), or undefined: no connector means deny. */
  forHost(hostname: string): ConnectorInstance | undefined {
    const host = hostname.toLowerCase();
    const exact = this.exact.get(host);
    if (exact) return exact;
    for (const {suffix, instance} of this.wildcards) if (host.endsWith(suffix)) return instance;
    return undefined;
  }

  byName(name: string): ConnectorInstance | undefined {
    return this.instances.find((i) => i.config.name === name);
  }
}

export function instantiate(catalog: ConnectorCatalog, config: ConnectorInstanceConfig, file?: ConfigFile): ConnectorInstance {
  const where = file ? `${file.where(['connectors', config.name])}: connectors.${config.name}: ` : '';
  const installed = catalog.types.get(config.type);
  if (!installed) {
    const known = [...catalog.types.keys()].sort().join(', ');
    throw new UserError(`${where}unknown connector type "${config.type}" (installed: ${known || 'none'})`);
  }
  try {
    return {connector: installed.connectorType.create(config), config, connectorType: installed.connectorType, plugin: installed.plugin};
  } catch (error) {
    if (error instanceof ConnectorConfigError) throw new UserError(`${where}${error.message}`);
    throw error;
  }
}
