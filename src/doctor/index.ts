import {spawn} from 'node:child_process';
import {accessSync, constants, mkdtempSync, rmSync, statSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {ConfigFile} from '../config/config-file';
import type {ConnectorCatalog} from '../connectors/catalog';
import {ConnectorRegistry} from '../connectors/registry';
import {UserError} from '../errors';
import {parseProxySettings, startProxy} from '../proxy';
import {governedChildEnv} from '../run/governed-proxy';
import {PROBE_DOMAIN, PROBES, type ProbeSpec} from './probes';
import {startDoctorUpstream, startRelay, type DoctorUpstream, type Relay} from './servers';

export {PROBES, PROBE_DOMAIN} from './probes';

export type RuntimeStatus = 'ok' | 'fail' | 'not-installed';

export interface RuntimeReport {
  id: string;
  name: string;
  status: RuntimeStatus;
  /** The executable that ran the probe. */
  command?: string;
  version?: string;
  /** It connected to tf's proxy (null: not installed). */
  proxy: boolean | null;
  /** It completed TLS with the certificate tf issued, i.e. trusts tf's CA (null: unknown). */
  ca: boolean | null;
  /** The upstream got the credential tf injected. */
  credential: boolean | null;
  detail: string;
}

export interface DoctorReport {
  ok: boolean;
  caPath: string;
  caBundlePath: string;
  runtimes: RuntimeReport[];
}

export interface DoctorOptions {
  catalog: ConnectorCatalog;
  dataDir: string;
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
  /** Only these probe ids (default all). */
  only?: string[];
}

const TOKEN_ENV = 'TF_DOCTOR_CREDENTIAL';
const TOKEN = 'tf-doctor-injected-credential';

/**
 * Runs each probe under the environment `tf run` builds, through an in-process proxy whose generic connector
 * routes `<probe>.doctor.tf.test` to a local HTTPS upstream. A TCP relay in front of the proxy tells
 * "ignored the proxy" from "used it but rejected tf's CA"; the upstream seeing `x-tf-request-id` proves both.
 */
export async function runDoctor(options: DoctorOptions): Promise<DoctorReport> {
  const base = options.env ?? process.env;
  const probes = options.only ? PROBES.filter((p) => options.only!.includes(p.id)) : PROBES;
  const hosts = probes.map((p) => new URL(p.url).hostname);
  if (!options.catalog.types.has('generic')) throw new UserError('tf doctor needs the generic connector type (@tf/connector-generic), which is not installed');
  const work = mkdtempSync(path.join(tmpdir(), 'tf-doctor-'));
  let upstream: DoctorUpstream | undefined;
  let relay: Relay | undefined;
  let proxy: Awaited<ReturnType<typeof startProxy>> | undefined;
  try {
    upstream = await startDoctorUpstream(hosts);
    const registry = ConnectorRegistry.build(
      options.catalog,
      [{name: 'doctor', type: 'generic', domains: hosts, tokenEnv: TOKEN_ENV}],
      ConfigFile.create(path.join(work, 'doctor.config.yaml')),
    );
    const settings = parseProxySettings({routes: Object.fromEntries(hosts.map((h) => [h, upstream!.origin])), shutdownGrace: '500ms', connectTimeout: '5s'});
    settings.upstreamCa = upstream.caPem;
    proxy = await startProxy({
      registry,
      settings,
      dataDir: options.dataDir,
      auditLogPath: path.join(work, 'audit.jsonl'),
      port: 0,
      host: '127.0.0.1',
      env: {[TOKEN_ENV]: TOKEN},
      onInternalError: () => {},
    });
    relay = await startRelay({host: '127.0.0.1', port: proxy.port});
    const env = governedChildEnv({base, proxyUrl: relay.url, ca: proxy.ca, dataDir: options.dataDir, connectors: registry.instances});
    env.GIT_TERMINAL_PROMPT = '0';
    const timeoutMs = options.timeoutMs ?? 20_000;
    const runtimes = await Promise.all(probes.map((probe) => runProbe(probe, env, work, timeoutMs, upstream!, relay!)));
    return {ok: runtimes.every((r) => r.status !== 'fail'), caPath: proxy.ca.certPath, caBundlePath: env.SSL_CERT_FILE!, runtimes};
  } finally {
    await relay?.close();
    await proxy?.close();
    await upstream?.close();
    rmSync(work, {recursive: true, force: true});
  }
}

async function runProbe(probe: ProbeSpec, env: NodeJS.ProcessEnv, cwd: string, timeoutMs: number, upstream: DoctorUpstream, relay: Relay): Promise<RuntimeReport> {
  const host = new URL(probe.url).hostname;
  const report = (fields: Partial<RuntimeReport> & {status: RuntimeStatus; detail: string}): RuntimeReport => ({
    id: probe.id,
    name: probe.name,
    status: fields.status,
    proxy: fields.proxy ?? null,
    ca: fields.ca ?? null,
    credential: fields.credential ?? null,
    ...(fields.command ? {command: fields.command} : {}),
    ...(fields.version ? {version: fields.version} : {}),
    detail: fields.detail,
  });
  let command = which(probe.command, env.PATH);
  if (!command) command = probe.ifMissing?.find((c) => which(c, env.PATH));
  if (!command) return report({status: 'not-installed', detail: `not installed (${probe.command} is not on PATH)`});

  let result = await exec(command, probe.args(probe.url), env, cwd, timeoutMs);
  if (probe.missingLibraryExit !== undefined && result.code === probe.missingLibraryExit) {
    const lacking = command;
    for (const alternative of probe.ifNoLibrary ?? []) {
      const found = which(alternative, env.PATH);
      if (!found || found === lacking) continue;
      const retry = await exec(found, probe.args(probe.url), env, cwd, timeoutMs);
      if (retry.code !== probe.missingLibraryExit) {
        command = found;
        result = retry;
        break;
      }
    }
    if (result.code === probe.missingLibraryExit) {
      return report({status: 'not-installed', command: lacking, detail: `not installed (${lacking} has no ${probe.name.split(' ').pop()} module)`});
    }
  }
  const version = /^version (.+)$/m.exec(result.stdout)?.[1] ?? (probe.versionArgs ? firstLine((await exec(command, probe.versionArgs, env, cwd, 5000)).stdout) : undefined);
  const seen = upstream.requests.filter((r) => r.host === host);
  const reached = seen.some((r) => r.viaTf);
  const connected = relay.hosts.has(host);
  const credential = seen.length > 0 ? seen.every((r) => r.authorization === `Bearer ${TOKEN}`) : null;
  const error = result.timedOut ? `timed out after ${Math.round(timeoutMs / 1000)}s` : lastLine(result.stderr) || `exit ${result.code}`;
  const common = {command, version, credential};
  if (reached && result.code === 0) return report({...common, status: 'ok', proxy: true, ca: true, detail: 'honours the proxy and trusts the tf CA'});
  if (reached) return report({...common, status: 'fail', proxy: true, ca: true, detail: `went through tf, then failed: ${error}`});
  if (connected) return report({...common, status: 'fail', proxy: true, ca: false, detail: `uses the proxy but does not trust the tf CA: ${error}`});
  return report({...common, status: 'fail', proxy: false, ca: null, detail: `ignores the proxy settings (never connected to tf): ${error}`});
}

interface ExecResult {
  code: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

function exec(command: string, args: string[], env: NodeJS.ProcessEnv, cwd: string, timeoutMs: number): Promise<ExecResult> {
  return new Promise((resolve) => {
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    const child = spawn(command, args, {env, cwd, stdio: ['ignore', 'pipe', 'pipe']});
    const cap = (text: string, chunk: string) => (text.length > 65536 ? text : text + chunk);
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout = cap(stdout, d)));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr = cap(stderr, d)));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve({code: null, stdout, stderr: stderr || error.message, timedOut});
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({code, stdout, stderr, timedOut});
    });
  });
}

/** The executable a shell would run for `name` (absolute names are checked as they are). */
export function which(name: string, pathVar: string | undefined): string | undefined {
  const candidates = name.includes('/') ? [name] : (pathVar ?? '').split(path.delimiter).filter(Boolean).map((dir) => path.join(dir, name));
  for (const candidate of candidates) {
    try {
      accessSync(candidate, constants.X_OK);
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** `curl 7.88.1 (x86_64-pc-linux-gnu) libcurl/...` → `7.88.1`. */
function firstLine(text: string): string | undefined {
  const first = text.split('\n')[0].trim();
  return /\d+\.\d+(?:\.\d+)?/.exec(first)?.[0] ?? (first || undefined);
}

function lastLine(text: string): string {
  return (
    text
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean)
      .pop() ?? ''
  ).slice(0, 300);
}

export const DOCTOR_PROBE_DOMAIN = PROBE_DOMAIN;
