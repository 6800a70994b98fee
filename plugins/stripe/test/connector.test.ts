import type {FixtureRequest, HttpRequestInfo, OutboundRequest} from '@tf/sdk';
import {stripeConnector} from '../src';

const connector = stripeConnector.create({name: 'stripe', type: 'stripe'});
const FORM = {'content-type': 'application/x-www-form-urlencoded'};

function request(method: string, path: string, body?: string, headers: Record<string, string> = FORM): HttpRequestInfo {
  return {method, url: new URL(`https://api.stripe.com${path}`), headers, body: body === undefined ? undefined : Buffer.from(body)};
}

function fromFixture(r: FixtureRequest): HttpRequestInfo {
  const body = r.body === undefined ? undefined : Buffer.from(typeof r.body === 'string' ? r.body : JSON.stringify(r.body));
  return {method: r.method, url: new URL(r.url, connector.apiRoot()), headers: {...r.headers}, body};
}

describe('stripe connector', () => {
  it('declares the seed domain first, the secret-key env vars and the --live probe', () => {
    expect(connector.domains()[0]).toBe('api.stripe.com');
    expect(connector.apiRoot()).toBe('https://api.stripe.com');
    expect(stripeConnector).toMatchObject({defaultTokenEnv: 'STRIPE_SECRET_KEY', defaultAgentEnv: 'STRIPE_SECRET_KEY'});
    expect(connector.liveProbe()).toEqual({method: 'GET', path: '/v1/balance'});
  });

  it.each(connector.fixtures().map((f) => [f.name, f]))('fixture %s', (_name, fixture) => {
    const f = fixture as ReturnType<typeof connector.fixtures>[number];
    expect(connector.parseAction(fromFixture(f.request))).toMatchObject(f.expect);
  });

  it('nests bracket-notation form bodies and reads legacy destination[account]', () => {
    const action = connector.parseAction(
      request('POST', '/v1/charges', 'amount=1999&currency=gbp&customer=cus_9&destination[account]=acct_7&metadata[order]=42&expand[]=balance_transaction'),
    );
    expect(action.parameters).toEqual({amount: 1999, currency: 'gbp', customer: 'cus_9', destination: 'acct_7'});
    expect(action.riskHints).toEqual({financial: true, amount: 1999, currency: 'gbp'});
  });

  it('picks the confirm=true variant of payment intent creation and the money going on to a connected account', () => {
    const confirmed = connector.parseAction(request('POST', '/v1/payment_intents', 'amount=500&currency=usd&confirm=true&transfer_data[destination]=acct_5'));
    expect(confirmed).toMatchObject({type: 'stripe.payment_intent.create_and_confirm', risk: 'high', parameters: {destination: 'acct_5'}});
    expect(connector.parseAction(request('POST', '/v1/payment_intents', 'amount=500&currency=usd'))).toMatchObject({
      type: 'stripe.payment_intent.create',
      risk: 'medium',
      riskHints: {},
    });
  });

  it('reads v2 JSON bodies with {value, currency} amounts', () => {
    const body = JSON.stringify({from: {financial_account: 'fa_1'}, to: {recipient: 'acct_2'}, amount: {value: 12500, currency: 'usd'}});
    const action = connector.parseAction(request('POST', '/v2/money_management/outbound_payments', body, {'content-type': 'application/json'}));
    expect(action).toMatchObject({type: 'stripe.v2.money_management.outbound_payment.create', risk: 'high'});
    expect(action.riskHints).toEqual({financial: true, amount: 12500, currency: 'usd'});
  });

  it('keeps an amount it cannot read as an integer out of the risk hints', () => {
    const action = connector.parseAction(request('POST', '/v1/payouts', 'amount=12.50&currency=usd'));
    expect(action.parameters.amount).toBe('12.50');
    expect(action.riskHints).toEqual({financial: true, currency: 'usd'});
  });

  it('names path ids after their collection and decodes them', () => {
    const action = connector.parseAction(request('DELETE', '/v1/customers/cus_1/tax_ids/txi%5F2'));
    expect(action).toMatchObject({type: 'stripe.customer.delete_tax_id', resource: {customer: 'cus_1', tax_id: 'txi_2'}});
  });

  it('takes resource.account from Stripe-Account even when the path names an account', () => {
    const action = connector.parseAction(request('GET', '/v1/accounts/acct_path/persons', undefined, {'stripe-account': 'acct_header'}));
    expect(action.resource.account).toBe('acct_header');
    expect(action.parameters.account).toBe('acct_path');
  });

  it('reads list filters from the query of a GET', () => {
    expect(connector.parseAction(request('GET', '/v1/charges?customer=cus_3&limit=3')).parameters).toEqual({customer: 'cus_3'});
  });

  it('classifies the other Stripe hosts (files, connect) with the same table', () => {
    const upload = connector.parseAction({method: 'POST', url: new URL('https://files.stripe.com/v1/files'), headers: {}});
    expect(upload.type).toBe('stripe.file.create');
    const oauth = connector.parseAction({method: 'POST', url: new URL('https://connect.stripe.com/oauth/token'), headers: FORM, body: Buffer.from('grant_type=authorization_code&code=ac_1')});
    expect(oauth.type).toBe('stripe.oauth.token');
  });

  it('replaces whatever credential the agent sent and keeps Connect and idempotency headers', () => {
    const out: OutboundRequest = {
      method: 'POST',
      url: new URL('https://api.stripe.com/v1/charges'),
      headers: {authorization: 'Basic c2tfdGVzdF9hZ2VudDo=', 'x-api-key': 'nope', 'stripe-account': 'acct_1', 'idempotency-key': 'k'},
    };
    connector.injectCredentials(out, {token: 'sk_test_real', envVar: 'STRIPE_SECRET_KEY'});
    expect(out.headers).toEqual({authorization: 'Bearer sk_test_real', 'stripe-account': 'acct_1', 'idempotency-key': 'k'});
  });

  it('lists its action types with descriptions for the catalog', () => {
    const types = connector.actionTypes();
    expect(types.find((t) => t.type === 'stripe.charge.refund')).toMatchObject({method: 'POST', path: '/v1/refunds', risk: 'high'});
    expect(types.filter((t) => t.description).length).toBeGreaterThan(600);
  });
});
