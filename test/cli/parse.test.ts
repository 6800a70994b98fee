import {parseJson, runTf} from '../helpers/cli';
import {tempDir} from '../helpers/tmp';

/** Capture formats and bad input through the real CLI; a generic connector keeps types exact and independent of other plugins. */
const tmp = tempDir('tf-parse-');
const config = tmp.write(
  'tf.config.yaml',
  ['connectors:', '  ex:', '    type: generic', '    domains: [api.example.com]', '    tokenEnv: EXAMPLE_KEY', ''].join('\n'),
);
const withConfig = (args: string[]) => [...args, '--config', config];

describe('tf parse formats', () => {
  test('HAR 1.2 with JSON, base64 and form-params bodies', async () => {
    const har = {
      log: {
        version: '1.2',
        entries: [
          {request: {method: 'GET', url: 'https://api.example.com/items?page=2', headers: [{name: 'Accept', value: 'application/json'}]}},
          {request: {method: 'post', url: 'https://api.example.com/items', headers: [], postData: {mimeType: 'application/json', text: '{"name":"a"}'}}},
          {request: {method: 'PUT', url: 'https://api.example.com/items/1', headers: [], postData: {mimeType: 'application/json', text: Buffer.from('{"name":"b"}').toString('base64'), encoding: 'base64'}}},
          {request: {method: 'PATCH', url: 'https://api.example.com/items/1', headers: [], postData: {mimeType: 'application/x-www-form-urlencoded', params: [{name: 'a', value: '1'}]}}},
          {request: {method: 'DELETE', url: 'https://elsewhere.test/x', headers: []}},
        ],
      },
    };
    const out = await parseJson(withConfig([tmp.write('session.har', JSON.stringify(har, null, 2))]));
    expect(out.map((e) => [e.index, e.method, e.connector, e.action?.type ?? null, e.action?.risk ?? null])).toEqual([
      [0, 'GET', 'ex', 'generic.get', 'low'],
      [1, 'POST', 'ex', 'generic.post', 'medium'],
      [2, 'PUT', 'ex', 'generic.put', 'medium'],
      [3, 'PATCH', 'ex', 'generic.patch', 'medium'],
      [4, 'DELETE', null, null, null],
    ]);
    expect(out[4].error).toBeNull();
  });

  test('raw HTTP/1.1: several messages, Content-Length and chunked bodies, origin-form with Host', async () => {
    const raw =
      'POST /v1/things HTTP/1.1\r\nHost: api.example.com\r\nContent-Type: application/json\r\nContent-Length: 11\r\n\r\n{"a":"b c"}' +
      '\r\n\r\n' +
      'PUT https://api.example.com/v1/things/1 HTTP/1.1\r\nTransfer-Encoding: chunked\r\nContent-Type: application/json\r\n\r\n5\r\n{"a":\r\n4\r\n"b"}\r\n0\r\n\r\n' +
      'GET /v1/things/ HTTP/1.1\r\nHost: api.example.com\r\n\r\n';
    const out = await parseJson(withConfig([tmp.write('requests.http', raw)]));
    expect(out.map((e) => [e.method, e.url, e.action?.type])).toEqual([
      ['POST', 'https://api.example.com/v1/things', 'generic.post'],
      ['PUT', 'https://api.example.com/v1/things/1', 'generic.put'],
      ['GET', 'https://api.example.com/v1/things/', 'generic.get'],
    ]);
  });

  test('JSON Lines from a file and from stdin, in input order', async () => {
    const lines = [
      {method: 'GET', url: 'https://api.example.com/a'},
      {method: 'DELETE', url: 'https://api.example.com/a/1', headers: {authorization: 'Bearer dummy'}},
      {method: 'POST', url: 'https://api.example.com/b', body: {x: 1}},
    ].map((l) => JSON.stringify(l)).join('\n');
    const file = await parseJson(withConfig([tmp.write('capture.jsonl', lines)]));
    const stdin = await parseJson(withConfig(['-']), {input: lines});
    for (const out of [file, stdin]) {
      expect(out.map((e) => e.action?.type)).toEqual(['generic.get', 'generic.delete', 'generic.post']);
      expect(out[1].action?.riskHints).toEqual({irreversible: true});
    }
  });

  test('inline request with --data and -H', async () => {
    const out = await parseJson(withConfig(['PATCH', 'https://api.example.com/x/1', '--data', '{"state":"closed"}', '-H', 'content-type: application/json']));
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({method: 'PATCH', connector: 'ex', action: {type: 'generic.patch', risk: 'medium'}, error: null});
  });

  test('human output: a row per request and a summary counting actions, types and risks', async () => {
    const lines = ['GET https://api.example.com/a', 'DELETE https://api.example.com/a/1', 'GET https://nobody.test/'].map((l) => {
      const [method, url] = l.split(' ');
      return JSON.stringify({method, url});
    });
    const result = await runTf(withConfig(['parse', tmp.write('human.jsonl', lines.join('\n'))]));
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^#\s+METHOD\s+URL\s+CONNECTOR\s+ACTION\s+RISK/m);
    expect(result.stdout).toMatch(/^1\s+DELETE\s+api\.example\.com\/a\/1\s+ex\s+generic\.delete\s+high\s+allow \(default\)$/m);
    expect(result.stdout).toContain('3 requests: 2 actions, 1 without a connector (denied)');
    expect(result.stdout).toMatch(/risk: low 1, high 1/);
    expect(result.stdout).not.toMatch(/\x1b\[/); // no colour when not a TTY
  });
});

describe('tf parse bad input', () => {
  test('unreadable file: named, other inputs still parsed, exit 1', async () => {
    const good = tmp.write('good.jsonl', JSON.stringify({method: 'GET', url: 'https://api.example.com/'}));
    const result = await runTf(withConfig(['parse', tmp.path('missing.har'), good, '--json']));
    expect(result.code).toBe(1);
    const out = JSON.parse(result.stdout);
    expect(out[0].error).toBe(`${tmp.path('missing.har')}: cannot read file (not found)`);
    expect(out[1].action.type).toBe('generic.get');
  });

  test.each([
    ['invalid JSON document', 'broken.har', '{\n "log": {"entries": [\n', /broken\.har: invalid JSON/],
    ['JSON that is not a HAR', 'notahar.json', '{\n "hello": 1\n}', /notahar\.json: not a HAR file/],
    ['HAR entry without url', 'nourl.har', JSON.stringify({log: {entries: [{request: {method: 'GET'}}]}}, null, 1), /nourl\.har: entry 0: request\.url is missing/],
    ['truncated raw message', 'cut.http', 'POST /x HTTP/1.1\r\nHost: api.example.com\r\nContent-Length: 50\r\n\r\n{"a"', /cut\.http: message 0: truncated body \(Content-Length 50, 4 bytes present\)/],
    ['CL and TE together', 'both.http', 'POST /x HTTP/1.1\r\nHost: api.example.com\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n', /both Content-Length and Transfer-Encoding/],
    ['not HTTP at all', 'junk.txt', 'hello world\n\n', /junk\.txt: message 0: not an HTTP\/1\.1 request line/],
  ])('%s → one-line error naming file and entry, exit 1', async (_label, name, content, message) => {
    const result = await runTf(withConfig(['parse', tmp.write(name, content), '--json']));
    expect(result.code).toBe(1);
    const out = JSON.parse(result.stdout);
    expect(out[0].error).toMatch(message);
    expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  test('a bad JSON Lines line is reported by line number while the others parse', async () => {
    const text = [JSON.stringify({method: 'GET', url: 'https://api.example.com/1'}), '{not json', JSON.stringify({url: 'https://api.example.com/3'}), JSON.stringify({method: 'GET', url: 'https://api.example.com/4'})].join('\n');
    const result = await runTf(withConfig(['parse', tmp.write('mixed.jsonl', text), '--json']));
    expect(result.code).toBe(1);
    const out = JSON.parse(result.stdout);
    expect(out.map((e: {error: string | null}) => e.error && e.error.replace(/\(.*\)/, '()'))).toEqual([null, `${tmp.path('mixed.jsonl')}: line 2: invalid JSON ()`, `${tmp.path('mixed.jsonl')}: line 3: "method" is missing`, null]);
    expect(out[3].action.type).toBe('generic.get');
  });

  test('no input at all is a usage error (exit 2, one line)', async () => {
    const result = await runTf(['parse']);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('tf parse never prints credentials', () => {
  test('credential query parameters are redacted in the output URL', async () => {
    const result = await runTf(withConfig(['parse', 'GET', 'https://api.example.com/x?channel=C1&token=xoxb-very-secret&key=AIzaSecret', '--json']));
    expect(result.stdout).not.toContain('very-secret');
    expect(result.stdout).not.toContain('AIzaSecret');
    expect(JSON.parse(result.stdout)[0].url).toBe('https://api.example.com/x?channel=C1&token=REDACTED&key=REDACTED');
  });
});

describe('tf parse defaults', () => {
  test('with no config file every installed connector type is active on its default domains', async () => {
    const empty = tempDir('tf-noconfig-');
    const result = await runTf(['parse', 'GET', 'https://api.github.com/user', '--json'], {cwd: empty.dir});
    const out = JSON.parse(result.stdout);
    expect(out[0].connector).toBe('github');
    expect(out[0].action.type).toMatch(/^github\./);
  });
});
