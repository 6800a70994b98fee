import type {ServerResponse} from 'node:http';
import path from 'node:path';
import type {HttpRequestInfo, RouteSpec} from '@tf/sdk';
import type {CapturedRequest} from '../../../test/helpers/capture-server';

export const REPO_ROOT = path.resolve(__dirname, '../../..');


/** A concrete path for a template: `{file_id}` → `x_file_id`, never equal to a fixed segment. */
export function samplePath(template: string): string {
  return template.replace(/\{(\w+)\+?\}/g, (_, name: string) => `x_${name}`);
}

/** The request that selects a route: its `stream: true` switch in the body or query when it has one. */
export function requestFor(route: RouteSpec, origin: string): HttpRequestInfo {
  const url = new URL(origin + samplePath(route.path));
  const headers: HttpRequestInfo['headers'] = {'anthropic-version': '2023-06-01'};
  let body: Buffer | undefined;
  if (route.when?.in === 'query') url.searchParams.set(route.when.field, String(route.when.equals));
  if (route.when?.in === 'body') {
    headers['content-type'] = 'application/json';
    body = Buffer.from(JSON.stringify({[route.when.field]: route.when.equals}));
  }
  return {method: route.method, url, headers, body};
}

export function asRequestInfo(captured: CapturedRequest, origin: string): HttpRequestInfo {
  return {method: captured.method, url: new URL(origin + captured.path), headers: captured.headers, body: captured.body};
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
