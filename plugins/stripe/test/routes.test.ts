import {execFileSync} from 'node:child_process';
import {statSync} from 'node:fs';
import path from 'node:path';
import type {HttpRequestInfo, RouteSpec} from '@tf/sdk';
import {stripeConnector} from '../src';
import {SEED_ROUTES} from '../src/overrides';
import {STRIPE_ROUTES} from '../src/routes';
import {GENERATED_ROUTES} from '../src/routes.generated';

const connector = stripeConnector.create({name: 'stripe', type: 'stripe'});

/** A request that should land on `route`: path params filled, the body a `when` needs. */
function requestFor(route: RouteSpec): HttpRequestInfo {
  const pathname = route.path.replace(/\{(\w+)\+?\}/g, (_m, name: string) => `${name}_1a2B`);
  const headers: Record<string, string> = {'content-type': 'application/x-www-form-urlencoded'};
  let body: Buffer | undefined;
  if (route.when?.in === 'body') body = Buffer.from(`${route.when.field}=${String(route.when.equals ?? 'x')}`);
  return {method: route.method, url: new URL(`https://api.stripe.com${pathname}`), headers, body};
}

describe('stripe route table', () => {
  it('covers every operation of the stripe SDK (600+) plus the seed', () => {
    expect(GENERATED_ROUTES.length).toBeGreaterThan(600);
    expect(STRIPE_ROUTES.length).toBe(GENERATED_ROUTES.length + 1);
  });

  it.each(STRIPE_ROUTES.map((r) => [r.method, r.path, r.type, r]))('%s %s → %s', (_m, _p, type, route) => {
    const action = connector.parseAction(requestFor(route as RouteSpec));
    expect(action.type).toBe(type);
    expect(action.risk).toBe((route as RouteSpec).risk);
    expect(action.riskHints.unclassified).toBeUndefined();
  });

  it('names every route with its own type', () => {
    const types = STRIPE_ROUTES.map((r) => r.type);
    expect(new Set(types).size).toBe(types.length);
    for (const type of types) expect(type).toMatch(/^stripe(\.[a-z0-9_]+){2,}$/);
  });

  it.each(SEED_ROUTES.map((r) => [r.type, r.risk, r]))('seed row %s (%s) is in the table as written', (_t, _r, seed) => {
    const row = seed as (typeof SEED_ROUTES)[number];
    expect(STRIPE_ROUTES).toContainEqual(expect.objectContaining({method: row.method, path: row.path, type: row.type, risk: row.risk}));
  });

  it('rates money movement high and reads low', () => {
    const risk = (type: string) => STRIPE_ROUTES.find((r) => r.type === type)?.risk;
    for (const type of ['stripe.charge.capture', 'stripe.payment_intent.confirm', 'stripe.payment_intent.capture', 'stripe.transfer.create_reversal', 'stripe.payout.reverse', 'stripe.topup.create']) {
      expect([type, risk(type)]).toEqual([type, 'high']);
    }
    for (const route of STRIPE_ROUTES) if (route.method === 'GET') expect([route.type, route.risk]).toEqual([route.type, 'low']);
    const liveDeletes = STRIPE_ROUTES.filter((r) => r.method === 'DELETE' && !r.type.includes('.test_helpers.'));
    for (const route of liveDeletes) expect([route.type, route.risk]).not.toEqual([route.type, 'low']);
  });

  it('is what the generator writes today (run scripts/generate-routes.js after upgrading stripe)', () => {
    const script = path.join(__dirname, '../scripts/generate-routes.js');
    expect(() => execFileSync(process.execPath, [script, '--check'], {stdio: 'pipe'})).not.toThrow();
    expect(statSync(path.join(__dirname, '../src/routes.generated.ts')).size).toBeLessThan(300_000);
  });

  it('falls back to a marked, method-based type for unknown routes', () => {
    const action = connector.parseAction({method: 'POST', url: new URL('https://api.stripe.com/v1/brand_new_things'), headers: {}});
    expect(action).toMatchObject({type: 'stripe.unknown.post', risk: 'medium', riskHints: {unclassified: true}});
  });
});
