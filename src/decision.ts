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
  /**
   * "monitor": a shadow rule's verdict, recorded but not enforced; the request then proceeds as allowed
   * (a monitor verdict is only reported this way when the enforced verdict is allow — see `enforcedEffect`).
   */
  mode: 'enforce' | 'monitor';
  /** On an enforced deny/require_approval: the monitor-mode rule that would have changed it, had it been enforced. */
  monitored?: {effect: Effect; rule: string; reason: string | null};
}

/** What the request path must do with a decision: a monitor-mode verdict is recorded, the request allowed. */
export function enforcedEffect(decision: Decision): Effect {
  return decision.mode === 'monitor' ? 'allow' : decision.effect;
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
  /** `decision` (optional) lets `tf approvals list` show which rule asked for the approval. */
  hold(input: DecisionInput & {requestId: string; decision?: Decision}, signal: AbortSignal): Promise<ApprovalOutcome>;
}

export interface KillSwitchState {
  active: boolean;
  reason?: string;
  /** "all" when the global switch is on, "connector" when only this connector's is. */
  scope?: 'all' | 'connector';
  /** ISO time the switch was turned on, and by whom (local user name). */
  since?: string;
  by?: string;
}

/** One change of the kill switch, for the audit log and for cutting in-flight streams in scope. */
export interface KillSwitchEvent {
  active: boolean;
  /** null: the global switch (every connector). */
  connector: string | null;
  reason?: string;
  by?: string;
  /** ISO time of the change. */
  at: string;
}

/** Checked before policy: an active switch in scope denies everything. */
export interface KillSwitch {
  check(connector: string): KillSwitchState;
  /** Called on every change (another process turning it on/off); returns the unsubscribe function. */
  subscribe?(listener: (event: KillSwitchEvent) => void): () => void;
}
