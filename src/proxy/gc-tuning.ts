import {setFlagsFromString} from 'node:v8';

let applied = false;

/**
 * Turns off V8's allocation-site pretenuring for this process, once, when a proxy starts.
 *
 * Under proxy load some allocation sites see most of their objects survive one scavenge (they belong to
 * requests still in flight) and V8 starts allocating them straight into old space. Those old objects then
 * keep every young object they point at alive until the next full GC, so each scavenge promotes the whole
 * in-flight working set. Measured with `--trace-gc-nvp` at 100 connections: ~3.5 KB promoted per request and
 * ~110 ms of scavenging per second with pretenuring; ~0.2 KB and ~30 ms/s without (together with inflight.ts).
 * The two changes took bench/proxy.js's peak RSS from ~180 to ~123 MB. The flag is read at GC time, so setting
 * it after start-up works.
 */
export function tuneGarbageCollectorForProxying(): void {
  if (applied) return;
  applied = true;
  setFlagsFromString('--no-allocation-site-pretenuring');
}
