import {form, payment, runRows, workspace, type Row} from './helpers';

const ledger = (method: string, path: string, body?: unknown) => ({method, url: `https://x.ledger.test${path}`, ...(body ? {body} : {})});
const PAYMENT = payment({amount: 5});
const REFUND = ledger('POST', '/v1/accounts/a/refunds', {amount: 5});
const PAYOUT = ledger('POST', '/v1/accounts/a/payouts/instant', {amount: 5});
const ACCOUNT_GET = ledger('GET', '/v1/accounts/a');
const ACCOUNT_DELETE = ledger('DELETE', '/v1/accounts/a');
const LEDGER_UNKNOWN = ledger('GET', '/v2/whatever');
const generic = (method: string) => ({method, url: 'https://x.ops.test/things/1'});

/** Action-type globs: `*` one segment (or part of one), `**` any number of segments, lists. */
const globRows: Row[] = [
  {label: 'exact type', match: 'ledger.payment.create', request: PAYMENT, fires: true},
  {label: 'exact type, other action', match: 'ledger.payment.create', request: REFUND, fires: false},
  {label: '* is one segment', match: 'ledger.*.create', request: PAYMENT, fires: true},
  {label: '* does not span two segments', match: 'ledger.*.create', request: PAYOUT, fires: false},
  {label: 'trailing * is one segment', match: 'ledger.*', request: PAYMENT, fires: false},
  {label: 'generic.* covers generic.<method>', match: 'generic.*', request: generic('DELETE'), fires: true},
  {label: '* inside a segment', match: 'ledger.pay*.create', request: PAYMENT, fires: true},
  {label: '* inside a segment, no match', match: 'generic.p*', request: generic('GET'), fires: false},
  {label: '* inside a segment, match', match: 'generic.p*', request: generic('PATCH'), fires: true},
  {label: 'leading * segment', match: '*.payment.*', request: REFUND, fires: true},
  {label: 'trailing ** spans segments', match: 'ledger.**', request: PAYOUT, fires: true},
  {label: 'trailing ** stays in its prefix', match: 'generic.**', request: PAYMENT, fires: false},
  {label: 'middle ** spans two segments', match: 'ledger.**.create', request: PAYOUT, fires: true},
  {label: 'middle ** spans one segment', match: 'ledger.**.create', request: PAYMENT, fires: true},
  {label: 'middle ** needs the suffix', match: 'ledger.**.create', request: ACCOUNT_GET, fires: false},
  {label: 'leading **', match: '**.create', request: PAYOUT, fires: true},
  {label: 'leading **, other suffix', match: '**.create', request: ACCOUNT_DELETE, fires: false},
  {label: '** alone matches everything', match: '**', request: LEDGER_UNKNOWN, fires: true},
  {label: 'fallback type <type>.unknown.<method>', match: 'ledger.unknown.*', request: LEDGER_UNKNOWN, fires: true},
  {label: 'list: second glob matches', match: ['ledger.account.delete', 'generic.delete'], request: generic('DELETE'), fires: true},
  {label: 'list: none matches', match: ['ledger.account.delete', 'generic.delete'], request: generic('POST'), fires: false},
];

const c = (field: string, op: string, value?: unknown) => ({field, op, ...(value === undefined ? {} : {value})});
const big = c('parameters.amount', 'gt', 1000);
const usd = c('parameters.currency', 'equals', 'usd');

/** all / any / not, nested, and the bare-list shorthand for all. */
const combinatorRows: Row[] = [
  {label: 'all: every condition holds', when: {all: [big, usd]}, request: payment({amount: 5000, currency: 'usd'}), fires: true},
  {label: 'all: one fails', when: {all: [big, usd]}, request: payment({amount: 5000, currency: 'eur'}), fires: false},
  {label: 'any: one holds', when: {any: [big, usd]}, request: payment({amount: 5, currency: 'usd'}), fires: true},
  {label: 'any: none holds', when: {any: [big, usd]}, request: payment({amount: 5, currency: 'eur'}), fires: false},
  {label: 'not: negates a holding condition', when: {not: usd}, request: payment({currency: 'usd'}), fires: false},
  {label: 'not: negates a failing condition', when: {not: usd}, request: payment({currency: 'eur'}), fires: true},
  {label: 'nested: all[any, not] holds', when: {all: [{any: [big, c('parameters.express', 'equals', true)]}, {not: usd}]}, request: form('amount=10&express=true&currency=eur'), fires: true},
  {label: 'nested: all[any, not] fails on not', when: {all: [{any: [big, c('parameters.express', 'equals', true)]}, {not: usd}]}, request: form('amount=10&express=true&currency=usd'), fires: false},
  {label: 'nested: not(any) holds when none', when: {not: {any: [big, usd]}}, request: payment({amount: 1, currency: 'eur'}), fires: true},
  {label: 'nested three deep', when: {any: [{all: [{not: {not: usd}}, big]}, c('agent', 'exists')]}, request: payment({amount: 2000, currency: 'usd'}), fires: true},
  {label: 'bare list is all', when: [big, usd], request: payment({amount: 2000, currency: 'usd'}), fires: true},
  {label: 'bare list is all, one fails', when: [big, usd], request: payment({amount: 2000, currency: 'eur'}), fires: false},
  {label: 'glob and condition together', match: 'ledger.payment.refund', when: big, request: payment({amount: 2000}), fires: false},
];

describe.each([
  ['globs', globRows],
  ['combinators', combinatorRows],
])('policy %s (tf parse --json)', (_name, rows) => {
  const ws = workspace();
  let results: Awaited<ReturnType<typeof runRows>>;
  beforeAll(async () => {
    results = await runRows(ws, rows);
  });
  afterAll(() => ws.remove());

  test.each(rows.map((row, i) => [row.label, i, row.fires] as const))('%s', (_label, i, fires) => {
    expect(results[i].error).toBeNull();
    expect(results[i].decision).toMatchObject(fires ? {effect: 'deny', rule: `row-${i}`} : {effect: 'allow', rule: null});
  });
});
