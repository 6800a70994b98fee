import {spawn} from 'node:child_process';
import {mkdirSync, mkdtempSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '../..');
export const TF_BIN = path.join(REPO_ROOT, 'bin/run.js');

export interface TfResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface TfOptions {
  cwd?: string;
  env?: Record<string, string | undefined>;
  input?: string | Buffer;
  timeoutMs?: number;
}

let isolated: string | undefined;
/** A data/config home of its own per test process, so a developer's linked plugins or global config never leak in. */
export function isolatedHome(): string {
  if (!isolated) {
    isolated = mkdtempSync(path.join(os.tmpdir(), 'tf-test-home-'));
    mkdirSync(path.join(isolated, 'data'));
    mkdirSync(path.join(isolated, 'xdg'));
  }
  return isolated;
}

/** Runs the real CLI (`node bin/run.js ...`) as a user would; needs `npm run build` first. */
export function runTf(args: string[], options: TfOptions = {}): Promise<TfResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [TF_BIN, ...args], {
      cwd: options.cwd ?? REPO_ROOT,
      env: {
        ...process.env,
        NO_COLOR: '1',
        FORCE_COLOR: '0',
        TF_DATA_DIR: path.join(isolatedHome(), 'data'),
        XDG_CONFIG_HOME: path.join(isolatedHome(), 'xdg'),
        ...options.env,
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 30000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({code, stdout, stderr});
    });
    child.stdin.end(options.input ?? '');
  });
}

/** Runs `tf parse --json` over a capture and returns the parsed array. */
export async function parseJson(args: string[], options: TfOptions = {}): Promise<ParsedEntry[]> {
  const result = await runTf(['parse', ...args, '--json'], options);
  try {
    return JSON.parse(result.stdout) as ParsedEntry[];
  } catch {
    throw new Error(`tf parse --json printed no JSON (exit ${result.code}): ${result.stderr || result.stdout}`);
  }
}

export interface ParsedEntry {
  index: number;
  method: string;
  url: string;
  connector: string | null;
  action: {
    type: string;
    risk: string;
    resource: Record<string, unknown>;
    parameters: Record<string, unknown>;
    riskHints: Record<string, unknown>;
  } | null;
  error: string | null;
  decision?: {effect: string; rule: string | null; reason: string | null; mode: string};
}
