import type {Effect} from '../decision';
import {parseDuration} from './duration';
import {fieldProblem} from './fields';
import {globProblem} from './glob';
import {isOperator, OPERATORS, operandProblem, type Operator} from './operators';
import {DEFAULT_APPROVAL_TIMEOUT_MS, EFFECTS, KILL_SWITCH_RULE, type ConditionSpec, type PolicyProblem, type PolicySpec, type RuleSpec} from './spec';

type Path = (string | number)[];

const SECTION_KEYS = ['default', 'approvalTimeout', 'rules'];
const RULE_KEYS = ['name', 'match', 'when', 'decision', 'reason', 'mode', 'description'];
const CONDITION_KEYS = ['field', 'op', 'value', 'flags'];
const COMBINATORS = ['all', 'any', 'not'];
const MAX_TIMEOUT_MS = 24 * 3_600_000;

/**
 * Reads the raw `policies:` section into a PolicySpec, collecting every problem (not just the first)
 * so `tf policy check` can list them all; commands that enforce refuse to start on any.
 * An absent section is an empty policy: default allow, no rules.
 */
export function readPolicySpec(raw: unknown): {spec: PolicySpec; problems: PolicyProblem[]} {
  const problems: PolicyProblem[] = [];
  const problem = (path: Path, message: string) => problems.push({path, message});
  const spec: PolicySpec = {default: 'allow', approvalTimeoutMs: DEFAULT_APPROVAL_TIMEOUT_MS, rules: []};
  if (raw === undefined || raw === null) return {spec, problems};
  const root: Path = ['policies'];
  if (!isMapping(raw)) {
    problem(root, 'policies must be a mapping (default:, approvalTimeout:, rules:)');
    return {spec, problems};
  }
  for (const key of Object.keys(raw)) {
    if (!SECTION_KEYS.includes(key)) problem([...root, key], `policies.${key}: unknown key (expected ${SECTION_KEYS.join(', ')})`);
  }
  if (raw.default !== undefined) {
    if (isEffect(raw.default)) spec.default = raw.default;
    else problem([...root, 'default'], `policies.default: must be allow, deny or require_approval (got ${show(raw.default)})`);
  }
  if (raw.approvalTimeout !== undefined) {
    const ms = parseDuration(raw.approvalTimeout);
    if (ms === undefined || ms <= 0 || ms > MAX_TIMEOUT_MS) {
      problem([...root, 'approvalTimeout'], `policies.approvalTimeout: expected a duration like 300s, 5m or 1h, at most 24h (got ${show(raw.approvalTimeout)})`);
    } else spec.approvalTimeoutMs = ms;
  }
  if (raw.rules !== undefined && raw.rules !== null) {
    if (!Array.isArray(raw.rules)) problem([...root, 'rules'], 'policies.rules: must be a list of rules');
    else {
      const names = new Map<string, number>();
      raw.rules.forEach((value, index) => {
        const rule = readRule(value, index, problem);
        if (!rule) return;
        const earlier = names.get(rule.name);
        if (earlier !== undefined) problem([...root, 'rules', index, 'name'], `${label(rule.name)}: duplicate rule name (also rule ${earlier + 1})`);
        else names.set(rule.name, index);
        spec.rules.push(rule);
      });
    }
  }
  return {spec, problems};
}

