import type {ConnectorFixture} from '@tf/sdk';

const FORM = {'content-type': 'application/x-www-form-urlencoded'};

/** `tf connector test stripe`: the seed's rows plus the body- and header-driven cases. Ids are made up. */
export const STRIPE_FIXTURES: ConnectorFixture[] = [
  {name: 'charge', request: {method: 'POST', url: '/v1/charges', headers: FORM, body: 'amount=2000&currency=usd&source=tok_visa'}, expect: {type: 'stripe.charge.create', risk: 'high'}},
  {name: 'refund', request: {method: 'POST', url: '/v1/refunds', headers: FORM, body: 'charge=ch_123&amount=500'}, expect: {type: 'stripe.charge.refund', risk: 'high'}},
  {name: 'customer create', request: {method: 'POST', url: '/v1/customers', headers: FORM, body: 'email=jenny%40example.com&metadata[source]=agent'}, expect: {type: 'stripe.customer.create', risk: 'low'}},
  {name: 'customer delete', request: {method: 'DELETE', url: '/v1/customers/cus_123'}, expect: {type: 'stripe.customer.delete', risk: 'medium'}},
  {name: 'subscription create', request: {method: 'POST', url: '/v1/subscriptions', headers: FORM, body: 'customer=cus_123&items[0][price]=price_123'}, expect: {type: 'stripe.subscription.create', risk: 'medium'}},
  {name: 'subscription cancel', request: {method: 'DELETE', url: '/v1/subscriptions/sub_123'}, expect: {type: 'stripe.subscription.cancel', risk: 'medium'}},
  {name: 'invoice create', request: {method: 'POST', url: '/v1/invoices', headers: FORM, body: 'customer=cus_123'}, expect: {type: 'stripe.invoice.create', risk: 'medium'}},
  {name: 'invoice pay', request: {method: 'POST', url: '/v1/invoices/in_123/pay'}, expect: {type: 'stripe.invoice.pay', risk: 'high'}},
  {name: 'transfer', request: {method: 'POST', url: '/v1/transfers', headers: FORM, body: 'amount=1000&currency=usd&destination=acct_123'}, expect: {type: 'stripe.transfer.create', risk: 'high'}},
  {name: 'payout', request: {method: 'POST', url: '/v1/payouts', headers: FORM, body: 'amount=5000&currency=usd'}, expect: {type: 'stripe.payout.create', risk: 'high'}},
  {name: 'balance', request: {method: 'GET', url: '/v1/balance'}, expect: {type: 'stripe.balance.retrieve', risk: 'low'}},
  {name: 'payment intent confirm', request: {method: 'POST', url: '/v1/payment_intents/pi_123/confirm'}, expect: {type: 'stripe.payment_intent.confirm', risk: 'high'}},
  {name: 'payment intent created confirmed', request: {method: 'POST', url: '/v1/payment_intents', headers: FORM, body: 'amount=999&currency=eur&confirm=true'}, expect: {type: 'stripe.payment_intent.create_and_confirm', risk: 'high'}},
  {name: 'connected account read', request: {method: 'GET', url: '/v1/charges?customer=cus_123', headers: {'stripe-account': 'acct_123'}}, expect: {type: 'stripe.charge.list', risk: 'low'}},
  {name: 'unknown route', request: {method: 'POST', url: '/v1/not_a_resource'}, expect: {type: 'stripe.unknown.post', risk: 'medium'}},
];
