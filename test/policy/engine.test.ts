import {PolicyEngine} from '../../src/policy/compile';
import {compileGlob, globCovers, globProblem} from '../../src/policy/glob';
import {parseDuration} from '../../src/policy/duration';
import {readPolicySpec} from '../../src/policy/validate';
import type {DecisionInput} from '../../src/decision';

/** Unit rows for the compiled pieces the CLI tables cannot reach cheaply. */
describe('compileGlob', () => {
  test.each([
    ['github.repo.delete', 'github.repo.delete', true],
    ['github.repo.delete', 'github.repo.deletex', false],
    ['github.*', 'github.repo', true],
    ['github.*', 'github.repo.delete', false],
    ['github.**', 'github.repo.delete', true],
    ['github.**', 'githubx.repo', false],
    ['**.delete', 'github.repo.delete', true],
    ['**.delete', 'github.repo.undelete', false],
    ['a.**.z', 'a.z', true],
    ['a.**.z', 'a.b.c.z', true],
    ['a.**.z', 'a.b.c.y', false],
    ['stripe.*.create', 'stripe.charge.create', true],
    ['openai.chat.create*', 'openai.chat.create_stream', true],
    ['**', 'anything.at.all', true],
  ])('%s ~ %s → %s', (glob, type, expected) => {
    expect(compileGlob(glob).test(type)).toBe(expected);
  });

  test.each([['a..b'], ['.a'], ['a.'], ['a.b**'], ['a.**.**'], ['a b'], ['a.$']])('rejects %s', (glob) => {
    expect(globProblem(glob)).toBeDefined();
  });
});

describe('globCovers (shadowing)', () => {
  test.each([
    ['**', 'github.repo.delete', true],
    ['github.**', 'github.repo.*', true],
    ['github.*.*', 'github.repo.delete', true],
    ['github.repo.*', 'github.**', false],
    ['github.*', 'github.repo.delete', false],
    ['stripe.*.create', 'stripe.charge.create', true],
    ['stripe.charge.*', 'stripe.*.create', false],
    ['openai.chat.cre*', 'openai.chat.create', true],
  ])('%s covers %s → %s', (outer, inner, expected) => {
    expect(globCovers(outer, inner)).toBe(expected);
  });
});

describe('parseDuration', () => {
  test.each([
    ['300s', 300_000],
    ['5m', 300_000],
    ['1.5h', 5_400_000],
    ['250ms', 250],
    [30, 30_000],
    ['30', 30_000],
    ['soon', undefined],
    [-1, undefined],
  ])('%s → %s', (text, ms) => expect(parseDuration(text)).toBe(ms));
});

describe('PolicyEngine', () => {
  const input = (type: string, parameters: Record<string, unknown> = {}): DecisionInput => ({
    action: {type, risk: 'medium', resource: {provider: 'x'}, parameters, riskHints: {}},
    connector: 'x',
    method: 'POST',
    host: 'api.x.test',
    path: '/p',
  });
  const engine = (rules: unknown[], defaults = {}) => {
    const {spec, problems} = readPolicySpec({...defaults, rules});
    expect(problems).toEqual([]);
    return new PolicyEngine(spec);
  };

  test('decisions are shared frozen objects (no allocation per decision)', () => {
    const e = engine([{name: 'd', match: 'x.**', decision: 'deny'}]);
    const a = e.decide(input('x.a.b'));
    expect(e.decide(input('x.c.d'))).toBe(a);
    expect(Object.isFrozen(a)).toBe(true);
  });

  test('the per-type index stays bounded under agent-chosen types', () => {
    const e = engine([{name: 'd', match: '**.delete', decision: 'deny'}]);
    for (let i = 0; i < 10_000; i++) e.decide(input(`generic.m${i}`));
    expect((e as unknown as {byType: Map<string, unknown>}).byType.size).toBeLessThanOrEqual(4096);
    expect(e.decide(input('generic.delete')).effect).toBe('deny');
  });

  test('wildcard-first rules keep their config order among a service\'s rules', () => {
    const e = engine([
      {name: 'any-delete', match: '*.repo.delete', decision: 'deny'},
      {name: 'github-delete', match: 'github.repo.delete', decision: 'deny'},
    ]);
    expect(e.decide(input('github.repo.delete')).rule).toBe('any-delete');
  });

  test('an absent policies section allows, naming no rule', () => {
    const {spec} = readPolicySpec(undefined);
    expect(new PolicyEngine(spec).decide(input('a.b'))).toEqual({effect: 'allow', rule: null, reason: 'no policy rules; default is allow', mode: 'enforce'});
  });

  test('regex operands are not case-folded for method/host', () => {
    const e = engine([{name: 'm', match: '**', when: {field: 'method', op: 'matches', value: '^P(OST|UT)$'}, decision: 'deny'}]);
    expect(e.decide(input('a.b')).effect).toBe('deny');
  });
});
