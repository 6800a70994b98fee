import {Flags} from '@oclif/core';
import {TfCommand} from '../../base-command';
import {paint, table} from '../../output';

export default class ConnectorList extends TfCommand {
  static summary = 'List connector instances and installed connector types';
  static description = 'Shows each active instance (name, type, domains, token variable and whether it is set — never its value, action types, plugin), then installed types without an instance.';
  static examples = ['<%= config.bin %> connector list', '<%= config.bin %> connector list --json'];
  static flags = {json: Flags.boolean({description: 'Print JSON'})};

  async run(): Promise<void> {
    const {flags} = await this.parse(ConnectorList);
    const {registry, catalog, config} = await this.loadContext(flags.config);
    const instances = registry.instances.map(({connector, config: c, plugin}) => ({
      name: c.name,
      type: c.type,
      domains: connector.domains(),
      ...(c.baseUrl ? {baseUrl: c.baseUrl} : {}),
      tokenEnv: c.tokenEnv ?? null,
      tokenSet: c.tokenEnv ? Boolean(process.env[c.tokenEnv]) : false,
      actionTypes: new Set(connector.actionTypes().map((a) => a.type)).size,
      plugin,
    }));
    const used = new Set(instances.map((i) => i.type));
    const available = [...catalog.types.values()]
      .filter((t) => !used.has(t.connectorType.type))
      .map((t) => ({type: t.connectorType.type, plugin: t.plugin, description: t.connectorType.description, defaultDomains: t.connectorType.defaultDomains}));
    if (flags.json) {
      this.printJson({config: config.file?.filepath ?? null, connectors: instances, available});
      return;
    }
    this.log(config.file ? `Config: ${config.file.filepath}` : 'No config file: every installed connector is active on its default domains.');
    this.log(
      table(
        instances.map((i) => [
          i.name,
          i.type,
          i.domains.join(','),
          i.tokenEnv ? `${i.tokenEnv} ${i.tokenSet ? paint.green('(set)') : paint.yellow('(not set)')}` : '-',
          String(i.actionTypes),
          i.plugin,
        ]),
        ['NAME', 'TYPE', 'DOMAINS', 'TOKEN ENV', 'ACTIONS', 'PLUGIN'],
      ),
    );
    if (available.length) {
      this.log('\nInstalled types without an instance (tf connector add <type>):');
      this.log(table(available.map((t) => ['  ' + t.type, t.plugin, t.description])));
    }
  }
}
