import {execFileSync} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import type {ConnectorInstance} from '../../src/connectors/registry';
import {splitRunArgv, valueFlagNames} from '../../src/run/argv';
import {writeCaBundle} from '../../src/proxy/ca-bundle';
import {AGENT_PLACEHOLDER, childEnv} from '../../src/run/child-env';

describe('splitRunArgv', () => {
  const flags = valueFlagNames({agent: {type: 'option'}, proxy: {type: 'option'}, config: {type: 'option', char: 'c'}, json: {type: 'boolean'}});
  const split = (...argv: string[]) => splitRunArgv(argv, flags);

  test('everything after the first -- is the command, verbatim', () => {
    expect(split('--agent', 'a', '--', 'curl', '-d', 'x', '-d', 'y', '--', '--agent')).toEqual({own: ['--agent', 'a'], command: ['curl', '-d', 'x', '-d', 'y', '--', '--agent']});
    expect(split('--', 'node')).toEqual({own: [], command: ['node']});
  });

  test('without --, the command starts at the first word that is not a tf flag or its value', () => {
    expect(split('-c', 'tf.yaml', '--agent=bot', '--json', 'node', 'agent.js', '--agent', 'x')).toEqual({
      own: ['-c', 'tf.yaml', '--agent=bot', '--json'],
      command: ['node', 'agent.js', '--agent', 'x'],
    });
    expect(split()).toEqual({own: [], command: []});
  });

  test('a value flag never swallows the --', () => {
    expect(split('--agent', '--', 'node')).toEqual({own: ['--agent'], command: ['node']});
  });
});

describe('childEnv', () => {
  const instance = (config: Record<string, unknown>, type: {defaultTokenEnv?: string; defaultAgentEnv?: string}) =>
    ({config: {name: 'x', type: 'x', ...config}, connectorType: type}) as unknown as ConnectorInstance;
  const build = (base: NodeJS.ProcessEnv, connectors: ConnectorInstance[] = [], proxyUrl = 'http://127.0.0.1:9') =>
    childEnv({base, proxyUrl, caBundlePath: '/b.pem', caPath: '/dir with space/ca.pem', preloadPath: '/p a/preload.js', undiciPath: '/u', connectors});

  test('real keys are removed, under their configured or default variable; placeholders set', () => {
    const env = build({GITHUB_TOKEN: 'real-1', MY_OPENAI: 'real-2', OPENAI_API_KEY: 'agent-copy', KEEP: 'k'}, [
      instance({}, {defaultTokenEnv: 'GITHUB_TOKEN', defaultAgentEnv: 'GITHUB_TOKEN'}),
      instance({tokenEnv: 'MY_OPENAI'}, {defaultTokenEnv: 'OPENAI_API_KEY', defaultAgentEnv: 'OPENAI_API_KEY'}),
      instance({agentEnv: 'SLACK_TOKEN'}, {defaultTokenEnv: 'SLACK_BOT_TOKEN', defaultAgentEnv: 'SLACK_BOT_TOKEN'}),
    ]);
    expect(env.GITHUB_TOKEN).toBe(AGENT_PLACEHOLDER);
    expect(env.MY_OPENAI).toBeUndefined();
    expect(env.OPENAI_API_KEY).toBe(AGENT_PLACEHOLDER);
    expect(env.SLACK_TOKEN).toBe(AGENT_PLACEHOLDER);
    expect(env.SLACK_BOT_TOKEN).toBeUndefined();
    expect(env.KEEP).toBe('k');
  });

  test('existing NODE_OPTIONS are kept and the preload path is escaped', () => {
    expect(build({NODE_OPTIONS: '--inspect'}).NODE_OPTIONS).toBe('--inspect --require "/p a/preload.js"');
    expect(build({}).NODE_OPTIONS).toBe('--require "/p a/preload.js"');
  });

  test('a preload path with spaces and quotes still loads', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tf preload "q" '));
    try {
      const preload = path.join(dir, 'pre load.js');
      writeFileSync(preload, 'process.stdout.write("PRELOADED ")');
      const env = childEnv({base: {PATH: process.env.PATH, NODE_OPTIONS: '--no-warnings'}, proxyUrl: 'http://127.0.0.1:9', caBundlePath: '/b', caPath: '/c', preloadPath: preload, undiciPath: '/u', connectors: []});
      delete env.NODE_EXTRA_CA_CERTS;
      expect(execFileSync(process.execPath, ['-e', 'process.stdout.write("main")'], {env, encoding: 'utf8'})).toBe('PRELOADED main');
    } finally {
      rmSync(dir, {recursive: true, force: true});
    }
  });

  test('with an agent name in the proxy URL, git sends proxy credentials up front, after the user\'s own -c settings', () => {
    expect(build({}).GIT_CONFIG_COUNT).toBeUndefined();
    const env = build({GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: 'user.name', GIT_CONFIG_VALUE_0: 'me'}, [], 'http://bot:tf@127.0.0.1:9');
    expect(env).toMatchObject({GIT_CONFIG_COUNT: '2', GIT_CONFIG_KEY_0: 'user.name', GIT_CONFIG_KEY_1: 'http.proxyAuthMethod', GIT_CONFIG_VALUE_1: 'basic'});
  });
});

describe('writeCaBundle', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'tf-bundle-'));
  });
  afterAll(() => rmSync(dir, {recursive: true, force: true}));

  test("the user's SSL_CERT_FILE roots, plus tf's CA; rewritten only on change", () => {
    const roots = path.join(dir, 'corp.pem');
    writeFileSync(roots, '-----BEGIN CERTIFICATE-----\nCORP\n-----END CERTIFICATE-----\n');
    const file = writeCaBundle(path.join(dir, 'run'), '-----BEGIN CERTIFICATE-----\nTF\n-----END CERTIFICATE-----', {SSL_CERT_FILE: roots});
    expect(readFileSync(file, 'utf8')).toBe('-----BEGIN CERTIFICATE-----\nCORP\n-----END CERTIFICATE-----\n# tf local CA\n-----BEGIN CERTIFICATE-----\nTF\n-----END CERTIFICATE-----\n');
    // Pointing SSL_CERT_FILE at the bundle itself (a nested tf run) does not nest it.
    expect(writeCaBundle(path.join(dir, 'run'), '-----BEGIN CERTIFICATE-----\nTF\n-----END CERTIFICATE-----', {SSL_CERT_FILE: file})).toBe(file);
    expect(readFileSync(file, 'utf8')).not.toContain('CORP');
    const inode = statSync(file).ino;
    writeCaBundle(path.join(dir, 'run'), '-----BEGIN CERTIFICATE-----\nTF\n-----END CERTIFICATE-----', {SSL_CERT_FILE: file});
    expect(statSync(file).ino).toBe(inode);
  });
});
