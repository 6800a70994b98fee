import {Flags} from '@oclif/core';
import type {ActionTypeInfo} from '@tf/sdk';
import {TfCommand} from '../../base-command';
import {UserError} from '../../errors';
import {risk, table} from '../../output';

export default class ActionsList extends TfCommand {
  static summary = 'List the action types connectors produce (type, method, path template, risk)';
  static examples = ['<%= config.bin %> actions list', '<%= config.bin %> actions list --connector github --json'];
  static flags = {
    connector: Flags.string({description: 'Only this instance (or type)'}),
    json: Flags.boolean({description: 'Print JSON'}),
  };

  async run(): Promise<void> {
    const {flags} = await this.parse(ActionsList);
    const {registry} = await this.loadContext(flags.config);
    const selected = registry.instances.filter((i) => !flags.connector || i.config.name === flags.connector || i.config.type === flags.connector);
    if (flags.connector && selected.length === 0) {
      throw new UserError(`no connector "${flags.connector}" (active: ${registry.instances.map((i) => i.config.name).join(', ')})`);
    }
    const rows: (ActionTypeInfo & {connector: string})[] = [];
    for (const {connector, config} of selected) for (const a of connector.actionTypes()) rows.push({connector: config.name, ...a});
    if (flags.json) {
      this.printJson(rows);
      return;
    }
    this.log(table(rows.map((r) => [r.connector, r.type, r.method, r.path, risk(r.risk)]), ['CONNECTOR', 'ACTION', 'METHOD', 'PATH', 'RISK']));
    this.log(`\n${rows.length} routes, ${new Set(rows.map((r) => r.type)).size} action types`);
  }
}
