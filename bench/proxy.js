#!/usr/bin/env node
'use strict';
/**
 * Proxy benchmark (not a test): the same keep-alive load generator, the same run, against
 *   direct HTTP · tf over plain HTTP · direct HTTPS · tf with HTTPS interception · mitmdump (HTTP, HTTPS) when installed.
 * Throughput at --connections (default 100), latency at 1 connection; proxy RSS sampled during the 100-connection runs.
 * Every process is separate: upstream, proxy and load generator. Needs `npm run build`.
 *   node bench/proxy.js [--duration 5] [--connections 100] [--repeat N] [--only REGEXP] [--pin] [--json]
 * Profiling: BENCH_TF_NODE_ARGS / BENCH_BARE_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") go to the proxy's node.
 */
const {spawn, spawnSync} = require('node:child_process');
const {mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync} = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const args = process.argv.slice(2);
const flag = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i === -1 ? fallback : args[i + 1];
};
const DURATION = Number(flag('duration', 5)) * 1000;
const CONNECTIONS = Number(flag('connections', 100));
const LATENCY_MS = Math.max(2000, DURATION / 2);
const REPEAT = Math.max(1, Number(flag('repeat', 1)));
const HOST = 'bench.example.test';
// --pin: the proxy under test gets CPU 1 to itself; load generator and upstream share CPU 0, in every run
// (direct ones too). Without it all three processes compete for both cores, as on a busy laptop.
const PIN = args.includes('--pin');
const CPU = {proxy: '1', world: '0'};

/** [command, argv] to run `command` on the CPU set for `role` when pinning. */
function onCpu(role, command, argv) {
  return PIN ? ['taskset', ['-c', CPU[role], command, ...argv]] : [command, argv];
}

const {createCertificateAuthority, issueServerCertificate} = require(path.join(root, 'dist/proxy/ca'));

