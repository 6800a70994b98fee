import {readFileSync} from 'node:fs';
import path from 'node:path';
import {verifyAuditLog} from '../../src/audit/verify';
import {auditFor, CLIENTS, createWorld, lastJson, PLACEHOLDER, PYTHON, REAL, requestTo, type World} from './helpers';

// Real, unmodified clients with their default base URLs, under `tf run`: the proxy routes the real
// hostnames to local TLS upstreams, classifies, swaps the placeholder for the real key, and audits.
let w: World;

beforeAll(async () => {
  w = await createWorld();
});

afterAll(async () => {
  await w?.close();
});

const realTokens = Object.values(REAL);

function expectInjected(authorization: string | undefined, scheme: string, token: string): void {
  expect(authorization).toBe(`${scheme} ${token}`);
  expect(authorization).not.toContain(PLACEHOLDER);
}

function expectAudited(host: string, pathname: string, action: string, connector: string) {
  const record = auditFor(w.audit(), host, pathname);
  expect(record).toMatchObject({action, connector, decision: 'allow', status: expect.any(Number)});
  expect(JSON.stringify(record)).not.toContain(PLACEHOLDER);
  for (const token of realTokens) expect(JSON.stringify(record)).not.toContain(token);
  return record;
}

test('the child gets proxy, CA and placeholder variables, and no real key', async () => {
  const result = await w.tf(['run', '--', 'node', path.join(CLIENTS, 'env.cjs')], {env: {NODE_OPTIONS: '--max-old-space-size=512'}});
  expect(result.code).toBe(0);
  const env = lastJson<Record<string, string>>(result);
  for (const value of Object.values(env)) for (const token of realTokens) expect(value).not.toContain(token);
  expect(env).toMatchObject({GITHUB_TOKEN: PLACEHOLDER, OPENAI_API_KEY: PLACEHOLDER, STRIPE_SECRET_KEY: PLACEHOLDER, SLACK_TOKEN: PLACEHOLDER, NODE_USE_ENV_PROXY: '1'});
  // tf-only variables of configured tokenEnv never reach the child.
  expect(env.TF_REAL_STRIPE).toBeUndefined();
  expect(env.TF_REAL_SLACK).toBeUndefined();
  for (const name of ['HTTP_PROXY', 'HTTPS_PROXY', 'http_proxy', 'https_proxy']) expect(env[name]).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  expect(env.NO_PROXY).toBe('localhost,127.0.0.1,::1');
  expect(env.NODE_EXTRA_CA_CERTS).toBe(path.join(w.dataDir, 'ca', 'ca.pem'));
  // Tools whose CA variable replaces their trust store get the system roots plus tf's CA.
  const bundle = path.join(w.dataDir, 'run', 'ca-bundle.pem');
  for (const name of ['SSL_CERT_FILE', 'REQUESTS_CA_BUNDLE', 'CURL_CA_BUNDLE', 'GIT_SSL_CAINFO']) expect(env[name]).toBe(bundle);
  const pem = readFileSync(bundle, 'utf8');
  expect(pem).toContain(readFileSync(env.NODE_EXTRA_CA_CERTS, 'utf8').trim());
  expect(pem.split('BEGIN CERTIFICATE').length).toBeGreaterThan(50);
  // The user's NODE_OPTIONS are kept, the preload added.
  expect(env.NODE_OPTIONS).toMatch(/^--max-old-space-size=512 --require \S*preload\.js$/);
});

test('Node global fetch', async () => {
  const result = await w.tf(['run', '--agent', 'fetcher', '--', 'node', path.join(CLIENTS, 'fetch.mjs')]);
  expect(result.stderr).toBe('');
  expect(lastJson(result)).toEqual({status: 200, title: 'an issue'});
  const seen = requestTo(w.api, 'api.github.com', '/repos/acme/widgets/issues/3');
  expectInjected(seen.headers.authorization, 'token', REAL.github);
  expect(seen.headers['x-tf-request-id']).toBeTruthy();
  expect(expectAudited('api.github.com', '/repos/acme/widgets/issues/3', 'github.issue.get', 'github').agent).toBe('fetcher');
});

