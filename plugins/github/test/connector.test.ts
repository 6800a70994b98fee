import {ConnectorConfigError, type OutboundRequest} from '@tf/sdk';
import {githubConnector} from '../src/index';
import {dotcom, ghe, request, typeAndRisk} from './support';

const PAT = 'ghp_placeholder0000000000000000000000000'; // not a real token
const credential = {token: PAT, envVar: 'GITHUB_TOKEN'};

function outbound(url: string, headers: Record<string, string> = {}): OutboundRequest {
  return {method: 'GET', url: new URL(url), headers: {...headers}};
}

describe('connector type', () => {
  test('defaults: api.github.com (+ uploads and git hosts), GITHUB_TOKEN, takes --base-url only', () => {
    expect(githubConnector).toMatchObject({
      type: 'github',
      defaultDomains: ['api.github.com', 'uploads.github.com', 'github.com'],
      defaultTokenEnv: 'GITHUB_TOKEN',
      defaultAgentEnv: 'GITHUB_TOKEN',
      accepts: {baseUrl: true},
    });
    expect(dotcom.domains()).toEqual(['api.github.com', 'uploads.github.com', 'github.com']);
    expect(dotcom.apiRoot()).toBe('https://api.github.com');
  });

  test('GHE base URL: one host, API root with /api/v3', () => {
    expect(ghe.domains()).toEqual(['github.example.com']);
    expect(ghe.apiRoot()).toBe('https://github.example.com/api/v3');
    const bare = githubConnector.create({name: 'ghe', type: 'github', baseUrl: 'https://ghe.corp.example/'});
    expect(bare.apiRoot()).toBe('https://ghe.corp.example/api/v3'); // no path: the GHES layout is assumed
  });

  test('GHE.com (https://api.SUBDOMAIN.ghe.com): the github.com layout on that site', () => {
    const cloud = githubConnector.create({name: 'acme', type: 'github', baseUrl: 'https://api.acme.ghe.com'});
    expect(cloud.domains()).toEqual(['api.acme.ghe.com', 'uploads.acme.ghe.com', 'acme.ghe.com']);
    expect(typeAndRisk(cloud, request('PUT', 'https://api.acme.ghe.com/repos/o/r/pulls/1/merge', {}))).toEqual(['github.pr.merge', 'medium']);
    expect(typeAndRisk(cloud, request('POST', 'https://acme.ghe.com/o/r.git/git-receive-pack'))).toEqual(['github.git.push', 'medium']);
  });

  test('bad config is a ConnectorConfigError', () => {
    expect(() => githubConnector.create({name: 'x', type: 'github', baseUrl: 'ftp://ghe'})).toThrow(ConnectorConfigError);
    expect(() => githubConnector.create({name: 'x', type: 'github', domains: ['ghe.example.com']})).toThrow(/--base-url/);
    expect(() => githubConnector.create({name: 'x', type: 'github', authHeader: 'x-token'})).toThrow(ConnectorConfigError);
  });

  test('live probe: GET /user on the API root', () => {
    expect(dotcom.liveProbe()).toMatchObject({method: 'GET', path: '/user'});
    expect(ghe.liveProbe()).toMatchObject({method: 'GET', path: '/user'});
  });

  test('fixtures pass on both instances (what `tf connector test` runs)', () => {
    for (const connector of [dotcom, ghe]) {
      for (const fixture of connector.fixtures()) {
        const {request: r} = fixture;
        const url = /^https?:/.test(r.url) ? r.url : connector.apiRoot() + r.url;
        expect([fixture.name, ...typeAndRisk(connector, request(r.method, url, r.body, r.headers))]).toEqual([fixture.name, fixture.expect.type, fixture.expect.risk]);
      }
    }
    expect(dotcom.fixtures().map((f) => f.expect.type)).toEqual(expect.arrayContaining(['github.git.fetch', 'github.git.push', 'github.release_asset.upload']));
  });

  test('the catalog lists every table, seed rows included', () => {
    const types = new Set(dotcom.actionTypes().map((t) => t.type));
    for (const t of ['github.pr.close', 'github.file.update', 'github.git.push', 'github.release_asset.upload', 'github.enterprise_admin.manage_ssh.set']) {
      expect(types.has(t)).toBe(true);
    }
    expect(dotcom.actionTypes().length).toBeGreaterThan(1590);
  });
});

