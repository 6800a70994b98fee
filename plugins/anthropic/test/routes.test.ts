import {spawnSync} from 'node:child_process';
import path from 'node:path';
import {anthropicConnector} from '../src/index';
import {anthropicRoutes} from '../src/routes';
import {REPO_ROOT, requestFor} from './support';

const anthropic = anthropicConnector.create({name: 'anthropic', type: 'anthropic'});

/** The types and risks issue #4 names, one row one expectation. */
const CONTRACT: [string, string, string, string, Record<string, unknown> | null][] = [
  ['anthropic.message.create', 'POST', '/v1/messages', 'low', {model: 'claude-sonnet-4-5', max_tokens: 10}],
  ['anthropic.message.create_stream', 'POST', '/v1/messages', 'low', {model: 'claude-sonnet-4-5', max_tokens: 10, stream: true}],
  ['anthropic.message.count_tokens', 'POST', '/v1/messages/count_tokens', 'low', null],
  ['anthropic.message.batch.create', 'POST', '/v1/messages/batches', 'medium', null],
  ['anthropic.message.batch.list', 'GET', '/v1/messages/batches', 'low', null],
  ['anthropic.message.batch.retrieve', 'GET', '/v1/messages/batches/msgbatch_1', 'low', null],
  ['anthropic.message.batch.cancel', 'POST', '/v1/messages/batches/msgbatch_1/cancel', 'medium', null],
  ['anthropic.message.batch.delete', 'DELETE', '/v1/messages/batches/msgbatch_1', 'medium', null],
  ['anthropic.message.batch.results', 'GET', '/v1/messages/batches/msgbatch_1/results', 'low', null],
  ['anthropic.model.list', 'GET', '/v1/models', 'low', null],
  ['anthropic.model.retrieve', 'GET', '/v1/models/claude-sonnet-4-5', 'low', null],
  ['anthropic.file.upload', 'POST', '/v1/files', 'medium', null],
  ['anthropic.file.list', 'GET', '/v1/files', 'low', null],
  ['anthropic.file.retrieve', 'GET', '/v1/files/file_1', 'low', null],
  ['anthropic.file.delete', 'DELETE', '/v1/files/file_1', 'medium', null],
  ['anthropic.file.content', 'GET', '/v1/files/file_1/content', 'low', null],
];

describe('anthropic route table', () => {
  test.each(CONTRACT)('%s (%s %s) is %s', (type, method, urlPath, risk, body) => {
    const action = anthropic.parseAction({
      method,
      url: new URL(`https://api.anthropic.com${urlPath}`),
      headers: body ? {'content-type': 'application/json'} : {},
      body: body ? Buffer.from(JSON.stringify(body)) : undefined,
    });
    expect([action.type, action.risk]).toEqual([type, risk]);
  });

  test('beyond the core: skills, agents, sessions, vaults, admin API', () => {
    const byType = new Map(anthropicRoutes.map((r) => [r.type, r.risk]));
    expect(byType.get('anthropic.skill.create')).toBe('medium');
    expect(byType.get('anthropic.skill.version.content')).toBe('low');
    expect(byType.get('anthropic.agent.create')).toBe('medium');
    expect(byType.get('anthropic.session.event.send')).toBe('medium');
    expect(byType.get('anthropic.vault.credential.create')).toBe('high');
    expect(byType.get('anthropic.tunnel.reveal_token')).toBe('high');
    expect(byType.get('anthropic.organization.invite.create')).toBe('high');
    expect(byType.get('anthropic.organization.workspace.list')).toBe('low');
    expect(anthropicRoutes.length).toBeGreaterThan(250);
  });

  test('every type is unique', () => {
    const types = anthropicRoutes.map((r) => r.type);
    expect(new Set(types).size).toBe(types.length);
  });

  // Generated: one case per route, path parameters filled, streaming switches set.
  test.each(anthropicRoutes.map((r) => [r.type, r.method, r.path, r]))('%s ← %s %s', (type, _m, _p, route) => {
    const action = anthropic.parseAction(requestFor(route, 'https://api.anthropic.com'));
    expect(action.type).toBe(type);
    expect(action.risk).toBe(route.risk);
    expect(action.riskHints.unclassified).toBeUndefined();
  });

  test('unknown routes fall back, marked', () => {
    const action = anthropic.parseAction({method: 'PUT', url: new URL('https://api.anthropic.com/v1/nothing'), headers: {}});
    expect(action).toMatchObject({type: 'anthropic.unknown.put', risk: 'medium', riskHints: {unclassified: true}});
  });

  test('the committed table is what the installed SDK gives (node scripts/generate-routes.js --check)', () => {
    const result = spawnSync(process.execPath, [path.join(__dirname, '../scripts/generate-routes.js'), '--check'], {encoding: 'utf8', cwd: REPO_ROOT});
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });
});
