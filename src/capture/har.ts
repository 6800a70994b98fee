import type {HeaderMap} from '@tf/sdk';
import {addHeader, type CaptureEntry} from './types';

interface HarRequest {
  method?: unknown;
  url?: unknown;
  headers?: {name?: unknown; value?: unknown}[];
  postData?: {mimeType?: string; text?: string; encoding?: string; params?: {name: string; value?: string}[]};
}

/** HAR 1.2 (browsers, mitmproxy, Charles, Proxyman): one entry per `log.entries[i].request`. */
export function readHar(doc: {log?: {entries?: unknown}}, name: string): CaptureEntry[] {
  const entries = doc.log?.entries;
  if (!Array.isArray(entries)) return [{source: name, error: `${name}: not a HAR file (log.entries is missing)`}];
  return entries.map((entry: {request?: HarRequest}, index): CaptureEntry => {
    const source = `${name}: entry ${index}`;
    const request = entry?.request;
    if (!request || typeof request !== 'object') return {source, error: `${source}: request is missing`};
    if (typeof request.method !== 'string' || !request.method) return {source, error: `${source}: request.method is missing`};
    if (typeof request.url !== 'string' || !request.url) return {source, error: `${source}: request.url is missing`};
    const headers: HeaderMap = {};
    for (const header of Array.isArray(request.headers) ? request.headers : []) {
      if (typeof header?.name === 'string' && typeof header.value === 'string' && !header.name.startsWith(':')) {
        addHeader(headers, header.name, header.value);
      }
    }
    const post = request.postData;
    let body: Buffer | undefined;
    if (post && typeof post.text === 'string') {
      body = post.encoding === 'base64' ? Buffer.from(post.text, 'base64') : Buffer.from(post.text, 'utf8');
    } else if (post && Array.isArray(post.params)) {
      body = Buffer.from(new URLSearchParams(post.params.map((p): [string, string] => [p.name, p.value ?? ''])).toString());
    }
    if (post?.mimeType && headers['content-type'] === undefined) headers['content-type'] = post.mimeType;
    return {source, request: {method: request.method.toUpperCase(), url: request.url, headers, body}};
  });
}
