import {Flags} from '@oclif/core';
import {listApprovals} from '../../approvals/client';
import {TfCommand} from '../../base-command';
import {risk, table} from '../../output';
import {formatDuration} from '../../policy/duration';

export default class ApprovalsList extends TfCommand {
  static summary = 'Show requests held by running proxies until someone approves or denies them';
  static description =
    'Lists every pending approval of the proxies running for this user (tf proxy start, tf run): id, agent, action, risk, resource, ' +
    'parameters and age. Approve or deny one with tf approvals approve|deny <id>.';
  static examples = ['<%= config.bin %> approvals list', '<%= config.bin %> approvals list --json'];
  static flags = {
    json: Flags.boolean({description: 'Print a JSON array of pending approvals'}),
  };

  async run(): Promise<void> {
    const {flags} = await this.parse(ApprovalsList);
    const approvals = await listApprovals(this.config.dataDir);
    if (flags.json) return this.printJson(approvals.map((a) => ({...a, age: formatDuration(a.ageMs)})));
    if (approvals.length === 0) return this.log('no pending approvals');
    const rows = approvals.map((a) => [
      a.id,
      formatDuration(a.ageMs),
      a.agent ?? '-',
      a.action,
      risk(a.risk),
      compact(a.resource, ['provider']),
      compact(a.parameters),
      formatDuration(a.expiresInMs),
    ]);
    this.log(table(rows, ['ID', 'AGE', 'AGENT', 'ACTION', 'RISK', 'RESOURCE', 'PARAMETERS', 'EXPIRES IN']));
  }
}

function compact(values: Record<string, unknown>, skip: string[] = []): string {
  const text = Object.entries(values ?? {})
    .filter(([k]) => !skip.includes(k))
    .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(' ');
  if (!text) return '-';
  return text.length > 60 ? text.slice(0, 57) + '...' : text;
}
