import {Flags} from '@oclif/core';
import {TfCommand} from '../../base-command';
import {killSwitchStatus} from '../../kill-switch';
import {paint, table} from '../../output';

export default class KillSwitchStatus extends TfCommand {
  static summary = 'Show which kill switches are on, since when, by whom and why';
  static examples = ['<%= config.bin %> kill-switch status', '<%= config.bin %> kill-switch status --json'];
  static flags = {
    json: Flags.boolean({description: 'Print {active, all, connectors}'}),
  };

  async run(): Promise<void> {
    const {flags} = await this.parse(KillSwitchStatus);
    const status = killSwitchStatus(this.config.dataDir);
    if (flags.json) return this.printJson({active: status.active, all: status.all, connectors: status.connectors});
    if (!status.active) return this.log('kill switch off: traffic flows by policy');
    const rows = [
      ...(status.all ? [['every connector', status.all.since, status.all.by ?? '-', status.all.reason ?? '-']] : []),
      ...Object.entries(status.connectors).map(([name, e]) => [name, e.since, e.by ?? '-', e.reason ?? '-']),
    ];
    this.log(paint.red('kill switch ON'));
    this.log(table(rows, ['SCOPE', 'SINCE', 'BY', 'REASON']));
  }
}
