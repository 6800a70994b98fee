import {bearer, defineRouteConnector} from '@tf/sdk';

// Placeholder until the connector's issue lands: routes come from the seed and the official API description.
export const slackConnector = defineRouteConnector({
  type: 'slack',
  description: 'Slack Web API (slack.com)',
  defaultDomains: ['slack.com'],
  routes: [],
  auth: bearer(),
});

export default slackConnector;
