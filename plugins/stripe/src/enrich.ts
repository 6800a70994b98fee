import {headerValue, type Action, type EnrichContext} from '@tf/sdk';

/** Body fields copied into `parameters` for every Stripe route that has them. */
export const STRIPE_BODY_PARAMS = ['amount', 'currency', 'customer', 'destination', 'charge', 'payment_intent'];

/** List filters that name the same things in a GET query. */
const QUERY_PARAMS = ['customer', 'charge', 'payment_intent'];

/**
 * Stripe specifics: form values arrive as strings (`amount=2000`), v2 JSON amounts as `{value, currency}`;
 * Connect's `Stripe-Account` header names the account the call runs as.
 */
export function enrichStripeAction(action: Action, ctx: EnrichContext): void {
  const {parameters, resource} = action;
  const riskHints = action.riskHints;
  const {headers, url, method} = ctx.request;

  const account = headerValue(headers, 'stripe-account');
  if (account) resource.account = account; // a path's own {account} stays in parameters.account
  const idempotencyKey = headerValue(headers, 'idempotency-key');
  if (idempotencyKey) parameters.idempotencyKey = idempotencyKey;

  if (method === 'GET' && url.search) {
    for (const field of QUERY_PARAMS) {
      const value = url.searchParams.get(field);
      if (value !== null) parameters[field] = value;
    }
  }

  normalizeAmount(parameters);
  const destination = parameters.destination;
  if (destination && typeof destination === 'object') {
    // Legacy charges send `destination[account]=acct_…`.
    const accountId = (destination as Record<string, unknown>).account;
    if (typeof accountId === 'string') parameters.destination = accountId;
  }
  if (parameters.destination === undefined && riskHints.financial) {
    // Destination charges send the money on to a connected account.
    const transferData = ctx.body()?.transfer_data;
    const to = transferData && typeof transferData === 'object' ? (transferData as Record<string, unknown>).destination : undefined;
    if (typeof to === 'string') parameters.destination = to;
  }

  if (riskHints.financial) action.riskHints = moneyHints(riskHints, parameters);
}

/**
 * `{financial, amount, currency}` built as a literal: adding keys to the spread-copied hints object
 * costs more than the rest of classification (measured), and this runs on every money-moving request.
 */
function moneyHints(hints: Record<string, unknown>, parameters: Record<string, unknown>): Record<string, unknown> {
  const amount = Number.isInteger(parameters.amount) ? parameters.amount : undefined;
  const currency = typeof parameters.currency === 'string' ? parameters.currency : undefined;
  if (amount === undefined && currency === undefined) return hints;
  const out: Record<string, unknown> =
    amount === undefined ? {financial: true, currency} : currency === undefined ? {financial: true, amount} : {financial: true, amount, currency};
  if (hints.bodyTruncated) out.bodyTruncated = true; // the only other hint a POST can carry
  return out;
}

/** `"2000"` → 2000 (integer, smallest currency unit); v2's `{value, currency}` → amount + currency. Anything else stays as sent. */
function normalizeAmount(parameters: Record<string, unknown>): void {
  let amount = parameters.amount;
  if (amount === undefined) return;
  if (amount !== null && typeof amount === 'object' && !Array.isArray(amount)) {
    const money = amount as Record<string, unknown>;
    if (parameters.currency === undefined && typeof money.currency === 'string') parameters.currency = money.currency;
    amount = money.value;
  }
  if (typeof amount === 'string' && INTEGER.test(amount)) amount = Number(amount);
  parameters.amount = amount;
}

const INTEGER = /^-?\d{1,15}$/;
