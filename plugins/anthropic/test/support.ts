import type {ServerResponse} from 'node:http';
import path from 'node:path';
import type {HttpRequestInfo, RouteSpec} from '@tf/sdk';
import type {CapturedRequest} from '../../../test/helpers/capture-server';
import {requestFor as sharedRequestFor} from '../../../test/helpers/route-requests';

export const REPO_ROOT = path.resolve(__dirname, '../../..');


export {asRequestInfo, samplePath} from '../../../test/helpers/route-requests';

/** The request that selects a route, with the version header the API requires. */
export function requestFor(route: RouteSpec, origin: string): HttpRequestInfo {
  return sharedRequestFor(route, origin, undefined, {'anthropic-version': '2023-06-01'});
}

/** Answers like Anthropic closely enough for the SDK: SSE for `stream: true`, a batch with a results URL, else small JSON. */
export function anthropicResponder(serverUrl: () => string) {
  return (req: CapturedRequest, res: ServerResponse): void => {
    let body: Record<string, unknown> = {};
    try {
      body = JSON.parse(req.body.toString('utf8'));
    } catch {
      // multipart or empty
    }
    if (body.stream === true) {
      res.writeHead(200, {'content-type': 'text/event-stream'});
      res.end('event: message_stop\ndata: {"type":"message_stop"}\n\n');
      return;
    }
    const batch = /^\/v1\/messages\/batches\/([^/?]+)(\?|$)/.exec(req.path);
    if (req.method === 'GET' && batch) {
      res.writeHead(200, {'content-type': 'application/json'});
      res.end(JSON.stringify({id: batch[1], type: 'message_batch', results_url: `${serverUrl()}/v1/messages/batches/${batch[1]}/results`}));
      return;
    }
    if (req.path.includes('/results')) {
      res.writeHead(200, {'content-type': 'application/binary'});
      res.end(`${JSON.stringify({custom_id: 'a', result: {type: 'succeeded'}})}\n`);
      return;
    }
    res.writeHead(200, {'content-type': 'application/json'});
    res.end(JSON.stringify({id: 'obj_1', data: [], has_more: false}));
  };
}
