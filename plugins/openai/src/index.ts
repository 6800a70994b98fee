import {bearer, defineRouteConnector} from '@tf/sdk';

// Placeholder until the connector's issue lands: routes come from the seed and the official API description.
export const openaiConnector = defineRouteConnector({
  type: 'openai',
  description: 'OpenAI API (api.openai.com) and Azure OpenAI',
  defaultDomains: ['api.openai.com'],
  routes: [],
  auth: bearer(),
});

export default openaiConnector;
