import {createHash} from 'node:crypto';
import {chmodSync, lstatSync, mkdirSync, readdirSync, unlinkSync} from 'node:fs';
import {createConnection, createServer, type Server, type Socket} from 'node:net';
import {tmpdir} from 'node:os';
import path from 'node:path';

/**
 * The local control channel between `tf approvals` / `tf kill-switch` and running proxies: one unix socket
 * per proxy process in a 0700 directory of the data dir (socket mode 0600), so only the local user can use it.
 * It is never the proxy's port: agents talk to the proxy, people talk to this.
 */

export type ControlRequest =
  | {op: 'hello'}
  | {op: 'list'}
  | {op: 'approve' | 'deny'; id: string; approver?: string; reason?: string}
  | {op: 'kill-switch-changed'};

export type ControlHandler = (request: ControlRequest) => unknown | Promise<unknown>;

const SOCKET_NAME = /^(\d+)\.sock$/;
/** Unix socket paths are limited to ~104-108 bytes; leave room for "<pid>.sock". */
const MAX_DIR_LENGTH = 86;
const MAX_REQUEST_BYTES = 64 * 1024;

/** Where the sockets live: `<dataDir>/control`, or a per-user temp dir when the data dir path is too long for a socket. */
export function controlDir(dataDir: string): string {
  const preferred = path.join(dataDir, 'control');
  if (preferred.length <= MAX_DIR_LENGTH) return preferred;
  const uid = process.getuid?.() ?? 0;
  const hash = createHash('sha256').update(path.resolve(dataDir)).digest('hex').slice(0, 12);
  return path.join(tmpdir(), `tf-${uid}-${hash}`);
}

/** Creates the directory 0700 and refuses one that another user owns or that is a symlink. */
export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, {recursive: true, mode: 0o700});
  const stat = lstatSync(dir);
  if (!stat.isDirectory()) throw new Error(`${dir} is not a directory`);
  const uid = process.getuid?.();
  if (uid !== undefined && stat.uid !== uid) throw new Error(`${dir} belongs to another user: refusing to put the control socket there`);
  if ((stat.mode & 0o777) !== 0o700) chmodSync(dir, 0o700);
}

export class ControlServer {
  private constructor(
    readonly socketPath: string,
    private readonly server: Server,
  ) {}

  static async start(dataDir: string, handler: ControlHandler): Promise<ControlServer> {
    const dir = controlDir(dataDir);
    ensurePrivateDir(dir);
    removeStaleSockets(dir);
    const socketPath = path.join(dir, `${process.pid}.sock`);
    try {
      unlinkSync(socketPath);
    } catch {
      // not there: the usual case
    }
    const server = createServer((socket) => serve(socket, handler));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(socketPath, () => {
        server.off('error', reject);
        resolve();
      });
    });
    chmodSync(socketPath, 0o600);
    server.unref(); // the proxy's own server keeps the process alive, not this
    return new ControlServer(socketPath, server);
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    try {
      unlinkSync(this.socketPath);
    } catch {
      // already gone
    }
  }
}

function serve(socket: Socket, handler: ControlHandler): void {
  let buffer = '';
  socket.setEncoding('utf8');
  socket.setTimeout(10_000, () => socket.destroy());
  socket.on('error', () => socket.destroy());
  socket.on('data', (chunk: string) => {
    buffer += chunk;
    if (buffer.length > MAX_REQUEST_BYTES) return void socket.destroy();
    const newline = buffer.indexOf('\n');
    if (newline === -1) return;
    socket.removeAllListeners('data');
    const line = buffer.slice(0, newline);
    void (async () => {
      let response: unknown;
      try {
        response = await handler(JSON.parse(line) as ControlRequest);
      } catch (error) {
        response = {ok: false, error: 'bad-request', message: (error as Error).message};
      }
      socket.end(JSON.stringify(response) + '\n');
    })();
  });
}

/** A socket left by a proxy that died without cleaning up: its pid is gone. */
function removeStaleSockets(dir: string): void {
  for (const name of safeReaddir(dir)) {
    const match = SOCKET_NAME.exec(name);
    if (match && !isAlive(Number(match[1]))) {
      try {
        unlinkSync(path.join(dir, name));
      } catch {
        // raced with another cleaner
      }
    }
  }
}

function safeReaddir(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

function isAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export interface ControlReply {
  pid: number;
  socket: string;
  response: unknown;
}

/** Sends one request to every running proxy of this data dir and collects their answers (dead sockets skipped). */
export async function callProxies(dataDir: string, request: ControlRequest, timeoutMs = 5000): Promise<ControlReply[]> {
  const dir = controlDir(dataDir);
  const sockets = safeReaddir(dir).filter((name) => SOCKET_NAME.test(name));
  const replies = await Promise.all(
    sockets.map(async (name) => {
      const socket = path.join(dir, name);
      const pid = Number(SOCKET_NAME.exec(name)![1]);
      try {
        return {pid, socket, response: await call(socket, request, timeoutMs)};
      } catch {
        if (!isAlive(pid)) removeStaleSockets(dir);
        return undefined;
      }
    }),
  );
  return replies.filter((r): r is ControlReply => r !== undefined);
}

function call(socketPath: string, request: ControlRequest, timeoutMs: number): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const socket = createConnection(socketPath);
    let buffer = '';
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error('timeout'));
    }, timeoutMs);
    socket.setEncoding('utf8');
    socket.on('connect', () => socket.write(JSON.stringify(request) + '\n'));
    socket.on('data', (chunk: string) => (buffer += chunk));
    socket.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    socket.on('end', () => {
      clearTimeout(timer);
      try {
        resolve(JSON.parse(buffer));
      } catch (error) {
        reject(error);
      }
    });
  });
}
