import {RouteTable, type RouteSpec} from '../src/route-table';

const routes: RouteSpec[] = [
  {method: 'PATCH', path: '/repos/{owner}/{repo}/pulls/{number}', type: 'pr.update', risk: 'low'},
  {method: 'PATCH', path: '/repos/{owner}/{repo}/pulls/{number}', type: 'pr.close', risk: 'low', when: {in: 'body', field: 'state', equals: 'closed'}},
  {method: 'PUT', path: '/repos/{owner}/{repo}/contents/{path+}', type: 'file.create', risk: 'low'},
  {method: 'PUT', path: '/repos/{owner}/{repo}/contents/{path+}', type: 'file.update', risk: 'low', when: {in: 'body', field: 'sha', exists: true}},
  {method: 'GET', path: '/repos/{owner}/{repo}/pulls', type: 'pr.list', risk: 'low'},
  {method: 'GET', path: '/repos/{owner}/{repo}/pulls/comments', type: 'pr.comments', risk: 'low'},
  {method: 'GET', path: '/{owner}/{repo}.git/info/refs', type: 'git.fetch', risk: 'low'},
  {method: 'GET', path: '/{owner}/{repo}.git/info/refs', type: 'git.push', risk: 'medium', when: {in: 'query', field: 'service', equals: 'git-receive-pack'}},
  {method: 'GET', path: '/user', type: 'user.get', risk: 'low'},
];
const table = new RouteTable(routes);
const ctx = (body?: Record<string, unknown>, query = '') => ({body: () => body, query: new URLSearchParams(query), header: () => undefined});

describe('RouteTable', () => {
  test.each([
    ['PATCH', '/repos/o/r/pulls/7', ctx({title: 't'}), 'pr.update', {owner: 'o', repo: 'r', number: '7'}],
    ['PATCH', '/repos/o/r/pulls/7', ctx({state: 'closed'}), 'pr.close', {owner: 'o', repo: 'r', number: '7'}],
    ['PUT', '/repos/o/r/contents/docs%2Fnew.md', ctx({content: 'x'}), 'file.create', {owner: 'o', repo: 'r', path: 'docs/new.md'}],
    ['PUT', '/repos/o/r/contents/docs/deep/new.md', ctx({sha: 'abc'}), 'file.update', {owner: 'o', repo: 'r', path: 'docs/deep/new.md'}],
    ['GET', '/repos/o/r/pulls/', ctx(), 'pr.list', {owner: 'o', repo: 'r'}],
    ['GET', '/repos/o/r/pulls/comments', ctx(), 'pr.comments', {owner: 'o', repo: 'r'}],
    ['GET', '/octo/hello.git/info/refs', ctx(undefined, 'service=git-upload-pack'), 'git.fetch', {owner: 'octo', repo: 'hello'}],
    ['GET', '/octo/hello.git/info/refs', ctx(undefined, 'service=git-receive-pack'), 'git.push', {owner: 'octo', repo: 'hello'}],
    ['get', '/user', ctx(), 'user.get', {}],
  ])('%s %s (%#)', (method, path, c, type, params) => {
    const match = table.match(method, path, c);
    expect(match?.route.type).toBe(type);
    expect(match?.params).toEqual(params);
  });

  test('unknown paths and methods do not match', () => {
    expect(table.match('DELETE', '/user', ctx())).toBeUndefined();
    expect(table.match('GET', '/nope', ctx())).toBeUndefined();
    expect(table.match('GET', '/repos/o', ctx())).toBeUndefined();
  });

  test('duplicate unconditional routes are rejected at compile time', () => {
    expect(() => new RouteTable([routes[0], {...routes[0], type: 'other'}])).toThrow(/duplicate route PATCH/);
  });
});

test('routes sharing a position keep their own parameter names', () => {
  const t = new RouteTable([
    {method: 'GET', path: '/customers/{id}', type: 'customer.get', risk: 'low'},
    {method: 'GET', path: '/customers/{customer}/sources/{id}', type: 'source.get', risk: 'low'},
  ]);
  expect(t.match('GET', '/customers/cus_1')?.params).toEqual({id: 'cus_1'});
  expect(t.match('GET', '/customers/cus_1/sources/src_2')?.params).toEqual({customer: 'cus_1', id: 'src_2'});
});
