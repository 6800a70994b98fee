import {request as httpRequest} from 'node:http';
import {readFileSync} from 'node:fs';
import path from 'node:path';
import type {Connector, ConnectorInstanceConfig, ConnectorType, HttpRequestInfo} from '@tf/sdk';
import {genericConnector} from '../../plugins/generic/src/index';
import type {ConfigFile} from '../../src/config/config-file';
import {ConnectorRegistry} from '../../src/connectors/registry';
import type {ApprovalGate, Decider, Decision, KillSwitch} from '../../src/decision';
import {startProxy, type ProxyHandle, type StartProxyOptions} from '../../src/proxy';
import {connectTunnel, proxyRequest, readAudit, removeDir, startHttpUpstream, tempDir, waitForAudit, type Upstream} from './helpers';

const seen: {bodyLength?: number; bodyTruncated?: boolean}[] = [];

/** The generic connector, plus: records what it was given to classify, and drops a `token` field from JSON bodies like Slack's does. */
const probing: ConnectorType = {
  type: 'probing',
  description: 'test',
  defaultDomains: [],
  accepts: {domains: 'required'},
  create(config) {
    const g = genericConnector.create(config);
    const connector: Connector = {
      name: g.name,
      type: 'probing',
      domains: () => g.domains(),
      parseAction(req: HttpRequestInfo) {
        seen.push({bodyLength: req.body?.length, bodyTruncated: req.bodyTruncated});
        return {...g.parseAction(req), type: `probing.${req.method.toLowerCase()}`};
      },
      injectCredentials(req, cred) {
        g.injectCredentials(req, cred);
        if (req.body) {
          const parsed = JSON.parse(Buffer.from(req.body).toString()) as Record<string, unknown>;
          if ('token' in parsed) {
            delete parsed.token;
            req.body = Buffer.from(JSON.stringify(parsed));
          }
        }
      },
      needsBody: (req) => g.needsBody(req),
      actionTypes: () => [],
      fixtures: () => [],
      liveProbe: () => undefined,
      apiRoot: () => g.apiRoot(),
    };
    return connector;
  },
};

function registryOf(instances: ConnectorInstanceConfig[]): ConnectorRegistry {
  const types = new Map([genericConnector, probing].map((t) => [t.type, {connectorType: t, plugin: 'test'}]));
  return ConnectorRegistry.build({types, problems: []}, instances, {where: () => 'test.yaml'} as unknown as ConfigFile);
}

let dir: string;
let upstream: Upstream;
const open: ProxyHandle[] = [];

beforeAll(async () => {
  dir = tempDir();
  upstream = await startHttpUpstream();
});

afterAll(async () => {
  await Promise.all(open.map((p) => p.close()));
  await upstream.close();
  removeDir(dir);
});

async function proxyWith(options: Partial<StartProxyOptions> & {proxyConfig?: Record<string, unknown>} = {}): Promise<ProxyHandle> {
  const handle = await startProxy({
    registry: registryOf([
      {name: 'svc', type: 'probing', domains: ['svc.example.test'], tokenEnv: 'SVC_TOKEN'},
      {name: 'wild', type: 'generic', domains: ['*.wild.test'], tokenEnv: 'SVC_TOKEN'},
    ]),
    dataDir: path.join(dir, 'data'),
    auditLogPath: path.join(dir, `audit-${open.length}.jsonl`),
    port: 0,
    env: {SVC_TOKEN: 'real-svc-token', TF_PROXY_TOKEN: 'proxy-secret'},
    ...options,
    proxyConfig: {routes: {'svc.example.test': upstream.origin}, ...options.proxyConfig},
  });
  open.push(handle);
  return handle;
}

const decision = (effect: Decision['effect'], mode: Decision['mode'] = 'enforce'): Decision => ({effect, rule: 'test-rule', reason: 'because test', mode});

