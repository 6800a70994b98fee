import {spawn} from 'node:child_process';
import path from 'node:path';
import {startCaptureServer} from '../../../test/helpers/capture-server';
import {parseJson} from '../../../test/helpers/cli';
import {tempDir} from '../../../test/helpers/tmp';
import {parseOperation} from '../src/graphql';
import {asRequestInfo, dotcom, ghe, GHE_BASE_URL, request, typeAndRisk} from './support';

const graphql = (query: string, variables?: unknown, operationName?: string) =>
  request('POST', 'https://api.github.com/graphql', {query, ...(variables ? {variables} : {}), ...(operationName ? {operationName} : {})});

describe('GraphQL documents: operation and top-level fields', () => {
  test.each<[string, string, string | undefined, ReturnType<typeof parseOperation>]>([
    ['anonymous query', '{ viewer { login } }', undefined, {kind: 'query', fields: ['viewer']}],
    ['named mutation with variables and defaults', 'mutation M($input: X! = {a: "}"}) { mergePullRequest(input: $input) { clientMutationId } }', undefined, {kind: 'mutation', name: 'M', fields: ['mergePullRequest']}],
    ['aliases, directives, arguments', 'mutation { a: addStar(input: {starrableId: "{"}) @skip(if: false) { x } deleteRef(input: {refId: "R"}) { y } }', undefined, {kind: 'mutation', fields: ['addStar', 'deleteRef']}],
    ['comments and block strings hide braces', '# { not a field }\nquery Q { search(query: """ } mutation { """) { n } }', undefined, {kind: 'query', name: 'Q', fields: ['search']}],
    ['fragments are skipped', 'fragment F on PullRequest { id } mutation { closePullRequest(input: {}) { pullRequest { ...F } } }', undefined, {kind: 'mutation', fields: ['closePullRequest']}],
    ['operationName picks among several', 'query A { viewer { id } } mutation B { deleteRef(input: {}) { x } }', 'B', {kind: 'mutation', name: 'B', fields: ['deleteRef']}],
    ['several operations and no operationName', 'query A { a } query B { b }', undefined, undefined],
    ['an unclosed selection set', 'mutation { deleteRef(input: {}) {', undefined, undefined],
    ['not GraphQL', 'DELETE FROM repos', undefined, undefined],
  ])('%s', (_name, document, operationName, expected) => {
    expect(parseOperation(document, operationName)).toEqual(expected);
  });
});

describe('GraphQL requests classify like the REST routes they equal', () => {
  test.each<[string, ReturnType<typeof graphql>, string, string]>([
    ['a query', graphql('query { viewer { login } }'), 'github.graphql.query', 'low'],
    ['mergePullRequest (gh pr merge)', graphql('mutation PullRequestMerge($input: MergePullRequestInput!) { mergePullRequest(input: $input) { clientMutationId } }', {input: {pullRequestId: 'PR_1', mergeMethod: 'SQUASH'}}), 'github.pr.merge', 'medium'],
    ['updatePullRequest with state CLOSED', graphql('mutation($input: UpdatePullRequestInput!) { updatePullRequest(input: $input) { clientMutationId } }', {input: {pullRequestId: 'PR_1', state: 'CLOSED'}}), 'github.pr.close', 'low'],
    ['updatePullRequest otherwise', graphql('mutation($input: UpdatePullRequestInput!) { updatePullRequest(input: $input) { clientMutationId } }', {input: {pullRequestId: 'PR_1', title: 'x'}}), 'github.pr.update', 'low'],
    ['createIssue', graphql('mutation { createIssue(input: {repositoryId: "R", title: "t"}) { issue { id } } }'), 'github.issue.create', 'low'],
    ['deleteRef', graphql('mutation { deleteRef(input: {refId: "R"}) { clientMutationId } }'), 'github.branch.delete', 'high'],
    ['a mutation without a REST twin', graphql('mutation { addStar(input: {starrableId: "R"}) { clientMutationId } }'), 'github.graphql.mutation', 'medium'],
    ['a destructive mutation without a REST twin', graphql('mutation { deleteProjectV2(input: {projectId: "P"}) { clientMutationId } }'), 'github.graphql.mutation', 'high'],
    ['a mutation spreading a fragment at the top', graphql('mutation { ...M } fragment M on Mutation { deleteRef(input: {}) { x } }'), 'github.graphql.mutation', 'high'],
    ['a body that is not a GraphQL request', request('POST', 'https://api.github.com/graphql', {hello: 'world'}), 'github.graphql.unknown', 'high'],
    ['a document that does not parse', graphql('mutation {'), 'github.graphql.unknown', 'high'],
  ])('%s', (_name, req, type, risk) => {
    expect(typeAndRisk(dotcom, req)).toEqual([type, risk]);
  });

  test('several mutations are one action: the riskiest, marked batched, every field listed', () => {
    const action = dotcom.parseAction(graphql('mutation { addStar(input: {starrableId: "R"}) { x } deleteRef(input: {refId: "R"}) { y } }'));
    expect([action.type, action.risk]).toEqual(['github.branch.delete', 'high']);
    expect(action.parameters.fields).toEqual(['addStar', 'deleteRef']);
    expect(action.riskHints).toMatchObject({batched: true});
  });

  test('policy-relevant input fields become parameters; titles and bodies do not', () => {
    const action = dotcom.parseAction(graphql('mutation Merge($input: MergePullRequestInput!) { mergePullRequest(input: $input) { x } }', {input: {pullRequestId: 'PR_1', mergeMethod: 'SQUASH', commitBody: 'secret plans'}}));
    expect(action.parameters).toEqual({operation: 'mutation', operationName: 'Merge', fields: ['mergePullRequest'], pullRequestId: 'PR_1', mergeMethod: 'SQUASH'});
    expect(action.resource).toEqual({provider: 'github', api: 'graphql'});
  });

  test('GitHub Enterprise Server: /api/graphql next to /api/v3', () => {
    const origin = new URL(GHE_BASE_URL).origin;
    const req = request('POST', `${origin}/api/graphql`, {query: 'mutation { mergePullRequest(input: {pullRequestId: "P"}) { x } }'});
    expect(typeAndRisk(ghe, req)).toEqual(['github.pr.merge', 'medium']);
  });

  test('GET /graphql and other methods keep the REST fallback', () => {
    expect(typeAndRisk(dotcom, request('GET', 'https://api.github.com/graphql'))[0]).toBe('github.unknown.get');
  });

  test('the GraphQL types are listed with the connector', () => {
    const types = dotcom.actionTypes().map((t) => t.type);
    expect(types).toEqual(expect.arrayContaining(['github.graphql.query', 'github.graphql.mutation', 'github.graphql.unknown']));
  });
});

