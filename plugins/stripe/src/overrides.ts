import type {RouteSpec} from '@tf/sdk';

/**
 * Hand-written rows that win over the generated table.
 * An override without `when` replaces the generated route with the same method + path;
 * one with `when` adds a variant tried before it.
 */
export type RouteOverride = Pick<RouteSpec, 'method' | 'path' | 'type' | 'risk'> & Partial<Pick<RouteSpec, 'when' | 'hints' | 'description'>>;

/** The seed's Stripe table, verbatim (names and risks are the contract). */
export const SEED_ROUTES: readonly RouteOverride[] = [
  {method: 'POST', path: '/v1/charges', type: 'stripe.charge.create', risk: 'high'},
  {method: 'POST', path: '/v1/refunds', type: 'stripe.charge.refund', risk: 'high'},
  {method: 'POST', path: '/v1/customers', type: 'stripe.customer.create', risk: 'low'},
  {method: 'DELETE', path: '/v1/customers/{customer}', type: 'stripe.customer.delete', risk: 'medium'},
  {method: 'POST', path: '/v1/subscriptions', type: 'stripe.subscription.create', risk: 'medium'},
  {method: 'DELETE', path: '/v1/subscriptions/{subscription}', type: 'stripe.subscription.cancel', risk: 'medium'},
  {method: 'POST', path: '/v1/invoices', type: 'stripe.invoice.create', risk: 'medium'},
  {method: 'POST', path: '/v1/invoices/{invoice}/pay', type: 'stripe.invoice.pay', risk: 'high'},
  {method: 'POST', path: '/v1/transfers', type: 'stripe.transfer.create', risk: 'high'},
  {method: 'POST', path: '/v1/payouts', type: 'stripe.payout.create', risk: 'high'},
  {method: 'GET', path: '/v1/balance', type: 'stripe.balance.retrieve', risk: 'low'},
];

/** Variants the SDK cannot see: the same call moves money or not depending on the body. */
export const VARIANT_ROUTES: readonly RouteOverride[] = [
  {
    method: 'POST',
    path: '/v1/payment_intents',
    type: 'stripe.payment_intent.create_and_confirm',
    risk: 'high',
    when: {in: 'body', field: 'confirm', equals: true},
    hints: {financial: true},
    description: 'Creates a PaymentIntent and confirms it at once (confirm=true): the customer is charged.',
  },
];