describe('decision hooks', () => {
  test.each<[string, Partial<StartProxyOptions>, number, string | null]>([
    ['a deny decision', {decider: {decide: () => decision('deny')}}, 403, 'denied'],
    ['require_approval without a gate', {decider: {decide: () => decision('require_approval')}}, 403, 'approval_denied'],
    ['require_approval, gate approves', {decider: {decide: () => decision('require_approval')}, approvalGate: {hold: async () => ({outcome: 'approved', approver: 'ana'})}}, 200, null],
    ['require_approval, gate times out', {decider: {decide: () => decision('require_approval')}, approvalGate: {hold: async () => ({outcome: 'timeout'})}}, 408, 'approval_timeout'],
    ['an active kill switch (checked before policy)', {killSwitch: {check: () => ({active: true, reason: 'incident'})}, decider: {decide: () => decision('allow')}}, 403, 'kill_switch'],
    ['a monitor-mode deny (recorded, not enforced)', {decider: {decide: () => decision('deny', 'monitor')}}, 200, null],
  ])('%s', async (_what, hooks, status, type) => {
    const proxy = await proxyWith(hooks);
    const before = upstream.requests.length;
    const response = await proxyRequest(proxy.port, 'http://svc.example.test/items/1', {method: 'DELETE'});
    expect(response.status).toBe(status);
    expect(upstream.requests.length).toBe(before + (status === 200 ? 1 : 0));
    const record = await waitForAudit(proxy.auditLogPath, (r) => r.id === response.headers['x-tf-request-id']);
    expect(record.decision).toBe(status === 200 ? 'allow' : 'deny');
    if (type) expect(JSON.parse(response.body).error.type).toBe(type);
    if (type) expect(record.error).toBe(type);
  });

  test('the decider and the approval gate get the classified action, connector, agent, host and path', async () => {
    const inputs: unknown[] = [];
    const decider: Decider = {decide: (input) => (inputs.push(input), decision('require_approval'))};
    const approvalGate: ApprovalGate = {hold: async (input, signal) => (inputs.push({...input, aborted: signal.aborted}), {outcome: 'approved'})};
    const killSwitch: KillSwitch = {check: (connector) => (inputs.push({killSwitch: connector}), {active: false})};
    const proxy = await proxyWith({decider, approvalGate, killSwitch});
    await proxyRequest(proxy.port, 'http://svc.example.test/a/b?x=1', {headers: {'proxy-authorization': `Basic ${Buffer.from('bot-7:').toString('base64')}`}});
    expect(inputs[0]).toEqual({killSwitch: 'svc'});
    expect(inputs[1]).toMatchObject({action: {type: 'probing.get'}, connector: 'svc', agent: 'bot-7', method: 'GET', host: 'svc.example.test', path: '/a/b'});
    expect(inputs[2]).toMatchObject({requestId: expect.stringMatching(/^req_/), aborted: false});
  });
});

describe('proxy authentication (proxy.authTokenEnv)', () => {
  let proxy: ProxyHandle;
  beforeAll(async () => {
    proxy = await proxyWith({proxyConfig: {authTokenEnv: 'TF_PROXY_TOKEN'}});
  });
  const basic = (user: string, token: string) => `Basic ${Buffer.from(`${user}:${token}`).toString('base64')}`;

  test('no or wrong credentials: 407 JSON with a Basic challenge, nothing forwarded', async () => {
    const before = upstream.requests.length;
    for (const headers of [{}, {'proxy-authorization': basic('bot', 'wrong')}] as Record<string, string>[]) {
      const response = await proxyRequest(proxy.port, 'http://svc.example.test/x', {headers});
      expect(response.status).toBe(407);
      expect(response.headers['proxy-authenticate']).toBe('Basic realm="tf"');
      expect(JSON.parse(response.body).error.type).toBe('proxy_auth_required');
    }
    const tunnel = await connectTunnel(proxy.port, 'svc.example.test', 443, '');
    expect(tunnel.status).toBe(407);
    expect(upstream.requests.length).toBe(before);
  });

  test('the right token passes and the username names the agent', async () => {
    const response = await proxyRequest(proxy.port, 'http://svc.example.test/x', {headers: {'proxy-authorization': basic('triage-bot', 'proxy-secret')}});
    expect(response.status).toBe(200);
    expect(upstream.requests.at(-1)!.headers['proxy-authorization']).toBeUndefined();
    const record = await waitForAudit(proxy.auditLogPath, (r) => r.id === response.headers['x-tf-request-id']);
    expect(record.agent).toBe('triage-bot');
    const tunnel = await connectTunnel(proxy.port, 'svc.example.test', 443, readFileSync(proxy.caPath, 'utf8'), {'proxy-authorization': basic('a', 'proxy-secret')});
    expect(tunnel.status).toBe(200);
    tunnel.socket!.destroy();
    expect(readFileSync(proxy.auditLogPath, 'utf8')).not.toContain('proxy-secret');
  });

  test('an unset token variable refuses to start', async () => {
    await expect(proxyWith({proxyConfig: {authTokenEnv: 'TF_UNSET_PROXY_TOKEN'}})).rejects.toThrow(/TF_UNSET_PROXY_TOKEN is not set/);
  });
});

