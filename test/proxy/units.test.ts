import {X509Certificate} from 'node:crypto';
import {appendFileSync, readFileSync, statSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {AuditWriter, blankEntry, GENESIS, openLine, sealLine, verifyAuditLog, globToRegExp} from '../../src/audit';
import {parseSince} from '../../src/audit/location';
import type {AuditEntry} from '../../src/audit/entry';
import {ConfigFile} from '../../src/config/config-file';
import {validateConfig} from '../../src/config/load';
import {createCertificateAuthority, ensureCertificateAuthority, issueServerCertificate} from '../../src/proxy/ca';
import {parseProxySettings} from '../../src/proxy/config';
import * as der from '../../src/proxy/der';
import {inboundHeaders, outboundHeaders} from '../../src/proxy/headers';
import {InflightList} from '../../src/proxy/inflight';
import {LruCache} from '../../src/proxy/lru';
import {parseProxyAuthorization} from '../../src/proxy/stages/authenticate';
import {parseAuthority} from '../../src/proxy/tunnel';
import {removeDir, tempDir} from './helpers';

let dir: string;
beforeAll(() => {
  dir = tempDir();
});
afterAll(() => removeDir(dir));

describe('certificates (hand-written DER)', () => {
  const ca = createCertificateAuthority('unit CA');
  const caCert = new X509Certificate(ca.certPem);

  test('the CA is a self-signed CA certificate for an ECDSA P-256 key', () => {
    expect(caCert.ca).toBe(true);
    expect(caCert.verify(caCert.publicKey)).toBe(true);
    expect(caCert.publicKey.asymmetricKeyDetails).toMatchObject({namedCurve: 'prime256v1'});
    expect(caCert.subject).toContain('CN=unit CA');
  });

  test.each([
    [['api.github.com'], 'DNS:api.github.com'],
    [['127.0.0.1'], 'IP Address:127.0.0.1'],
    [['::1'], 'IP Address:0:0:0:0:0:0:0:1'],
    [['a.example.test', 'b.example.test'], 'DNS:a.example.test, DNS:b.example.test'],
  ])('a leaf for %j is signed by the CA with SAN %s', (hosts, san) => {
    const leaf = new X509Certificate(issueServerCertificate(ca, hosts).certPem);
    expect(leaf.ca).toBe(false);
    expect(leaf.verify(caCert.publicKey)).toBe(true);
    expect(leaf.checkIssued(caCert)).toBe(true);
    expect(leaf.subjectAltName).toBe(san);
    expect(Date.parse(leaf.validTo)).toBeLessThanOrEqual(Date.parse(caCert.validTo));
  });

  test.each([
    [0, '020100'],
    [127, '02017f'],
    [128, '02020080'],
    [65537, '0203010001'],
  ])('INTEGER %d encodes as %s', (value, hex) => {
    expect(der.integer(value).toString('hex')).toBe(hex);
  });

  test('OIDs and long lengths encode per X.690', () => {
    expect(der.objectIdentifier('1.2.840.10045.4.3.2').toString('hex')).toBe('06082a8648ce3d040302');
    const long = der.octetString(Buffer.alloc(300));
    expect(long.subarray(0, 4).toString('hex')).toBe('0482012c');
    expect(der.readNode(long)).toMatchObject({contentStart: 4, end: 304});
  });

  test('ensureCertificateAuthority creates once (key 0600) and reuses it', () => {
    const data = path.join(dir, 'data');
    const first = ensureCertificateAuthority(data);
    const pem = readFileSync(first.certPath, 'utf8');
    expect(statSync(first.keyPath).mode & 0o777).toBe(0o600);
    expect(ensureCertificateAuthority(data).certPath).toBe(first.certPath);
    expect(readFileSync(first.certPath, 'utf8')).toBe(pem);
  });
});

const entry = (n: number): AuditEntry => ({
  ...blankEntry('request', `req_${n}`, new Date(0).toISOString()),
  connector: 'svc', action: 'svc.get', risk: 'low', decision: 'allow', method: 'GET', host: 'svc.test', path: '/',
  status: 200, upstreamStatus: 200, upstreamMs: 1, overheadMs: 0.1, bytesOut: n,
});

describe('audit hash chain', () => {
  test('a sealed line opens to its record; any edit breaks its own hash', () => {
    const {line, hash} = sealLine({a: 1}, GENESIS);
    expect(openLine(line)).toMatchObject({ok: true, prev: GENESIS, hash, record: {a: 1}});
    expect(openLine(line.replace('"a":1', '"a":2'))).toMatchObject({ok: false, reason: expect.stringContaining('modified')});
  });

  test('the writer continues the chain across restarts, and verify walks it', async () => {
    const file = path.join(dir, 'chain.jsonl');
    const first = AuditWriter.open(file);
    first.append(entry(1));
    first.append(entry(2));
    first.close();
    const second = AuditWriter.open(file);
    second.append(entry(3));
    second.close();
    // A restarted proxy is a second writer: its chain links to the last line the first one wrote.
    expect(await verifyAuditLog(file)).toEqual({ok: true, lines: 3, chains: 2});
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  test.each<[string, (lines: string[]) => string[], number, RegExp]>([
    ['an edited line', (l) => [l[0], l[1].replace('"bytesOut":2', '"bytesOut":9'), l[2]], 2, /modified/],
    ['a removed line', (l) => [l[0], l[2]], 2, /removed/],
    ['reordered lines', (l) => [l[0], l[2], l[1]], 2, /removed, inserted or reordered/],
    ['a removed first line', (l) => [l[1], l[2]], 1, /first line/],
    ['an appended forgery', (l) => [...l, '{"forged":true}'], 4, /not a sealed/],
  ])('verify reports %s at the first broken line', async (_what, tamper, line, reason) => {
    const lines = readFileSync(path.join(dir, 'chain.jsonl'), 'utf8').trimEnd().split('\n');
    const file = path.join(dir, 'tampered.jsonl');
    writeFileSync(file, tamper(lines).join('\n') + '\n');
    const result = await verifyAuditLog(file);
    expect(result.ok).toBe(false);
    expect(result.broken).toMatchObject({line, reason: expect.stringMatching(reason)});
  });

  test('two writers on one file: interleaved batches, each chain verifies; a line dropped from one breaks it', async () => {
    const file = path.join(dir, 'two-writers.jsonl');
    const a = AuditWriter.open(file);
    const b = AuditWriter.open(file);
    for (let i = 0; i < 4; i++) {
      a.append(entry(i));
      a.flush();
      b.append(entry(10 + i));
      b.append(entry(20 + i));
      b.flush();
    }
    a.close();
    b.close();
    expect(await verifyAuditLog(file)).toEqual({ok: true, lines: 12, chains: 2});
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
    writeFileSync(file, [...lines.slice(0, 3), ...lines.slice(4)].join('\n') + '\n'); // line 4: a's second
    expect((await verifyAuditLog(file)).broken).toMatchObject({line: 6, reason: expect.stringContaining(`of writer ${a.chain}`)});
  });

  test('a torn last line (crash mid-write) stays visible to verify after restart', async () => {
    const file = path.join(dir, 'torn.jsonl');
    const w = AuditWriter.open(file);
    w.append(entry(1));
    w.close();
    appendFileSync(file, '{"time":"half');
    const again = AuditWriter.open(file);
    again.append(entry(2));
    again.close();
    expect((await verifyAuditLog(file)).broken).toMatchObject({line: 2});
  });
});

describe('proxy settings validation', () => {
  function load(yaml: string) {
    const file = path.join(dir, 'tf.config.yaml');
    writeFileSync(file, yaml);
    const config = validateConfig(ConfigFile.read(file));
    return () => parseProxySettings(config.proxy, config.file);
  }

  test('defaults: 15 min upstream timeout, 1 MiB body cap, no routes', () => {
    const settings = load('proxy: {}\n')();
    expect(settings).toMatchObject({upstreamTimeoutMs: 900_000, bodyLimit: 1024 * 1024, passthrough: []});
    expect(settings.routes.size).toBe(0);
  });

  test('routes, durations and sizes parse', () => {
    const settings = load('proxy:\n  routes:\n    api.github.com: https://127.0.0.1:9443\n  upstreamTimeout: 500ms\n  bodyLimit: 64kb\n  passthrough: [files.example.com, "*.cdn.test"]\n')();
    expect(settings.routes.get('api.github.com')!.origin).toBe('https://127.0.0.1:9443');
    expect(settings.upstreamTimeoutMs).toBe(500);
    expect(settings.bodyLimit).toBe(65536);
    expect(settings.passthrough).toEqual(['files.example.com', '*.cdn.test']);
  });

  test.each([
    ['proxy:\n  routes:\n    api.github.com: not a url\n', /tf\.config\.yaml:3: proxy\.routes\.api\.github\.com: must be an origin/],
    ['proxy:\n  routes:\n    api.github.com: https://x.test/some/path\n', /:3: proxy\.routes\.api\.github\.com: must be an origin/],
    ['proxy:\n  colour: blue\n', /tf\.config\.yaml:2: proxy\.colour: unknown field/],
    ['proxy:\n  upstreamTimeout: soon\n', /:2: proxy\.upstreamTimeout: must be a duration/],
    ['proxy:\n  upstreamCa: ./missing.pem\n', /:2: proxy\.upstreamCa: cannot read .*missing\.pem \(ENOENT\)/],
    ['proxy:\n  passthrough: [ok.test, "bad host"]\n', /:2: proxy\.passthrough: must be a list of host names/],
  ])('%j fails with one line naming file:line', (yaml, message) => {
    const parse = load(yaml);
    expect(parse).toThrow(message);
    try {
      parse();
    } catch (error) {
      expect((error as Error).message).not.toContain('\n');
    }
  });

  test('a pasted token in authTokenEnv is refused without being echoed', () => {
    expect(load('proxy:\n  authTokenEnv: "sk-live abc/123"\n')).toThrow(/:2: proxy\.authTokenEnv: must be an environment variable name/);
    expect(load('proxy:\n  authTokenEnv: "sk-live abc/123"\n')).not.toThrow(/abc/);
  });
});

describe('small pieces', () => {
  test('the LRU evicts the least recently used entry', () => {
    const lru = new LruCache<string, number>(2);
    lru.set('a', 1);
    lru.set('b', 2);
    lru.get('a');
    lru.set('c', 3);
    expect([lru.get('a'), lru.get('b'), lru.get('c'), lru.size]).toEqual([1, undefined, 3, 2]);
  });

  test.each([
    ['api.github.com:443', {host: 'api.github.com', port: 443}],
    ['API.GitHub.com:8443', {host: 'api.github.com', port: 8443}],
    ['[::1]:443', {host: '::1', port: 443}],
    ['api.github.com', undefined],
    ['api.github.com:0', undefined],
    ['a b:443', undefined],
  ])('CONNECT authority %s', (authority, expected) => {
    expect(parseAuthority(authority)).toEqual(expected);
  });

  test('Proxy-Authorization: Basic user:token and Bearer token', () => {
    expect(parseProxyAuthorization(`Basic ${Buffer.from('bot:tok:en').toString('base64')}`)).toEqual({user: 'bot', token: 'tok:en'});
    expect(parseProxyAuthorization('Bearer abc')).toEqual({user: '', token: 'abc'});
    expect(parseProxyAuthorization('Digest x')).toBeUndefined();
  });

  test('hop-by-hop headers (and those named in Connection) never cross the proxy', () => {
    const out = outboundHeaders(
      {host: 'evil.test', connection: 'keep-alive, x-hop', 'x-hop': '1', 'keep-alive': '5', 'proxy-authorization': 'Basic x', 'proxy-connection': 'keep-alive', te: 'trailers', 'transfer-encoding': 'chunked', upgrade: 'h2c', expect: '100-continue', 'x-tf-request-id': 'forged', accept: '*/*'},
      'api.github.com',
    );
    expect(out).toEqual({host: 'api.github.com', accept: '*/*'});
    expect(inboundHeaders({'content-type': 'a', connection: 'close', 'transfer-encoding': 'chunked', 'set-cookie': ['a', 'b']})).toEqual({'content-type': 'a', 'set-cookie': ['a', 'b']});
  });

  test('--action globs and --since durations', () => {
    expect(globToRegExp('github.*').test('github.pr.create')).toBe(true);
    expect(globToRegExp('*.delete').test('github.repo.delete')).toBe(true);
    expect(globToRegExp('github.*').test('githubXpr')).toBe(false);
    expect(parseSince('2h', 10_000_000).getTime()).toBe(10_000_000 - 7_200_000);
    expect(parseSince('2026-01-31T00:00:00Z').toISOString()).toBe('2026-01-31T00:00:00.000Z');
    expect(() => parseSince('yesterday')).toThrow(/--since/);
  });
});

describe('in-flight list', () => {
  test('removes from any position by swapping, and keeps every other entry reachable', () => {
    const list = new InflightList<string>();
    const cuts: string[] = [];
    const entries = ['a', 'b', 'c', 'd'].map((name) => list.add(name, () => cuts.push(name)));
    list.remove(entries[1]); // b: d moves into its slot
    list.remove(entries[0]);
    expect(list.size).toBe(2);
    expect(list.snapshot().map((e) => e.item).sort()).toEqual(['c', 'd']);
    for (const entry of list.snapshot()) entry.cut();
    expect(cuts.sort()).toEqual(['c', 'd']);
  });

  test('a second remove of the same entry does not drop another one', () => {
    const list = new InflightList<number>();
    const one = list.add(1, () => {});
    list.add(2, () => {});
    list.remove(one);
    list.remove(one);
    expect(list.snapshot().map((e) => e.item)).toEqual([2]);
  });

  test('removing while iterating a snapshot visits every entry once', () => {
    const list = new InflightList<number>();
    const seen: number[] = [];
    for (let i = 0; i < 5; i++) {
      const entry: ReturnType<typeof list.add> = list.add(i, () => {
        seen.push(i);
        list.remove(entry);
      });
    }
    for (const entry of list.snapshot()) entry.cut();
    expect(seen.sort()).toEqual([0, 1, 2, 3, 4]);
    expect(list.size).toBe(0);
  });
});
