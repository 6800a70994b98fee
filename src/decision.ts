import type {Action} from '@tf/sdk';

/** The seam between the request path (proxy, `tf parse`) and policy: one input, one decision. */

export type Effect = 'allow' | 'deny' | 'require_approval';

export interface DecisionInput {
  action: Action;
  /** Connector instance name. */
  connector: string;
  /** Agent name (proxy username or `tf run --agent`), when known. */
  agent?: string;
  method: string;
  host: string;
  path: string;
}

export interface Decision {
  effect: Effect;
  /** Name of the rule that decided, or null for the default. */
  rule: string | null;
  reason: string | null;
  /** "monitor": a shadow rule's verdict, recorded but not enforced. */
  mode: 'enforce' | 'monitor';
}

export interface Decider {
  decide(input: DecisionInput): Decision;
}

/** Until policies are configured every classified action is allowed (unknown hosts are denied earlier). */
export const allowAll: Decider = {
  decide: () => ({effect: 'allow', rule: null, reason: null, mode: 'enforce'}),
};

export interface ApprovalOutcome {
  outcome: 'approved' | 'denied' | 'timeout';
  approver?: string;
  reason?: string;
}

/** Holds a request that needs approval until someone decides or it times out. */
export interface ApprovalGate {
  hold(input: DecisionInput & {requestId: string}, signal: AbortSignal): Promise<ApprovalOutcome>;
}

export interface KillSwitchState {
  active: boolean;
  reason?: string;
}

/** Checked before policy: an active switch in scope denies everything. */
export interface KillSwitch {
  check(connector: string): KillSwitchState;
}
