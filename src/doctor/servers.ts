import {createServer as createHttpsServer, type Server} from 'node:https';
import {createServer as createNetServer, connect, type AddressInfo, type Server as NetServer, type Socket} from 'node:net';
import {createCertificateAuthority, issueServerCertificate} from '../proxy';

export interface SeenRequest {
  host: string;
  method: string;
  path: string;
  viaTf: boolean;
  authorization?: string;
}

export interface DoctorUpstream {
  origin: string;
  /** PEM of the CA that issued the upstream's certificate (the proxy trusts it as proxy.upstreamCa). */
  caPem: string;
  requests: SeenRequest[];
  close(): Promise<void>;
}

function pkt(line: string): string {
  return (line.length + 4).toString(16).padStart(4, '0') + line;
}

/** An empty repository's smart-HTTP ref advertisement: enough for `git ls-remote` to succeed. */
const EMPTY_REPO_ADVERTISEMENT = pkt('# service=git-upload-pack\n') + '0000' + pkt(`${'0'.repeat(40)} capabilities^{}\0agent=tf-doctor\n`) + '0000';

/** The HTTPS server the probes reach (through the proxy's route), with a certificate from a throwaway CA. */
export async function startDoctorUpstream(hosts: string[]): Promise<DoctorUpstream> {
  const ca = createCertificateAuthority('tf doctor upstream CA');
  const leaf = issueServerCertificate(ca, hosts, undefined, 1);
  const requests: SeenRequest[] = [];
  const server: Server = createHttpsServer({key: leaf.keyPem, cert: leaf.certPem}, (req, res) => {
    requests.push({
      host: (req.headers.host ?? '').replace(/:\d+$/, ''),
      method: req.method ?? 'GET',
      path: req.url ?? '/',
      viaTf: typeof req.headers['x-tf-request-id'] === 'string',
      authorization: req.headers.authorization,
    });
    req.resume();
    if ((req.url ?? '').includes('/info/refs?service=git-upload-pack')) {
      res.writeHead(200, {'content-type': 'application/x-git-upload-pack-advertisement', 'cache-control': 'no-cache'});
      res.end(EMPTY_REPO_ADVERTISEMENT);
      return;
    }
    res.writeHead(200, {'content-type': 'text/plain'});
    res.end('tf doctor ok\n');
  });
  await listen(server);
  const {port} = server.address() as AddressInfo;
  return {origin: `https://127.0.0.1:${port}`, caPem: ca.certPem, requests, close: () => closeServer(server)};
}

export interface Relay {
  url: string;
  /** Hosts named in the first request line of each connection (CONNECT host:port or an absolute URL). */
  hosts: Set<string>;
  close(): Promise<void>;
}

/** A transparent TCP relay in front of the proxy: a runtime that never reaches it ignored the proxy settings. */
export async function startRelay(target: {host: string; port: number}): Promise<Relay> {
  const hosts = new Set<string>();
  const server = createNetServer((client: Socket) => {
    const upstream = connect(target.port, target.host);
    client.once('data', (chunk: Buffer) => {
      const line = chunk.subarray(0, Math.min(chunk.length, 2048)).toString('latin1').split('\r\n')[0];
      const match = /^[A-Z]+ (?:https?:\/\/)?(\[[^\]]+\]|[^/:\s]+)/i.exec(line);
      if (match) hosts.add(match[1].toLowerCase());
    });
    client.pipe(upstream);
    upstream.pipe(client);
    const destroy = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', destroy);
    upstream.on('error', destroy);
    client.on('close', destroy);
    upstream.on('close', destroy);
  });
  await listen(server);
  const {port} = server.address() as AddressInfo;
  return {url: `http://127.0.0.1:${port}`, hosts, close: () => closeServer(server)};
}

/** Listens on an ephemeral loopback port; `close` also ends open connections (a probe may leave one behind). */
async function listen(server: Server | NetServer): Promise<void> {
  const open = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    open.add(socket);
    socket.on('close', () => open.delete(socket));
  });
  tracked.set(server, open);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
}

const tracked = new WeakMap<Server | NetServer, Set<Socket>>();

function closeServer(server: Server | NetServer): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    for (const socket of tracked.get(server) ?? []) socket.destroy();
  });
}
