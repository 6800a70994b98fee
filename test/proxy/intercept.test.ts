import {copyFileSync, readFileSync, statSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {runTf} from '../helpers/cli';
import {
  connectTunnel,
  curl,
  makeUpstreamCa,
  parseCurlResponse,
  readAudit,
  removeDir,
  startHttpUpstream,
  startProxyProcess,
  startTlsUpstream,
  tempDir,
  waitForAudit,
  type ProxyProcess,
  type Upstream,
} from './helpers';

// Real tokens live only in the proxy's environment; agents send dummies.
const REAL = {GH: 'ghp_REAL_github_token_1', OPENAI: 'sk-REAL-openai-token-2', STRIPE: 'sk_live_REAL_stripe_3', EXAMPLE: 'REAL-example-key-4'};
const DUMMY = 'dummy-agent-token-xyz';
const UPSTREAM_BODY = '{"id":42,"from":"upstream","unicode":"\u00e9"}';

let dir: string;
let tls: Upstream;
let plain: Upstream;
let trap: Upstream;
let passthrough: Upstream;
let proxy: ProxyProcess;
let agentEnv: Record<string, string>;

beforeAll(async () => {
  dir = tempDir();
  const {ca, caPath} = makeUpstreamCa(dir);
  const answer = (status: number) => (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse, captured: import('./helpers').Captured[]) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      captured.push({method: req.method!, path: req.url!, headers: req.headers, body: Buffer.concat(chunks)});
      res.writeHead(status, {'content-type': 'application/json', 'x-upstream': 'yes', 'set-cookie': ['a=1', 'b=2']});
      res.end(UPSTREAM_BODY);
    });
  };
  tls = await startTlsUpstream(ca, ['api.github.com', 'api.openai.com', 'api.stripe.com', 'api.example.test', 'nokey.example.test'], answer(201));
  plain = await startHttpUpstream(answer(200));
  trap = await startHttpUpstream();
  passthrough = await startTlsUpstream(ca, ['localhost']);
  writeFileSync(
    path.join(dir, 'tf.config.yaml'),
    `connectors:
  github: {type: github, tokenEnv: GH_REAL}
  openai: {type: openai, tokenEnv: OPENAI_REAL}
  stripe: {type: stripe, tokenEnv: STRIPE_REAL}
  example: {type: generic, domains: [api.example.test, plain.example.test], tokenEnv: EXAMPLE_REAL, authHeader: x-api-key}
  nokey: {type: generic, domains: [nokey.example.test], tokenEnv: TF_TEST_UNSET_TOKEN}
proxy:
  upstreamCa: ./upstream-ca.pem
  passthrough: [localhost]
  routes:
    api.github.com: ${tls.origin}
    api.openai.com: ${tls.origin}
    api.stripe.com: ${tls.origin}
    api.example.test: ${tls.origin}
    nokey.example.test: ${tls.origin}
    plain.example.test: ${plain.origin}
    denied.example.test: ${trap.origin}
`,
  );
  proxy = await startProxyProcess({
    cwd: dir,
    env: {TF_DATA_DIR: path.join(dir, 'data'), GH_REAL: REAL.GH, OPENAI_REAL: REAL.OPENAI, STRIPE_REAL: REAL.STRIPE, EXAMPLE_REAL: REAL.EXAMPLE, TF_TEST_UNSET_TOKEN: ''},
  });
  void caPath;
  agentEnv = {HTTPS_PROXY: proxy.url, https_proxy: proxy.url};
});

afterAll(async () => {
  await proxy?.stop();
  await Promise.all([tls, plain, trap, passthrough].map((u) => u?.close()));
  removeDir(dir);
});

/** curl through the proxy with HTTPS_PROXY and the tf CA, as an agent would. */
async function agentCurl(args: string[]) {
  const result = await curl(['-i', '--cacert', proxy.caPath, ...args], agentEnv);
  if (result.code !== 0) throw new Error(`curl failed (${result.code}): ${result.stderr}`);
  return parseCurlResponse(result.stdout);
}