function readRule(value: unknown, index: number, problem: (path: Path, message: string) => void): RuleSpec | undefined {
  const at: Path = ['policies', 'rules', index];
  if (!isMapping(value)) {
    problem(at, `rule ${index + 1}: must be a mapping with name, match and decision`);
    return undefined;
  }
  const name = typeof value.name === 'string' && value.name.trim() ? value.name.trim() : undefined;
  const who = name ? label(name) : `rule ${index + 1}`;
  let ok = true;
  const fail = (path: Path, message: string) => {
    ok = false;
    problem(path, `${who}: ${message}`);
  };
  for (const key of Object.keys(value)) {
    if (!RULE_KEYS.includes(key)) {
      const hint = key === 'effect' || key === 'action' ? ' (did you mean decision?)' : key === 'condition' || key === 'if' ? ' (did you mean when?)' : '';
      fail([...at, key], `unknown key "${key}"${hint} (expected ${RULE_KEYS.join(', ')})`);
    }
  }
  if (!name) fail([...at, 'name'], 'missing name (every decision records the rule that made it)');
  else if (name === KILL_SWITCH_RULE) fail([...at, 'name'], `"${KILL_SWITCH_RULE}" is reserved for the kill switch`);

  const globs = typeof value.match === 'string' ? [value.match] : value.match;
  const match: string[] = [];
  if (globs === undefined) fail([...at, 'match'], 'missing match (an action-type glob such as github.repo.delete, stripe.*.create or "**")');
  else if (!Array.isArray(globs) || globs.length === 0) fail([...at, 'match'], 'match must be an action-type glob or a non-empty list of them');
  else {
    globs.forEach((glob, i) => {
      const path = Array.isArray(value.match) ? [...at, 'match', i] : [...at, 'match'];
      if (typeof glob !== 'string') return fail(path, `match entries must be strings (got ${show(glob)})`);
      const bad = globProblem(glob);
      if (bad) fail(path, bad);
      else match.push(glob);
    });
  }

  let decision: Effect = 'deny';
  if (value.decision === undefined) fail([...at, 'decision'], 'missing decision (allow, deny or require_approval)');
  else if (!isEffect(value.decision)) fail([...at, 'decision'], `decision must be allow, deny or require_approval (got ${show(value.decision)})`);
  else decision = value.decision;

  let mode: RuleSpec['mode'] = 'enforce';
  if (value.mode !== undefined) {
    if (value.mode === 'enforce' || value.mode === 'monitor') mode = value.mode;
    else fail([...at, 'mode'], `mode must be enforce or monitor (got ${show(value.mode)})`);
  }
  if (value.reason !== undefined && typeof value.reason !== 'string') fail([...at, 'reason'], 'reason must be a string');
  if (value.description !== undefined && typeof value.description !== 'string') fail([...at, 'description'], 'description must be a string');

  let when: ConditionSpec | undefined;
  if (value.when !== undefined) when = readCondition(value.when, [...at, 'when'], 'when', fail);
  if (!ok) return undefined;
  return {name: name!, index, match, decision, mode, ...(when ? {when} : {}), ...(typeof value.reason === 'string' ? {reason: value.reason} : {})};
}

function readCondition(value: unknown, at: Path, where: string, fail: (path: Path, message: string) => void): ConditionSpec | undefined {
  // A bare list is shorthand for all.
  if (Array.isArray(value)) {
    if (value.length === 0) {
      fail(at, `${where}: an empty list of conditions`);
      return undefined;
    }
    const items = value.map((item, i) => readCondition(item, [...at, i], `${where}[${i}]`, fail));
    return items.every(Boolean) ? {all: items as ConditionSpec[]} : undefined;
  }
  if (!isMapping(value)) {
    fail(at, `${where}: a condition must be a mapping ({field, op, value}, or all/any/not)`);
    return undefined;
  }
  const keys = Object.keys(value);
  const combinators = keys.filter((k) => COMBINATORS.includes(k));
  if (combinators.length > 0) {
    if (keys.length > 1) {
      fail(at, `${where}: a combinator stands alone: use one of all, any, not per mapping (found ${keys.join(', ')})`);
      return undefined;
    }
    const kind = combinators[0] as 'all' | 'any' | 'not';
    const inner = value[kind];
    if (kind === 'not') {
      const condition = readCondition(inner, [...at, 'not'], `${where}.not`, fail);
      return condition ? {not: condition} : undefined;
    }
    if (!Array.isArray(inner) || inner.length === 0) {
      fail([...at, kind], `${where}.${kind}: must be a non-empty list of conditions`);
      return undefined;
    }
    const items = inner.map((item, i) => readCondition(item, [...at, kind, i], `${where}.${kind}[${i}]`, fail));
    if (items.some((item) => !item)) return undefined;
    return kind === 'all' ? {all: items as ConditionSpec[]} : {any: items as ConditionSpec[]};
  }
  let ok = true;
  const bad = (path: Path, message: string) => {
    ok = false;
    fail(path, `${where}: ${message}`);
  };
  for (const key of keys) if (!CONDITION_KEYS.includes(key)) bad([...at, key], `unknown key "${key}" (a condition has field, op, value[, flags], or is all/any/not)`);
  if (typeof value.field !== 'string') bad([...at, 'field'], 'missing field (e.g. parameters.amount, risk, agent)');
  else {
    const problem = fieldProblem(value.field);
    if (problem) bad([...at, 'field'], problem);
  }
  if (value.op === undefined) bad([...at, 'op'], `missing op (one of ${OPERATORS.join(', ')})`);
  else if (!isOperator(value.op)) bad([...at, 'op'], `unknown operator ${show(value.op)} (expected one of ${OPERATORS.join(', ')})`);
  else {
    const problem = operandProblem(value.op, value.value, value.flags);
    if (problem) bad([...at, value.flags !== undefined && problem.includes('flags') ? 'flags' : 'value'], problem);
  }
  if (!ok) return undefined;
  return {
    field: value.field as string,
    op: value.op as Operator,
    ...(value.value !== undefined ? {value: value.value} : {}),
    ...(value.flags !== undefined ? {flags: value.flags as string} : {}),
  };
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function isEffect(value: unknown): value is Effect {
  return typeof value === 'string' && (EFFECTS as readonly string[]).includes(value);
}

function label(name: string): string {
  return `rule "${name}"`;
}

function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? text.slice(0, 57) + '...' : text;
}