describe('request bodies', () => {
  let proxy: ProxyHandle;
  beforeAll(async () => {
    proxy = await proxyWith({proxyConfig: {bodyLimit: '1kb'}});
  });

  test('a JSON body within the cap is buffered for classification and can be rewritten (content-length follows)', async () => {
    seen.length = 0;
    const body = JSON.stringify({token: 'xoxb-agent-token-in-body', text: 'hi'});
    const response = await proxyRequest(proxy.port, 'http://svc.example.test/api/chat.postMessage', {method: 'POST', headers: {'content-type': 'application/json'}, body});
    expect(response.status).toBe(200);
    expect(seen[0]).toEqual({bodyLength: Buffer.byteLength(body), bodyTruncated: undefined});
    const got = upstream.requests.at(-1)!;
    expect(got.body.toString()).toBe('{"text":"hi"}');
    expect(got.headers['content-length']).toBe('13');
  });

  test('above the cap: classified without the body (marked truncated), forwarded intact', async () => {
    seen.length = 0;
    const body = JSON.stringify({data: 'x'.repeat(5000)});
    const response = await proxyRequest(proxy.port, 'http://svc.example.test/big', {method: 'POST', headers: {'content-type': 'application/json'}, body});
    expect(response.status).toBe(200);
    expect(seen[0]).toEqual({bodyLength: undefined, bodyTruncated: true});
    expect(upstream.requests.at(-1)!.body.toString()).toBe(body);
    const record = await waitForAudit(proxy.auditLogPath, (r) => r.id === response.headers['x-tf-request-id']);
    expect(record).toMatchObject({bodyTruncated: true, bytesIn: Buffer.byteLength(body)});
  });

  test('multipart above the cap: the leading fields classify, the file part streams through', async () => {
    seen.length = 0;
    const file = Buffer.alloc(4000, 0x61);
    const body = Buffer.concat([
      Buffer.from('--XYZ\r\ncontent-disposition: form-data; name="purpose"\r\n\r\nfine-tune\r\n--XYZ\r\ncontent-disposition: form-data; name="file"; filename="a.bin"\r\n\r\n'),
      file,
      Buffer.from('\r\n--XYZ--\r\n'),
    ]);
    const response = await proxyRequest(proxy.port, 'http://svc.example.test/files', {method: 'POST', headers: {'content-type': 'multipart/form-data; boundary=XYZ'}, body});
    expect(response.status).toBe(200);
    expect(seen[0].bodyTruncated).toBe(true);
    expect(seen[0].bodyLength).toBeGreaterThan(100);
    expect(seen[0].bodyLength).toBeLessThan(body.length);
    expect(upstream.requests.at(-1)!.body.equals(body)).toBe(true);
  });

  test('binary bodies are never buffered', async () => {
    seen.length = 0;
    const response = await proxyRequest(proxy.port, 'http://svc.example.test/blob', {method: 'PUT', headers: {'content-type': 'application/octet-stream'}, body: Buffer.alloc(300, 1)});
    expect(response.status).toBe(200);
    expect(seen[0]).toEqual({bodyLength: undefined, bodyTruncated: undefined});
    expect(upstream.requests.at(-1)!.body.length).toBe(300);
  });
});

test('leaf certificates: issued only for connector hosts, cached in a bounded LRU', async () => {
  const proxy = await proxyWith({proxyConfig: {leafCacheSize: 4}});
  const ca = readFileSync(proxy.caPath, 'utf8');
  for (let i = 0; i < 12; i++) {
    const tunnel = await connectTunnel(proxy.port, `h${i}.wild.test`, 443, ca);
    expect(tunnel.status).toBe(200);
    expect(tunnel.socket!.getPeerX509Certificate()!.subjectAltName).toBe(`DNS:h${i}.wild.test`);
    tunnel.socket!.destroy();
  }
  expect(proxy.leafCacheSize()).toBe(4);
  const refused = await connectTunnel(proxy.port, 'not-a-connector.test', 443, ca);
  expect(refused.status).toBe(403);
  expect(proxy.leafCacheSize()).toBe(4);
});

test('close() lets an in-flight request finish, then stops accepting', async () => {
  let release!: () => void;
  const slow = await startHttpUpstream((req, res) => {
    req.resume();
    new Promise<void>((r) => (release = r)).then(() => res.end('late but whole'));
  });
  const proxy = await proxyWith({proxyConfig: {routes: {'svc.example.test': slow.origin}}});
  const pending = proxyRequest(proxy.port, 'http://svc.example.test/slow');
  await new Promise((r) => setTimeout(r, 100));
  const closed = proxy.close();
  await new Promise((r) => setTimeout(r, 50));
  release();
  const response = await pending;
  expect(response.body).toBe('late but whole');
  await closed;
  await expect(
    new Promise((resolve, reject) => httpRequest({host: '127.0.0.1', port: proxy.port, path: 'http://svc.example.test/'}, resolve).on('error', reject).end()),
  ).rejects.toThrow(/ECONNREFUSED/);
  expect(readAudit(proxy.auditLogPath).at(-1)).toMatchObject({path: '/slow', status: 200});
  await slow.close();
});

test('the handle gives what an in-process caller (tf run) needs', async () => {
  const proxy = await proxyWith();
  expect(proxy.url).toBe(`http://127.0.0.1:${proxy.port}`);
  expect(proxy.env).toMatchObject({HTTPS_PROXY: proxy.url, NODE_EXTRA_CA_CERTS: proxy.caPath, SSL_CERT_FILE: proxy.ca.bundlePath});
  // The bundle replaces a tool's trust store: the system roots plus tf's CA.
  const bundle = readFileSync(proxy.ca.bundlePath, 'utf8');
  expect(bundle).toContain(readFileSync(proxy.caPath, 'utf8').trim());
  expect(bundle.split('-----BEGIN CERTIFICATE-----').length - 1).toBeGreaterThan(50);
});