const lastRequest = (u: Upstream) => u.requests[u.requests.length - 1];

describe.each([
  ['github', 'api.github.com', REAL.GH, ['-X', 'POST', 'https://api.github.com/repos/octo/demo/pulls', '-H', `authorization: token ${DUMMY}`, '-H', 'content-type: application/json', '-d', '{"title":"x","head":"a","base":"main"}']],
  ['openai', 'api.openai.com', REAL.OPENAI, ['https://api.openai.com/v1/chat/completions', '-H', `authorization: Bearer ${DUMMY}`, '-H', 'content-type: application/json', '-d', '{"model":"gpt-4o","messages":[]}']],
  ['stripe', 'api.stripe.com', REAL.STRIPE, ['https://api.stripe.com/v1/charges', '-H', `authorization: Bearer ${DUMMY}`, '-d', 'amount=100&currency=usd']],
])('%s over HTTPS_PROXY with the tf CA', (type, host, real, args) => {
  let response: ReturnType<typeof parseCurlResponse>;
  beforeAll(async () => {
    response = await agentCurl(args as string[]);
  });

  test('the upstream sees the injected real token, never the dummy', () => {
    const seen = lastRequest(tls);
    expect(seen.headers.host).toBe(host);
    const credentials = JSON.stringify(seen.headers);
    const decoded = Object.values(seen.headers)
      .filter((v): v is string => typeof v === 'string' && /^basic /i.test(v))
      .map((v) => Buffer.from(v.slice(6), 'base64').toString());
    expect(credentials + decoded.join()).toContain(real);
    expect(credentials).not.toContain(DUMMY);
    expect(seen.headers['proxy-authorization']).toBeUndefined();
  });

  test('the agent gets the upstream response unchanged, with x-tf-action naming the action', () => {
    expect(response.status).toBe(201);
    expect(response.body).toBe(UPSTREAM_BODY);
    expect(response.headers['x-upstream']).toBe('yes');
    expect(response.headers['x-tf-action']).toMatch(new RegExp(`^${type}\\.`));
    expect(response.headers['x-tf-request-id']).toBe(lastRequest(tls).headers['x-tf-request-id']);
    expect(Number(response.headers['x-tf-overhead-ms'])).toBeGreaterThanOrEqual(0);
  });
});

test('generic connector: custom auth header swapped, exact action type, body forwarded byte for byte', async () => {
  const body = '{"name":"widget","n":1}';
  const response = await agentCurl([
    'https://api.example.test/v1/items?q=1',
    '-H', `x-api-key: ${DUMMY}`,
    '-H', `authorization: Bearer ${DUMMY}`,
    '-H', 'content-type: application/json',
    '--data-binary', body,
  ]);
  expect(response.headers['x-tf-action']).toBe('generic.post');
  const seen = lastRequest(tls);
  expect(seen.headers['x-api-key']).toBe(REAL.EXAMPLE);
  expect(seen.headers.authorization).toBeUndefined();
  expect(seen.path).toBe('/v1/items?q=1');
  expect(seen.body.toString()).toBe(body);
});

test('plain HTTP: proxy and hop-by-hop headers are stripped, the proxy username names the agent', async () => {
  const result = await curl(
    ['-i', '--proxy', proxy.url, '--proxy-user', 'triage-bot:whatever', 'http://plain.example.test/v1/things',
      '-H', 'Proxy-Connection: keep-alive', '-H', 'Connection: x-secret-hop', '-H', 'x-secret-hop: 1', '-H', 'Keep-Alive: 5', '-H', 'TE: trailers'],
  );
  const response = parseCurlResponse(result.stdout);
  expect(response.status).toBe(200);
  expect(response.headers['x-tf-action']).toBe('generic.get');
  const seen = lastRequest(plain);
  for (const name of ['proxy-authorization', 'proxy-connection', 'x-secret-hop', 'keep-alive', 'te']) expect(seen.headers[name]).toBeUndefined();
  expect(seen.headers.host).toBe('plain.example.test');
  expect(seen.headers['x-api-key']).toBe(REAL.EXAMPLE);
  const record = await waitForAudit(proxy.auditLog, (r) => r.id === response.headers['x-tf-request-id']);
  expect(record.agent).toBe('triage-bot');
});

