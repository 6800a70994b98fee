import {Args, Flags} from '@oclif/core';
import {decideApproval} from '../../approvals/client';
import {TfCommand} from '../../base-command';

export default class ApprovalsApprove extends TfCommand {
  static summary = 'Approve one held request: the proxy forwards it, once';
  static description = 'The approver recorded in the audit log is the local user name. Exits 1 when no proxy holds that id (unknown or already decided).';
  static examples = ['<%= config.bin %> approvals approve 3f9c2a1b --reason "refund agreed with support"'];
  static args = {id: Args.string({description: 'Approval id (or request id) from tf approvals list', required: true})};
  static flags = {reason: Flags.string({description: 'Why: recorded in the audit log'})};

  async run(): Promise<void> {
    const {args, flags} = await this.parse(ApprovalsApprove);
    const {approval, outcome} = await decideApproval(this.config.dataDir, args.id, 'approve', {reason: flags.reason});
    this.log(`approved ${approval.id}: ${approval.action}${approval.agent ? ` by agent ${approval.agent}` : ''} is forwarded (approver ${outcome.approver})`);
  }
}
