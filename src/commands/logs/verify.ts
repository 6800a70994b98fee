import {Flags} from '@oclif/core';
import {existsSync} from 'node:fs';
import {TfCommand} from '../../base-command';
import {verifyAuditLog} from '../../audit';
import {UserError} from '../../errors';
import {resolveAuditLog} from '../../audit/location';

export default class LogsVerify extends TfCommand {
  static summary = 'Check the audit log\'s hash chain and report the first broken line';
  static description = 'Each line carries the SHA-256 of the line before and of itself: an edited, removed, inserted or reordered line breaks the chain. Exits 1 when it is broken.';
  static examples = ['<%= config.bin %> logs verify', '<%= config.bin %> logs verify --audit-log ./audit.jsonl --json'];
  static flags = {
    'audit-log': Flags.string({description: 'Audit log file (default proxy.auditLog, else audit.jsonl in the data dir)'}),
    json: Flags.boolean({description: 'Print {file, ok, lines, broken}'}),
  };

  async run(): Promise<void> {
    const {flags} = await this.parse(LogsVerify);
    const file = await resolveAuditLog(this.config.dataDir, flags.config, flags['audit-log']);
    if (!existsSync(file)) throw new UserError(`${file}: no audit log yet`);
    const result = await verifyAuditLog(file);
    if (flags.json) this.printJson({file, ...result});
    else if (result.ok) {
      const writers = (result.chains ?? 0) > 1 ? ` (${result.chains} writers, each chain checked)` : '';
      this.log(`${file}: ok, ${result.lines} line${result.lines === 1 ? '' : 's'}, chain intact${writers}`);
    }
    else this.log(`${file}:${result.broken!.line}: chain broken: ${result.broken!.reason}`);
    if (!result.ok) this.exit(1);
  }
}
