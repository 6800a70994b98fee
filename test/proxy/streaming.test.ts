import {spawn} from 'node:child_process';
import {createHash, randomBytes} from 'node:crypto';
import {readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {makeUpstreamCa, removeDir, startProxyProcess, startTlsUpstream, tempDir, waitForAudit, type ProxyProcess, type Upstream} from './helpers';

const MB = 1024 * 1024;
const TOTAL_MB = 200;
const BLOCK = randomBytes(MB);

let dir: string;
let proxy: ProxyProcess;
let upstream: Upstream;
let releaseStream: () => void = () => undefined;
let streamFinished = false;

/** Resident memory of a process from /proc, in MB: current and peak (high-water mark). */
function memoryOf(pid: number): {rss: number; peak: number} {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)![1]);
  return {rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024};
}

beforeAll(async () => {
  dir = tempDir();
  const {ca} = makeUpstreamCa(dir);
  upstream = await startTlsUpstream(ca, ['api.openai.com', 'bulk.example.test'], (req, res) => {
    if (req.url === '/v1/chat/completions') {
      req.resume();
      req.on('end', () => {
        res.writeHead(200, {'content-type': 'text/event-stream', 'cache-control': 'no-cache'});
        res.write('data: {"delta":"first"}\n\n');
        // The rest waits until the test has seen the first event arrive at the agent.
        new Promise<void>((resolve) => (releaseStream = resolve)).then(() => {
          streamFinished = true;
          res.end('data: [DONE]\n\n');
        });
      });
      return;
    }
    if (req.url === '/upload') {
      const hash = createHash('sha256');
      let bytes = 0;
      req.on('data', (chunk: Buffer) => {
        hash.update(chunk);
        bytes += chunk.length;
      });
      req.on('end', () => {
        res.writeHead(200, {'content-type': 'application/json'});
        res.end(JSON.stringify({bytes, sha256: hash.digest('hex')}));
      });
      return;
    }
    if (req.url === '/download') {
      res.writeHead(200, {'content-type': 'application/octet-stream', 'content-length': String(TOTAL_MB * MB)});
      let sent = 0;
      const pump = () => {
        while (sent < TOTAL_MB) {
          sent++;
          if (!res.write(BLOCK)) return void res.once('drain', pump);
        }
        res.end();
      };
      pump();
      return;
    }
    res.writeHead(404).end();
  });
  writeFileSync(
    path.join(dir, 'tf.config.yaml'),
    `connectors:
  openai: {type: openai, tokenEnv: OPENAI_REAL}
  bulk: {type: generic, domains: [bulk.example.test], tokenEnv: BULK_REAL}
proxy:
  upstreamCa: ./upstream-ca.pem
  routes:
    api.openai.com: ${upstream.origin}
    bulk.example.test: ${upstream.origin}
`,
  );
  proxy = await startProxyProcess({cwd: dir, env: {TF_DATA_DIR: path.join(dir, 'data'), OPENAI_REAL: 'sk-real', BULK_REAL: 'bulk-real'}, args: ['--quiet']});
});

afterAll(async () => {
  releaseStream();
  await proxy?.stop();
  await upstream?.close();
  removeDir(dir);
});

function curlProcess(args: string[]) {
  return spawn('curl', ['-sS', '--cacert', proxy.caPath, ...args], {env: {PATH: process.env.PATH, HTTPS_PROXY: proxy.url}, stdio: ['pipe', 'pipe', 'pipe']});
}

test('SSE: the first event reaches the agent before the upstream has finished', async () => {
  const child = curlProcess(['-N', 'https://api.openai.com/v1/chat/completions', '-H', 'content-type: application/json', '-d', '{"model":"gpt-4o","stream":true,"messages":[]}']);
  child.stdin.end();
  let output = '';
  let finishedWhenFirstSeen: boolean | undefined;
  child.stdout.setEncoding('utf8').on('data', (d: string) => {
    output += d;
    if (finishedWhenFirstSeen === undefined && output.includes('"first"')) {
      finishedWhenFirstSeen = streamFinished;
      releaseStream();
    }
  });
  const code = await new Promise((resolve) => child.on('close', resolve));
  expect(code).toBe(0);
  expect(finishedWhenFirstSeen).toBe(false);
  expect(output).toBe('data: {"delta":"first"}\n\ndata: [DONE]\n\n');
});

test(`a ${TOTAL_MB} MB upload and a ${TOTAL_MB} MB download stream through with bounded proxy memory`, async () => {
  const before = memoryOf(proxy.pid);

  // Upload: chunked from stdin, no content type (so the proxy reads a capped prefix, then streams the rest).
  const upload = curlProcess(['-T', '-', 'https://bulk.example.test/upload']);
  const sent = createHash('sha256');
  let written = 0;
  const pump = () => {
    while (written < TOTAL_MB) {
      written++;
      sent.update(BLOCK);
      if (!upload.stdin.write(BLOCK)) return void upload.stdin.once('drain', pump);
    }
    upload.stdin.end();
  };
  pump();
  let uploadOut = '';
  upload.stdout.setEncoding('utf8').on('data', (d: string) => (uploadOut += d));
  expect(await new Promise((resolve) => upload.on('close', resolve))).toBe(0);
  expect(JSON.parse(uploadOut)).toEqual({bytes: TOTAL_MB * MB, sha256: sent.digest('hex')});

  const download = curlProcess(['-o', '/dev/null', '-w', '%{size_download} %{http_code}', 'https://bulk.example.test/download']);
  download.stdin.end();
  let downloadOut = '';
  download.stdout.setEncoding('utf8').on('data', (d: string) => (downloadOut += d));
  expect(await new Promise((resolve) => download.on('close', resolve))).toBe(0);
  expect(downloadOut).toBe(`${TOTAL_MB * MB} 200`);

  const after = memoryOf(proxy.pid);
  // Buffering either body would need > 200 MB; streaming stays within a few socket buffers.
  expect(after.peak - before.rss).toBeLessThan(80);
  expect(after.peak).toBeLessThan(200);
  const record = await waitForAudit(proxy.auditLog, (r) => r.path === '/upload');
  expect(record).toMatchObject({action: 'generic.put', bytesIn: TOTAL_MB * MB, bodyTruncated: true, status: 200});
  const down = await waitForAudit(proxy.auditLog, (r) => r.path === '/download');
  expect(down.bytesOut).toBe(TOTAL_MB * MB);
  process.stdout.write(`proxy RSS before ${before.rss.toFixed(1)} MB, peak ${after.peak.toFixed(1)} MB\n`);
});
