import {defineRouteConnector, rawHeader} from '@tf/sdk';
import {ANTHROPIC_FIXTURES} from './fixtures';
import {enrichAnthropicAction} from './parameters';
import {ANTHROPIC_BODY_PARAMS, anthropicRoutes} from './routes';

/** Anthropic API: the key goes in `x-api-key`; the agent's `anthropic-version` / `anthropic-beta` headers pass through. */
export const anthropicConnector = defineRouteConnector({
  type: 'anthropic',
  description: 'Anthropic API (api.anthropic.com): messages, batches, models, files, skills, agents, admin',
  defaultDomains: ['api.anthropic.com'],
  defaultTokenEnv: 'ANTHROPIC_API_KEY',
  defaultAgentEnv: 'ANTHROPIC_API_KEY',
  routes: anthropicRoutes,
  // The SDK's `authToken` option sends `Authorization: Bearer`: removed like the agent's x-api-key (the default list).
  auth: rawHeader('x-api-key'),
  bodyParams: ANTHROPIC_BODY_PARAMS,
  fixtures: ANTHROPIC_FIXTURES,
  // The API refuses a request without a version header.
  probe: {method: 'GET', path: '/v1/models', headers: {'anthropic-version': '2023-06-01'}},
  enrich: enrichAnthropicAction,
});

export {anthropicRoutes} from './routes';
export default anthropicConnector;
