import type {ApprovalGate, ApprovalOutcome, Decider, Decision, DecisionInput, KillSwitch} from '../../decision';
import {ProxyError} from '../errors';

export interface DecisionHooks {
  decider: Decider;
  approvalGate?: ApprovalGate;
  killSwitch?: KillSwitch;
}

export interface Verdict {
  decision: Decision;
  approval?: ApprovalOutcome;
  /** Set when the request must not go upstream. */
  refusal?: ProxyError;
}

/** Stage 4: kill switch first, then the decider; `require_approval` waits on the gate, or is refused without one. */
export async function decide(hooks: DecisionHooks, input: DecisionInput, requestId: string, signal: () => AbortSignal): Promise<Verdict> {
  const kill = hooks.killSwitch?.check(input.connector);
  if (kill?.active) {
    const reason = kill.reason ?? 'the kill switch is active';
    return {decision: {effect: 'deny', rule: 'kill_switch', reason, mode: 'enforce'}, refusal: new ProxyError('kill_switch', `${input.action.type} blocked: ${reason}`)};
  }
  const decision = hooks.decider.decide(input);
  if (decision.mode === 'monitor' || decision.effect === 'allow') return {decision};
  if (decision.effect === 'deny') {
    const why = decision.reason ?? (decision.rule ? `rule ${decision.rule}` : 'policy');
    return {decision, refusal: new ProxyError('denied', `${input.action.type} denied: ${why}`)};
  }
  if (!hooks.approvalGate) {
    return {decision, refusal: new ProxyError('approval_denied', `${input.action.type} requires approval, and no approval channel is configured`)};
  }
  const approval = await hooks.approvalGate.hold({...input, requestId, decision}, signal());
  if (approval.outcome === 'approved') return {decision, approval};
  if (approval.outcome === 'timeout') return {decision, approval, refusal: new ProxyError('approval_timeout', `${input.action.type}: approval timed out`)};
  const why = `approval denied${approval.approver ? ` by ${approval.approver}` : ''}${approval.reason ? `: ${approval.reason}` : ''}`;
  return {decision, approval, refusal: new ProxyError('approval_denied', `${input.action.type}: ${why}`)};
}
