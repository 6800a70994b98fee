import {createServer, type IncomingMessage, type ServerResponse} from 'node:http';
import type {AddressInfo} from 'node:net';

export interface CapturedRequest {
  method: string;
  /** Path and query as received. */
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

export type Responder = (req: CapturedRequest, res: ServerResponse) => void;

/** Answers 200 with `{}` (JSON) unless a responder says otherwise. */
const defaultResponder: Responder = (_req, res) => {
  res.writeHead(200, {'content-type': 'application/json'});
  res.end('{}');
};

/**
 * A local HTTP server that records every request a real SDK client sends it,
 * so the requests can be replayed through `tf parse` under the real API host.
 */
export async function startCaptureServer(respond: Responder = defaultResponder) {
  const requests: CapturedRequest[] = [];
  const server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const captured = {method: req.method ?? 'GET', path: req.url ?? '/', headers: req.headers, body: Buffer.concat(chunks)};
      requests.push(captured);
      respond(captured, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const {port} = server.address() as AddressInfo;
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
    /**
     * JSON Lines for `tf parse`: one `{method,url,headers,body}` per request, with the URL
     * put back on the real API origin (e.g. "https://api.github.com"); binary bodies go as base64.
     */
    toJsonl(origin: string, stripPrefix = ''): string {
      return requests
        .map((r) => {
          const path = stripPrefix && r.path.startsWith(stripPrefix) ? r.path.slice(stripPrefix.length) : r.path;
          const text = r.body.toString('utf8');
          const binary = Buffer.from(text, 'utf8').length !== r.body.length || text.includes('\u0000');
          return JSON.stringify({
            method: r.method,
            url: origin + path,
            headers: r.headers,
            ...(r.body.length === 0 ? {} : binary ? {body: r.body.toString('base64'), bodyEncoding: 'base64'} : {body: text}),
          });
        })
        .join('\n') + '\n';
    },
  };
}
