import type {HeaderMap} from '@tf/sdk';
import {addHeader, type CaptureEntry, type CapturedRequest} from './types';

const REQUEST_LINE = /^([A-Za-z]+) (\S+) HTTP\/1\.[01]$/;

/** Raw HTTP/1.1 request messages, one or many per file; bodies by Content-Length or chunked. */
export function readRawHttp(buffer: Buffer, name: string): CaptureEntry[] {
  const out: CaptureEntry[] = [];
  let offset = 0;
  let index = 0;
  while (offset < buffer.length) {
    // Skip blank lines between messages.
    while (offset < buffer.length && (buffer[offset] === 0x0d || buffer[offset] === 0x0a)) offset++;
    if (offset >= buffer.length) break;
    const source = `${name}: message ${index}`;
    const parsed = readMessage(buffer, offset, source);
    if ('error' in parsed) {
      out.push({source, error: parsed.error});
      break; // framing is lost: nothing after this point can be trusted
    }
    out.push({source, request: parsed.request});
    offset = parsed.end;
    index++;
  }
  return out;
}

function headerEnd(buffer: Buffer, from: number): {end: number; sep: number} | undefined {
  const crlf = buffer.indexOf('\r\n\r\n', from);
  const lf = buffer.indexOf('\n\n', from);
  if (crlf !== -1 && (lf === -1 || crlf < lf)) return {end: crlf, sep: 4};
  if (lf !== -1) return {end: lf, sep: 2};
  return undefined;
}

type MessageResult = {error: string} | {request: CapturedRequest; end: number};

function readMessage(buffer: Buffer, start: number, source: string): MessageResult {
  const head = headerEnd(buffer, start);
  if (!head) return {error: `${source}: truncated message (no blank line after the headers)`};
  const lines = buffer.toString('latin1', start, head.end).split(/\r?\n/);
  const requestLine = REQUEST_LINE.exec(lines[0]);
  if (!requestLine) return {error: `${source}: not an HTTP/1.1 request line: "${lines[0].slice(0, 60)}"`};
  const headers: HeaderMap = {};
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(':');
    if (colon <= 0) return {error: `${source}: malformed header line "${line.slice(0, 60)}"`};
    addHeader(headers, line.slice(0, colon).trim(), line.slice(colon + 1).trim());
  }
  const [, method, target] = requestLine;
  let url = target;
  if (!/^https?:\/\//i.test(target)) {
    const host = headers.host;
    if (typeof host !== 'string') return {error: `${source}: origin-form request without a Host header`};
    url = `https://${host}${target.startsWith('/') ? target : `/${target}`}`;
  }
  let offset = head.end + head.sep;
  let body: Buffer | undefined;
  const te = headers['transfer-encoding'];
  const cl = headers['content-length'];
  if (te !== undefined && cl !== undefined) return {error: `${source}: both Content-Length and Transfer-Encoding`};
  if (typeof te === 'string' && te.toLowerCase().includes('chunked')) {
    const chunks: Buffer[] = [];
    for (;;) {
      const lineEnd = buffer.indexOf('\n', offset);
      if (lineEnd === -1) return {error: `${source}: truncated chunked body`};
      const size = parseInt(buffer.toString('latin1', offset, lineEnd).trim().split(';')[0], 16);
      if (Number.isNaN(size)) return {error: `${source}: bad chunk size`};
      offset = lineEnd + 1;
      if (size === 0) {
        // Skip optional trailers up to the final blank line.
        const end = buffer.indexOf('\n', offset);
        offset = end === -1 ? buffer.length : end + 1;
        break;
      }
      if (offset + size > buffer.length) return {error: `${source}: truncated chunked body`};
      chunks.push(buffer.subarray(offset, offset + size));
      offset += size;
      if (buffer[offset] === 0x0d) offset++;
      if (buffer[offset] === 0x0a) offset++;
    }
    body = Buffer.concat(chunks);
  } else if (cl !== undefined) {
    const length = Number(Array.isArray(cl) ? cl[0] : cl);
    if (!Number.isInteger(length) || length < 0) return {error: `${source}: invalid Content-Length`};
    if (offset + length > buffer.length) {
      return {error: `${source}: truncated body (Content-Length ${length}, ${buffer.length - offset} bytes present)`};
    }
    body = buffer.subarray(offset, offset + length);
    offset += length;
  }
  return {request: {method: method.toUpperCase(), url, headers, body}, end: offset};
}