function startChild(role, command, argv, env, ready) {
  const child = spawn(...onCpu(role, command, argv), {env: {...process.env, ...env}, stdio: ['ignore', 'pipe', 'pipe']});
  let out = '';
  let err = '';
  child.stderr.on('data', (d) => (err += d));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${command} did not start: ${err}`)), 30000);
    child.on('exit', (code) => reject(new Error(`${command} exited ${code}: ${err}`)));
    child.stdout.on('data', (d) => {
      out += d;
      const value = ready(out);
      if (value !== undefined) {
        clearTimeout(timer);
        resolve({child, value});
      }
    });
  });
}

const firstJsonLine = (text) => {
  const line = text.split('\n').find((l) => l.startsWith('{') && text.includes(l + '\n'));
  return line ? JSON.parse(line) : undefined;
};

function memory(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (f) => Number(new RegExp(`${f}:\\s+(\\d+)`).exec(status)[1]);
    return {rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024};
  } catch {
    return {rss: NaN, peak: NaN};
  }
}

function load(options) {
  const result = spawnSync(...onCpu('world', process.execPath, [path.join(__dirname, 'lib/load.js'), JSON.stringify(options)]), {encoding: 'utf8', cwd: root});
  if (result.status !== 0) throw new Error(`load generator failed: ${result.stderr}`);
  return JSON.parse(result.stdout);
}

/** CPU seconds (user + system) a process has used so far. */
function cpuSeconds(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return NaN;
  }
}
const CLOCK_TICKS = Number(spawnSync('getconf', ['CLK_TCK'], {encoding: 'utf8'}).stdout.trim()) || 100;

/**
 * Runs `options` while sampling `pid`'s RSS every 100 ms, and accounts the CPU time each process
 * (proxy, upstream, load generator) spent per measured request: a figure the 2-core scheduling noise
 * that moves req/s by ±30% barely touches.
 */
async function loadSampling(options, pid, upstreamPid) {
  let peak = 0;
  const timer = pid ? setInterval(() => (peak = Math.max(peak, memory(pid).rss)), 100) : undefined;
  const cpu = {};
  const result = await new Promise((resolve, reject) => {
    const child = spawn(...onCpu('world', process.execPath, [path.join(__dirname, 'lib/load.js'), JSON.stringify(options)]), {cwd: root, stdio: ['ignore', 'pipe', 'pipe']});
    const watched = {proxy: pid, upstream: upstreamPid, load: child.pid};
    // The load generator says when its measured window opens and closes (lines on stderr).
    let err = '';
    child.stderr.on('data', (d) => {
      err += d;
      for (const mark of ['measure-start', 'measure-end']) {
        if (err.includes(mark) && !cpu[mark]) cpu[mark] = Object.fromEntries(Object.entries(watched).map(([k, p]) => [k, p ? cpuSeconds(p) : NaN]));
      }
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('close', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`load generator failed: ${err}`))));
  });
  if (timer) clearInterval(timer);
  const perRequestUs = {};
  if (cpu['measure-start'] && cpu['measure-end']) {
    for (const k of Object.keys(cpu['measure-start'])) perRequestUs[k] = ((cpu['measure-end'][k] - cpu['measure-start'][k]) / result.requests) * 1e6;
  }
  return {...result, rssPeak: pid ? peak : undefined, cpuUs: perRequestUs};
}

/** One repetition's table: ratios against the direct run of the same repetition, and the CPU budgets. */
function summarize(results) {
  const base = (n) => results.find((r) => r.name === n);
  const directHttp = base('direct HTTP');
  const directHttps = base('direct HTTPS');
  const rows = results.map((r) => {
    const baseline = r.name.includes('HTTPS') ? directHttps : directHttp;
    return {
      run: r.name,
      'req/s': Math.round(r.throughput.rps),
      'vs direct HTTP': +(r.throughput.rps / directHttp.throughput.rps).toFixed(2),
      'vs direct same scheme': +(r.throughput.rps / baseline.throughput.rps).toFixed(2),
      [`p50 @${CONNECTIONS}`]: +r.throughput.p50.toFixed(2),
      [`p99 @${CONNECTIONS}`]: +r.throughput.p99.toFixed(2),
      'p50 @1': +r.latency.p50.toFixed(3),
      'p99 @1': +r.latency.p99.toFixed(3),
      'added p50 @1': +(r.latency.p50 - baseline.latency.p50).toFixed(3),
      'added p99 @1': +(r.latency.p99 - baseline.latency.p99).toFixed(3),
      'proxy CPU µs/req': r.throughput.cpuUs.proxy ? +r.throughput.cpuUs.proxy.toFixed(1) : '',
      'upstream CPU µs/req': +r.throughput.cpuUs.upstream.toFixed(1),
      'load CPU µs/req': +r.throughput.cpuUs.load.toFixed(1),
      'proxy RSS MB': r.throughput.rssPeak ? +r.throughput.rssPeak.toFixed(1) : '',
      errors: r.throughput.errors + r.latency.errors,
    };
  });
  // What the issue's ratio targets ask of the proxy here: the CPU it may spend per request at the target rate.
  // Unpinned, both cores are shared, so whatever the load generator and upstream spend comes off the budget.
  const budgets = [
    ['tf HTTP', 0.5, directHttp],
    ['tf HTTPS (intercept)', 0.35, directHttps],
  ].flatMap(([name, target, direct]) => {
    const run = base(name);
    if (!run) return [];
    const rate = target * direct.throughput.rps;
    const cores = PIN ? 1 : os.cpus().length;
    const others = PIN ? 0 : run.throughput.cpuUs.load + run.throughput.cpuUs.upstream;
    return [{run: name, target, budgetUs: +((cores * 1e6) / rate - others).toFixed(1), usedUs: +run.throughput.cpuUs.proxy.toFixed(1)}];
  });
  return {rows, budgets};
}

/** Per run, the median of every numeric column over the repetitions (the maximum for `maxColumns`). */
function mergeRepetitions(tables, key, maxColumns) {
  if (tables.length === 1) return tables[0];
  const median = (values) => {
    const sorted = [...values].sort((a, b) => a - b);
    const mid = sorted.length >> 1;
    return sorted.length % 2 ? sorted[mid] : +((sorted[mid - 1] + sorted[mid]) / 2).toFixed(3);
  };
  return tables[0].map((row) => {
    const same = tables.map((t) => t.find((r) => r[key] === row[key])).filter(Boolean);
    const merged = {};
    for (const [column, value] of Object.entries(row)) {
      const values = same.map((r) => r[column]);
      if (typeof value !== 'number') merged[column] = value;
      else if (maxColumns.includes(column)) merged[column] = Math.max(...values);
      else merged[column] = values.every(Number.isInteger) ? Math.round(median(values)) : median(values);
    }
    return merged;
  });
}

async function main() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tf-bench-'));
  const children = [];
  try {
    const upstreamCa = createCertificateAuthority('tf bench upstream CA');
    const leaf = issueServerCertificate(upstreamCa, [HOST, '127.0.0.1']);
    writeFileSync(path.join(dir, 'upstream-ca.pem'), upstreamCa.certPem);
    const up = await startChild('world', process.execPath, [path.join(__dirname, 'lib/upstream.js')], {BENCH_CERT: leaf.certPem, BENCH_KEY: leaf.keyPem}, firstJsonLine);
    children.push(up.child);
    const ports = up.value;

    const httpHost = 'bench-http.example.test';
    writeFileSync(
      path.join(dir, 'tf.config.yaml'),
      `connectors:\n  bench: {type: generic, domains: [${HOST}, ${httpHost}], tokenEnv: BENCH_TOKEN}\n` +
        `proxy:\n  upstreamCa: ./upstream-ca.pem\n  routes:\n    ${httpHost}: http://127.0.0.1:${ports.http}\n    ${HOST}: https://127.0.0.1:${ports.https}\n`,
    );
    const tf = await startChild(
      'proxy',
      process.execPath,
      [...(process.env.BENCH_TF_NODE_ARGS ?? '').split(' ').filter(Boolean), path.join(root, 'bin/run.js'), 'proxy', 'start', '--config', path.join(dir, 'tf.config.yaml'), '--port', '0', '--json', '--quiet', '--audit-log', path.join(dir, 'audit.jsonl')],
      {...(process.env.BENCH_TF_NODE_OPTIONS ? {NODE_OPTIONS: process.env.BENCH_TF_NODE_OPTIONS} : {}), TF_DATA_DIR: path.join(dir, 'data'), BENCH_TOKEN: 'bench-token', NO_PROXY: '', HTTP_PROXY: '', HTTPS_PROXY: ''},
      firstJsonLine,
    );
    children.push(tf.child);
    const proxy = tf.value;
    const tfCa = readFileSync(proxy.caPath, 'utf8');
    const tfRssIdle = memory(tf.child.pid).rss;

    // The floor for a Node proxy here: http server + undici pool, nothing else (same-run baseline for tf's own cost).
    const bare = await startChild('proxy', process.execPath, [...(process.env.BENCH_BARE_NODE_ARGS ?? '').split(' ').filter(Boolean), path.join(__dirname, 'lib/bare-proxy.js'), `http://127.0.0.1:${ports.http}`], {}, firstJsonLine);
    children.push(bare.child);

    const runs = [
      {name: 'direct HTTP', mode: 'direct', url: `http://127.0.0.1:${ports.http}/v1/items`},
      {name: 'bare Node proxy HTTP', mode: 'proxy-http', url: `http://${httpHost}/v1/items`, proxy: `http://127.0.0.1:${bare.value.port}`, pid: bare.child.pid},
      {name: 'tf HTTP', mode: 'proxy-http', url: `http://${httpHost}/v1/items`, proxy: proxy.url, pid: tf.child.pid},
      {name: 'direct HTTPS', mode: 'direct', url: `https://127.0.0.1:${ports.https}/v1/items`, ca: upstreamCa.certPem},
      {name: 'tf HTTPS (intercept)', mode: 'proxy-https', url: `https://${HOST}/v1/items`, proxy: proxy.url, ca: tfCa, pid: tf.child.pid},
    ];

    const mitmdump = spawnSync('sh', ['-c', 'command -v mitmdump'], {encoding: 'utf8'}).stdout.trim();
    if (mitmdump) {
      const confdir = path.join(dir, 'mitm');
      const mitmPort = 20000 + Math.floor(Math.random() * 20000);
      const mitm = spawn(...onCpu('proxy', mitmdump, ['-q', '--listen-host', '127.0.0.1', '-p', String(mitmPort), '--set', `confdir=${confdir}`, '--ssl-insecure']), {stdio: 'ignore'});
      children.push(mitm);
      const caFile = path.join(confdir, 'mitmproxy-ca-cert.pem');
      for (let i = 0; i < 200 && !existsSync(caFile); i++) await new Promise((r) => setTimeout(r, 100));
      await new Promise((r) => setTimeout(r, 1500)); // listening shortly after the CA is written
      const mitmUrl = `http://127.0.0.1:${mitmPort}`;
      runs.push(
        {name: 'mitmdump HTTP', mode: 'proxy-http', url: `http://127.0.0.1:${ports.http}/v1/items`, proxy: mitmUrl, pid: mitm.pid},
        {name: 'mitmdump HTTPS', mode: 'proxy-https', url: `https://127.0.0.1:${ports.https}/v1/items`, proxy: mitmUrl, ca: readFileSync(caFile, 'utf8'), pid: mitm.pid},
      );
    }

    // --only REGEXP keeps the matching runs (the direct baselines always run).
    const only = new RegExp(flag('only', '.'));
    const selected = runs.filter((r) => r.name.startsWith('direct') || only.test(r.name));
    // --repeat N: the whole sequence N times; every ratio is taken within one repetition, then the median is shown.
    const repetitions = [];
    for (let rep = 0; rep < REPEAT; rep++) {
      const results = [];
      for (const run of selected) {
        const latency = load({...run, connections: 1, durationMs: LATENCY_MS, warmupMs: 300});
        const throughput = await loadSampling({...run, connections: CONNECTIONS, durationMs: DURATION, warmupMs: 1000}, run.pid, up.child.pid);
        results.push({name: run.name, throughput, latency});
        const kinds = {...latency.errorKinds, ...throughput.errorKinds};
        process.stderr.write(`  ${REPEAT > 1 ? `[${rep + 1}/${REPEAT}] ` : ''}${run.name}: ${Math.round(throughput.rps)} req/s${Object.keys(kinds).length ? ` errors: ${JSON.stringify(kinds)}` : ''}\n`);
      }
      repetitions.push(summarize(results));
    }
    const tfPeak = memory(tf.child.pid).peak;
    const rows = mergeRepetitions(repetitions.map((r) => r.rows), 'run', ['proxy RSS MB', 'errors']);
    const budgets = mergeRepetitions(repetitions.map((r) => r.budgets), 'run', []);
    if (args.includes('--json')) {
      process.stdout.write(JSON.stringify({cpus: os.cpus().length, pinned: PIN, repeat: REPEAT, connections: CONNECTIONS, durationMs: DURATION, tfRssIdle, tfRssPeak: tfPeak, rows, budgets}, null, 2) + '\n');
    } else {
      if (REPEAT > 1) console.log(`\nmedians of ${REPEAT} repetitions (ratios taken within each)`);
      console.log(`\n${os.cpus().length} CPUs${PIN ? ' (pinned: proxy on CPU 1, load generator + upstream on CPU 0)' : ''}, ${CONNECTIONS} connections x ${DURATION / 1000}s (latency: 1 connection x ${LATENCY_MS / 1000}s); ms`);
      console.table(rows);
      console.log(`tf RSS idle ${tfRssIdle.toFixed(1)} MB, peak ${tfPeak.toFixed(1)} MB`);
      for (const b of budgets) {
        console.log(`${b.run}: ${b.target}x direct leaves the proxy ${b.budgetUs} µs of CPU per request${PIN ? ' on its own core' : ' after the load generator and upstream'}; tf used ${b.usedUs}`);
      }
    }
  } finally {
    for (const c of children) c.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 300));
    rmSync(dir, {recursive: true, force: true});
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
