import {Args, Flags} from '@oclif/core';
import {decideApproval} from '../../approvals/client';
import {TfCommand} from '../../base-command';

export default class ApprovalsDeny extends TfCommand {
  static summary = 'Deny one held request: the agent gets 403';
  static description = 'The approver recorded in the audit log is the local user name. Exits 1 when no proxy holds that id (unknown or already decided).';
  static examples = ['<%= config.bin %> approvals deny 3f9c2a1b --reason "not during the freeze"'];
  static args = {id: Args.string({description: 'Approval id (or request id) from tf approvals list', required: true})};
  static flags = {reason: Flags.string({description: 'Why: sent to the agent and recorded in the audit log'})};

  async run(): Promise<void> {
    const {args, flags} = await this.parse(ApprovalsDeny);
    const {approval} = await decideApproval(this.config.dataDir, args.id, 'deny', {reason: flags.reason});
    this.log(`denied ${approval.id}: ${approval.action}${approval.agent ? ` by agent ${approval.agent}` : ''} gets 403`);
  }
}
