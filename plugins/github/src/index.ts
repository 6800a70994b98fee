import {bearer, defineRouteConnector} from '@tf/sdk';

// Placeholder until the connector's issue lands: routes come from the seed and the official API description.
export const githubConnector = defineRouteConnector({
  type: 'github',
  description: 'GitHub REST API (api.github.com, GitHub Enterprise Server) and git over HTTPS',
  defaultDomains: ['api.github.com'],
  routes: [],
  auth: bearer(),
});

export default githubConnector;
