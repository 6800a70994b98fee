import {mkdirSync, readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {runTf} from '../helpers/cli';
import {tempDir} from '../helpers/tmp';

const list = async (cwd: string, extra: string[] = []) => {
  const result = await runTf(['connector', 'list', '--json', ...extra], {cwd});
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as {config: string | null; connectors: {name: string; type: string; domains: string[]}[]};
};

describe('config discovery', () => {
  test.each(['tf.config.yaml', '.tfrc.yaml', '.tfrc.yml', '.tfrc'])('finds %s in a parent directory of the cwd', async (name) => {
    const tmp = tempDir('tf-find-');
    tmp.write(name, 'connectors:\n  ex:\n    type: generic\n    domains: [api.example.com]\n');
    const sub = tmp.path('a', 'b');
    mkdirSync(sub, {recursive: true});
    const out = await list(sub);
    expect(out.config).toBe(tmp.path(name));
    expect(out.connectors.map((c) => c.name)).toEqual(['ex']);
  });

  test('reads package.json#tf, and --config overrides the search', async () => {
    const tmp = tempDir('tf-pkg-');
    tmp.write('package.json', JSON.stringify({name: 'agent', tf: {connectors: {pkg: {type: 'generic', domains: ['pkg.example.com']}}}}));
    const other = tmp.write('other.yaml', 'connectors:\n  other:\n    type: generic\n    domains: other.example.com\n');
    expect((await list(tmp.dir)).connectors.map((c) => c.name)).toEqual(['pkg']);
    const overridden = await list(tmp.dir, ['--config', other]);
    expect(overridden.connectors.map((c) => [c.name, c.domains])).toEqual([['other', ['other.example.com']]]);
  });
});

describe('connector add / remove round-trips', () => {
  test('creates tf.config.yaml, appends instances, keeps comments and order, removes cleanly', async () => {
    const tmp = tempDir('tf-add-');
    const first = await runTf(['connector', 'add', 'generic', '--domains', 'api.example.com,api.other.com', '--token-env', 'EXAMPLE_KEY', '--auth-header', 'X-API-Key'], {cwd: tmp.dir});
    expect(first.code).toBe(0);
    const file = tmp.path('tf.config.yaml');
    // A user edits the file by hand: comments and a proxy section must survive later edits.
    writeFileSync(file, '# my gateway\n' + readFileSync(file, 'utf8').replace('connectors:', 'connectors: # all of them') + 'proxy:\n  port: 8080 # fixed port\n');
    const second = await runTf(['connector', 'add', 'github', '--name', 'ghe', '--token-env', 'GHE_TOKEN', '--base-url', 'https://github.yourcompany.com/api/v3'], {cwd: tmp.dir});
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('Added connector ghe (github) for github.yourcompany.com');
    let text = readFileSync(file, 'utf8');
    expect(text).toContain('# my gateway');
    expect(text).toContain('# all of them'); // yaml keeps the comment (it may move it onto its own line)
    expect(text).toContain('port: 8080 # fixed port');
    expect(text.indexOf('generic:')).toBeLessThan(text.indexOf('ghe:'));
    expect(text).toMatch(/ghe:\n\s+type: github\n\s+tokenEnv: GHE_TOKEN\n\s+baseUrl: https:\/\/github\.yourcompany\.com\/api\/v3/);

    const out = await list(tmp.dir);
    expect(out.connectors.map((c) => [c.name, c.type, c.domains])).toEqual([
      ['generic', 'generic', ['api.example.com', 'api.other.com']],
      ['ghe', 'github', ['github.yourcompany.com']],
    ]);

    const removed = await runTf(['connector', 'remove', 'generic'], {cwd: tmp.dir});
    expect(removed.code).toBe(0);
    text = readFileSync(file, 'utf8');
    expect(text).not.toContain('generic:');
    expect(text).toContain('# my gateway');
    expect(text).toContain('port: 8080 # fixed port');
  });

  test.each([
    ['duplicate name', ['generic', '--name', 'ex', '--domains', 'b.example.com'], /a connector named "ex" already exists/],
    ['unknown type', ['jira2'], /unknown connector type "jira2" \(installed: .*generic.*github/],
    ['malformed base URL', ['github', '--name', 'g2', '--base-url', 'not a url'], /invalid base URL "not a url"/],
    ['base URL with a bad scheme', ['github', '--name', 'g3', '--base-url', 'ftp://x.example.com/api/v3'], /only http and https/],
    ['malformed domain', ['generic', '--name', 'g4', '--domains', 'bad_domain!,ok.example.com'], /invalid domain "bad_domain!"/],
    ['domain already claimed', ['generic', '--name', 'g5', '--domains', 'a.example.com'], /domain a\.example\.com is claimed by both connectors "ex" and "g5"/],
    ['a pasted token instead of a variable name', ['generic', '--name', 'g6', '--domains', 'c.example.com', '--token-env', 'ghp_0123456789abcdefghijklmnopqrstuvwxyz'], /takes the NAME of an environment variable/],
    ['generic without domains', ['generic', '--name', 'g7'], /needs --domains/],
  ])('%s → one-line error, exit 2, config untouched', async (_label, args, message) => {
    const tmp = tempDir('tf-bad-');
    const original = '# keep me\nconnectors:\n  ex:\n    type: generic\n    domains: [a.example.com]\n';
    const file = tmp.write('tf.config.yaml', original);
    const result = await runTf(['connector', 'add', ...args], {cwd: tmp.dir});
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).not.toContain('ghp_0123456789'); // never echo a secret
    expect(readFileSync(file, 'utf8')).toBe(original);
  });

  test('remove of an unknown name fails with the configured names', async () => {
    const tmp = tempDir('tf-rm-');
    tmp.write('tf.config.yaml', 'connectors:\n  ex:\n    type: generic\n    domains: [a.example.com]\n');
    const result = await runTf(['connector', 'remove', 'nope'], {cwd: tmp.dir});
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/no connector named "nope" \(configured: ex\)/);
  });
});