test('@octokit/rest (ESM, fetch)', async () => {
  const result = await w.tf(['run', '--', 'node', path.join(CLIENTS, 'octokit.mjs')]);
  expect(lastJson(result)).toEqual({status: 201, number: 7});
  const seen = requestTo(w.api, 'api.github.com', '/repos/acme/widgets/pulls');
  expectInjected(seen.headers.authorization, 'token', REAL.github);
  expect(JSON.parse(seen.body.toString())).toMatchObject({title: 'Governed PR', head: 'feature', base: 'main'});
  expect(expectAudited('api.github.com', '/repos/acme/widgets/pulls', 'github.pr.create', 'github').upstreamStatus).toBe(201);
});

test('openai (reads OPENAI_API_KEY itself)', async () => {
  const result = await w.tf(['run', '--', 'node', path.join(CLIENTS, 'openai.mjs')]);
  expect(lastJson(result)).toEqual({content: 'hello from upstream'});
  const seen = requestTo(w.api, 'api.openai.com', '/v1/chat/completions');
  expectInjected(seen.headers.authorization, 'Bearer', REAL.openai);
  expectAudited('api.openai.com', '/v1/chat/completions', 'openai.chat.create', 'openai');
});

test('stripe (node https with its own agent)', async () => {
  const result = await w.tf(['run', '--', 'node', path.join(CLIENTS, 'stripe.cjs')]);
  expect(lastJson(result)).toEqual({id: 'ch_test_1', amount: 1234});
  const seen = requestTo(w.api, 'api.stripe.com', '/v1/charges');
  expectInjected(seen.headers.authorization, 'Bearer', REAL.stripe);
  expect(seen.body.toString()).toContain('amount=1234');
  expectAudited('api.stripe.com', '/v1/charges', 'stripe.charge.create', 'stripe');
});

test('@slack/web-api (token from the agentEnv variable)', async () => {
  const result = await w.tf(['run', '--', 'node', path.join(CLIENTS, 'slack.mjs')]);
  expect(lastJson(result)).toEqual({ok: true, ts: '1700000000.000100'});
  const seen = requestTo(w.api, 'slack.com', '/api/chat.postMessage');
  expectInjected(seen.headers.authorization, 'Bearer', REAL.slack);
  expect(seen.body.toString()).not.toContain(PLACEHOLDER);
  expectAudited('slack.com', '/api/chat.postMessage', 'slack.message.post', 'slack');
});

test('plain http:// with the node:http global agent (absolute-form to the proxy)', async () => {
  const result = await w.tf(['run', '--', 'node', path.join(CLIENTS, 'http.cjs')]);
  expect(result.stderr).toBe('');
  expect(lastJson(result)).toEqual({status: 200, action: 'generic.get', body: {ok: true}});
  const seen = requestTo(w.plain, 'internal.example.test', '/v1/items');
  expectInjected(seen.headers.authorization, 'Bearer', REAL.internal);
  expect(seen.path).toBe('/v1/items?limit=1');
  expectAudited('internal.example.test', '/v1/items', 'generic.get', 'internal');
});

test('Python requests', async () => {
  const result = await w.tf(['run', '--agent', 'py-bot', '--', PYTHON, path.join(CLIENTS, 'requests_client.py')]);
  expect(lastJson(result)).toEqual({status: 200, number: 3});
  const seen = requestTo(w.api, 'api.github.com', '/repos/acme/widgets/issues');
  expectInjected(seen.headers.authorization, 'token', REAL.github);
  expect(seen.headers['user-agent']).toMatch(/^python-requests\//);
  expect(expectAudited('api.github.com', '/repos/acme/widgets/issues', 'github.issue.create', 'github').agent).toBe('py-bot');
});

test('curl, with repeated arguments passed through verbatim', async () => {
  const result = await w.tf(['run', '--agent', 'curl-bot', '--', 'curl', '-sS', '--fail', 'https://api.stripe.com/v1/refunds', '-d', 'charge=ch_test_1', '-d', 'amount=100']);
  expect(result.code).toBe(0);
  expect(JSON.parse(result.stdout)).toEqual({ok: true});
  const seen = requestTo(w.api, 'api.stripe.com', '/v1/refunds');
  expectInjected(seen.headers.authorization, 'Bearer', REAL.stripe);
  expect(seen.body.toString()).toBe('charge=ch_test_1&amount=100');
  expect(expectAudited('api.stripe.com', '/v1/refunds', 'stripe.charge.refund', 'stripe').agent).toBe('curl-bot');
});

test('the audit log is one hash chain across the runs', async () => {
  expect(w.audit().length).toBeGreaterThanOrEqual(7);
  expect(await verifyAuditLog(w.auditLog)).toMatchObject({ok: true});
});
