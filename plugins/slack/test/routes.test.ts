import {execFileSync} from 'node:child_process';
import {statSync} from 'node:fs';
import path from 'node:path';
import type {HttpRequestInfo, RouteSpec} from '@tf/sdk';
import {slackConnector} from '../src';
import {SEED_METHODS} from '../src/overrides';
import {SLACK_ROUTES} from '../src/routes';
import {GENERATED_METHODS} from '../src/routes.generated';

const connector = slackConnector.create({name: 'slack', type: 'slack'});

function url(route: RouteSpec, query = ''): URL {
  const pathname = route.path.replace(/\{(\w+)\+?\}/g, 'CwABAAAA/part2');
  const host = pathname.startsWith('/upload/') ? 'files.slack.com' : 'slack.com';
  return new URL(`https://${host}${pathname}${query}`);
}

/** The same call as a form POST, a JSON POST and a GET with a query: Slack takes all three. */
const variants: [string, (route: RouteSpec) => HttpRequestInfo][] = [
  ['form POST', (r) => ({method: 'POST', url: url(r), headers: {'content-type': 'application/x-www-form-urlencoded'}, body: Buffer.from('channel=C1&ts=1.2')})],
  ['JSON POST', (r) => ({method: 'POST', url: url(r), headers: {'content-type': 'application/json'}, body: Buffer.from('{"channel":"C1","ts":"1.2"}')})],
  ['GET', (r) => ({method: 'GET', url: url(r, '?channel=C1&ts=1.2'), headers: {}})],
];

const cases = SLACK_ROUTES.flatMap((route) => variants.map(([how, build]) => [route.path, how, route.type, route, build] as const));

describe('slack route table', () => {
  it('covers every Web API method of the official client, plus the seed and the upload step', () => {
    expect(GENERATED_METHODS.length).toBeGreaterThan(250);
    expect(SLACK_ROUTES.length).toBe(GENERATED_METHODS.length + 2); // + files.upload (retired) + the upload bytes
  });

  it.each(cases)('%s (%s) → %s', (_path, _how, type, route, build) => {
    const action = connector.parseAction(build(route));
    expect(action.type).toBe(type);
    expect(action.risk).toBe(route.risk);
    expect(action.riskHints.unclassified).toBeUndefined();
  });

  it('gives every method its own type, except the two upload calls the seed names slack.file.upload', () => {
    const byType = new Map<string, string[]>();
    for (const r of SLACK_ROUTES) byType.set(r.type, [...(byType.get(r.type) ?? []), r.path]);
    const shared = [...byType].filter(([, paths]) => paths.length > 1);
    expect(shared).toEqual([['slack.file.upload', expect.arrayContaining(['/api/files.upload', '/api/files.completeUploadExternal'])]]);
    for (const type of byType.keys()) expect(type).toMatch(/^slack\.[a-z0-9_]+\.[a-z0-9_]+$/);
  });

  it.each(SEED_METHODS.map((m) => [m.method, m.type, m.risk]))('seed row %s → %s (%s)', (method, type, risk) => {
    expect(SLACK_ROUTES).toContainEqual(expect.objectContaining({path: `/api/${method}`, type, risk}));
  });

  it('shows users.list as the seed does (GET) while matching any verb', () => {
    expect(connector.actionTypes().find((t) => t.type === 'slack.user.list')).toMatchObject({method: 'GET', path: '/api/users.list'});
  });

  it('rates admin changes and destructive calls above reads', () => {
    const risk = (method: string) => SLACK_ROUTES.find((r) => r.path === `/api/${method}`)?.risk;
    expect([risk('admin.users.remove'), risk('admin.conversations.delete'), risk('admin.users.setAdmin')]).toEqual(['high', 'high', 'high']);
    expect([risk('admin.emoji.add'), risk('conversations.kick'), risk('canvases.delete'), risk('usergroups.disable')]).toEqual(['medium', 'medium', 'medium', 'medium']);
    expect([risk('admin.users.list'), risk('conversations.history'), risk('search.messages'), risk('auth.test')]).toEqual(['low', 'low', 'low', 'low']);
  });

  it('is what the generator writes today (run scripts/generate-routes.js after upgrading @slack/web-api)', () => {
    const script = path.join(__dirname, '../scripts/generate-routes.js');
    expect(() => execFileSync(process.execPath, [script, '--check'], {stdio: 'pipe'})).not.toThrow();
    expect(statSync(path.join(__dirname, '../src/routes.generated.ts')).size).toBeLessThan(200_000);
  });

  it('falls back to a marked type for methods it does not know, keeping the verb', () => {
    const post = connector.parseAction({method: 'POST', url: new URL('https://slack.com/api/brand.newMethod'), headers: {}});
    expect(post).toMatchObject({type: 'slack.unknown.post', risk: 'medium', riskHints: {unclassified: true}, resource: {method: 'brand.newMethod'}});
    expect(connector.parseAction({method: 'GET', url: new URL('https://slack.com/api/brand.newMethod'), headers: {}}).type).toBe('slack.unknown.get');
  });
});
