import {bearer, defineRouteConnector} from '@tf/sdk';

// Placeholder until the connector's issue lands: routes come from the seed and the official API description.
export const stripeConnector = defineRouteConnector({
  type: 'stripe',
  description: 'Stripe API (api.stripe.com)',
  defaultDomains: ['api.stripe.com'],
  routes: [],
  auth: bearer(),
});

export default stripeConnector;
