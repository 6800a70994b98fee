import type {Effect} from '../decision';
import type {Operator} from './operators';

/** The validated form of the config's `policies:` section (before compilation). */
export interface PolicySpec {
  default: Effect;
  approvalTimeoutMs: number;
  rules: RuleSpec[];
}

export interface RuleSpec {
  name: string;
  /** Position in `policies.rules`, for messages and line numbers. */
  index: number;
  match: string[];
  when?: ConditionSpec;
  decision: Effect;
  reason?: string;
  mode: 'enforce' | 'monitor';
}

export type ConditionSpec =
  | {field: string; op: Operator; value?: unknown; flags?: string}
  | {all: ConditionSpec[]}
  | {any: ConditionSpec[]}
  | {not: ConditionSpec};

/** One thing wrong with the policies, located by its config path (`file.where(path)` turns it into `file:line`). */
export interface PolicyProblem {
  path: (string | number)[];
  message: string;
}

export const EFFECTS: readonly Effect[] = ['allow', 'deny', 'require_approval'];

/** Precedence among matching rules: deny beats require_approval beats allow, whatever their order. */
export const EFFECT_RANK: Record<Effect, number> = {deny: 3, require_approval: 2, allow: 1};

export const DEFAULT_APPROVAL_TIMEOUT_MS = 300_000;

/** Reserved rule name: the kill switch reports itself under it. */
export const KILL_SWITCH_RULE = 'kill_switch';
