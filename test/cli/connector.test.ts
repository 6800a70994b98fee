import {runTf} from '../helpers/cli';
import {startCaptureServer} from '../helpers/capture-server';
import {tempDir} from '../helpers/tmp';

const configWith = (text: string) => {
  const tmp = tempDir('tf-conn-');
  tmp.write('tf.config.yaml', text);
  return tmp;
};

describe('tf connector list', () => {
  test('shows instances with token-set flag (never the value), action counts, plugin, and unconfigured types', async () => {
    const tmp = configWith('connectors:\n  ex:\n    type: generic\n    domains: [api.example.com]\n    tokenEnv: EX_TOKEN\n  other:\n    type: generic\n    domains: [api.other.com]\n    tokenEnv: OTHER_TOKEN\n');
    const result = await runTf(['connector', 'list', '--json'], {cwd: tmp.dir, env: {EX_TOKEN: 'secret-value-123', OTHER_TOKEN: undefined}});
    expect(result.code).toBe(0);
    expect(result.stdout).not.toContain('secret-value-123');
    const out = JSON.parse(result.stdout);
    expect(out.connectors).toEqual([
      {name: 'ex', type: 'generic', domains: ['api.example.com'], tokenEnv: 'EX_TOKEN', tokenSet: true, actionTypes: 7, plugin: '@tf/connector-generic'},
      {name: 'other', type: 'generic', domains: ['api.other.com'], tokenEnv: 'OTHER_TOKEN', tokenSet: false, actionTypes: 7, plugin: '@tf/connector-generic'},
    ]);
    expect(out.available.map((a: {type: string}) => a.type).sort()).toEqual(['anthropic', 'github', 'openai', 'slack', 'stripe']);

    const human = await runTf(['connector', 'list'], {cwd: tmp.dir, env: {EX_TOKEN: 'secret-value-123'}});
    expect(human.stdout).toMatch(/^ex\s+generic\s+api\.example\.com\s+EX_TOKEN \(set\)\s+7\s+@tf\/connector-generic$/m);
    expect(human.stdout).toMatch(/^other\s+generic\s+api\.other\.com\s+OTHER_TOKEN \(not set\)/m);
    expect(human.stdout).not.toContain('secret-value-123');
  });
});

describe('tf actions list', () => {
  test('lists the catalog of the selected connector', async () => {
    const tmp = configWith('connectors:\n  ex:\n    type: generic\n    domains: [api.example.com]\n');
    const result = await runTf(['actions', 'list', '--connector', 'ex', '--json'], {cwd: tmp.dir});
    expect(result.code).toBe(0);
    const rows = JSON.parse(result.stdout) as {type: string; risk: string; method: string}[];
    expect(rows.map((r) => [r.type, r.method, r.risk])).toEqual([
      ['generic.get', 'GET', 'low'],
      ['generic.head', 'HEAD', 'low'],
      ['generic.options', 'OPTIONS', 'low'],
      ['generic.post', 'POST', 'medium'],
      ['generic.put', 'PUT', 'medium'],
      ['generic.patch', 'PATCH', 'medium'],
      ['generic.delete', 'DELETE', 'high'],
    ]);
    const missing = await runTf(['actions', 'list', '--connector', 'nope'], {cwd: tmp.dir});
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/no connector "nope"/);
  });
});

