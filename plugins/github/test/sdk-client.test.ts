import {spawn} from 'node:child_process';
import path from 'node:path';
import {startCaptureServer} from '../../../test/helpers/capture-server';
import {parseJson} from '../../../test/helpers/cli';
import {tempDir} from '../../../test/helpers/tmp';
import {asRequestInfo, dotcom, ghe, GHE_BASE_URL, SEED_TABLE, typeAndRisk} from './support';

/**
 * The official client (@octokit/rest, ESM: run as a child script) makes the seed's 20 actions against a
 * local server; the captured requests, replayed under the real hosts, must classify exactly as the seed says.
 */
const CLIENT = path.join(__dirname, 'clients/octokit-seed.mjs');
const UPLOAD: [string, string] = ['github.release_asset.upload', 'medium'];
// CLI checks run the built bin/run.js: `npm test` builds first, and a missing build fails (never skips).
const cliTest = test;

function runClient(env: Record<string, string>): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLIENT], {env: {...process.env, ...env}, stdio: ['ignore', 'ignore', 'pipe']});
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`octokit client exited ${code}: ${stderr}`))));
  });
}

async function capture(apiPrefix: string, uploadsPrefix: string) {
  const server = await startCaptureServer();
  try {
    await runClient({API_BASE_URL: server.url + apiPrefix, UPLOADS_BASE_URL: server.url + uploadsPrefix});
  } finally {
    await server.close();
  }
  return server;
}

describe('@octokit/rest against api.github.com', () => {
  let server: Awaited<ReturnType<typeof capture>>;
  // uploads.github.com is another host: the client is pointed at a prefix the replay maps back to it.
  const UPLOADS_PREFIX = '/__uploads';
  beforeAll(async () => {
    server = await capture('', UPLOADS_PREFIX);
  });
  const originOf = (p: string) => (p.startsWith(UPLOADS_PREFIX) ? 'https://uploads.github.com' : 'https://api.github.com');
  const replayPath = (p: string) => (p.startsWith(UPLOADS_PREFIX) ? p.slice(UPLOADS_PREFIX.length) : p);

  test('the client sent the 21 seed calls and one upload', () => {
    expect(server.requests).toHaveLength(SEED_TABLE.length + 1);
    // Slashes in refs and file paths arrive percent-encoded: the connector must decode them.
    expect(server.requests.map((r) => r.path)).toEqual(
      expect.arrayContaining(['/repos/octo-org/hello-world/git/refs/heads%2Ffeat%2Flogin', '/repos/octo-org/hello-world/contents/docs%2Fnew.md']),
    );
  });

  test('parseAction: exactly the seed table, then the upload', () => {
    const actual = server.requests.map((r) => typeAndRisk(dotcom, asRequestInfo({...r, path: replayPath(r.path)}, originOf(r.path))));
    expect(actual).toEqual([...SEED_TABLE, UPLOAD]);
  });

  test('path values decoded, body fields picked up', () => {
    const actions = server.requests.map((r) => dotcom.parseAction(asRequestInfo({...r, path: replayPath(r.path)}, originOf(r.path))));
    expect(actions[1].parameters).toMatchObject({owner: 'octo-org', repo: 'hello-world', pull_number: '7', merge_method: 'squash'});
    expect(actions[9].resource).toMatchObject({ref: 'heads/feat/login'});
    expect(actions[9].riskHints).toMatchObject({irreversible: true});
    expect(actions[12].resource).toMatchObject({path: 'docs/new.md'});
    expect(actions[15].parameters).toMatchObject({name: 'scratch', private: true});
  });

  cliTest('tf parse --json: exactly the seed table, then the upload', async () => {
    const lines = server.requests.map((r) => ({method: r.method, url: originOf(r.path) + replayPath(r.path), headers: r.headers, body: r.body}));
    const jsonl = lines
      .map((l) => JSON.stringify({method: l.method, url: l.url, headers: l.headers, ...(l.body.length ? {body: l.body.toString('base64'), bodyEncoding: 'base64'} : {})}))
      .join('\n');
    const dir = tempDir('tf-github-');
    const entries = await parseJson([dir.write('capture.jsonl', jsonl + '\n')]);
    expect(entries.map((e) => e.connector)).toEqual(Array(lines.length).fill('github'));
    expect(entries.map((e) => [e.action?.type, e.action?.risk])).toEqual([...SEED_TABLE, UPLOAD]);
  });
});

describe('@octokit/rest against GitHub Enterprise Server (baseUrl https://HOST/api/v3)', () => {
  const ORIGIN = new URL(GHE_BASE_URL).origin;
  let server: Awaited<ReturnType<typeof capture>>;
  beforeAll(async () => {
    server = await capture('/api/v3', '/api/uploads');
  });

  test('the client used /api/v3 and /api/uploads', () => {
    expect(server.requests.slice(0, -1).every((r) => r.path.startsWith('/api/v3/'))).toBe(true);
    expect(server.requests[server.requests.length - 1].path).toMatch(/^\/api\/uploads\/repos\/octo-org\/hello-world\/releases\/42\/assets\?name=app\.zip/);
  });

  test('parseAction: the same types and risks as api.github.com', () => {
    expect(server.requests.map((r) => typeAndRisk(ghe, asRequestInfo(r, ORIGIN)))).toEqual([...SEED_TABLE, UPLOAD]);
  });

  cliTest('tf parse --json --config (connectors.ghe, type github, baseUrl): the seed table', async () => {
    const dir = tempDir('tf-ghe-');
    const config = dir.write('tf.config.yaml', `connectors:\n  ghe:\n    type: github\n    baseUrl: ${GHE_BASE_URL}\n`);
    const entries = await parseJson(['--config', config, dir.write('capture.jsonl', server.toJsonl(ORIGIN))]);
    expect(entries.map((e) => e.connector)).toEqual(Array(server.requests.length).fill('ghe'));
    expect(entries.map((e) => [e.action?.type, e.action?.risk])).toEqual([...SEED_TABLE, UPLOAD]);
  });
});
