import {Flags} from '@oclif/core';
import {TfCommand} from '../../base-command';
import {turnKillSwitchOff} from '../../kill-switch';
import {proxies} from './on';

export default class KillSwitchOff extends TfCommand {
  static summary = 'Let traffic through again (every switch, or one connector\'s)';
  static examples = ['<%= config.bin %> kill-switch off', '<%= config.bin %> kill-switch off --connector stripe'];
  static flags = {
    connector: Flags.string({description: 'Only this connector\'s switch (default: every switch, the global one included)'}),
  };

  async run(): Promise<void> {
    const {flags} = await this.parse(KillSwitchOff);
    const {state, notified} = await turnKillSwitchOff(this.config.dataDir, {connector: flags.connector});
    this.log(`kill switch OFF for ${flags.connector ? `connector ${flags.connector}` : 'every connector'} (${proxies(notified)} notified)`);
    if (flags.connector && state.all) this.warn('the global kill switch is still on: tf kill-switch off clears it');
  }
}
