import {execFileSync} from 'node:child_process';
import {mkdirSync, readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {createBareRepo, createWorld, REAL, type World} from './helpers';

// git over HTTPS to github.com, routed to `git http-backend`: the child has no credential helper and
// no token; the proxy adds `Authorization: Basic base64(x-access-token:PAT)`.
let w: World;
let bare: string;

const GIT_IDENTITY = {GIT_AUTHOR_NAME: 'Agent', GIT_AUTHOR_EMAIL: 'agent@example.com', GIT_COMMITTER_NAME: 'Agent', GIT_COMMITTER_EMAIL: 'agent@example.com'};

beforeAll(async () => {
  w = await createWorld();
  bare = createBareRepo(path.join(w.gitRoot, 'acme'), 'widgets.git');
  // Seed the repository directly on disk (not through tf).
  const seed = path.join(w.dir, 'seed');
  mkdirSync(seed);
  const git = (...args: string[]) => execFileSync('git', args, {cwd: seed, env: {...process.env, ...w.env, ...GIT_IDENTITY} as NodeJS.ProcessEnv});
  git('init', '--quiet', '--initial-branch=main');
  writeFileSync(path.join(seed, 'README.md'), '# widgets\n');
  git('add', 'README.md');
  git('commit', '--quiet', '-m', 'initial');
  git('push', '--quiet', bare, 'main');
});

afterAll(async () => {
  await w?.close();
});

const basic = `Basic ${Buffer.from(`x-access-token:${REAL.github}`).toString('base64')}`;

test('git clone and git push through tf run, token injected by the proxy', async () => {
  const script = [
    'set -e',
    'git clone --quiet https://github.com/acme/widgets.git work',
    'cd work',
    'test "$(cat README.md)" = "# widgets"',
    'echo change >> README.md',
    'git commit --quiet -am "agent change"',
    'git push --quiet origin main',
    // No credential ever reached the child's side.
    'if git config --get-regexp "credential|extraheader"; then exit 9; fi',
    'env | grep -c ghp_ && exit 8 || true',
  ].join('\n');
  const result = await w.tf(['run', '--agent', 'git-bot', '--', 'sh', '-c', script], {env: {...GIT_IDENTITY, GIT_TRACE: undefined}});
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);

  // The bare repository received the agent's commit.
  const log = execFileSync('git', ['--git-dir', bare, 'log', '--format=%s', 'main'], {encoding: 'utf8'});
  expect(log.split('\n').filter(Boolean)).toEqual(['agent change', 'initial']);
  expect(readFileSync(path.join(w.dir, 'work', 'README.md'), 'utf8')).toBe('# widgets\nchange\n');

  // Every request reached the upstream with the real token as x-access-token, none without it.
  expect(w.gitLog.length).toBeGreaterThanOrEqual(4);
  for (const entry of w.gitLog) expect(entry.authorization).toBe(basic);
  expect(w.gitLog.map((e) => `${e.method} ${e.path}`)).toEqual(
    expect.arrayContaining([
      'GET /acme/widgets.git/info/refs?service=git-upload-pack',
      'POST /acme/widgets.git/git-upload-pack',
      'GET /acme/widgets.git/info/refs?service=git-receive-pack',
      'POST /acme/widgets.git/git-receive-pack',
    ]),
  );

  const records = w.audit().filter((r) => r.kind === 'request' && r.host === 'github.com');
  expect(records.length).toBe(w.gitLog.length);
  const actions = new Set(records.map((r) => r.action));
  expect(actions).toEqual(new Set(['github.git.fetch', 'github.git.push']));
  for (const r of records) expect(r).toMatchObject({connector: 'github', agent: 'git-bot', decision: 'allow'});
  expect(records.find((r) => r.path === '/acme/widgets.git/git-receive-pack')).toMatchObject({action: 'github.git.push', status: 200});
});
