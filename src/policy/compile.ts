import type {Decider, Decision, DecisionInput, Effect} from '../decision';
import {compileField} from './fields';
import {compileGlob, type ActionGlob} from './glob';
import {compileOperator} from './operators';
import {EFFECT_RANK, type ConditionSpec, type PolicySpec, type RuleSpec} from './spec';

type Test = (input: DecisionInput) => boolean;

interface CompiledRule {
  name: string;
  effect: Effect;
  mode: RuleSpec['mode'];
  globs: ActionGlob[];
  /** Undefined: the rule has no `when`, its glob alone decides. */
  test?: Test;
  /** Frozen decisions, built once so deciding allocates nothing. */
  enforced: Decision;
  shadow: Decision;
  reason: string;
}

/** Rules whose globs match one action type, split by mode and effect in config order. */
interface Candidates {
  enforce: CompiledRule[][]; // [deny, require_approval, allow]
  monitor: CompiledRule[][];
  hasMonitor: boolean;
}

const BY_RANK: Effect[] = ['deny', 'require_approval', 'allow'];
const NO_RULES: Candidates = {enforce: [], monitor: [], hasMonitor: false};
/** Action types are finite per connector set, but methods are agent-controlled: bound the memo. */
const INDEX_LIMIT = 4096;

/**
 * The compiled policy: globs and regexes prepared at load, rules indexed by action type
 * (memoised on first sight) so a decision evaluates only the rules whose glob matches.
 */
export class PolicyEngine implements Decider {
  private readonly rules: CompiledRule[];
  /** Rules by the first segment of their globs ("github" for github.repo.*); a wildcard first segment goes to `anyService`. */
  private readonly byService = new Map<string, CompiledRule[]>();
  private readonly anyService: CompiledRule[] = [];
  private readonly byType = new Map<string, Candidates>();
  private readonly fallback: Decision;

  constructor(readonly spec: PolicySpec) {
    this.rules = spec.rules.map(compileRule);
    for (const rule of this.rules) {
      const services = new Set(rule.globs.map((g) => (g.segments[0].includes('*') ? '*' : g.segments[0])));
      if (services.has('*')) this.anyService.push(rule);
      else for (const service of services) this.byService.set(service, [...(this.byService.get(service) ?? []), rule]);
    }
    // Each service's pool keeps config order with the wildcard-first rules merged in.
    for (const [service, own] of this.byService) {
      const pool = new Set([...own, ...this.anyService]);
      this.byService.set(service, this.rules.filter((r) => pool.has(r)));
    }
    const reason = spec.rules.length === 0 ? `no policy rules; default is ${spec.default}` : `no rule matched; default is ${spec.default}`;
    this.fallback = Object.freeze({effect: spec.default, rule: null, reason, mode: 'enforce'} as Decision);
  }

  decide(input: DecisionInput): Decision {
    const candidates = this.candidates(input.action.type);
    const enforced = firstMatch(candidates.enforce, input);
    const decision = enforced ? enforced.enforced : this.fallback;
    if (!candidates.hasMonitor) return decision;
    const shadow = firstMatch(candidates.monitor, input);
    if (!shadow) return decision;
    // What the decision would be were monitor rules enforced too.
    const would = enforced && EFFECT_RANK[enforced.effect] >= EFFECT_RANK[shadow.effect] ? enforced : shadow;
    if (would === enforced || would.effect === decision.effect) return decision;
    if (decision.effect === 'allow') return would.shadow;
    return {...decision, monitored: {effect: would.effect, rule: would.name, reason: would.reason}};
  }

  private candidates(type: string): Candidates {
    let found = this.byType.get(type);
    if (found) return found;
    found = {enforce: [[], [], []], monitor: [[], [], []], hasMonitor: false};
    const dot = type.indexOf('.');
    const service = this.byService.get(dot === -1 ? type : type.slice(0, dot));
    let matched = false;
    for (const rule of service ?? this.anyService) {
      if (!rule.globs.some((g) => g.test(type))) continue;
      matched = true;
      const slot = BY_RANK.indexOf(rule.effect);
      if (rule.mode === 'monitor') {
        found.monitor[slot].push(rule);
        found.hasMonitor = true;
      } else found.enforce[slot].push(rule);
    }
    if (!matched) found = NO_RULES;
    if (this.byType.size >= INDEX_LIMIT) this.byType.clear();
    this.byType.set(type, found);
    return found;
  }
}

/** The first matching rule of the strongest effect: deny wins regardless of order, then config order. */
function firstMatch(groups: CompiledRule[][], input: DecisionInput): CompiledRule | undefined {
  for (const group of groups) {
    for (const rule of group) if (!rule.test || rule.test(input)) return rule;
  }
  return undefined;
}

function compileRule(rule: RuleSpec): CompiledRule {
  const reason = rule.reason ?? `rule ${rule.name}: ${rule.decision.replace('_', ' ')}`;
  return {
    name: rule.name,
    effect: rule.decision,
    mode: rule.mode,
    globs: rule.match.map(compileGlob),
    test: rule.when ? compileCondition(rule.when) : undefined,
    reason,
    enforced: Object.freeze({effect: rule.decision, rule: rule.name, reason, mode: 'enforce'} as Decision),
    shadow: Object.freeze({effect: rule.decision, rule: rule.name, reason, mode: 'monitor'} as Decision),
  };
}

export function compileCondition(condition: ConditionSpec): Test {
  if ('all' in condition) {
    const tests = condition.all.map(compileCondition);
    if (tests.length === 1) return tests[0];
    return (input) => {
      for (const test of tests) if (!test(input)) return false;
      return true;
    };
  }
  if ('any' in condition) {
    const tests = condition.any.map(compileCondition);
    return (input) => {
      for (const test of tests) if (test(input)) return true;
      return false;
    };
  }
  if ('not' in condition) {
    const test = compileCondition(condition.not);
    return (input) => !test(input);
  }
  const read = compileField(condition.field);
  const test = compileOperator(condition.op, condition.op === 'matches' ? condition.value : normalizeOperand(condition.field, condition.value), condition.flags);
  return (input) => test(read(input));
}

/** Methods are upper-case and hosts lower-case on the request path; let rules be written either way. */
function normalizeOperand(field: string, value: unknown): unknown {
  const fold = field === 'method' ? (s: string) => s.toUpperCase() : field === 'host' ? (s: string) => s.toLowerCase() : undefined;
  if (!fold) return value;
  if (typeof value === 'string') return fold(value);
  if (Array.isArray(value)) return value.map((v) => (typeof v === 'string' ? fold(v) : v));
  return value;
}
