import type {ConnectorFixture} from '@tf/sdk';

const headers = {'content-type': 'application/json', 'anthropic-version': '2023-06-01'};
const message = {model: 'claude-sonnet-4-5', max_tokens: 256, messages: [{role: 'user', content: 'Hello'}]};

export const ANTHROPIC_FIXTURES: ConnectorFixture[] = [
  {name: 'message', request: {method: 'POST', url: '/v1/messages', headers, body: message}, expect: {type: 'anthropic.message.create', risk: 'low'}},
  {
    name: 'message stream',
    request: {method: 'POST', url: '/v1/messages', headers, body: {...message, stream: true}},
    expect: {type: 'anthropic.message.create_stream', risk: 'low'},
  },
  {
    name: 'count tokens',
    request: {method: 'POST', url: '/v1/messages/count_tokens', headers, body: {model: message.model, messages: message.messages}},
    expect: {type: 'anthropic.message.count_tokens', risk: 'low'},
  },
  {
    name: 'batch create',
    request: {method: 'POST', url: '/v1/messages/batches', headers, body: {requests: [{custom_id: 'a', params: message}]}},
    expect: {type: 'anthropic.message.batch.create', risk: 'medium'},
  },
  {name: 'batch list', request: {method: 'GET', url: '/v1/messages/batches', headers}, expect: {type: 'anthropic.message.batch.list', risk: 'low'}},
  {
    name: 'batch results',
    request: {method: 'GET', url: '/v1/messages/batches/msgbatch_abc123/results', headers},
    expect: {type: 'anthropic.message.batch.results', risk: 'low'},
  },
  {
    name: 'batch cancel',
    request: {method: 'POST', url: '/v1/messages/batches/msgbatch_abc123/cancel', headers},
    expect: {type: 'anthropic.message.batch.cancel', risk: 'medium'},
  },
  {
    name: 'batch delete',
    request: {method: 'DELETE', url: '/v1/messages/batches/msgbatch_abc123', headers},
    expect: {type: 'anthropic.message.batch.delete', risk: 'medium'},
  },
  {name: 'model list', request: {method: 'GET', url: '/v1/models', headers}, expect: {type: 'anthropic.model.list', risk: 'low'}},
  {name: 'model retrieve', request: {method: 'GET', url: '/v1/models/claude-sonnet-4-5', headers}, expect: {type: 'anthropic.model.retrieve', risk: 'low'}},
  {name: 'file list', request: {method: 'GET', url: '/v1/files', headers}, expect: {type: 'anthropic.file.list', risk: 'low'}},
  {name: 'file delete', request: {method: 'DELETE', url: '/v1/files/file_abc123', headers}, expect: {type: 'anthropic.file.delete', risk: 'medium'}},
  {name: 'unknown route', request: {method: 'POST', url: '/v1/not/a/route', headers}, expect: {type: 'anthropic.unknown.post', risk: 'medium'}},
];