describe('GitHub Enterprise Server surfaces', () => {
  const HOST = 'https://github.example.com';
  test.each([
    ['PATCH', `${HOST}/api/v3/repos/o/r/issues/9`, 'github.issue.close', 'low', {state: 'closed'}],
    ['GET', `${HOST}/api/v3`, 'github.meta.root.get', 'low', undefined],
    ['POST', `${HOST}/api/uploads/repos/o/r/releases/1/assets?name=a.zip`, 'github.release_asset.upload', 'medium', 'zip'],
    ['POST', `${HOST}/api/v3/admin/users`, 'github.enterprise_admin.user.create', 'high', {login: 'mona'}],
    ['PUT', `${HOST}/manage/v1/config/settings`, 'github.enterprise_admin.manage_setting.set', 'high', {}],
    ['GET', `${HOST}/o/r/info/refs?service=git-upload-pack`, 'github.git.fetch', 'low', undefined],
    ['POST', `${HOST}/o/r.git/git-receive-pack`, 'github.git.push', 'medium', undefined],
    ['POST', `${HOST}/api/graphql`, 'github.graphql.query', 'low', {query: '{viewer{login}}'}],
    ['POST', `${HOST}/api/other`, 'github.unknown.post', 'medium', {}],
    ['GET', `${HOST}/o/r/pulls`, 'github.unknown.get', 'low', undefined], // a web page, not the API
  ])('%s %s → %s', (method, url, type, risk, body) => {
    expect(typeAndRisk(ghe, request(method, url, body))).toEqual([type, risk]);
  });

  test('a GHE path is not classified as api.github.com would (the prefix matters)', () => {
    expect(typeAndRisk(ghe, request('DELETE', `${HOST}/repos/o/r`))).toEqual(['github.unknown.delete', 'high']);
  });

  test('GHE under a path prefix: /github/api/v3 and /github/api/uploads', () => {
    const prefixed = githubConnector.create({name: 'ghe', type: 'github', baseUrl: 'https://corp.example/github/api/v3'});
    expect(typeAndRisk(prefixed, request('DELETE', 'https://corp.example/github/api/v3/repos/o/r'))).toEqual(['github.repo.delete', 'high']);
    expect(typeAndRisk(prefixed, request('POST', 'https://corp.example/github/api/uploads/repos/o/r/releases/1/assets', 'x'))).toEqual([
      'github.release_asset.upload',
      'medium',
    ]);
  });
});

