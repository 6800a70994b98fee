import {spawn} from 'node:child_process';
import path from 'node:path';
import {AuditWriter} from '../../src/audit/writer';
import {blankEntry, type AuditEntry} from '../../src/audit/entry';
import {runTf, TF_BIN} from '../helpers/cli';
import {removeDir, tempDir} from './helpers';

let dir: string;
beforeAll(() => {
  dir = tempDir();
});
afterAll(() => removeDir(dir));

const entry = (action: string, time: Date): AuditEntry => ({
  ...blankEntry('request', `req_${action}`, time.toISOString()),
  agent: 'bot', connector: 'svc', action, risk: 'low', decision: 'allow', method: 'GET', host: 'svc.test', path: '/',
  status: 200, upstreamStatus: 200, upstreamMs: 3, overheadMs: 0.2, bytesOut: 10,
});

test('--since keeps only recent entries, and counts follow the filter', async () => {
  const file = path.join(dir, 'since.jsonl');
  const w = AuditWriter.open(file);
  w.append(entry('svc.old', new Date(Date.now() - 3 * 3600_000)));
  w.append(entry('svc.new', new Date()));
  w.append(entry('svc.new', new Date()));
  w.close();
  const out = JSON.parse((await runTf(['logs', '--json', '--since', '1h', '--audit-log', file], {cwd: dir})).stdout);
  expect(out.counts).toEqual({'svc.new': 2});
  const bad = await runTf(['logs', '--since', 'recently', '--audit-log', file], {cwd: dir});
  expect(bad.code).toBe(2);
  expect(bad.stderr).toMatch(/^tf: --since "recently"/);
});

test('--follow prints lines as the proxy appends them', async () => {
  const file = path.join(dir, 'follow.jsonl');
  const w = AuditWriter.open(file);
  w.append(entry('svc.before', new Date()));
  w.flush();
  const child = spawn(process.execPath, [TF_BIN, 'logs', '--follow', '--json', '--audit-log', file], {cwd: dir, stdio: ['ignore', 'pipe', 'pipe']});
  let out = '';
  let waiting: {text: string; resolve: () => void} | undefined;
  child.stdout.setEncoding('utf8').on('data', (d: string) => {
    out += d;
    if (waiting && out.includes(waiting.text)) waiting.resolve();
  });
  const seen = (text: string) => new Promise<void>((resolve) => (out.includes(text) ? resolve() : (waiting = {text, resolve})));
  await seen('svc.before');
  w.append(entry('svc.after', new Date()));
  w.flush();
  await seen('svc.after');
  child.kill('SIGINT');
  expect(await new Promise((resolve) => child.on('exit', resolve))).toBe(0);
  w.close();
  const records = out.trim().split('\n').map((l) => JSON.parse(l) as {action: string});
  expect(records.map((r) => r.action)).toEqual(['svc.before', 'svc.after']);
});
