import type {HeaderMap} from './types';

export type ParsedBody = Record<string, unknown>;

export function headerValue(headers: HeaderMap, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Parses a request body into fields: JSON, urlencoded forms (bracket keys nest: `items[0][price]`),
 * and multipart (fields only; file parts are skipped, never copied).
 * Returns undefined for an absent or unparseable body: classification then goes by route alone.
 */
export function parseBody(headers: HeaderMap, body: Uint8Array | undefined): ParsedBody | undefined {
  if (!body || body.length === 0) return undefined;
  const rawType = headerValue(headers, 'content-type') ?? '';
  const contentType = rawType.toLowerCase();
  const buffer = Buffer.isBuffer(body) ? body : Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  if (contentType.startsWith('multipart/form-data')) {
    const boundary = /boundary="?([^";]+)"?/i.exec(rawType)?.[1]; // boundaries are case-sensitive
    return boundary ? parseMultipart(buffer, boundary) : undefined;
  }
  if (contentType.includes('x-www-form-urlencoded')) return parseForm(buffer.toString('utf8'));
  const first = firstNonSpace(buffer);
  if (contentType.includes('json') || first === 0x7b /* { */) {
    try {
      const parsed: unknown = JSON.parse(buffer.toString('utf8'));
      return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as ParsedBody) : undefined;
    } catch {
      return undefined;
    }
  }
  if (!contentType && buffer.includes(0x3d /* = */)) return parseForm(buffer.toString('utf8'));
  return undefined;
}

function firstNonSpace(buffer: Buffer): number | undefined {
  for (const byte of buffer) if (byte !== 0x20 && byte !== 0x0a && byte !== 0x0d && byte !== 0x09) return byte;
  return undefined;
}

/** `a[b][0][c]=1&x=2` → `{a: {b: [{c: '1'}]}, x: '2'}`. Values stay strings, as the server would receive them. */
export function parseForm(text: string): ParsedBody {
  const result: ParsedBody = {};
  for (const [key, value] of new URLSearchParams(text)) assignBracketKey(result, key, value);
  return result;
}

const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export function assignBracketKey(target: ParsedBody, key: string, value: unknown): void {
  const open = key.indexOf('[');
  const path = open <= 0 ? [key] : [key.slice(0, open), ...[...key.slice(open).matchAll(/\[([^\]]*)\]/g)].map((m) => m[1])];
  if (path.some((k) => UNSAFE_KEYS.has(k))) return;
  let node: Record<string, unknown> | unknown[] = target;
  for (let i = 0; i < path.length; i++) {
    const last = i === path.length - 1;
    const nextKey = path[i + 1];
    let key: string | number = path[i];
    if (Array.isArray(node)) key = key === '' ? node.length : Number(key);
    if (last) {
      (node as Record<string | number, unknown>)[key] = value;
      return;
    }
    let child = (node as Record<string | number, unknown>)[key];
    if (child === null || typeof child !== 'object') {
      child = nextKey === '' || /^\d+$/.test(nextKey) ? [] : {};
      (node as Record<string | number, unknown>)[key] = child;
    }
    node = child as Record<string, unknown> | unknown[];
  }
}

/** Reads the text fields of a multipart body; stops quietly at a truncated part. */
export function parseMultipart(buffer: Buffer, boundary: string): ParsedBody {
  const result: ParsedBody = {};
  const delimiter = Buffer.from(`--${boundary}`);
  let position = buffer.indexOf(delimiter);
  while (position !== -1) {
    const headerStart = position + delimiter.length + 2; // past CRLF
    if (buffer[position + delimiter.length] === 0x2d /* "--" closes */) break;
    const headerEnd = buffer.indexOf('\r\n\r\n', headerStart);
    if (headerEnd === -1) break;
    const partHeaders = buffer.toString('utf8', headerStart, headerEnd);
    const next = buffer.indexOf(delimiter, headerEnd + 4);
    const disposition = /content-disposition:[^\r\n]*/i.exec(partHeaders)?.[0] ?? '';
    const name = /\bname="([^"]*)"/i.exec(disposition)?.[1];
    const filename = /\bfilename="([^"]*)"/i.exec(disposition)?.[1];
    if (name !== undefined) {
      if (filename !== undefined) {
        // File bytes are never copied: only what describes the file.
        const type = /content-type:\s*([^\r\n]*)/i.exec(partHeaders)?.[1];
        const size = next === -1 ? undefined : next - (headerEnd + 4) - 2;
        assignBracketKey(result, name, {filename, contentType: type, size});
      } else if (next !== -1) {
        assignBracketKey(result, name, buffer.toString('utf8', headerEnd + 4, next - 2));
      }
    }
    position = next;
  }
  return result;
}
