import {headerValue, type OutboundRequest} from '@tf/sdk';

const TOKEN_FIELD = 'token';
const TOKEN_PART = /content-disposition:[^\r\n]*\bname="token"/i;

/**
 * Slack accepts the token as a `token` argument (query, form, JSON or multipart field) as well as in the header:
 * drop every copy the agent sent, so only the real header credential reaches Slack.
 */
export function scrubSlackToken(req: OutboundRequest): void {
  if (req.url.search && req.url.searchParams.has(TOKEN_FIELD)) req.url.searchParams.delete(TOKEN_FIELD);
  if (!req.body || req.body.length === 0) return;
  const body = Buffer.isBuffer(req.body) ? req.body : Buffer.from(req.body.buffer, req.body.byteOffset, req.body.byteLength);
  const scrubbed = withoutToken(body, headerValue(req.headers, 'content-type') ?? '');
  if (!scrubbed) return;
  req.body = scrubbed;
  if (req.headers['content-length'] !== undefined) req.headers['content-length'] = String(scrubbed.length);
}

/** The body without its token field, or undefined when it had none. */
export function withoutToken(body: Buffer, contentTypeHeader: string): Buffer | undefined {
  const contentType = contentTypeHeader.toLowerCase();
  if (contentType.startsWith('multipart/form-data')) {
    const boundary = /boundary="?([^";]+)"?/i.exec(contentTypeHeader)?.[1]; // boundaries are case-sensitive
    return boundary ? withoutTokenPart(body, boundary) : undefined;
  }
  const text = body.toString('utf8');
  if (contentType.includes('json') || (!contentType.includes('x-www-form-urlencoded') && text.trimStart().startsWith('{'))) {
    return withoutJsonField(text, TOKEN_FIELD);
  }
  return withoutFormField(text, TOKEN_FIELD);
}

/** Removes `name=…` pairs and leaves every other byte as sent. */
function withoutFormField(text: string, name: string): Buffer | undefined {
  if (!text.includes(name)) return undefined;
  const pairs = text.split('&');
  const kept = pairs.filter((pair) => {
    const key = pair.slice(0, pair.includes('=') ? pair.indexOf('=') : pair.length);
    return safeDecode(key.replace(/\+/g, ' ')) !== name;
  });
  return kept.length === pairs.length ? undefined : Buffer.from(kept.join('&'), 'utf8');
}

function withoutJsonField(text: string, name: string): Buffer | undefined {
  if (!text.includes(`"${name}"`)) return undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed) || !(name in parsed)) return undefined;
    delete (parsed as Record<string, unknown>)[name];
    return Buffer.from(JSON.stringify(parsed), 'utf8');
  } catch {
    return undefined;
  }
}

/** Cuts the part whose Content-Disposition says `name="token"`, delimiter included. */
function withoutTokenPart(body: Buffer, boundary: string): Buffer | undefined {
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: Buffer[] = [];
  let removed = false;
  let position = body.indexOf(delimiter);
  if (position === -1) return undefined;
  parts.push(body.subarray(0, position));
  while (position !== -1) {
    const next = body.indexOf(delimiter, position + delimiter.length);
    const part = body.subarray(position, next === -1 ? body.length : next);
    const headerEnd = part.indexOf('\r\n\r\n');
    const head = headerEnd === -1 ? '' : part.toString('utf8', 0, headerEnd);
    if (next !== -1 && TOKEN_PART.test(head)) removed = true;
    else parts.push(part);
    position = next;
  }
  return removed ? Buffer.concat(parts) : undefined;
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