describe('deny-all', () => {
  test('an unknown host over plain HTTP gets 403 JSON and never reaches an upstream', async () => {
    const result = await curl(['-i', '--proxy', proxy.url, 'http://denied.example.test/steal']);
    const response = parseCurlResponse(result.stdout);
    expect(response.status).toBe(403);
    const error = JSON.parse(response.body).error;
    expect(error).toMatchObject({type: 'no_connector', request_id: expect.stringMatching(/^req_/)});
    expect(error.message).toContain('denied.example.test');
  });

  test('an unknown host over CONNECT gets 403 JSON and never reaches an upstream', async () => {
    const result = await curl(['-i', '--cacert', proxy.caPath, 'https://denied.example.test/steal'], agentEnv);
    expect(result.code).not.toBe(0);
    expect(result.stdout).toMatch(/^HTTP\/1\.1 403/);
    // curl does not print a refused CONNECT's body; read it raw.
    const raw = await connectTunnel(proxy.port, 'denied.example.test', 443, '');
    expect(raw.status).toBe(403);
    expect(JSON.parse(raw.body!).error).toMatchObject({type: 'no_connector', request_id: expect.stringMatching(/^req_/)});
    expect(trap.connections()).toBe(0);
    expect(trap.requests).toHaveLength(0);
  });

  test('a connector whose token variable is unset answers 502 naming the variable, without forwarding', async () => {
    const before = tls.requests.length;
    const response = await agentCurl(['https://nokey.example.test/x', '-H', `authorization: Bearer ${DUMMY}`]);
    expect(response.status).toBe(502);
    const error = JSON.parse(response.body).error;
    expect(error.type).toBe('missing_credential');
    expect(error.message).toContain('TF_TEST_UNSET_TOKEN');
    expect(tls.requests.length).toBe(before);
  });

  test('a passthrough host is tunnelled uninspected (agent credentials untouched) and audited host-only', async () => {
    const result = await curl(['-i', '--cacert', path.join(dir, 'upstream-ca.pem'), `https://localhost:${passthrough.port}/own?secret=1`, '-H', 'authorization: Bearer agent-own-key'], agentEnv);
    expect(parseCurlResponse(result.stdout).status).toBe(200);
    expect(lastRequest(passthrough).headers.authorization).toBe('Bearer agent-own-key');
    expect(lastRequest(passthrough).headers['x-tf-request-id']).toBeUndefined();
    const record = await waitForAudit(proxy.auditLog, (r) => r.kind === 'tunnel');
    expect(record).toMatchObject({decision: 'passthrough', host: `localhost:${passthrough.port}`, path: null, action: null});
  });
});

