import {bearer, type ConnectorType, type RouteConnectorSpec, type RouteTable} from '@tf/sdk';
import {enrichSlackAction} from './enrich';
import {SLACK_FIXTURES} from './fixtures';
import {SLACK_ROUTES} from './routes';
import {SlackConnector} from './slack-connector';
import {scrubSlackToken} from './token-scrub';

/** Slack Web API: every method of the official client, classified by method name whatever the verb or encoding. */
const spec: RouteConnectorSpec = {
  type: 'slack',
  description: 'Slack Web API (slack.com): messages, channels, files, users, admin, reactions',
  defaultDomains: ['slack.com', 'api.slack.com', 'files.slack.com'],
  defaultTokenEnv: 'SLACK_BOT_TOKEN',
  defaultAgentEnv: 'SLACK_BOT_TOKEN',
  routes: [...SLACK_ROUTES],
  auth: bearer(),
  fixtures: SLACK_FIXTURES,
  probe: {method: 'POST', path: '/api/auth.test'},
  enrich: enrichSlackAction,
  scrubCredentials: scrubSlackToken,
};

let table: RouteTable | undefined; // compiled once, shared by every instance

export const slackConnector: ConnectorType = {
  type: spec.type,
  description: spec.description,
  defaultDomains: spec.defaultDomains,
  defaultTokenEnv: spec.defaultTokenEnv,
  defaultAgentEnv: spec.defaultAgentEnv,
  accepts: {},
  create(config) {
    table ??= SlackConnector.compile(spec.routes);
    return new SlackConnector(spec, config, table);
  },
};

export {SLACK_ROUTES} from './routes';
export {SlackConnector} from './slack-connector';
export default slackConnector;
