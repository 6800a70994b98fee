import type {ServerResponse} from 'node:http';
import path from 'node:path';
import type {Connector, HttpRequestInfo, RouteSpec} from '@tf/sdk';
import type OpenAI from 'openai';
import {toFile} from 'openai';
import type {CapturedRequest} from '../../../test/helpers/capture-server';

export const REPO_ROOT = path.resolve(__dirname, '../../..');


/** A concrete path for a template: `{file_id}` → `x_file_id`, never equal to a fixed segment. */
export function samplePath(template: string): string {
  return template.replace(/\{(\w+)\+?\}/g, (_, name: string) => `x_${name}`);
}

/** The request that selects a route: its `stream: true` switch in the body or query when it has one. */
export function requestFor(route: RouteSpec, origin: string, path = samplePath(route.path)): HttpRequestInfo {
  const url = new URL(origin + path);
  const headers: HttpRequestInfo['headers'] = {};
  let body: Buffer | undefined;
  if (route.when?.in === 'query') url.searchParams.set(route.when.field, String(route.when.equals));
  if (route.when?.in === 'body') {
    headers['content-type'] = 'application/json';
    body = Buffer.from(JSON.stringify({[route.when.field]: route.when.equals}));
  }
  return {method: route.method, url, headers, body};
}

/** A captured SDK request as the connector would see it under the real API host. */
export function asRequestInfo(captured: CapturedRequest, origin: string): HttpRequestInfo {
  return {method: captured.method, url: new URL(origin + captured.path), headers: captured.headers, body: captured.body};
}

export function classifyAll(connector: Connector, captured: CapturedRequest[], origin: string): [string, string][] {
  return captured.map((c) => {
    const action = connector.parseAction(asRequestInfo(c, origin));
    return [action.type, action.risk];
  });
}

function wantsStream(req: CapturedRequest): boolean {
  if (/[?&]stream=true\b/.test(req.path)) return true;
  if (!/json/.test(String(req.headers['content-type'] ?? ''))) return /name="stream"\r\n\r\ntrue/.test(req.body.toString('latin1'));
  try {
    return JSON.parse(req.body.toString('utf8')).stream === true;
  } catch {
    return false;
  }
}

/** Answers like OpenAI closely enough for the SDK: a short SSE stream when asked to stream, else a small JSON object. */
export function openaiResponder(req: CapturedRequest, res: ServerResponse): void {
  if (wantsStream(req)) {
    res.writeHead(200, {'content-type': 'text/event-stream'});
    const chunk = req.path.includes('/chat/completions')
      ? {id: 'chatcmpl-1', object: 'chat.completion.chunk', created: 0, model: 'gpt-4o-mini', choices: []}
      : {type: 'response.completed', sequence_number: 1, response: {id: 'resp_1', object: 'response', output: []}};
    res.end(`data: ${JSON.stringify(chunk)}\n\ndata: [DONE]\n\n`);
    return;
  }
  res.writeHead(200, {'content-type': 'application/json'});
  res.end(JSON.stringify({id: 'obj_1', object: 'list', data: [], has_more: false}));
}

/** One SDK call and the action type and risk it must classify to. */
export type Call = [type: string, risk: string, run: (client: OpenAI) => Promise<unknown>];

/** A small binary upload, so multipart file parts are exercised. */
export const bytes = (name: string) => toFile(Buffer.from('\x00\x01binary\xff'), name);

/** Reads a stream to its end (the SDK's streaming calls resolve to one). */
export const drain = async (stream: AsyncIterable<unknown>) => {
  for await (const _ of stream);
};

export const chat = {model: 'gpt-4o-mini', messages: [{role: 'user' as const, content: 'Hello'}]};
