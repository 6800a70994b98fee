import {workspace} from './helpers';

const HEADER = `connectors:
  api:
    type: generic
    domains: ["*.ops.test"]
  pay:
    type: ledger
    domains: ["*.ledger.test"]
`;

/** A config with one problem of each kind; the line numbers below are those of this text. */
const BROKEN = `${HEADER}policies:
  default: maybe
  approvalTimeout: soon
  colour: blue
  rules:
    - name: unknown-op
      match: ledger.payment.create
      when: {field: parameters.amount, op: bigger_than, value: 5}
      decision: deny
    - name: unknown-field
      match: ledger.payment.create
      when:
        all:
          - {field: parameters.amount, op: gt, value: 5}
          - {field: colour, op: equals, value: red}
      decision: deny
    - name: bad-regex
      match: generic.get
      when: {field: path, op: matches, value: "([a-z"}
      decision: deny
    - name: not-a-number
      match: ledger.payment.create
      when: {field: parameters.amount, op: gt, value: lots}
      decision: deny
    - name: bad-glob
      match: ledger..payment
      decision: deny
    - name: no-decision
      match: generic.get
    - name: dup
      match: generic.get
      decision: allow
    - name: dup
      match: generic.put
      decision: allow
    - match: generic.post
      effect: deny
`;

const LINT = `${HEADER}policies:
  rules:
    - name: nothing-installed
      match: [ledger.payment.create, nosuch.thing.create]
      decision: deny
    - name: catch-all
      match: "ledger.**"
      decision: deny
    - name: shadowed
      match: ledger.account.delete
      decision: require_approval
    - name: not-shadowed-conditional
      match: "**"
      when: {field: agent, op: equals, value: ci}
      decision: deny
    - name: allow-all
      match: "**"
      decision: allow
    - name: shadowed-by-allow-all
      match: generic.get
      decision: allow
    - name: generic-fallbacks-exist
      match: [generic.delete, ledger.unknown.patch]
      decision: require_approval
`;

