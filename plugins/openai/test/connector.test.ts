import {startCaptureServer} from '../../../test/helpers/capture-server';
import {runTf} from '../../../test/helpers/cli';
import {tempDir} from '../../../test/helpers/tmp';
import {openaiConnector} from '../src/connector';

const openai = openaiConnector.create({name: 'openai', type: 'openai'});
// CLI checks run the built bin/run.js: `npm test` builds first, and a missing build fails (never skips).
const cliTest = test;

describe('openai connector', () => {
  test('type defaults: api.openai.com, OPENAI_API_KEY, takes --base-url', () => {
    expect(openaiConnector).toMatchObject({
      type: 'openai',
      defaultDomains: ['api.openai.com'],
      defaultTokenEnv: 'OPENAI_API_KEY',
      defaultAgentEnv: 'OPENAI_API_KEY',
      accepts: {baseUrl: true},
    });
    expect(openai.domains()).toEqual(['api.openai.com']);
    expect(openai.apiRoot()).toBe('https://api.openai.com');
    expect(() => openaiConnector.create({name: 'x', type: 'openai', authHeader: 'api-key'})).toThrow(/custom auth header/);
  });

  test.each(openai.fixtures().map((f) => [f.name, f]))('fixture %s', (_name, fixture) => {
    const {request, expect: want} = fixture;
    const body = typeof request.body === 'string' ? request.body : request.body ? JSON.stringify(request.body) : undefined;
    const action = openai.parseAction({
      method: request.method,
      url: new URL(openai.apiRoot() + request.url),
      headers: request.headers ?? {},
      body: body === undefined ? undefined : Buffer.from(body),
    });
    expect([action.type, action.risk]).toEqual([want.type, want.risk]);
  });

  test('credentials: Bearer key; whatever the agent sent is dropped', () => {
    const headers: Record<string, string> = {authorization: 'Bearer agent-placeholder', 'api-key': 'a', 'x-api-key': 'b', 'openai-organization': 'org-1'};
    openai.injectCredentials({method: 'GET', url: new URL('https://api.openai.com/v1/models'), headers}, {token: 'real-placeholder', envVar: 'OPENAI_API_KEY'});
    expect(headers).toEqual({authorization: 'Bearer real-placeholder', 'openai-organization': 'org-1'});
  });

  test('live probe: GET /v1/models', () => {
    expect(openai.liveProbe()).toEqual({method: 'GET', path: '/v1/models'});
    expect(openai.liveProbe({path: '/v1/files'})).toEqual({method: 'GET', path: '/v1/files'});
  });

  test('an OpenAI-compatible gateway base URL ending in /v1 keeps the table paths', () => {
    const gw = openaiConnector.create({name: 'gw', type: 'openai', baseUrl: 'https://llm.example.com/openai/v1'});
    expect(gw.domains()).toEqual(['llm.example.com']);
    const action = gw.parseAction({method: 'GET', url: new URL('https://llm.example.com/openai/v1/models'), headers: {}});
    expect(action.type).toBe('openai.model.list');
    expect(gw.liveProbe()).toEqual({method: 'GET', path: '/models'});
    expect(gw.fixtures()[0].request.url).toBe('/chat/completions');
    const headers: Record<string, string> = {};
    gw.injectCredentials({method: 'GET', url: new URL('https://llm.example.com/openai/v1/models'), headers}, {token: 't', envVar: 'K'});
    expect(headers).toEqual({authorization: 'Bearer t'});
  });

  test('a body cut short by the proxy still classifies by route, marked', () => {
    const action = openai.parseAction({
      method: 'POST',
      url: new URL('https://api.openai.com/v1/files'),
      headers: {'content-type': 'multipart/form-data; boundary=b'},
      body: Buffer.from('--b\r\nContent-Disposition: form-data; name="file"; filename="a.jsonl"\r\n\r\n{"a":'),
      bodyTruncated: true,
    });
    expect(action).toMatchObject({type: 'openai.file.upload', riskHints: {bodyTruncated: true}});
  });

  describe('tf connector test --live, routed to a local server', () => {
    const cases: [string, string, string, Record<string, string>][] = [
      ['openai', '', '/v1/models', {authorization: 'Bearer test-placeholder-key'}],
      ['azure', 'https://myres.openai.azure.com', '/openai/v1/models', {'api-key': 'test-placeholder-key'}],
    ];
    cliTest.each(cases)('%s', async (name, baseUrl, wantPath, wantAuth) => {
      const server = await startCaptureServer();
      try {
        const host = baseUrl ? new URL(baseUrl).hostname : 'api.openai.com';
        const tmp = tempDir('tf-openai-live-');
        const config = tmp.write(
          'tf.config.yaml',
          [
            'connectors:',
            `  ${name}:`,
            '    type: openai',
            ...(baseUrl ? [`    baseUrl: ${baseUrl}`] : []),
            '    tokenEnv: TF_TEST_OPENAI_KEY',
            'proxy:',
            '  routes:',
            `    ${host}: ${server.url}`,
            '',
          ].join('\n'),
        );
        const result = await runTf(['connector', 'test', name, '--live', '--json', '--config', config], {env: {TF_TEST_OPENAI_KEY: 'test-placeholder-key'}});
        expect(result.stderr).toBe('');
        expect(JSON.parse(result.stdout)).toMatchObject({ok: true, live: {ok: true, status: 200}});
        expect(server.requests).toHaveLength(1);
        const [probe] = server.requests;
        expect([probe.method, probe.path]).toEqual(['GET', wantPath]);
        expect(probe.headers).toMatchObject(wantAuth);
        expect(probe.headers.authorization === undefined).toBe(name === 'azure');
      } finally {
        await server.close();
      }
    });
  });
});
