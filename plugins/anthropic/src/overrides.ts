import type {RouteOverride, RouteSpec} from '@tf/sdk';

/**
 * The names and risks issue #4 promises for the core API, verbatim: they win over the generated ones.
 * (They agree with the naming rule today; listing them pins the contract in one place.)
 */
export const contractOverrides: RouteOverride[] = [
  {method: 'POST', path: '/v1/messages', type: 'anthropic.message.create', risk: 'low'},
  {method: 'POST', path: '/v1/messages', stream: true, type: 'anthropic.message.create_stream', risk: 'low'},
  {method: 'POST', path: '/v1/messages/count_tokens', type: 'anthropic.message.count_tokens', risk: 'low'},
  {method: 'POST', path: '/v1/messages/batches', type: 'anthropic.message.batch.create', risk: 'medium'},
  {method: 'GET', path: '/v1/messages/batches', type: 'anthropic.message.batch.list', risk: 'low'},
  {method: 'GET', path: '/v1/messages/batches/{message_batch_id}', type: 'anthropic.message.batch.retrieve', risk: 'low'},
  {method: 'POST', path: '/v1/messages/batches/{message_batch_id}/cancel', type: 'anthropic.message.batch.cancel', risk: 'medium'},
  {method: 'DELETE', path: '/v1/messages/batches/{message_batch_id}', type: 'anthropic.message.batch.delete', risk: 'medium'},
  {method: 'GET', path: '/v1/models', type: 'anthropic.model.list', risk: 'low'},
  {method: 'GET', path: '/v1/models/{model_id}', type: 'anthropic.model.retrieve', risk: 'low'},
  {method: 'POST', path: '/v1/files', type: 'anthropic.file.upload', risk: 'medium'},
  {method: 'GET', path: '/v1/files', type: 'anthropic.file.list', risk: 'low'},
  {method: 'GET', path: '/v1/files/{file_id}', type: 'anthropic.file.retrieve', risk: 'low'},
  {method: 'DELETE', path: '/v1/files/{file_id}', type: 'anthropic.file.delete', risk: 'medium'},
  {method: 'GET', path: '/v1/files/{file_id}/content', type: 'anthropic.file.content', risk: 'low'},
];

/** Routes the SDK reaches through a URL the API hands back rather than a path of its own. */
export const extraRoutes: RouteSpec[] = [
  // `messages.batches.results()` fetches the batch, then GETs its `results_url`: this path.
  {
    method: 'GET',
    path: '/v1/messages/batches/{message_batch_id}/results',
    type: 'anthropic.message.batch.results',
    risk: 'low',
    description: 'messages.batches.results',
  },
];
