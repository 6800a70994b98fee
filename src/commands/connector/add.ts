import {Args, Flags} from '@oclif/core';
import {TfCommand} from '../../base-command';
import {ConfigFile} from '../../config/config-file';
import {defaultConfigPath, findConfigPath, validateConfig} from '../../config/load';
import {loadConnectorCatalog} from '../../connectors/catalog';
import {instanceSettings, storedSettings} from '../../connectors/instance-settings';
import {ConnectorRegistry} from '../../connectors/registry';
import {UserError} from '../../errors';

export default class ConnectorAdd extends TfCommand {
  static summary = 'Add a connector instance to the config';
  static description =
    'Writes connectors.<name> to the config (created as ./tf.config.yaml when none exists), keeping comments and order. ' +
    'Tokens are never written: --token-env names the environment variable that holds the token.';
  static examples = [
    '<%= config.bin %> connector add github --token-env GITHUB_TOKEN',
    '<%= config.bin %> connector add github --name ghe --token-env GHE_TOKEN --base-url https://github.yourcompany.com/api/v3',
    '<%= config.bin %> connector add generic --domains "api.example.com,api.other.com" --token-env EXAMPLE_KEY --auth-header X-API-Key',
  ];
  static args = {type: Args.string({description: 'Connector type (see tf connector list)', required: true})};
  static flags = {
    name: Flags.string({char: 'n', description: 'Instance name (default: the type)'}),
    'token-env': Flags.string({description: 'Environment variable holding the real token'}),
    'base-url': Flags.string({description: 'API base URL, e.g. GitHub Enterprise https://HOST/api/v3 or Azure OpenAI'}),
    domains: Flags.string({description: 'Comma-separated hosts this instance handles (generic connector)'}),
    'auth-header': Flags.string({description: 'Header that receives the raw token (default: Authorization: Bearer)'}),
    'agent-env': Flags.string({description: 'Env var the agent SDK reads its key from (tf run sets a placeholder)'}),
    json: Flags.boolean({description: 'Print the added instance as JSON'}),
  };

  async run(): Promise<void> {
    const {args, flags} = await this.parse(ConnectorAdd);
    const filepath = (await findConfigPath({configPath: flags.config})) ?? defaultConfigPath();
    const file = ConfigFile.exists(filepath) ? ConfigFile.read(filepath) : ConfigFile.create(filepath);
    const current = validateConfig(file);
    const catalog = await loadConnectorCatalog(this.config);
    const installed = catalog.types.get(args.type);
    if (!installed) {
      throw new UserError(`unknown connector type "${args.type}" (installed: ${[...catalog.types.keys()].sort().join(', ')})`);
    }
    const settings = instanceSettings(
      {
        type: args.type,
        name: flags.name,
        tokenEnv: flags['token-env'],
        baseUrl: flags['base-url'],
        domains: flags.domains,
        authHeader: flags['auth-header'],
        agentEnv: flags['agent-env'],
      },
      installed.connectorType.defaultTokenEnv,
    );
    if (current.connectors.some((c) => c.name === settings.name)) {
      throw new UserError(`${file.where(['connectors', settings.name])}: a connector named "${settings.name}" already exists; pick another --name`);
    }
    // Building the registry with the new instance validates URL, domains and domain clashes before anything is written.
    const registry = ConnectorRegistry.build(catalog, [...current.connectors, settings], file);
    const added = registry.byName(settings.name)!;
    file.setIn(['connectors', settings.name], storedSettings(settings));
    file.save();
    if (flags.json) {
      this.printJson({...settings, domains: added.connector.domains(), config: filepath});
      return;
    }
    this.log(`Added connector ${settings.name} (${settings.type}) for ${added.connector.domains().join(', ')} → ${filepath}`);
    if (settings.tokenEnv && !process.env[settings.tokenEnv]) this.log(`Set ${settings.tokenEnv} in the proxy's environment before starting it.`);
    if (!settings.tokenEnv) this.log('No --token-env given: requests will be forwarded without a credential.');
  }
}
