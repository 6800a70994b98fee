import type {IncomingMessage, OutgoingHttpHeaders, ServerResponse} from 'node:http';
import type {HeaderMap} from '@tf/sdk';
import type {Dispatcher} from 'undici';
import {ProxyError, sendError, upstreamError} from '../errors';
import {elapsed, type Exchange} from '../exchange';
import {inboundHeaders} from '../headers';
import type {BodySource} from './body';
import {streamBody} from './body';

export interface OutboundCall {
  /** Origin the request goes to: the real one, or the `proxy.routes` target. */
  origin: string;
  method: string;
  /** Path and query, as classified. */
  path: string;
  headers: HeaderMap;
}

/**
 * Stage 6: sends the request through the origin's pool and relays the response as it arrives:
 * headers at once, every chunk when undici hands it over, pausing the upstream while the agent is slow.
 */
export function forward(pool: Dispatcher, call: OutboundCall, body: BodySource, req: IncomingMessage, res: ServerResponse, ex: Exchange): void {
  let controller: Dispatcher.DispatchController | undefined;
  let resumeOnDrain: (() => void) | undefined;
  /** Upstream content-length, so a body that arrives whole goes out in one write. */
  let expected = -1;
  // The agent went away first: stop the upstream too (called from the pipeline's one 'close' listener).
  ex.abortUpstream = () => controller?.abort(new Error('agent closed the connection'));

  let requestBody: Dispatcher.DispatchOptions['body'] = null;
  if (body.buffered) {
    requestBody = body.buffered;
    ex.bytesIn += body.buffered.length;
  } else if (body.streamed) {
    // undici streams async iterables with backpressure; its typings only list Readable.
    requestBody = streamBody(req, body.prefix, ex) as unknown as Dispatcher.DispatchOptions['body'];
  }
  ex.tForward = performance.now();

  const handler: Dispatcher.DispatchHandler = {
    onRequestStart(c) {
      controller = c;
      if (res.destroyed) c.abort(new Error('agent closed the connection'));
    },
    onResponseStart(c, statusCode, headers, statusMessage) {
      if (statusCode < 200) return; // 1xx (103 Early Hints): not relayed
      const now = performance.now();
      ex.upstreamStatus = statusCode;
      ex.status = statusCode;
      const out = inboundHeaders(headers as HeaderMap) as OutgoingHttpHeaders;
      const length = headers['content-length'];
      expected = typeof length === 'string' && ex.method !== 'HEAD' ? Number(length) : -1;
      out['x-tf-request-id'] = ex.id;
      if (ex.action) out['x-tf-action'] = ex.action.type;
      ex.overheadMs = Math.round((elapsed(ex.t0, ex.tForward) + elapsed(now)) * 1000) / 1000;
      out['x-tf-overhead-ms'] = ex.overheadMs.toFixed(3);
      try {
        if (statusMessage) res.writeHead(statusCode, statusMessage, out);
        else res.writeHead(statusCode, out);
      } catch (error) {
        // An upstream header Node refuses to relay: treat as a bad upstream response.
        c.abort(error as Error);
        return;
      }
      resumeOnDrain ??= () => c.resume();
    },
    onResponseData(c, chunk) {
      ex.bytesOut += chunk.length;
      if (ex.bytesOut === expected) {
        res.end(chunk);
        return;
      }
      if (!res.write(chunk)) {
        c.pause();
        res.once('drain', resumeOnDrain!);
      }
    },
    onResponseEnd() {
      ex.upstreamMs = elapsed(ex.tForward!);
      ex.abortUpstream = undefined;
      if (!res.writableEnded) res.end();
    },
    onResponseError(_c, error) {
      ex.abortUpstream = undefined;
      if (ex.tForward !== undefined) ex.upstreamMs = elapsed(ex.tForward);
      if (res.destroyed && !res.writableFinished) {
        ex.error ??= new ProxyError('agent_closed', 'the agent closed the connection before the response was complete');
        return;
      }
      const failure = upstreamError(error, call.origin);
      ex.error = failure;
      if (!res.headersSent) ex.status = failure.status;
      sendError(res, failure, ex.id, !req.complete);
    },
  };
  pool.dispatch({origin: call.origin, method: call.method, path: call.path, headers: call.headers as Record<string, string | string[]>, body: requestBody}, handler);
}
