import type {HeaderMap} from '@tf/sdk';

/** One request read from a capture file, before classification. */
export interface CapturedRequest {
  method: string;
  url: string;
  headers: HeaderMap;
  body?: Buffer;
}

/** One entry of a capture: a request, or why it could not be read ("capture.har: entry 3: ..."). */
export type CaptureEntry = {source: string; request: CapturedRequest; error?: undefined} | {source: string; request?: undefined; error: string};

export function addHeader(headers: HeaderMap, name: string, value: string): void {
  const key = name.toLowerCase();
  const existing = headers[key];
  if (existing === undefined) headers[key] = value;
  else if (Array.isArray(existing)) existing.push(value);
  else headers[key] = [existing, value];
}
