import {bearer, defineRouteConnector} from '@tf/sdk';
import {enrichStripeAction, STRIPE_BODY_PARAMS} from './enrich';
import {STRIPE_FIXTURES} from './fixtures';
import {STRIPE_ROUTES} from './routes';

/**
 * Stripe: every operation of the official SDK (generated table) under the seed's names.
 * files/connect/meter-events hosts serve a few operations (uploads, OAuth, event streams) with the same secret key.
 */
export const stripeConnector = defineRouteConnector({
  type: 'stripe',
  description: 'Stripe API (api.stripe.com): charges, refunds, payments, subscriptions, invoices, customers, transfers, Connect',
  defaultDomains: ['api.stripe.com', 'files.stripe.com', 'connect.stripe.com', 'meter-events.stripe.com'],
  defaultTokenEnv: 'STRIPE_SECRET_KEY',
  defaultAgentEnv: 'STRIPE_SECRET_KEY',
  routes: [...STRIPE_ROUTES],
  auth: bearer(),
  bodyParams: STRIPE_BODY_PARAMS,
  fixtures: STRIPE_FIXTURES,
  probe: {method: 'GET', path: '/v1/balance'},
  enrich: enrichStripeAction,
});

export {STRIPE_ROUTES} from './routes';
export default stripeConnector;
