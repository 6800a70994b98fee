import {Flags} from '@oclif/core';
import {TfCommand} from '../../base-command';
import {loadConfig} from '../../config/load';
import {UserError} from '../../errors';
import {turnKillSwitchOn} from '../../kill-switch';

export default class KillSwitchOn extends TfCommand {
  static summary = 'Stop all traffic (or one connector\'s) at once: 403 for new requests, pending approvals denied, streams cut';
  static description =
    'The switch is a file in the data dir, so it survives proxy restarts; running proxies apply it before this command returns. ' +
    'It never needs a valid config: an emergency stop must not depend on one.';
  static examples = ['<%= config.bin %> kill-switch on --reason "agent is looping"', '<%= config.bin %> kill-switch on --connector stripe'];
  static flags = {
    connector: Flags.string({description: 'Only this connector instance (default: every connector)'}),
    reason: Flags.string({description: 'Why: shown to agents in the 403 and recorded in the audit log'}),
  };

  async run(): Promise<void> {
    const {flags} = await this.parse(KillSwitchOn);
    if (flags.connector !== undefined && !/^[a-z0-9][a-z0-9_-]*$/i.test(flags.connector)) {
      throw new UserError(`--connector "${flags.connector}": not a connector instance name (letters, digits, - and _)`);
    }
    if (flags.connector) await this.warnIfUnknown(flags.connector, flags.config);
    const {notified} = await turnKillSwitchOn(this.config.dataDir, {connector: flags.connector, reason: flags.reason});
    const scope = flags.connector ? `connector ${flags.connector}` : 'every connector';
    this.log(`kill switch ON for ${scope}${flags.reason ? `: ${flags.reason}` : ''} (${proxies(notified)} notified)`);
  }

  private async warnIfUnknown(name: string, configPath?: string): Promise<void> {
    try {
      const config = await loadConfig({configPath});
      if (config.file && !config.connectors.some((c) => c.name === name)) this.warn(`no connector named "${name}" in ${config.file.filepath}; turning its switch on anyway`);
    } catch {
      // A broken config must not block an emergency stop.
    }
  }
}

export function proxies(n: number): string {
  return `${n} running prox${n === 1 ? 'y' : 'ies'}`;
}
