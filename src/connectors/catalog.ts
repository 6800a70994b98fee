import type {Config} from '@oclif/core';
import {CONNECTORS_HOOK, type ConnectorType} from '@tf/sdk';

export interface InstalledType {
  connectorType: ConnectorType;
  /** npm name of the plugin that contributed it. */
  plugin: string;
}

export interface ConnectorCatalog {
  types: Map<string, InstalledType>;
  /** Plugins whose hook failed or returned something unusable: reported, never fatal. */
  problems: string[];
}

/** Asks every installed oclif plugin for its connector types (the `connectors` hook). */
export async function loadConnectorCatalog(config: Config): Promise<ConnectorCatalog> {
  const result = await config.runHook(CONNECTORS_HOOK as never, {} as never);
  const types = new Map<string, InstalledType>();
  const problems: string[] = [];
  for (const failure of result.failures) {
    problems.push(`plugin ${failure.plugin.name}: connectors hook failed: ${failure.error.message.split('\n')[0]}`);
  }
  for (const success of result.successes as {plugin: {name: string}; result: unknown}[]) {
    if (!Array.isArray(success.result)) {
      problems.push(`plugin ${success.plugin.name}: connectors hook must return an array of connector types`);
      continue;
    }
    for (const candidate of success.result as ConnectorType[]) {
      if (!candidate || typeof candidate.type !== 'string' || typeof candidate.create !== 'function') {
        problems.push(`plugin ${success.plugin.name}: returned an invalid connector type`);
        continue;
      }
      const existing = types.get(candidate.type);
      if (existing) {
        problems.push(`connector type ${candidate.type} from ${success.plugin.name} ignored: already provided by ${existing.plugin}`);
        continue;
      }
      types.set(candidate.type, {connectorType: candidate, plugin: success.plugin.name});
    }
  }
  return {types, problems};
}
