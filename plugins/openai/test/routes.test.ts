import {spawnSync} from 'node:child_process';
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {openaiConnector} from '../src/connector';
import {AZURE_DEPLOYMENT_ROUTES} from '../src/azure';
import {openaiRoutes} from '../src/routes';
import {REPO_ROOT, requestFor, samplePath} from './support';

const openai = openaiConnector.create({name: 'openai', type: 'openai'});
const azure = openaiConnector.create({name: 'azure', type: 'openai', baseUrl: 'https://myres.openai.azure.com'});

/** The seed's table, one row one expectation. */
const SEED: [string, string, string, string, Record<string, unknown> | null][] = [
  ['openai.chat.create', 'POST', '/v1/chat/completions', 'low', {model: 'gpt-4o'}],
  ['openai.chat.create_stream', 'POST', '/v1/chat/completions', 'low', {model: 'gpt-4o', stream: true}],
  ['openai.embedding.create', 'POST', '/v1/embeddings', 'low', null],
  ['openai.image.generate', 'POST', '/v1/images/generations', 'medium', null],
  ['openai.image.edit', 'POST', '/v1/images/edits', 'medium', null],
  ['openai.audio.transcribe', 'POST', '/v1/audio/transcriptions', 'low', null],
  ['openai.audio.translate', 'POST', '/v1/audio/translations', 'low', null],
  ['openai.audio.speech', 'POST', '/v1/audio/speech', 'low', null],
  ['openai.file.upload', 'POST', '/v1/files', 'medium', null],
  ['openai.file.delete', 'DELETE', '/v1/files/file-abc', 'medium', null],
  ['openai.file.list', 'GET', '/v1/files', 'low', null],
  ['openai.finetune.create', 'POST', '/v1/fine_tuning/jobs', 'high', null],
  ['openai.finetune.cancel', 'POST', '/v1/fine_tuning/jobs/ftjob-abc/cancel', 'medium', null],
  ['openai.model.list', 'GET', '/v1/models', 'low', null],
  ['openai.model.delete', 'DELETE', '/v1/models/ft:gpt-4o-mini:acme::abc', 'high', null],
];

describe('openai route table', () => {
  test.each(SEED)('seed: %s (%s %s) is %s', (type, method, urlPath, risk, body) => {
    const action = openai.parseAction({
      method,
      url: new URL(`https://api.openai.com${urlPath}`),
      headers: body ? {'content-type': 'application/json'} : {},
      body: body ? Buffer.from(JSON.stringify(body)) : undefined,
    });
    expect([action.type, action.risk]).toEqual([type, risk]);
  });

  test('covers the whole SDK surface the issue names', () => {
    const types = new Set(openaiRoutes.map((r) => r.type));
    for (const type of [
      'openai.response.create', 'openai.response.create_stream', 'openai.response.retrieve', 'openai.response.delete', 'openai.response.cancel',
      'openai.completion.create', 'openai.image.create_variation', 'openai.file.retrieve', 'openai.file.content', 'openai.upload.create',
      'openai.batch.create', 'openai.finetune.list', 'openai.finetune.retrieve', 'openai.finetune.list_events', 'openai.finetune.checkpoint.list',
      'openai.model.retrieve', 'openai.moderation.create', 'openai.vector_store.create', 'openai.vector_store.file.create',
      'openai.assistant.create', 'openai.thread.create', 'openai.thread.run.create', 'openai.thread.run.create_stream',
      'openai.realtime.session.create', 'openai.realtime.client_secret.create', 'openai.container.create', 'openai.eval.create',
    ]) {
      expect(types).toContain(type);
    }
    expect(openaiRoutes.length).toBeGreaterThan(250);
  });

  test('every type is unique', () => {
    const seen = new Map<string, string>();
    for (const r of openaiRoutes) {
      expect(seen.get(r.type)).toBeUndefined();
      seen.set(r.type, `${r.method} ${r.path}`);
    }
  });

  // Generated: one case per route, path parameters filled, streaming switches set.
  test.each(openaiRoutes.map((r) => [r.type, r.method, r.path, r]))('%s ← %s %s', (type, _m, _p, route) => {
    const action = openai.parseAction(requestFor(route, 'https://api.openai.com'));
    expect(action.type).toBe(type);
    expect(action.risk).toBe(route.risk);
    expect(action.riskHints.unclassified).toBeUndefined();
  });

  test('every route classifies the same through Azure (/openai/v1 form, and deployments where the SDK uses them)', () => {
    const mismatches: string[] = [];
    for (const route of openaiRoutes) {
      const rest = samplePath(route.path).replace(/^\/v1/, '');
      const paths = [`/openai/v1${rest}`, `/openai${rest}`];
      if (AZURE_DEPLOYMENT_ROUTES.has(route.path.replace(/^\/v1/, ''))) paths.push(`/openai/deployments/my-gpt${rest}`);
      for (const p of paths) {
        const action = azure.parseAction(requestFor(route, 'https://myres.openai.azure.com', p));
        if (action.type !== route.type) mismatches.push(`${route.method} ${p}: ${action.type} (want ${route.type})`);
        if (p.includes('/deployments/') && action.resource.deployment !== 'my-gpt') mismatches.push(`${p}: no deployment`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  test('unknown routes fall back, marked', () => {
    const action = openai.parseAction({method: 'PATCH', url: new URL('https://api.openai.com/v1/nothing/here'), headers: {}});
    expect(action).toMatchObject({type: 'openai.unknown.patch', risk: 'medium', riskHints: {unclassified: true}});
    expect(openai.parseAction({method: 'DELETE', url: new URL('https://api.openai.com/v2/x'), headers: {}})).toMatchObject({
      type: 'openai.unknown.delete',
      risk: 'high',
    });
  });

  test('the committed table is what the installed SDK gives (node scripts/generate-routes.js --check)', () => {
    const result = spawnSync(process.execPath, [path.join(__dirname, '../scripts/generate-routes.js'), '--check'], {encoding: 'utf8', cwd: REPO_ROOT});
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

});