describe('tf policy check', () => {
  const ws = workspace();
  afterAll(() => ws.remove());

  test('reports every problem on its line, exit 1', async () => {
    const config = ws.writeConfigText(BROKEN);
    const result = await ws.tf(['policy', 'check', '--config', config]);
    expect(result.code).toBe(1);
    const lines = result.stdout.trim().split('\n');
    const expected: [number, RegExp][] = [
      [9, /policies\.default: must be allow, deny or require_approval \(got "maybe"\)/],
      [10, /policies\.approvalTimeout: expected a duration/],
      [11, /policies\.colour: unknown key/],
      [15, /rule "unknown-op": when: unknown operator "bigger_than" \(expected one of equals, .*exists\)/],
      [22, /rule "unknown-field": when\.all\[1\]: unknown field "colour"/],
      [26, /rule "bad-regex": when: invalid regular expression/],
      [30, /rule "not-a-number": when: gt needs a number \(got "lots"\)/],
      [33, /rule "bad-glob": invalid action-type glob "ledger\.\.payment"/],
      [35, /rule "no-decision": missing decision/],
      [40, /rule "dup": duplicate rule name \(also rule 7\)/],
      [44, /rule 9: unknown key "effect" \(did you mean decision\?\)/],
    ];
    for (const [line, message] of expected) {
      expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^${escape(config)}:${line}: ${message.source}`)));
    }
    expect(lines).toContainEqual(`${config}:43: rule 9: missing name (every decision records the rule that made it)`);
    expect(lines).toContainEqual(`${config}:43: rule 9: missing decision (allow, deny or require_approval)`);
    expect(lines).toHaveLength(expected.length + 2);
    expect(result.stderr).toContain(`tf: 13 problems in ${config}`);
  });

  test('--json lists file, line, path and message', async () => {
    const config = ws.writeConfigText(BROKEN);
    const result = await ws.tf(['policy', 'check', '--config', config, '--json']);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout);
    expect(report).toMatchObject({file: config, ok: false});
    expect(report.problems).toContainEqual({
      location: `${config}:15`,
      file: config,
      line: 15,
      path: 'policies.rules[0].when.op',
      message: expect.stringContaining('unknown operator "bigger_than"'),
    });
  });

  test('globs matching no installed action type, and shadowed rules', async () => {
    const config = ws.writeConfigText(LINT);
    const result = await ws.tf(['policy', 'check', '--config', config]);
    expect(result.code).toBe(1);
    expect(result.stdout.trim().split('\n')).toEqual([
      `${config}:11: rule "nothing-installed": glob "nosuch.thing.create" matches no action type of any installed connector (see tf actions list)`,
      `${config}:16: rule "shadowed" never decides: rule "catch-all" (deny, no conditions, match ledger.**) always wins over it`,
      `${config}:26: rule "shadowed-by-allow-all" never decides: rule "allow-all" (allow, no conditions, match **) always wins over it`,
    ]);
  });

  test('a clean policy passes, exit 0', async () => {
    const config = ws.writeConfig({
      default: 'deny',
      approvalTimeout: '2m',
      rules: [
        {name: 'big', match: 'ledger.payment.create', when: {field: 'parameters.amount', op: 'gt', value: 100}, decision: 'require_approval'},
        {name: 'reads', match: ['generic.get', 'ledger.account.get'], decision: 'allow'},
        {name: 'shadow', match: 'ledger.**', decision: 'deny', mode: 'monitor'},
      ],
    });
    const result = await ws.tf(['policy', 'check', '--config', config]);
    expect(result).toMatchObject({code: 0, stdout: `${config}: policies OK (3 rules, default deny)\n`});
    const json = await ws.tf(['policy', 'check', '--config', config, '--json']);
    expect(JSON.parse(json.stdout)).toEqual({file: config, rules: 3, default: 'deny', ok: true, problems: []});
  });

  test('an unreadable config exits 2', async () => {
    const result = await ws.tf(['policy', 'check', '--config', `${ws.dir}/missing.yaml`]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/config file not found/);
  });
});

describe('policy errors at load', () => {
  const ws = workspace();
  afterAll(() => ws.remove());

  test('tf parse refuses a bad policy with one line naming file:line, exit 2', async () => {
    const config = ws.writeConfigText(BROKEN);
    const capture = ws.capture([{method: 'GET', url: 'https://a.ops.test/'}]);
    const result = await ws.tf(['parse', capture, '--config', config]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(`tf: ${config}:9: policies.default: must be allow, deny or require_approval (got "maybe") (and 12 more: run tf policy check)\n`);
  });

  test('a single bad regex is reported on its line', async () => {
    const config = ws.writeConfigText(`${HEADER}policies:\n  rules:\n    - name: r\n      match: generic.get\n      when: {field: path, op: matches, value: "a(b"}\n      decision: deny\n`);
    const result = await ws.tf(['parse', 'GET', 'https://a.ops.test/', '--config', config]);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toEqual([`tf: ${config}:12: rule "r": when: invalid regular expression: /a(b/: Unterminated group`]);
  });
});

describe('tf parse human output', () => {
  const ws = workspace();
  afterAll(() => ws.remove());

  test('a DECISION column and a per-decision summary', async () => {
    const config = ws.writeConfig({
      rules: [
        {name: 'no-delete', match: 'generic.delete', decision: 'deny'},
        {name: 'big', match: 'ledger.payment.create', when: {field: 'parameters.amount', op: 'gt', value: 100}, decision: 'require_approval'},
        {name: 'watch', match: 'generic.post', decision: 'deny', mode: 'monitor'},
      ],
    });
    const capture = ws.capture([
      {method: 'DELETE', url: 'https://a.ops.test/x'},
      {method: 'POST', url: 'https://a.ledger.test/v1/accounts/a/payments', body: {amount: 500}},
      {method: 'POST', url: 'https://a.ops.test/x'},
      {method: 'GET', url: 'https://a.ops.test/x'},
    ]);
    const result = await ws.tf(['parse', capture, '--config', config]);
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toMatch(/^#\s+METHOD\s+URL\s+CONNECTOR\s+ACTION\s+RISK\s+DECISION$/);
    expect(lines[1]).toMatch(/generic\.delete\s+high\s+deny \(no-delete\)$/);
    expect(lines[2]).toMatch(/ledger\.payment\.create\s+high\s+require_approval \(big\)$/);
    expect(lines[3]).toMatch(/generic\.post\s+medium\s+allow, monitor: deny \(watch\)$/);
    expect(lines[4]).toMatch(/generic\.get\s+low\s+allow \(default\)$/);
    expect(result.stdout).toContain('decision: allow 2, require_approval 1, deny 1 (1 with a monitor-mode verdict)');
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
