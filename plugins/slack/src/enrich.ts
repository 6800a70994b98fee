import {headerValue, type Action, type EnrichContext} from '@tf/sdk';
import {METHOD_PREFIX} from './routes';

type Args = Record<string, unknown>;

/** String arguments copied as they are. */
const PLAIN_ARGS = ['user', 'ts', 'thread_ts', 'name', 'filename'];

/**
 * Slack arguments arrive as a form, JSON, multipart or the query string, whatever the verb:
 * read them from the body first, then the query. The message text itself is never copied, only its length,
 * and the `token` argument never is.
 */
export function enrichSlackAction(action: Action, ctx: EnrichContext): void {
  const {url, headers} = ctx.request;
  const {parameters, resource} = action;
  if (url.pathname.startsWith('/upload/')) {
    // The upload path is a one-time signed key: never recorded.
    delete resource.upload;
    delete parameters.upload;
    const size = ctx.request.body && !ctx.request.bodyTruncated ? ctx.request.body.length : Number(headerValue(headers, 'content-length'));
    if (Number.isFinite(size)) parameters.size = size;
    return;
  }
  const method = apiMethod(url.pathname);
  if (method) resource.method = method;
  const body = ctx.body();
  const query = url.search ? url.searchParams : undefined;
  const arg = (name: string): unknown => body?.[name] ?? query?.get(name) ?? undefined;

  const channel = arg('channel') ?? arg('channel_id') ?? arg('channels');
  if (typeof channel === 'string') {
    parameters.channel = channel;
    resource.channel = channel;
  }
  const users = list(arg('users'));
  if (users) parameters.users = users;
  for (const name of PLAIN_ARGS) {
    const value = arg(name);
    if (typeof value === 'string') parameters[name] = value;
  }
  const text = arg('text') ?? arg('initial_comment');
  if (typeof text === 'string') parameters.textLength = text.length;
  const length = arg('length');
  if (length !== undefined && Number.isFinite(Number(length))) parameters.length = Number(length);
  const email = arg('email');
  if (typeof email === 'string' && email.includes('@')) parameters.emailDomain = email.slice(email.lastIndexOf('@') + 1);
  const fileIds = uploadedFileIds(arg('files'));
  if (fileIds) parameters.fileIds = fileIds;
  const team = arg('team_id');
  if (typeof team === 'string') resource.team = team;
}

function apiMethod(pathname: string): string | undefined {
  const at = pathname.indexOf(METHOD_PREFIX);
  return at === -1 ? undefined : pathname.slice(at + METHOD_PREFIX.length) || undefined;
}

/** `users=U1,U2` (form) or `["U1","U2"]` (JSON) → ['U1', 'U2']. */
function list(value: unknown): string[] | undefined {
  if (typeof value === 'string') return value.split(',').map((v) => v.trim()).filter(Boolean);
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return undefined;
}

/** files.completeUploadExternal's `files`: `[{"id":"F…","title":"…"}]`, JSON-encoded inside a form or plain in JSON. */
function uploadedFileIds(value: unknown): string[] | undefined {
  let files = value;
  if (typeof files === 'string') {
    try {
      files = JSON.parse(files);
    } catch {
      return undefined;
    }
  }
  if (!Array.isArray(files)) return undefined;
  const ids = files.map((f: Args) => (f && typeof f === 'object' ? f.id : undefined)).filter((id): id is string => typeof id === 'string');
  return ids.length ? ids : undefined;
}
