import {startCaptureServer} from '../../../test/helpers/capture-server';
import {runTf} from '../../../test/helpers/cli';
import {tempDir} from '../../../test/helpers/tmp';
import {anthropicConnector} from '../src/index';

const anthropic = anthropicConnector.create({name: 'anthropic', type: 'anthropic'});
// CLI checks run the built bin/run.js: `npm test` builds first, and a missing build fails (never skips).
const cliTest = test;

describe('anthropic connector', () => {
  test('type defaults: api.anthropic.com, ANTHROPIC_API_KEY', () => {
    expect(anthropicConnector).toMatchObject({
      type: 'anthropic',
      defaultDomains: ['api.anthropic.com'],
      defaultTokenEnv: 'ANTHROPIC_API_KEY',
      defaultAgentEnv: 'ANTHROPIC_API_KEY',
    });
    expect(anthropic.apiRoot()).toBe('https://api.anthropic.com');
  });

  test.each(anthropic.fixtures().map((f) => [f.name, f]))('fixture %s', (_name, fixture) => {
    const {request, expect: want} = fixture;
    const body = typeof request.body === 'string' ? request.body : request.body ? JSON.stringify(request.body) : undefined;
    const action = anthropic.parseAction({
      method: request.method,
      url: new URL(anthropic.apiRoot() + request.url),
      headers: request.headers ?? {},
      body: body === undefined ? undefined : Buffer.from(body),
    });
    expect([action.type, action.risk]).toEqual([want.type, want.risk]);
  });

  test("credentials: x-api-key set, agent's x-api-key and Authorization dropped, version and beta headers kept", () => {
    const headers: Record<string, string> = {
      'x-api-key': 'agent-placeholder',
      authorization: 'Bearer agent-placeholder',
      'anthropic-version': '2023-06-01',
      'anthropic-beta': 'files-api-2025-04-14',
    };
    anthropic.injectCredentials({method: 'POST', url: new URL('https://api.anthropic.com/v1/messages'), headers}, {token: 'real-placeholder', envVar: 'ANTHROPIC_API_KEY'});
    expect(headers).toEqual({'x-api-key': 'real-placeholder', 'anthropic-version': '2023-06-01', 'anthropic-beta': 'files-api-2025-04-14'});
  });

  test('live probe: GET /v1/models with a version header', () => {
    expect(anthropic.liveProbe()).toEqual({method: 'GET', path: '/v1/models', headers: {'anthropic-version': '2023-06-01'}});
  });

  cliTest('tf connector test --live, routed to a local server', async () => {
    const server = await startCaptureServer();
    try {
      const tmp = tempDir('tf-anthropic-live-');
      const config = tmp.write(
        'tf.config.yaml',
        ['connectors:', '  anthropic:', '    type: anthropic', '    tokenEnv: TF_TEST_ANTHROPIC_KEY', 'proxy:', '  routes:', `    api.anthropic.com: ${server.url}`, ''].join('\n'),
      );
      const result = await runTf(['connector', 'test', 'anthropic', '--live', '--json', '--config', config], {env: {TF_TEST_ANTHROPIC_KEY: 'test-placeholder-key'}});
      expect(JSON.parse(result.stdout)).toMatchObject({ok: true, live: {ok: true, status: 200}});
      expect(server.requests.map((r) => [r.method, r.path])).toEqual([['GET', '/v1/models']]);
      expect(server.requests[0].headers).toMatchObject({'x-api-key': 'test-placeholder-key', 'anthropic-version': '2023-06-01'});
      expect(server.requests[0].headers.authorization).toBeUndefined();
    } finally {
      await server.close();
    }
  });
});