describe('tf connector test', () => {
  test('runs the fixtures and reports the token variable', async () => {
    const tmp = configWith('connectors:\n  ex:\n    type: generic\n    domains: [api.example.com]\n    tokenEnv: EX_TOKEN\n');
    const result = await runTf(['connector', 'test', 'ex', '--json'], {cwd: tmp.dir, env: {EX_TOKEN: undefined}});
    expect(result.code).toBe(0);
    const out = JSON.parse(result.stdout);
    expect(out.ok).toBe(true);
    expect(out.fixtures.map((f: {ok: boolean}) => f.ok)).toEqual([true, true, true, true, true]);
    expect(out.token).toEqual({env: 'EX_TOKEN', set: false});
  });

  test('--live sends one probe with the injected credential, routed to a local server by proxy.routes', async () => {
    const server = await startCaptureServer();
    try {
      const tmp = configWith(
        `connectors:\n  ex:\n    type: generic\n    domains: [api.example.com]\n    tokenEnv: EX_TOKEN\n    authHeader: X-API-Key\nproxy:\n  routes:\n    api.example.com: ${server.url}\n`,
      );
      const result = await runTf(['connector', 'test', 'ex', '--live', '--path', '/v1/health'], {cwd: tmp.dir, env: {EX_TOKEN: 'real-token-abc'}});
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/live: ok GET https:\/\/api\.example\.com\/v1\/health → 200 in [\d.]+ ms/);
      expect(result.stdout).not.toContain('real-token-abc');
      expect(server.requests).toHaveLength(1);
      const [probe] = server.requests;
      expect(probe.path).toBe('/v1/health');
      expect(probe.headers['x-api-key']).toBe('real-token-abc');
      expect(probe.headers.authorization).toBeUndefined();
      expect(probe.headers.host).toBe('api.example.com');
    } finally {
      await server.close();
    }
  });

  test('--live fails (exit 1) on an error status, a missing token or an unreachable upstream', async () => {
    const server = await startCaptureServer((_req, res) => {
      res.writeHead(401, {'content-type': 'application/json'});
      res.end('{"message":"Bad credentials"}');
    });
    try {
      const tmp = configWith(`connectors:\n  ex:\n    type: generic\n    baseUrl: ${server.url}/api\n    tokenEnv: EX_TOKEN\n`);
      const denied = await runTf(['connector', 'test', 'ex', '--live'], {cwd: tmp.dir, env: {EX_TOKEN: 'wrong'}});
      expect(denied.code).toBe(1);
      expect(denied.stdout).toMatch(/live: FAIL GET http:\/\/127\.0\.0\.1:\d+\/api\/ → 401/);
      expect(server.requests[0].headers.authorization).toBe('Bearer wrong');
      const unset = await runTf(['connector', 'test', 'ex', '--live'], {cwd: tmp.dir, env: {EX_TOKEN: undefined}});
      expect(unset.code).toBe(1);
      expect(unset.stdout).toMatch(/live: FAIL - -: EX_TOKEN is not set/);
    } finally {
      await server.close();
    }
    const gone = configWith(`connectors:\n  ex:\n    type: generic\n    baseUrl: ${server.url}\n    tokenEnv: EX_TOKEN\n`);
    const refused = await runTf(['connector', 'test', 'ex', '--live'], {cwd: gone.dir, env: {EX_TOKEN: 'x'}});
    expect(refused.code).toBe(1);
    expect(refused.stdout).toMatch(/live: FAIL GET .*ECONNREFUSED/);
  });

  test('unknown instance → exit 2 naming the active ones', async () => {
    const tmp = configWith('connectors:\n  ex:\n    type: generic\n    domains: [api.example.com]\n');
    const result = await runTf(['connector', 'test', 'nope'], {cwd: tmp.dir});
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/no connector named "nope" \(active: ex\)/);
  });
});

describe('no config file', () => {
  test('default instances carry their conventional token variable', async () => {
    const result = await runTf(['connector', 'list', '--json'], {cwd: tempDir('tf-noconf-').dir, env: {GITHUB_TOKEN: 'x', STRIPE_SECRET_KEY: undefined}});
    const out = JSON.parse(result.stdout) as {connectors: {name: string; tokenEnv: string | null; tokenSet: boolean}[]};
    const byName = Object.fromEntries(out.connectors.map((c) => [c.name, c]));
    expect(byName.github).toMatchObject({tokenEnv: 'GITHUB_TOKEN', tokenSet: true});
    expect(byName.stripe).toMatchObject({tokenEnv: 'STRIPE_SECRET_KEY', tokenSet: false});
  });
});
