import {parseBody} from '@tf/sdk';
import Stripe from 'stripe';
import {startCaptureServer} from '../../../test/helpers/capture-server';
import {parseJson, type ParsedEntry} from '../../../test/helpers/cli';

/**
 * The official `stripe` client calls a local capture server; its requests, replayed under https://api.stripe.com
 * through `tf parse --json`, must give the seed's rows.
 */
const SEED: [string, string, string][] = [
  ['charges.create', 'stripe.charge.create', 'high'],
  ['refunds.create', 'stripe.charge.refund', 'high'],
  ['customers.create', 'stripe.customer.create', 'low'],
  ['customers.del', 'stripe.customer.delete', 'medium'],
  ['subscriptions.create', 'stripe.subscription.create', 'medium'],
  ['subscriptions.cancel', 'stripe.subscription.cancel', 'medium'],
  ['invoices.create', 'stripe.invoice.create', 'medium'],
  ['invoices.pay', 'stripe.invoice.pay', 'high'],
  ['transfers.create', 'stripe.transfer.create', 'high'],
  ['payouts.create', 'stripe.payout.create', 'high'],
  ['balance.retrieve', 'stripe.balance.retrieve', 'low'],
];

describe('stripe SDK requests through tf parse', () => {
  let entries: ParsedEntry[];
  let subscriptionBody: {headers: Record<string, string | string[] | undefined>; body: Buffer};

  beforeAll(async () => {
    const server = await startCaptureServer((req, res) => {
      res.writeHead(200, {'content-type': 'application/json', 'request-id': 'req_test'});
      res.end(JSON.stringify({id: 'obj_123', object: 'charge'}));
    });
    try {
      const stripe = new Stripe('sk_test_placeholder', {host: '127.0.0.1', port: server.port, protocol: 'http', maxNetworkRetries: 0, telemetry: false});
      await stripe.charges.create({amount: 2000, currency: 'usd', source: 'tok_visa', metadata: {order: 'A-1'}});
      await stripe.refunds.create({charge: 'ch_123', amount: 500});
      await stripe.customers.create({email: 'jenny@example.com', metadata: {source: 'agent'}});
      await stripe.customers.del('cus_123');
      await stripe.subscriptions.create({customer: 'cus_123', items: [{price: 'price_123', quantity: 2}]});
      await stripe.subscriptions.cancel('sub_123');
      await stripe.invoices.create({customer: 'cus_123'});
      await stripe.invoices.pay('in_123');
      await stripe.transfers.create({amount: 1000, currency: 'eur', destination: 'acct_123'}, {idempotencyKey: 'transfer-1'});
      await stripe.payouts.create({amount: 5000, currency: 'usd'}, {stripeAccount: 'acct_connected'});
      await stripe.balance.retrieve();
      expect(server.requests).toHaveLength(SEED.length);
      subscriptionBody = server.requests[4];
      entries = await parseJson(['-'], {input: server.toJsonl('https://api.stripe.com')});
    } finally {
      await server.close();
    }
  });

  it.each(SEED.map((row, i) => [i, ...row] as const))('#%i %s → %s (%s)', (i, _call, type, risk) => {
    expect(entries[i].error).toBeNull();
    expect(entries[i].connector).toBe('stripe');
    expect(entries[i].action).toMatchObject({type, risk});
  });

  it('parses amounts as integers and currencies as strings on money-moving actions', () => {
    const charge = entries[0].action!;
    expect(charge.parameters).toMatchObject({amount: 2000, currency: 'usd'});
    expect(charge.riskHints).toMatchObject({financial: true, amount: 2000, currency: 'usd'});
    expect(entries[1].action!.parameters).toMatchObject({amount: 500, charge: 'ch_123'});
    expect(entries[8].action!.parameters).toMatchObject({amount: 1000, currency: 'eur', destination: 'acct_123'});
    expect(entries[9].action!.riskHints).toMatchObject({financial: true, amount: 5000, currency: 'usd'});
  });

  it('reads bracket-notation bodies (items[0][price]) and path ids', () => {
    expect(subscriptionBody.body.toString()).toContain('items[0][price]=price_123');
    expect(parseBody(subscriptionBody.headers, subscriptionBody.body)).toMatchObject({customer: 'cus_123', items: [{price: 'price_123', quantity: '2'}]});
    expect(entries[4].action!.parameters).toMatchObject({customer: 'cus_123'});
    expect(entries[3].action!.resource).toMatchObject({customer: 'cus_123'});
    expect(entries[7].action!.resource).toMatchObject({invoice: 'in_123'});
  });

  it('maps Stripe-Account to resource.account and Idempotency-Key to a parameter', () => {
    expect(entries[9].action!.resource.account).toBe('acct_connected');
    expect(entries[8].action!.parameters.idempotencyKey).toBe('transfer-1');
  });

  it('marks only money movement as financial', () => {
    for (const i of [2, 3, 4, 5, 6, 10]) expect(entries[i].action!.riskHints.financial).toBeUndefined();
  });
});
