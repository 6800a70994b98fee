'use strict';
// Keep-alive load generator on undici: N connections, each sending requests back to back for a fixed time.
// Args: one JSON object {mode, url, proxy?, ca?, connections, durationMs, warmupMs}. Prints {requests, rps, p50, p99, errors}.
const {Pool, ProxyAgent} = require('undici');

const o = JSON.parse(process.argv[2]);
const target = new URL(o.url);

function dispatcherFor() {
  if (o.mode === 'direct') {
    const pool = new Pool(target.origin, {connections: o.connections, connect: o.ca ? {ca: o.ca} : undefined});
    return {close: () => pool.close(), send: () => pool.request({method: 'GET', path: target.pathname})};
  }
  if (o.mode === 'proxy-http') {
    // Absolute-form request to the proxy, as HTTP_PROXY clients do.
    const pool = new Pool(o.proxy, {connections: o.connections});
    return {close: () => pool.close(), send: () => pool.request({method: 'GET', path: target.href, headers: {host: target.host}})};
  }
  // CONNECT + TLS through the proxy (interception): one tunnel per connection, kept alive.
  const agent = new ProxyAgent({uri: o.proxy, connections: o.connections, requestTls: {ca: o.ca}});
  return {close: () => agent.close(), send: () => agent.request({origin: target.origin, method: 'GET', path: target.pathname})};
}

async function main() {
  const d = dispatcherFor();
  const latencies = [];
  let errors = 0;
  const samples = {};
  const note = (key) => (samples[key] = (samples[key] ?? 0) + 1);
  let measuring = false;
  let stop = false;
  const worker = async () => {
    while (!stop) {
      const start = process.hrtime.bigint();
      let ok = false;
      try {
        const res = await d.send();
        await res.body.dump();
        ok = res.statusCode === 200;
        if (!ok) note(`status ${res.statusCode}`);
      } catch (error) {
        note(`${error.code ?? ''} ${error.message}`.trim());
        await new Promise((r) => setTimeout(r, 10)); // a refused connection must not spin
      }
      if (!ok) errors++;
      else if (measuring) latencies.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
  };
  const workers = Array.from({length: o.connections}, worker);
  await new Promise((r) => setTimeout(r, o.warmupMs));
  measuring = true;
  process.stderr.write('measure-start\n');
  const t0 = process.hrtime.bigint();
  await new Promise((r) => setTimeout(r, o.durationMs));
  measuring = false;
  process.stderr.write('measure-end\n');
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  stop = true;
  await Promise.all(workers);
  await d.close();
  latencies.sort((a, b) => a - b);
  const pct = (p) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))] ?? NaN;
  process.stdout.write(JSON.stringify({requests: latencies.length, rps: latencies.length / seconds, p50: pct(0.5), p99: pct(0.99), errors, ...(errors ? {errorKinds: samples} : {})}) + '\n');
}
main().catch((e) => {
  console.error(e);
  process.exit(1);
});
