import {form, payment, runRows, workspace, type Row} from './helpers';

/** Every operator, one row one expectation, through `tf parse --json` on captured requests. */
const c = (field: string, op: string, value?: unknown) => ({field, op, ...(value === undefined ? {} : {value})});
const GET = {method: 'GET', url: 'https://x.ops.test/reports/2024/q1'};
const DELETE = {method: 'DELETE', url: 'https://x.ops.test/items/42'};

const rows: Row[] = [
  // equals / not_equals: exact, numbers against numeric strings, booleans, case folding for method
  {label: 'equals string', when: c('parameters.currency', 'equals', 'usd'), request: payment({currency: 'usd'}), fires: true},
  {label: 'equals string, other value', when: c('parameters.currency', 'equals', 'usd'), request: payment({currency: 'eur'}), fires: false},
  {label: 'equals number vs JSON number', when: c('parameters.amount', 'equals', 1500), request: payment({amount: 1500}), fires: true},
  {label: 'equals number vs form string', when: c('parameters.amount', 'equals', 1500), request: form('amount=1500'), fires: true},
  {label: 'equals boolean (riskHints)', when: c('riskHints.moneyMovement', 'equals', true), request: payment({}), fires: true},
  {label: 'equals boolean vs form "true"', when: c('parameters.express', 'equals', true), request: form('express=true'), fires: true},
  {label: 'equals method, lower-case in rule', when: c('method', 'equals', 'delete'), request: DELETE, fires: true},
  {label: 'equals on a missing field', when: c('parameters.nope', 'equals', 'x'), request: payment({}), fires: false},
  {label: 'not_equals different', when: c('parameters.currency', 'not_equals', 'usd'), request: payment({currency: 'eur'}), fires: true},
  {label: 'not_equals same', when: c('parameters.currency', 'not_equals', 'usd'), request: payment({currency: 'usd'}), fires: false},
  {label: 'not_equals on a missing field', when: c('parameters.nope', 'not_equals', 'x'), request: payment({}), fires: true},
  // in / not_in
  {label: 'in: member', when: c('parameters.currency', 'in', ['usd', 'eur']), request: payment({currency: 'eur'}), fires: true},
  {label: 'in: not a member', when: c('parameters.currency', 'in', ['usd', 'eur']), request: payment({currency: 'gbp'}), fires: false},
  {label: 'in: numbers vs form string', when: c('parameters.amount', 'in', [100, 200]), request: form('amount=200'), fires: true},
  {label: 'in: risk levels', when: c('risk', 'in', ['medium', 'high']), request: payment({}), fires: true},
  {label: 'in: array field, any element', when: c('parameters.tags', 'in', ['urgent']), request: payment({tags: ['a', 'urgent']}), fires: true},
  {label: 'not_in: not a member', when: c('parameters.currency', 'not_in', ['usd']), request: payment({currency: 'eur'}), fires: true},
  {label: 'not_in: member', when: c('parameters.currency', 'not_in', ['usd']), request: payment({currency: 'usd'}), fires: false},
  {label: 'not_in: missing field', when: c('parameters.currency', 'not_in', ['usd']), request: payment({}), fires: true},
  // gt / gte / lt / lte, numbers and numeric strings
  {label: 'gt: above', when: c('parameters.amount', 'gt', 10000), request: payment({amount: 10001}), fires: true},
  {label: 'gt: equal', when: c('parameters.amount', 'gt', 10000), request: payment({amount: 10000}), fires: false},
  {label: 'gt: form string above', when: c('parameters.amount', 'gt', 10000), request: form('amount=25000'), fires: true},
  {label: 'gt: form string below', when: c('parameters.amount', 'gt', 10000), request: form('amount=999'), fires: false},
  {label: 'gt: decimal string', when: c('parameters.amount', 'gt', 10.5), request: form('amount=10.75'), fires: true},
  {label: 'gt: rule value as a string', when: c('parameters.amount', 'gt', '100'), request: payment({amount: 101}), fires: true},
  {label: 'gt: not a number', when: c('parameters.amount', 'gt', 1), request: form('amount=lots'), fires: false},
  {label: 'gt: missing field', when: c('parameters.amount', 'gt', 1), request: payment({}), fires: false},
  {label: 'gte: equal', when: c('parameters.amount', 'gte', 10000), request: form('amount=10000'), fires: true},
  {label: 'gte: below', when: c('parameters.amount', 'gte', 10000), request: payment({amount: 9999}), fires: false},
  {label: 'lt: below', when: c('parameters.amount', 'lt', 50), request: payment({amount: 49}), fires: true},
  {label: 'lt: equal', when: c('parameters.amount', 'lt', 50), request: form('amount=50'), fires: false},
  {label: 'lte: equal', when: c('parameters.amount', 'lte', 50), request: form('amount=50'), fires: true},
  {label: 'lte: above', when: c('parameters.amount', 'lte', 50), request: payment({amount: 51}), fires: false},
  {label: 'lt: negative', when: c('parameters.amount', 'lt', 0), request: form('amount=-5'), fires: true},
  // contains / not_contains: substrings and array elements
  {label: 'contains: substring', when: c('parameters.memo', 'contains', 'refund'), request: payment({memo: 'partial refund for order'}), fires: true},
  {label: 'contains: no substring', when: c('parameters.memo', 'contains', 'refund'), request: payment({memo: 'order'}), fires: false},
  {label: 'contains: array element', when: c('parameters.tags', 'contains', 'vip'), request: form('tags[]=new&tags[]=vip'), fires: true},
  {label: 'contains: array, no element', when: c('parameters.tags', 'contains', 'vip'), request: payment({tags: ['vipx']}), fires: false},
  {label: 'contains: path', when: c('path', 'contains', '/2024/'), request: GET, fires: true},
  {label: 'not_contains: absent', when: c('parameters.memo', 'not_contains', 'refund'), request: payment({memo: 'order'}), fires: true},
  {label: 'not_contains: present', when: c('parameters.memo', 'not_contains', 'refund'), request: payment({memo: 'a refund'}), fires: false},
  // starts_with / ends_with
  {label: 'starts_with: path', when: c('path', 'starts_with', '/reports/'), request: GET, fires: true},
  {label: 'starts_with: no', when: c('path', 'starts_with', '/admin'), request: GET, fires: false},
  {label: 'starts_with: resource', when: c('resource.account', 'starts_with', 'acc_'), request: payment({}), fires: true},
  {label: 'ends_with: host', when: c('host', 'ends_with', '.OPS.test'), request: GET, fires: true},
  {label: 'ends_with: no', when: c('path', 'ends_with', '/q2'), request: GET, fires: false},
  // matches: regexes validated at load
  {label: 'matches: anchored regex', when: c('path', 'matches', '^/reports/\\d{4}/q[1-4]$'), request: GET, fires: true},
  {label: 'matches: no match', when: c('path', 'matches', '^/admin'), request: GET, fires: false},
  {label: 'matches: flags i', when: {field: 'parameters.memo', op: 'matches', value: '^urgent', flags: 'i'}, request: payment({memo: 'URGENT: pay now'}), fires: true},
  {label: 'matches: number as text', when: c('parameters.amount', 'matches', '^\\d{5,}$'), request: payment({amount: 123456}), fires: true},
  {label: 'matches: array element', when: c('parameters.tags', 'matches', '^team-'), request: payment({tags: ['x', 'team-ops']}), fires: true},
  // exists
  {label: 'exists: present', when: c('parameters.memo', 'exists'), request: payment({memo: 'x'}), fires: true},
  {label: 'exists: absent', when: c('parameters.memo', 'exists'), request: payment({}), fires: false},
  {label: 'exists false: absent', when: c('parameters.memo', 'exists', false), request: payment({}), fires: true},
  {label: 'exists: irreversible hint on DELETE', when: c('riskHints.irreversible', 'exists', true), request: DELETE, fires: true},
  // fields: connector, action.type, agent, nested and dotted keys
  {label: 'connector name', when: c('connector', 'equals', 'pay'), request: payment({}), fires: true},
  {label: 'action.type', when: c('action.type', 'equals', 'generic.get'), request: GET, fires: true},
  {label: 'agent (tf parse --agent)', when: c('agent', 'equals', 'bot-7'), request: GET, fires: true},
  {label: 'nested body key (form brackets)', when: c('parameters.metadata.team', 'equals', 'ops'), request: form('metadata[team]=ops'), fires: true},
  {label: 'nested body key (JSON)', when: c('parameters.metadata.team', 'equals', 'ops'), request: payment({metadata: {team: 'ops'}}), fires: true},
  {label: 'prototype keys are not fields', when: c('parameters.constructor', 'exists'), request: payment({}), fires: false},
];

describe('policy operators (tf parse --json)', () => {
  const ws = workspace();
  let results: Awaited<ReturnType<typeof runRows>>;
  beforeAll(async () => {
    results = await runRows(ws, rows, ['--agent', 'bot-7']);
  });
  afterAll(() => ws.remove());

  test.each(rows.map((row, i) => [row.label, i, row.fires] as const))('%s', (_label, i, fires) => {
    const result = results[i];
    expect(result.error).toBeNull();
    expect(result.decision).toEqual(
      fires
        ? {effect: 'deny', rule: `row-${i}`, reason: `rule row-${i}: deny`, mode: 'enforce'}
        : {effect: 'allow', rule: null, reason: 'no rule matched; default is allow', mode: 'enforce'},
    );
  });

  test('all 14 operators are covered', () => {
    const ops = new Set(rows.map((r) => (r.when as {op: string}).op));
    expect([...ops].sort()).toEqual(
      ['contains', 'ends_with', 'equals', 'exists', 'gt', 'gte', 'in', 'lt', 'lte', 'matches', 'not_contains', 'not_equals', 'not_in', 'starts_with'].sort(),
    );
  });
});