describe('actions: resource, parameters, hints', () => {
  test('percent-encoded path values are decoded; raw slashes work too', () => {
    const encoded = dotcom.parseAction(request('PUT', 'https://api.github.com/repos/o/r/contents/docs%2Fnew%20file.md', {message: 'm', content: ''}));
    const raw = dotcom.parseAction(request('PUT', 'https://api.github.com/repos/o/r/contents/docs/new%20file.md', {message: 'm', content: ''}));
    expect(encoded.resource).toEqual({provider: 'github', owner: 'o', repo: 'r', path: 'docs/new file.md'});
    expect(raw.resource).toEqual(encoded.resource);
    expect(encoded.type).toBe('github.file.create');
    const ref = dotcom.parseAction(request('DELETE', 'https://api.github.com/repos/o/r/git/refs/heads%2Ffeat%2Fx'));
    expect(ref).toMatchObject({type: 'github.branch.delete', resource: {ref: 'heads/feat/x'}, riskHints: {irreversible: true}});
  });

  test('each route names its own parameters (commits/{ref} beside commits/{commit_sha}/…)', () => {
    expect(dotcom.parseAction(request('GET', 'https://api.github.com/repos/o/r/commits/main')).resource).toMatchObject({ref: 'main'});
    expect(dotcom.parseAction(request('GET', 'https://api.github.com/repos/o/r/commits/abc/pulls')).resource).toMatchObject({commit_sha: 'abc'});
  });

  test('relevant body fields become parameters', () => {
    const merge = dotcom.parseAction(request('PUT', 'https://api.github.com/repos/o/r/pulls/7/merge', {merge_method: 'rebase', commit_title: 'x'}));
    expect(merge.parameters).toEqual({owner: 'o', repo: 'r', pull_number: '7', merge_method: 'rebase'});
    const collaborator = dotcom.parseAction(request('PUT', 'https://api.github.com/repos/o/r/collaborators/mona', {permission: 'admin'}));
    expect(collaborator).toMatchObject({risk: 'high', parameters: {username: 'mona', permission: 'admin'}, riskHints: {accessChange: true}});
    const pr = dotcom.parseAction(request('POST', 'https://api.github.com/repos/o/r/pulls', {title: 'T', head: 'feat', base: 'main', draft: true}));
    expect(pr.parameters).toMatchObject({title: 'T', head: 'feat', base: 'main', draft: true});
  });

  test('risk hints: force-moving a ref, changing visibility, instance administration', () => {
    expect(dotcom.parseAction(request('PATCH', 'https://api.github.com/repos/o/r/git/refs/heads/main', {sha: 'abc', force: true})).riskHints).toEqual({force: true});
    expect(dotcom.parseAction(request('PATCH', 'https://api.github.com/repos/o/r', {private: false})).riskHints).toEqual({visibilityChange: true});
    expect(ghe.parseAction(request('DELETE', 'https://github.example.com/api/v3/admin/users/mona')).riskHints).toEqual({irreversible: true, instanceAdmin: true});
  });

  test('HEAD classifies as the GET it mirrors', () => {
    expect(typeAndRisk(dotcom, request('HEAD', 'https://api.github.com/repos/o/r'))).toEqual(['github.repo.get', 'low']);
  });

  test('unknown routes fall back to github.unknown.<method>, marked unclassified', () => {
    const action = dotcom.parseAction(request('POST', 'https://api.github.com/no-such-thing', {query: '{viewer{login}}'}));
    expect(action).toMatchObject({type: 'github.unknown.post', risk: 'medium', riskHints: {unclassified: true}, parameters: {path: '/no-such-thing'}});
    expect(typeAndRisk(dotcom, request('DELETE', 'https://api.github.com/repos/o/r/no-such-thing'))).toEqual(['github.unknown.delete', 'high']);
  });

  test('bodies are needed for API writes only: git packs and release assets stream', () => {
    expect(dotcom.needsBody(request('PATCH', 'https://api.github.com/repos/o/r/pulls/1'))).toBe(true);
    expect(dotcom.needsBody(request('GET', 'https://api.github.com/repos/o/r'))).toBe(false);
    expect(dotcom.needsBody(request('POST', 'https://github.com/o/r.git/git-receive-pack'))).toBe(false);
    expect(dotcom.needsBody(request('POST', 'https://uploads.github.com/repos/o/r/releases/1/assets'))).toBe(false);
    expect(ghe.needsBody(request('POST', 'https://github.example.com/api/uploads/repos/o/r/releases/1/assets'))).toBe(false);
    expect(ghe.needsBody(request('PUT', 'https://github.example.com/api/v3/repos/o/r/contents/a'))).toBe(true);
  });
});

describe('credentials', () => {
  test('API: Authorization: token {PAT}, whatever the agent sent', () => {
    const req = outbound('https://api.github.com/user?access_token=agent', {authorization: 'Bearer agent-token', 'x-api-key': 'k', accept: 'application/json'});
    dotcom.injectCredentials(req, credential);
    expect(req.headers).toEqual({authorization: `token ${PAT}`, accept: 'application/json'});
    expect(req.url.search).toBe('');
  });

  test('uploads and GHE API use the token form too', () => {
    for (const [connector, url] of [
      [dotcom, 'https://uploads.github.com/repos/o/r/releases/1/assets?name=a'],
      [ghe, 'https://github.example.com/api/v3/user'],
      [ghe, 'https://github.example.com/api/uploads/repos/o/r/releases/1/assets'],
      [ghe, 'https://github.example.com/api/graphql'],
    ] as const) {
      const req = outbound(url, {authorization: 'token agent'});
      connector.injectCredentials(req, credential);
      expect([url, req.headers.authorization]).toEqual([url, `token ${PAT}`]);
    }
    const upload = outbound('https://uploads.github.com/repos/o/r/releases/1/assets?name=a');
    dotcom.injectCredentials(upload, credential);
    expect(upload.url.search).toBe('?name=a');
  });

  test('git over HTTPS: Basic x-access-token:{PAT}, replacing the agent credential and URL user info', () => {
    const expected = `Basic ${Buffer.from(`x-access-token:${PAT}`).toString('base64')}`;
    for (const [connector, url] of [
      [dotcom, 'https://agent:secret@github.com/o/r.git/info/refs?service=git-receive-pack'],
      [ghe, 'https://github.example.com/o/r.git/git-upload-pack'],
    ] as const) {
      const req = outbound(url, {authorization: 'Basic YWdlbnQ6c2VjcmV0'});
      connector.injectCredentials(req, credential);
      expect(req.headers.authorization).toBe(expected);
      expect(req.url.username + req.url.password).toBe('');
    }
  });
});
