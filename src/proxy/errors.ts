import type {ServerResponse} from 'node:http';
import type {Duplex} from 'node:stream';

/** What went wrong, as the agent sees it in `{"error":{"type":…}}`. */
export type ProxyErrorType =
  | 'bad_request'
  | 'proxy_auth_required'
  | 'no_connector'
  | 'denied'
  | 'approval_denied'
  | 'approval_timeout'
  | 'kill_switch'
  | 'headers_too_large'
  | 'missing_credential'
  | 'upstream_unreachable'
  | 'upstream_reset'
  | 'upstream_timeout'
  | 'upstream_tls'
  | 'not_supported'
  | 'shutting_down'
  | 'agent_closed'
  | 'internal';

const STATUS: Record<ProxyErrorType, number> = {
  bad_request: 400,
  proxy_auth_required: 407,
  no_connector: 403,
  denied: 403,
  approval_denied: 403,
  approval_timeout: 408,
  kill_switch: 403,
  headers_too_large: 413,
  missing_credential: 502,
  upstream_unreachable: 502,
  upstream_reset: 502,
  upstream_timeout: 504,
  upstream_tls: 502,
  not_supported: 501,
  shutting_down: 503,
  // Never sent (nobody is listening); nginx's code, for the audit line.
  agent_closed: 499,
  internal: 500,
};

const REASON: Record<number, string> = {
  400: 'Bad Request',
  403: 'Forbidden',
  407: 'Proxy Authentication Required',
  408: 'Request Timeout',
  413: 'Payload Too Large',
  500: 'Internal Server Error',
  501: 'Not Implemented',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/** An error the proxy answers itself; thrown by pipeline stages, turned into JSON once. */
export class ProxyError extends Error {
  readonly status: number;

  constructor(
    readonly type: ProxyErrorType,
    message: string,
  ) {
    super(message);
    this.name = 'ProxyError';
    this.status = STATUS[type];
  }
}

export function errorBody(error: ProxyError, requestId: string): string {
  return JSON.stringify({error: {type: error.type, message: error.message, request_id: requestId}});
}

/** Answers on an HTTP response; after headers went out the only honest signal left is a reset. */
export function sendError(res: ServerResponse, error: ProxyError, requestId: string, closeConnection = false, action?: string): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const body = errorBody(error, requestId);
  const headers: Record<string, string | number> = {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
    'x-tf-request-id': requestId,
  };
  // A refused action is still named, so an agent can tell which policy it ran into.
  if (action) headers['x-tf-action'] = action;
  if (error.type === 'proxy_auth_required') headers['proxy-authenticate'] = 'Basic realm="tf"';
  if (error.type === 'kill_switch') headers['x-tf-kill-switch'] = 'active';
  if (closeConnection) headers.connection = 'close';
  res.writeHead(error.status, headers);
  res.end(body);
}

/** Answers on a raw socket (CONNECT refusals, parse errors) and closes it. */
export function writeRawError(socket: Duplex, error: ProxyError, requestId: string, action?: string): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const body = errorBody(error, requestId);
  const extra =
    error.type === 'proxy_auth_required' ? 'proxy-authenticate: Basic realm="tf"\r\n' : error.type === 'kill_switch' ? 'x-tf-kill-switch: active\r\n' : '';
  socket.end(
    `HTTP/1.1 ${error.status} ${REASON[error.status] ?? 'Error'}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\n` +
      `x-tf-request-id: ${requestId}\r\n${action ? `x-tf-action: ${action}\r\n` : ''}${extra}connection: close\r\n\r\n${body}`,
  );
}

/** Maps an undici (or socket) failure to what the agent is told. */
export function upstreamError(error: unknown, origin: string): ProxyError {
  const e = error as {code?: string; name?: string; message?: string; cause?: {code?: string}};
  const code = e.code ?? e.cause?.code ?? '';
  switch (code) {
    case 'UND_ERR_HEADERS_TIMEOUT':
      return new ProxyError('upstream_timeout', `upstream ${origin} sent no response headers in time`);
    case 'UND_ERR_BODY_TIMEOUT':
      return new ProxyError('upstream_timeout', `upstream ${origin} stalled while sending the body`);
    case 'UND_ERR_CONNECT_TIMEOUT':
      return new ProxyError('upstream_timeout', `connecting to upstream ${origin} timed out`);
    case 'ECONNREFUSED':
      return new ProxyError('upstream_unreachable', `upstream ${origin} refused the connection`);
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new ProxyError('upstream_unreachable', `upstream ${origin} does not resolve`);
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return new ProxyError('upstream_unreachable', `upstream ${origin} is unreachable`);
    case 'ECONNRESET':
    case 'EPIPE':
    case 'UND_ERR_SOCKET':
    case 'UND_ERR_CLOSED':
      return new ProxyError('upstream_reset', `upstream ${origin} closed the connection`);
    default:
      if (/certificate|ssl|tls/i.test(`${code} ${e.message ?? ''}`)) {
        return new ProxyError('upstream_tls', `upstream ${origin}: TLS verification failed (${code || e.message})`);
      }
      return new ProxyError('upstream_unreachable', `upstream ${origin}: ${e.message ?? String(error)}`);
  }
}
