#!/usr/bin/env node
'use strict';
/**
 * Parse benchmark: classifications per second over a generated capture of ≥100k requests
 * (in-process, one core), against a baseline measured in the same run — the same routes
 * matched by a linear scan of precompiled regexes — plus cold-start times of the real CLI
 * next to a bare `node -e 0`. Run after `npm run build`: `node bench/parse.js [--requests N]`.
 */
const {execFileSync, spawnSync} = require('node:child_process');
const {mkdtempSync, writeFileSync} = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const count = Number(process.argv[process.argv.indexOf('--requests') + 1]) || 100000;

async function loadRegistry() {
  const {Config} = require('@oclif/core');
  const config = await Config.load(root);
  const {loadConnectorCatalog} = require(path.join(root, 'dist/connectors/catalog'));
  const {ConnectorRegistry} = require(path.join(root, 'dist/connectors/registry'));
  const catalog = await loadConnectorCatalog(config);
  return ConnectorRegistry.build(catalog, [], undefined);
}

/** A request for every catalogued route (params filled in), repeated to `count`, plus unknown hosts. */
function generateRequests(registry) {
  const templates = [];
  for (const {connector} of registry.instances) {
    const host = connector.domains().find((d) => !d.startsWith('*.'));
    if (!host) continue;
    for (const a of connector.actionTypes()) {
      if (a.path === '*') continue;
      const p = a.path.replace(/\{[^}]+\+\}/g, 'docs/readme.md').replace(/\{[^}]+\}/g, (m) => (/(number|id)/i.test(m) ? '42' : 'acme'));
      const body = ['POST', 'PUT', 'PATCH'].includes(a.method) ? JSON.stringify({title: 'x', model: 'gpt-4o', amount: 100, state: 'open'}) : undefined;
      templates.push({method: a.method, url: `https://${host}${p}`, headers: body ? {'content-type': 'application/json'} : {}, body});
    }
  }
  templates.push({method: 'GET', url: 'https://unknown.example.org/x', headers: {}});
  const out = [];
  for (let i = 0; i < count; i++) out.push(templates[i % templates.length]);
  return {requests: out, distinct: templates.length};
}

/** The obvious alternative to a trie: try every route's regex in order. */
function linearClassifier(registry) {
  const tables = new Map();
  for (const {connector} of registry.instances) {
    const rows = connector.actionTypes().filter((a) => a.path !== '*').map((a) => ({
      method: a.method,
      type: a.type,
      regex: new RegExp('^' + a.path.replace(/\{[^}]+\+\}/g, '(.+)').replace(/\{[^}]+\}/g, '([^/]+)') + '/?$'),
    }));
    for (const d of connector.domains()) tables.set(d, rows);
  }
  return (method, url) => {
    const u = new URL(url);
    const rows = tables.get(u.hostname);
    if (!rows) return undefined;
    for (const r of rows) if (r.method === method && r.regex.test(u.pathname)) return r.type;
    return 'fallback';
  };
}

function rate(label, requests, fn) {
  for (let i = 0; i < Math.min(20000, requests.length); i++) fn(requests[i]); // warm-up
  const start = process.hrtime.bigint();
  for (const r of requests) fn(r);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const perSecond = requests.length / seconds;
  console.log(`${label.padEnd(34)} ${Math.round(perSecond).toLocaleString('en-US').padStart(12)} /s  (${(seconds * 1000).toFixed(0)} ms for ${requests.length})`);
  return perSecond;
}

function coldStart(label, args, runs = 7) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    const r = spawnSync(process.execPath, args, {cwd: root, env: {...process.env, NO_COLOR: '1'}, stdio: 'ignore'});
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
    if (r.status !== 0 && r.status !== 1) throw new Error(`${label} exited ${r.status}`);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)];
  console.log(`${label.padEnd(34)} ${median.toFixed(0).padStart(8)} ms median of ${runs}`);
  return median;
}

async function main() {
  const registry = await loadRegistry();
  const {requests, distinct} = generateRequests(registry);
  const {requestInfo, classifyRequest} = require(path.join(root, 'dist/classify'));
  const infos = requests.map((r) => ({...r, body: r.body ? Buffer.from(r.body) : undefined}));
  console.log(`tf parse benchmark: ${requests.length} requests over ${distinct} distinct routes, ${registry.instances.length} connectors, node ${process.version}\n`);

  const linear = linearClassifier(registry);
  const baseline = rate('baseline: linear regex scan', infos, (r) => linear(r.method, r.url));
  const tf = rate('tf: URL + classify (trie)', infos, (r) => classifyRequest(registry, requestInfo(r.method, r.url, r.headers, r.body)));
  console.log(`ratio tf / baseline: ${(tf / baseline).toFixed(2)}x\n`);

  const tmp = mkdtempSync(path.join(os.tmpdir(), 'tf-bench-'));
  const big = path.join(tmp, 'big.jsonl');
  writeFileSync(big, requests.map((r) => JSON.stringify(r)).join('\n'));
  const start = process.hrtime.bigint();
  execFileSync(process.execPath, [path.join(root, 'bin/run.js'), 'parse', big, '--json'], {cwd: tmp, stdio: ['ignore', 'ignore', 'inherit'], maxBuffer: 1 << 30});
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  console.log(`${'tf parse big.jsonl --json (CLI)'.padEnd(34)} ${Math.round(requests.length / seconds).toLocaleString('en-US').padStart(12)} /s  end to end, ${seconds.toFixed(2)} s\n`);

  const node = coldStart('baseline: node -e 0', ['-e', '0']);
  const version = coldStart('tf --version', [path.join(root, 'bin/run.js'), '--version']);
  const small = coldStart('tf parse agent-session.har', [path.join(root, 'bin/run.js'), 'parse', path.join(root, 'examples/captures/agent-session.har')]);
  console.log(`\ncold start over bare node: --version +${(version - node).toFixed(0)} ms, parse small.har +${(small - node).toFixed(0)} ms`);
  console.log(`targets: >= 200,000 classifications/s: ${tf >= 200000 ? 'met' : 'MISSED'}; cold tf parse small.har <= 400 ms: ${small <= 400 ? 'met' : 'MISSED'}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
