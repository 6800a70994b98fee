import type {IncomingMessage} from 'node:http';
import type {Connector, HttpRequestInfo} from '@tf/sdk';
import {ProxyError} from '../errors';
import type {Exchange} from '../exchange';

/** The request body as it will go upstream. */
export interface BodySource {
  /** The whole body, when it was buffered for classification (a connector may replace it). */
  buffered?: Buffer;
  /** Otherwise the body is streamed from the agent, after `prefix` (bytes already read). */
  prefix?: Buffer;
  streamed: boolean;
}

const CLASSIFIABLE = /json|x-www-form-urlencoded|multipart\/form-data/i;

export function hasBody(req: IncomingMessage): boolean {
  const length = req.headers['content-length'];
  return (length !== undefined && length !== '0') || req.headers['transfer-encoding'] !== undefined;
}

/**
 * Stage 2: buffers the body only when the connector needs it to classify and it is JSON, a form or multipart,
 * up to `limit` bytes. Above the limit the connector sees the first bytes and `bodyTruncated`; the rest streams.
 */
export async function readBodyForClassification(
  req: IncomingMessage,
  connector: Connector,
  info: HttpRequestInfo,
  limit: number,
  ex: Exchange,
): Promise<BodySource> {
  if (!hasBody(req)) return {streamed: false};
  const type = req.headers['content-type'];
  if ((type !== undefined && !CLASSIFIABLE.test(type)) || !connector.needsBody(info)) return {streamed: true};
  const declared = req.headers['content-length'] === undefined ? undefined : Number(req.headers['content-length']);
  const multipart = type !== undefined && /multipart/i.test(type);
  if (declared !== undefined && declared > limit && !multipart) {
    // Known to be too big, and a JSON/form prefix is useless: classify on the route alone.
    info.bodyTruncated = true;
    ex.bodyTruncated = true;
    return {streamed: true};
  }
  const {data, complete} = await readUpTo(req, limit);
  if (complete) {
    info.body = data;
    return {buffered: data, streamed: false};
  }
  // Multipart fields come before file parts, so the first bytes still classify; the connector sees at most `limit`.
  info.body = data.length > limit ? data.subarray(0, limit) : data;
  info.bodyTruncated = true;
  ex.bodyTruncated = true;
  return {prefix: data, streamed: true};
}

/** Reads until the body ends or more than `limit` bytes arrived; then leaves the stream paused. */
function readUpTo(req: IncomingMessage, limit: number): Promise<{data: Buffer; complete: boolean}> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    const cleanup = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('close', onClose);
      req.off('error', onClose);
    };
    const onData = (chunk: Buffer) => {
      chunks.push(chunk);
      total += chunk.length;
      if (total > limit) {
        req.pause();
        cleanup();
        resolve({data: Buffer.concat(chunks, total), complete: false});
      }
    };
    const onEnd = () => {
      cleanup();
      resolve({data: chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, total), complete: true});
    };
    const onClose = () => {
      cleanup();
      reject(new ProxyError('bad_request', 'the agent closed the connection before the request body was complete'));
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('close', onClose);
    req.on('error', onClose);
  });
}

/** The streamed body for undici: prefix first, then the rest, counting bytes as they pass. */
export async function* streamBody(req: IncomingMessage, prefix: Buffer | undefined, ex: Exchange): AsyncGenerator<Buffer> {
  if (prefix) {
    ex.bytesIn += prefix.length;
    yield prefix;
  }
  for await (const chunk of req) {
    ex.bytesIn += (chunk as Buffer).length;
    yield chunk as Buffer;
  }
}
