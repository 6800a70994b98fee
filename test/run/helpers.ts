import {spawn, type ChildProcess} from 'node:child_process';
import {mkdirSync, writeFileSync} from 'node:fs';
import type {IncomingMessage, ServerResponse} from 'node:http';
import path from 'node:path';
import type {AuditRecord} from '../../src/audit/entry';
import {REPO_ROOT, TF_BIN, runTf, type TfResult} from '../helpers/cli';
import {createBareRepo, gitHttpBackend, type GitRequestLog} from '../helpers/git-server';
import {makeUpstreamCa, readAudit, removeDir, startHttpUpstream, startTlsUpstream, tempDir, type Captured, type Upstream} from '../proxy/helpers';

export const CLIENTS = path.join(__dirname, 'clients');
/** Debian's python3 with python3-requests (the pyenv python3 first in PATH may have no requests). */
export const PYTHON = '/usr/bin/python3';
export const PLACEHOLDER = 'tf-placeholder-credential';

/** The real keys: only in tf's environment, never in the child's. */
export const REAL = {
  github: 'ghp_REALgithubTOKEN0000000000000000000001',
  openai: 'sk-REAL-openai-key-000000000000000000002',
  stripe: 'sk_test_REALstripeKEY00000000000000000003',
  slack: 'xoxb-REAL-slack-bot-token-0000000000004',
  internal: 'REAL-internal-api-key-00000000000000005',
};

/** What each fake API answers: enough for the official SDKs to parse a success. */
function apiAnswer(req: IncomingMessage, body: Buffer): {status: number; json: unknown} {
  const host = (req.headers.host ?? '').split(':')[0];
  const url = new URL(req.url ?? '/', 'https://x');
  if (host === 'api.github.com' && req.method === 'POST' && /\/pulls$/.test(url.pathname)) {
    return {status: 201, json: {id: 1, number: 7, state: 'open', title: JSON.parse(body.toString() || '{}').title ?? null, html_url: 'https://github.com/acme/widgets/pull/7'}};
  }
  if (host === 'api.github.com') return {status: 200, json: {id: 1, number: 3, title: 'an issue', login: 'octocat'}};
  if (host === 'api.openai.com' && url.pathname === '/v1/chat/completions') {
    return {
      status: 200,
      json: {
        id: 'chatcmpl-1',
        object: 'chat.completion',
        created: 1700000000,
        model: 'gpt-4o-mini',
        choices: [{index: 0, message: {role: 'assistant', content: 'hello from upstream'}, finish_reason: 'stop', logprobs: null}],
        usage: {prompt_tokens: 1, completion_tokens: 3, total_tokens: 4},
      },
    };
  }
  if (host === 'api.stripe.com' && url.pathname === '/v1/charges') {
    return {status: 200, json: {id: 'ch_test_1', object: 'charge', amount: 1234, currency: 'usd', status: 'succeeded'}};
  }
  if (host === 'slack.com') return {status: 200, json: {ok: true, channel: 'C0123', ts: '1700000000.000100', message: {text: 'hi'}}};
  return {status: 200, json: {ok: true}};
}

function apiHandler(req: IncomingMessage, res: ServerResponse, captured: Captured[]): void {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const body = Buffer.concat(chunks);
    captured.push({method: req.method!, path: req.url!, headers: req.headers, body});
    const {status, json} = apiAnswer(req, body);
    res.writeHead(status, {'content-type': 'application/json', 'request-id': 'req_1'});
    res.end(JSON.stringify(json));
  });
}

export interface World {
  dir: string;
  dataDir: string;
  auditLog: string;
  api: Upstream;
  /** A plain-HTTP internal API (generic connector on internal.example.test). */
  plain: Upstream;
  git: Upstream;
  gitLog: GitRequestLog[];
  gitRoot: string;
  /** tf's environment: the real keys, no proxy variables. */
  env: Record<string, string | undefined>;
  tf(args: string[], options?: {env?: Record<string, string | undefined>; input?: string; timeoutMs?: number}): Promise<TfResult>;
  audit(): AuditRecord[];
  close(): Promise<void>;
}

/**
 * A temp project whose tf.config.yaml routes the real API hostnames to local TLS upstreams with
 * certificates from a test CA (trusted by the proxy through proxy.upstreamCa), github.com to
 * `git http-backend`, and holds connectors for GitHub, OpenAI, Stripe and Slack.
 */
