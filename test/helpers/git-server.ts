import {spawn, execFileSync} from 'node:child_process';
import type {IncomingMessage, ServerResponse} from 'node:http';
import {mkdirSync} from 'node:fs';
import path from 'node:path';

export interface GitRequestLog {
  method: string;
  path: string;
  authorization?: string;
}

/** Creates a bare repository that accepts pushes over smart HTTP. */
export function createBareRepo(root: string, name: string): string {
  const dir = path.join(root, name);
  mkdirSync(dir, {recursive: true});
  execFileSync('git', ['init', '--bare', '--quiet', '--initial-branch=main', dir]);
  execFileSync('git', ['-C', dir, 'config', 'http.receivepack', 'true']);
  return dir;
}

/**
 * A request handler that runs `git http-backend` (git's own smart-HTTP CGI) for each request,
 * standing in for github.com's git endpoints. Requests without credentials get 401, like GitHub.
 */
export function gitHttpBackend(projectRoot: string, log: GitRequestLog[]) {
  return (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://git.local');
    log.push({method: req.method ?? 'GET', path: url.pathname + url.search, authorization: req.headers.authorization});
    if (!req.headers.authorization) {
      res.writeHead(401, {'www-authenticate': 'Basic realm="GitHub"', 'content-type': 'text/plain'});
      res.end('authentication required\n');
      return;
    }
    const cgi = spawn('git', ['http-backend'], {
      env: {
        ...process.env,
        GIT_PROJECT_ROOT: projectRoot,
        GIT_HTTP_EXPORT_ALL: '1',
        PATH_INFO: url.pathname,
        QUERY_STRING: url.search.slice(1),
        REQUEST_METHOD: req.method ?? 'GET',
        CONTENT_TYPE: req.headers['content-type'] ?? '',
        REMOTE_USER: 'x-access-token',
        REMOTE_ADDR: '127.0.0.1',
        HTTP_CONTENT_ENCODING: req.headers['content-encoding'] ?? '',
        GIT_HTTP_MAX_REQUEST_BUFFER: '100M',
      },
    });
    req.pipe(cgi.stdin);
    let head = Buffer.alloc(0);
    let headersDone = false;
    cgi.stdout.on('data', (chunk: Buffer) => {
      if (headersDone) {
        res.write(chunk);
        return;
      }
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf('\r\n\r\n');
      if (end === -1) return;
      headersDone = true;
      let status = 200;
      const headers: Record<string, string> = {};
      for (const line of head.subarray(0, end).toString('latin1').split('\r\n')) {
        const colon = line.indexOf(':');
        const name = line.slice(0, colon).trim();
        const value = line.slice(colon + 1).trim();
        if (name.toLowerCase() === 'status') status = parseInt(value, 10);
        else headers[name] = value;
      }
      res.writeHead(status, headers);
      res.write(head.subarray(end + 4));
    });
    cgi.stdout.on('end', () => res.end());
    cgi.on('error', () => {
      res.writeHead(500);
      res.end();
    });
  };
}
