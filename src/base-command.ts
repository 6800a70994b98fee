import {Command, Flags} from '@oclif/core';
import {loadConnectorCatalog, type ConnectorCatalog} from './connectors/catalog';
import {ConnectorRegistry} from './connectors/registry';
import {loadConfig, type LoadedConfig} from './config/load';
import {UserError} from './errors';

export interface TfContext {
  config: LoadedConfig;
  catalog: ConnectorCatalog;
  registry: ConnectorRegistry;
}

/** Shared flags and error handling: user mistakes print one line and exit 2, never a stack. */
export abstract class TfCommand extends Command {
  static baseFlags = {
    config: Flags.string({
      char: 'c',
      description: 'Config file (default: tf.config.yaml, .tfrc.yaml, .tfrc or package.json#tf, searched from the cwd upward)',
      helpGroup: 'GLOBAL',
    }),
  };

  protected async loadContext(configPath?: string): Promise<TfContext> {
    const [config, catalog] = await Promise.all([loadConfig({configPath}), loadConnectorCatalog(this.config)]);
    for (const problem of catalog.problems) this.warn(problem);
    const registry = ConnectorRegistry.build(catalog, config.connectors, config.file);
    return {config, catalog, registry};
  }

  protected async catch(error: Error & {exitCode?: number; oclif?: {exit?: number}}): Promise<unknown> {
    if (error instanceof UserError) {
      process.stderr.write(`tf: ${error.message}\n`);
      return this.exit(error.exitCode);
    }
    return super.catch(error);
  }

  /** Writes machine output; JSON goes to stdout, never mixed with human text. */
  protected printJson(value: unknown): void {
    process.stdout.write(JSON.stringify(value, null, 2) + '\n');
  }
}
