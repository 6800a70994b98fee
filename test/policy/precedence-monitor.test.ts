import {payment, runRuleRows, workspace, type RulesRow} from './helpers';

const PAY = payment({amount: 5000, currency: 'usd'});
const big = {field: 'parameters.amount', op: 'gt', value: 1000};
const small = {field: 'parameters.amount', op: 'lt', value: 10};
const rule = (name: string, decision: string, extra: Record<string, unknown> = {}) => ({name, match: 'ledger.payment.create', decision, ...extra});
const enforced = (effect: string, ruleName: string | null) => ({effect, rule: ruleName, mode: 'enforce'});

/** kill switch > deny > require_approval > allow > default; deny wins regardless of order (kill switch: test/kill-switch). */
const precedence: RulesRow[] = [
  {label: 'deny after allow still wins', rules: [rule('a1', 'allow'), rule('d1', 'deny')], request: PAY, expect: enforced('deny', 'd1')},
  {label: 'deny before allow wins', rules: [rule('d2', 'deny'), rule('a2', 'allow')], request: PAY, expect: enforced('deny', 'd2')},
  {label: 'require_approval beats an earlier allow', rules: [rule('a3', 'allow'), rule('r3', 'require_approval')], request: PAY, expect: enforced('require_approval', 'r3')},
  {label: 'deny beats an earlier require_approval', rules: [rule('r4', 'require_approval'), rule('d4', 'deny')], request: PAY, expect: enforced('deny', 'd4')},
  {label: 'all three: deny', rules: [rule('a5', 'allow'), rule('r5', 'require_approval'), rule('d5', 'deny')], request: PAY, expect: enforced('deny', 'd5')},
  {label: 'same effect: the first rule names the decision', rules: [rule('d6a', 'deny'), rule('d6b', 'deny')], request: PAY, expect: enforced('deny', 'd6a')},
  {label: 'a deny whose condition fails does not count', rules: [rule('d7', 'deny', {when: small}), rule('a7', 'allow')], request: PAY, expect: enforced('allow', 'a7')},
  {label: 'a deny whose glob does not match does not count', rules: [{name: 'd8', match: 'ledger.account.delete', decision: 'deny'}, rule('r8', 'require_approval', {when: big})], request: PAY, expect: enforced('require_approval', 'r8')},
  {label: 'no rule matches: the default', rules: [rule('d9', 'deny', {when: small})], request: PAY, expect: {effect: 'allow', rule: null, reason: 'no rule matched; default is allow', mode: 'enforce'}},
  {label: 'the rule reason is recorded', rules: [rule('d10', 'deny', {reason: 'Too big'})], request: PAY, expect: {effect: 'deny', rule: 'd10', reason: 'Too big', mode: 'enforce'}},
];

/** Monitor mode: shadow verdicts are recorded, never enforced. */
const monitor: RulesRow[] = [
  {label: 'monitor deny alone: reported, not enforced', rules: [rule('m1', 'deny', {mode: 'monitor'})], request: PAY, expect: {effect: 'deny', rule: 'm1', mode: 'monitor'}},
  {label: 'monitor deny over an enforced allow', rules: [rule('a2', 'allow'), rule('m2', 'deny', {mode: 'monitor'})], request: PAY, expect: {effect: 'deny', rule: 'm2', mode: 'monitor'}},
  {
    label: 'monitor deny over an enforced require_approval: enforced wins, shadow attached',
    rules: [rule('m3', 'deny', {mode: 'monitor', reason: 'would block'}), rule('r3', 'require_approval')],
    request: PAY,
    expect: {effect: 'require_approval', rule: 'r3', mode: 'enforce', monitored: {effect: 'deny', rule: 'm3', reason: 'would block'}},
  },
  {label: 'monitor deny agreeing with an enforced deny: nothing to report', rules: [rule('d4', 'deny'), rule('m4', 'deny', {mode: 'monitor'})], request: PAY, expect: {effect: 'deny', rule: 'd4', mode: 'enforce'}},
  {label: 'monitor require_approval whose condition fails', rules: [rule('m5', 'require_approval', {mode: 'monitor', when: small})], request: PAY, expect: {effect: 'allow', rule: null, mode: 'enforce'}},
  {label: 'monitor allow weaker than an enforced deny: nothing', rules: [rule('d6', 'deny'), rule('m6', 'allow', {mode: 'monitor'})], request: PAY, expect: {effect: 'deny', rule: 'd6', mode: 'enforce'}},
  {label: 'monitor require_approval on big amounts', rules: [rule('m7', 'require_approval', {mode: 'monitor', when: big})], request: PAY, expect: {effect: 'require_approval', rule: 'm7', mode: 'monitor'}},
];

/** Defaults other than allow. */
const defaultDeny: RulesRow[] = [
  {label: 'default deny when nothing matches', rules: [rule('a1', 'allow', {when: small})], request: PAY, expect: {effect: 'deny', rule: null, reason: 'no rule matched; default is deny', mode: 'enforce'}},
  {label: 'an allow rule beats default deny', rules: [rule('a2', 'allow')], request: PAY, expect: enforced('allow', 'a2')},
  {label: 'monitor allow over default deny: shadow attached', rules: [rule('m3', 'allow', {mode: 'monitor'})], request: PAY, expect: {effect: 'deny', rule: null, mode: 'enforce', monitored: {effect: 'allow', rule: 'm3'}}},
];

const defaultApproval: RulesRow[] = [
  {label: 'default require_approval when nothing matches', rules: [rule('d1', 'deny', {when: small})], request: PAY, expect: {effect: 'require_approval', rule: null, mode: 'enforce'}},
  {label: 'allow rule beats default require_approval', rules: [rule('a2', 'allow')], request: PAY, expect: enforced('allow', 'a2')},
];

describe.each([
  ['precedence', precedence, {default: 'allow'}],
  ['monitor mode', monitor, {default: 'allow'}],
  ['default deny', defaultDeny, {default: 'deny'}],
  ['default require_approval', defaultApproval, {default: 'require_approval'}],
] as const)('policy %s (tf parse --json)', (_name, rows, defaults) => {
  const ws = workspace();
  let results: Awaited<ReturnType<typeof runRuleRows>>;
  beforeAll(async () => {
    results = await runRuleRows(ws, rows as unknown as RulesRow[], defaults);
  });
  afterAll(() => ws.remove());

  test.each((rows as unknown as RulesRow[]).map((row, i) => [row.label, i, row.expect] as const))('%s', (_label, i, expected) => {
    expect(results[i].error).toBeNull();
    expect(results[i].decision).toMatchObject(expected);
    if (!('monitored' in expected)) expect(results[i].decision).not.toHaveProperty('monitored');
  });
});
