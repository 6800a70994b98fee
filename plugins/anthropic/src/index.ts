import {bearer, defineRouteConnector} from '@tf/sdk';

// Placeholder until the connector's issue lands: routes come from the seed and the official API description.
export const anthropicConnector = defineRouteConnector({
  type: 'anthropic',
  description: 'Anthropic API (api.anthropic.com)',
  defaultDomains: ['api.anthropic.com'],
  routes: [],
  auth: bearer(),
});

export default anthropicConnector;