describe('octokit.graphql (the official client), calls shaped like gh', () => {
  const CLIENT = path.join(__dirname, 'clients/octokit-graphql.mjs');
  const GRAPHQL_CALLS: [string, string][] = [
    ['github.graphql.query', 'low'],
    ['github.pr.merge', 'medium'],
    ['github.pr.close', 'low'],
    ['github.pr.create', 'low'],
    ['github.branch.delete', 'high'],
    ['github.branch.delete', 'high'],
  ];

  async function capture(apiPrefix: string) {
    const server = await startCaptureServer();
    try {
      await new Promise<void>((resolve, reject) => {
        const child = spawn(process.execPath, [CLIENT], {env: {...process.env, API_BASE_URL: server.url + apiPrefix}, stdio: ['ignore', 'ignore', 'pipe']});
        let stderr = '';
        child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
        child.on('error', reject);
        child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`octokit client exited ${code}: ${stderr}`))));
      });
    } finally {
      await server.close();
    }
    return server;
  }

  test('api.github.com: parseAction names each call', async () => {
    const server = await capture('');
    expect(server.requests.map((r) => r.path)).toEqual(Array(GRAPHQL_CALLS.length).fill('/graphql'));
    expect(server.requests.map((r) => typeAndRisk(dotcom, asRequestInfo(r, 'https://api.github.com')))).toEqual(GRAPHQL_CALLS);
  });

  test('GHES (baseUrl /api/v3): the client posts to /api/graphql; tf parse applies a policy on github.pr.merge to it', async () => {
    const server = await capture('/api/v3');
    const origin = new URL(GHE_BASE_URL).origin;
    expect(server.requests.every((r) => r.path === '/api/graphql')).toBe(true);
    const dir = tempDir('tf-ghe-graphql-');
    const config = dir.write(
      'tf.config.yaml',
      `connectors:\n  ghe:\n    type: github\n    baseUrl: ${GHE_BASE_URL}\n` +
        'policies:\n  rules:\n    - name: no-merges\n      match: github.pr.merge\n      decision: deny\n',
    );
    const entries = await parseJson(['--config', config, dir.write('capture.jsonl', server.toJsonl(origin))]);
    expect(entries.map((e) => [e.action?.type, e.action?.risk])).toEqual(GRAPHQL_CALLS);
    expect(entries.map((e) => e.decision?.effect)).toEqual(['allow', 'deny', 'allow', 'allow', 'allow', 'allow']);
    expect(entries[1].decision?.rule).toBe('no-merges');
  });
});