describe('config validation errors name file, line and field', () => {
  test.each([
    ['invalid YAML', 'connectors:\n  ex:\n    type: generic\n   domains: [x\n', /tf\.config\.yaml:\d+: invalid YAML/],
    ['literal token', 'connectors:\n  ex:\n    type: generic\n    domains: [a.example.com]\n    token: abc123\n', /tf\.config\.yaml:5: connectors\.ex\.token: literal credentials are not allowed/],
    ['tokenEnv holding a token', 'connectors:\n  ex:\n    type: generic\n    domains: [a.example.com]\n    tokenEnv: sk-live-abc.def\n', /tf\.config\.yaml:5: connectors\.ex\.tokenEnv: must be an environment variable name/],
    ['unknown type', 'connectors:\n  ex:\n    type: nosuch\n', /tf\.config\.yaml:2: connectors\.ex: unknown connector type "nosuch"/],
    ['unknown field', 'connectors:\n  ex:\n    type: generic\n    domain: a.example.com\n', /tf\.config\.yaml:4: connectors\.ex\.domain: unknown field/],
    ['unknown section', 'connector:\n  ex: {}\n', /tf\.config\.yaml:1: unknown section "connector"/],
  ])('%s', async (_label, text, message) => {
    const tmp = tempDir('tf-val-');
    tmp.write('tf.config.yaml', text);
    const result = await runTf(['connector', 'list'], {cwd: tmp.dir});
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toContain('abc123');
    expect(result.stderr).not.toContain('sk-live');
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });

  test('--config pointing at a missing file is an error for read commands', async () => {
    const tmp = tempDir('tf-missing-');
    const result = await runTf(['connector', 'list', '--config', path.join(tmp.dir, 'nope.yaml')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/nope\.yaml: config file not found/);
  });
});
