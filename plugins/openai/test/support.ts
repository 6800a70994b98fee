import type {ServerResponse} from 'node:http';
import path from 'node:path';
import type {Connector} from '@tf/sdk';
import type OpenAI from 'openai';
import {toFile} from 'openai';
import type {CapturedRequest} from '../../../test/helpers/capture-server';

export const REPO_ROOT = path.resolve(__dirname, '../../..');


import {asRequestInfo} from '../../../test/helpers/route-requests';

export {asRequestInfo, requestFor, samplePath} from '../../../test/helpers/route-requests';

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
