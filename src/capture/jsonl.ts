import type {HeaderMap} from '@tf/sdk';
import {addHeader, type CaptureEntry} from './types';

/** JSON Lines: one `{method, url, headers, body, bodyEncoding?}` object per line. */
export function readJsonLines(text: string, name: string): CaptureEntry[] {
  const out: CaptureEntry[] = [];
  const lines = text.split('\n');
  lines.forEach((line, index) => {
    if (!line.trim()) return;
    const source = `${name}: line ${index + 1}`;
    let value: Record<string, unknown>;
    try {
      value = JSON.parse(line) as Record<string, unknown>;
    } catch (error) {
      out.push({source, error: `${source}: invalid JSON (${(error as Error).message})`});
      return;
    }
    if (!value || typeof value !== 'object' || Array.isArray(value)) return out.push({source, error: `${source}: expected an object`}) as never;
    if (typeof value.method !== 'string' || !value.method) return out.push({source, error: `${source}: "method" is missing`}) as never;
    if (typeof value.url !== 'string' || !value.url) return out.push({source, error: `${source}: "url" is missing`}) as never;
    const headers: HeaderMap = {};
    const rawHeaders = value.headers;
    if (Array.isArray(rawHeaders)) {
      for (const h of rawHeaders as {name?: unknown; value?: unknown}[]) if (typeof h?.name === 'string') addHeader(headers, h.name, String(h.value ?? ''));
    } else if (rawHeaders && typeof rawHeaders === 'object') {
      for (const [k, v] of Object.entries(rawHeaders)) {
        for (const item of Array.isArray(v) ? v : [v]) if (item !== undefined && item !== null) addHeader(headers, k, String(item));
      }
    }
    let body: Buffer | undefined;
    if (typeof value.body === 'string') body = Buffer.from(value.body, value.bodyEncoding === 'base64' ? 'base64' : 'utf8');
    else if (value.body !== undefined && value.body !== null) {
      body = Buffer.from(JSON.stringify(value.body));
      headers['content-type'] ??= 'application/json';
    }
    out.push({source, request: {method: value.method.toUpperCase(), url: value.url, headers, body}});
  });
  return out;
}
