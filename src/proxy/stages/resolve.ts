import type {ConnectorInstance, ConnectorRegistry} from '../../connectors/registry';
import {hostMatches} from '../config';
import {ProxyError} from '../errors';

export type Resolution = {kind: 'connector'; instance: ConnectorInstance} | {kind: 'passthrough'};

/** Stage 1: the connector for a host; passthrough hosts go uninspected; anything else is denied. */
export function resolveConnector(registry: ConnectorRegistry, passthrough: string[], host: string): Resolution {
  const instance = registry.forHost(host);
  if (instance) return {kind: 'connector', instance};
  if (passthrough.length && hostMatches(passthrough, host)) return {kind: 'passthrough'};
  throw new ProxyError('no_connector', `no connector for ${host}: tf denies hosts without a connector (add one with tf connector add, or list the host in proxy.passthrough)`);
}