describe('audit log', () => {
  test('has a line per request, carries no secret, and its chain verifies', async () => {
    await waitForAudit(proxy.auditLog, (r) => r.error === 'missing_credential');
    const text = readFileSync(proxy.auditLog, 'utf8');
    for (const secret of [...Object.values(REAL), DUMMY, 'agent-own-key', 'whatever', 'secret=1']) expect(text).not.toContain(secret);
    const records = readAudit(proxy.auditLog);
    expect(records.filter((r) => r.kind === 'request' && r.decision === 'allow').length).toBeGreaterThanOrEqual(5);
    expect(records.find((r) => r.host === 'denied.example.test')).toMatchObject({decision: 'deny', status: 403, error: 'no_connector'});
    expect(records.find((r) => r.kind === 'connect')).toMatchObject({method: 'CONNECT', decision: 'deny', status: 403});
    const allowed = records.find((r) => r.action === 'generic.post')!;
    expect(allowed).toMatchObject({connector: 'example', risk: 'medium', status: 201, upstreamStatus: 201, host: 'api.example.test', path: '/v1/items'});
    expect(allowed.bytesIn).toBe(23);
    expect(allowed.bytesOut).toBe(Buffer.byteLength(UPSTREAM_BODY));
    expect(typeof allowed.upstreamMs).toBe('number');
    expect(typeof allowed.overheadMs).toBe('number');

    const verify = await runTf(['logs', 'verify', '--audit-log', proxy.auditLog], {cwd: dir});
    expect(verify.stdout).toContain('chain intact');
    expect(verify.code).toBe(0);
  });

  test('tf logs shows entries with per-action counts, filtered by --action', async () => {
    const json = await runTf(['logs', '--json', '--audit-log', proxy.auditLog, '--action', 'generic.*'], {cwd: dir});
    const out = JSON.parse(json.stdout) as {entries: {action: string}[]; counts: Record<string, number>};
    expect(out.entries.length).toBeGreaterThanOrEqual(2);
    expect(out.entries.every((e) => e.action.startsWith('generic.'))).toBe(true);
    expect(out.counts['generic.post']).toBeGreaterThanOrEqual(1);
    const human = await runTf(['logs', '--audit-log', proxy.auditLog, '--since', '1h'], {cwd: dir});
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/generic\.post\s+\d+/);
    expect(human.stdout).toContain('no_connector');
  });

  test('tampering with one line is detected at that line', async () => {
    const copy = path.join(dir, 'tampered.jsonl');
    copyFileSync(proxy.auditLog, copy);
    const lines = readFileSync(copy, 'utf8').split('\n');
    lines[1] = lines[1].replace(/"status":\d+/, '"status":200').replace(/"decision":"\w+"/, '"decision":"allow"') + ' ';
    writeFileSync(copy, lines.join('\n'));
    const edited = await runTf(['logs', 'verify', '--audit-log', copy], {cwd: dir});
    expect(edited.code).toBe(1);
    expect(edited.stdout).toContain(`${copy}:2: chain broken`);

    const removed = readFileSync(proxy.auditLog, 'utf8').split('\n');
    removed.splice(2, 1);
    writeFileSync(copy, removed.join('\n'));
    const gap = await runTf(['logs', 'verify', '--audit-log', copy, '--json'], {cwd: dir});
    expect(gap.code).toBe(1);
    expect(JSON.parse(gap.stdout).broken).toMatchObject({line: 3, reason: expect.stringContaining('removed')});
  });
});

test('the CA key is mode 0600 and tf proxy ca prints the CA agents trust', async () => {
  const keyPath = path.join(path.dirname(proxy.caPath), 'ca-key.pem');
  expect(statSync(keyPath).mode & 0o777).toBe(0o600);
  const ca = await runTf(['proxy', 'ca', '--path'], {cwd: dir, env: {TF_DATA_DIR: path.join(dir, 'data')}});
  expect(ca.stdout.trim()).toBe(proxy.caPath);
  const pem = await runTf(['proxy', 'ca'], {cwd: dir, env: {TF_DATA_DIR: path.join(dir, 'data')}});
  expect(pem.stdout).toBe(readFileSync(proxy.caPath, 'utf8'));
  expect(pem.stdout).not.toContain('PRIVATE KEY');
});

test('SIGTERM shuts down gracefully with exit 0 and a flushed audit log', async () => {
  const lines = readAudit(proxy.auditLog).length;
  const before = tls.requests.length;
  await agentCurl(['https://api.example.test/last']);
  expect(tls.requests.length).toBe(before + 1);
  const code = await proxy.stop('SIGTERM');
  expect(code).toBe(0);
  expect(readAudit(proxy.auditLog).length).toBe(lines + 1);
  const verify = await runTf(['logs', 'verify', '--audit-log', proxy.auditLog], {cwd: dir});
  expect(verify.code).toBe(0);
});
