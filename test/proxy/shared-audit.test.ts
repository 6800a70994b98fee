import {readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {runTf} from '../helpers/cli';
import {proxyRequest, readAudit, removeDir, startHttpUpstream, startProxyProcess, tempDir, type ProxyProcess, type Upstream} from './helpers';

/**
 * Several proxies (two `tf run` agents, say) appending to one audit log: each writes its own chain, the appends
 * interleave, and `tf logs verify` checks every chain, still finding a line removed from the middle of one.
 */
let dir: string;
let upstream: Upstream;
let auditLog: string;

beforeAll(async () => {
  dir = tempDir();
  upstream = await startHttpUpstream();
  writeFileSync(
    path.join(dir, 'tf.config.yaml'),
    `connectors:\n  example: {type: generic, domains: [api.example.test], tokenEnv: EXAMPLE_REAL}\nproxy:\n  routes:\n    api.example.test: ${upstream.origin}\n`,
  );
  auditLog = path.join(dir, 'shared.jsonl');
  const start = () => startProxyProcess({cwd: dir, env: {TF_DATA_DIR: path.join(dir, 'data'), EXAMPLE_REAL: 'real-example-token'}, args: ['--audit-log', auditLog]});
  const proxies: ProxyProcess[] = [await start(), await start()];
  try {
    // Concurrent bursts through both, so their batches interleave in the file.
    for (let round = 0; round < 5; round++) {
      await Promise.all(proxies.flatMap((p, i) => Array.from({length: 4}, (_, k) => proxyRequest(p.port, `http://api.example.test/v1/items/${round}-${i}-${k}`))));
    }
  } finally {
    await Promise.all(proxies.map((p) => p.stop()));
  }
});

afterAll(async () => {
  await upstream.close();
  removeDir(dir);
});

test('both proxies wrote to the file, interleaved, each under its own chain id', () => {
  const records = readAudit(auditLog) as unknown as {chain: string; kind: string}[];
  const requests = records.filter((r) => r.kind === 'request');
  expect(requests).toHaveLength(40);
  const chains = [...new Set(records.map((r) => r.chain))];
  expect(chains).toHaveLength(2);
  const switches = records.slice(1).filter((r, i) => r.chain !== records[i].chain).length;
  expect(switches).toBeGreaterThan(1);
});

test('tf logs verify: every chain intact', async () => {
  const verify = await runTf(['logs', 'verify', '--audit-log', auditLog], {cwd: dir});
  expect(verify.stdout).toMatch(/ok, \d+ lines, chain intact \(2 writers, each chain checked\)/);
  expect(verify.code).toBe(0);
});

test('a line removed from the middle of one writer\'s chain is still found', async () => {
  const lines = readFileSync(auditLog, 'utf8').trimEnd().split('\n');
  const chainOf = (l: string) => (JSON.parse(l) as {chain: string}).chain;
  // The victim: a line whose writer has another line later, so the next line of that chain must break.
  const victim = lines.findIndex((l, i) => i > 0 && lines.slice(i + 1).some((m) => chainOf(m) === chainOf(l)));
  const tampered = path.join(dir, 'tampered.jsonl');
  writeFileSync(tampered, lines.filter((_, i) => i !== victim).join('\n') + '\n');
  const verify = await runTf(['logs', 'verify', '--audit-log', tampered], {cwd: dir});
  expect(verify.code).toBe(1);
  expect(verify.stdout).toMatch(new RegExp(`chain broken: .*of writer ${chainOf(lines[victim])}`));
});