export async function createWorld(): Promise<World> {
  const dir = tempDir('tf-run-');
  const {ca} = makeUpstreamCa(dir);
  const api = await startTlsUpstream(ca, ['api.github.com', 'uploads.github.com', 'api.openai.com', 'api.stripe.com', 'slack.com'], apiHandler);
  const plain = await startHttpUpstream(apiHandler);
  const gitRoot = path.join(dir, 'git');
  mkdirSync(gitRoot);
  const gitLog: GitRequestLog[] = [];
  const git = await startTlsUpstream(ca, ['github.com'], gitHttpBackend(gitRoot, gitLog));
  const dataDir = path.join(dir, 'data');
  const auditLog = path.join(dir, 'audit.jsonl');
  // GitHub and OpenAI keep their default token variables (the agent's copy becomes a placeholder);
  // Stripe's real key lives in a tf-only variable; Slack's agent reads SLACK_TOKEN, not the default.
  writeFileSync(
    path.join(dir, 'tf.config.yaml'),
    `connectors:
  github: {type: github}
  openai: {type: openai}
  stripe: {type: stripe, tokenEnv: TF_REAL_STRIPE}
  slack: {type: slack, tokenEnv: TF_REAL_SLACK, agentEnv: SLACK_TOKEN}
  internal: {type: generic, domains: [internal.example.test], tokenEnv: TF_REAL_INTERNAL}
proxy:
  upstreamCa: ./upstream-ca.pem
  auditLog: ./audit.jsonl
  routes:
    api.github.com: ${api.origin}
    uploads.github.com: ${api.origin}
    api.openai.com: ${api.origin}
    api.stripe.com: ${api.origin}
    slack.com: ${api.origin}
    github.com: ${git.origin}
    internal.example.test: ${plain.origin}
`,
  );
  const env: Record<string, string | undefined> = {
    TF_DATA_DIR: dataDir,
    GITHUB_TOKEN: REAL.github,
    OPENAI_API_KEY: REAL.openai,
    TF_REAL_STRIPE: REAL.stripe,
    TF_REAL_SLACK: REAL.slack,
    TF_REAL_INTERNAL: REAL.internal,
    // Never let a developer's proxy or git setup leak in.
    HTTP_PROXY: undefined,
    HTTPS_PROXY: undefined,
    http_proxy: undefined,
    https_proxy: undefined,
    ALL_PROXY: undefined,
    all_proxy: undefined,
    NO_PROXY: undefined,
    no_proxy: undefined,
    NODE_OPTIONS: undefined,
    STRIPE_SECRET_KEY: undefined,
    SLACK_BOT_TOKEN: undefined,
    SLACK_TOKEN: undefined,
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_TERMINAL_PROMPT: '0',
    GIT_ASKPASS: undefined,
    SSH_ASKPASS: undefined,
  };
  return {
    dir,
    dataDir,
    auditLog,
    api,
    plain,
    git,
    gitLog,
    gitRoot,
    env,
    tf: (args, options = {}) => runTf(args, {cwd: dir, env: {...env, ...options.env}, input: options.input, timeoutMs: options.timeoutMs}),
    audit: () => readAudit(auditLog),
    async close() {
      await Promise.all([api.close(), plain.close(), git.close()]);
      removeDir(dir);
    },
  };
}

export {createBareRepo};

/** The one request the upstream saw for a host and path (query ignored). */
export function requestTo(upstream: Upstream, host: string, pathname: string): Captured {
  const found = upstream.requests.filter((r) => (r.headers.host ?? '').split(':')[0] === host && r.path.split('?')[0] === pathname);
  if (found.length !== 1) {
    const seen = upstream.requests.map((r) => `${r.method} ${r.headers.host}${r.path}`).join('\n  ');
    throw new Error(`expected one request to ${host}${pathname}, got ${found.length}; seen:\n  ${seen}`);
  }
  return found[0];
}

export function auditFor(records: AuditRecord[], host: string, pathname: string): AuditRecord {
  const found = records.filter((r) => r.kind === 'request' && r.host === host && r.path === pathname);
  if (found.length !== 1) throw new Error(`expected one audit record for ${host}${pathname}, got ${found.length}:\n${records.map((r) => JSON.stringify(r)).join('\n')}`);
  return found[0];
}

/** The last JSON line a client printed. */
export function lastJson<T = Record<string, unknown>>(result: TfResult): T {
  const line = result.stdout.trim().split('\n').reverse().find((l) => l.startsWith('{'));
  if (!line) throw new Error(`no JSON output (exit ${result.code})\nstdout: ${result.stdout}\nstderr: ${result.stderr}`);
  return JSON.parse(line) as T;
}

/** `tf run` as a process of its own, to signal it. */
export function spawnTf(args: string[], cwd: string, env: Record<string, string | undefined>): {child: ChildProcess; stdout: () => string; stderr: () => string; exited: Promise<{code: number | null; signal: NodeJS.Signals | null}>} {
  const child = spawn(process.execPath, [TF_BIN, ...args], {cwd, env: {...process.env, NO_COLOR: '1', ...env}, stdio: ['ignore', 'pipe', 'pipe']});
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (d) => (stdout += d));
  child.stderr!.setEncoding('utf8').on('data', (d) => (stderr += d));
  const exited = new Promise<{code: number | null; signal: NodeJS.Signals | null}>((resolve) => child.on('close', (code, signal) => resolve({code, signal})));
  return {child, stdout: () => stdout, stderr: () => stderr, exited};
}

export async function waitFor(check: () => boolean, what: string, timeoutMs = 15000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export {REPO_ROOT};
