import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {stringify} from 'yaml';
import {parseJson, runTf, type ParsedEntry, type TfResult} from '../helpers/cli';

/** The test-only connector plugin (numeric body fields), linked into each workspace's data dir. */
export const LEDGER_PLUGIN = path.join(__dirname, 'fixtures/connector-ledger');

/** Two connectors with domains of our own: generic (`generic.<method>`) and the test ledger plugin. */
export const CONNECTORS = {
  api: {type: 'generic', domains: ['*.ops.test']},
  pay: {type: 'ledger', domains: ['*.ledger.test']},
};

export interface Workspace {
  dir: string;
  dataDir: string;
  config: string;
  env: Record<string, string>;
  writeConfig(policies: unknown, connectors?: unknown): string;
  /** Writes raw YAML text (for line-number tests). */
  writeConfigText(text: string): string;
  capture(requests: CaptureRequest[]): string;
  tf(args: string[]): Promise<TfResult>;
  parse(requests: CaptureRequest[], extraArgs?: string[]): Promise<ParsedEntry[]>;
  remove(): void;
}

export interface CaptureRequest {
  method: string;
  url: string;
  headers?: Record<string, string>;
  /** An object is sent as JSON; a string as-is (give a content-type header for forms). */
  body?: unknown;
}

/** A temp dir with a config, a data dir (TF_DATA_DIR) that links the ledger plugin, and helpers to run tf there. */
export function workspace(): Workspace {
  const dir = mkdtempSync(path.join(tmpdir(), 'tf-policy-'));
  const dataDir = path.join(dir, 'data');
  mkdirSync(dataDir);
  writeFileSync(
    path.join(dataDir, 'package.json'),
    JSON.stringify({private: true, oclif: {schema: 1, plugins: [{name: 'tf-test-connector-ledger', type: 'link', root: LEDGER_PLUGIN}]}}),
  );
  const config = path.join(dir, 'tf.config.yaml');
  const env = {TF_DATA_DIR: dataDir};
  let captures = 0;
  const ws: Workspace = {
    dir,
    dataDir,
    config,
    env,
    writeConfig(policies, connectors = CONNECTORS) {
      return ws.writeConfigText(stringify({connectors, ...(policies === undefined ? {} : {policies})}));
    },
    writeConfigText(text) {
      writeFileSync(config, text);
      return config;
    },
    capture(requests) {
      const file = path.join(dir, `capture-${++captures}.jsonl`);
      writeFileSync(file, requests.map((r) => JSON.stringify(r)).join('\n') + '\n');
      return file;
    },
    tf: (args) => runTf(args, {cwd: dir, env}),
    parse: (requests, extraArgs = []) => parseJson([ws.capture(requests), '--config', config, ...extraArgs], {cwd: dir, env}),
    remove: () => rmSync(dir, {recursive: true, force: true}),
  };
  return ws;
}

export interface Row {
  label: string;
  /** The condition under test (a `when` value). */
  when?: unknown;
  match?: string | string[];
  request: CaptureRequest;
  /** Whether the rule should fire. */
  fires: boolean;
}

/**
 * Runs a table in one `tf parse`: each row gets its own host (`rN.<domain>`) and a deny rule scoped to it,
 * so a row's decision is deny by its rule exactly when its condition holds, else the default allow.
 */
export async function runRows(ws: Workspace, rows: Row[], extraArgs: string[] = []): Promise<ParsedEntry[]> {
  const rules = rows.map((row, i) => {
    const host = new URL(row.request.url).hostname.replace(/^[^.]+/, `r${i}`);
    const scope = {field: 'host', op: 'equals', value: host};
    return {name: `row-${i}`, match: row.match ?? '**', when: row.when === undefined ? scope : {all: [scope, row.when]}, decision: 'deny'};
  });
  ws.writeConfig({default: 'allow', rules});
  const requests = rows.map((row, i) => {
    const url = new URL(row.request.url);
    url.hostname = url.hostname.replace(/^[^.]+/, `r${i}`);
    return {...row.request, url: url.toString()};
  });
  const results = await ws.parse(requests, extraArgs);
  if (results.length !== rows.length) throw new Error(`expected ${rows.length} results, got ${results.length}`);
  return results;
}

export function payment(body: unknown, headers?: Record<string, string>): CaptureRequest {
  return {method: 'POST', url: 'https://x.ledger.test/v1/accounts/acc_1/payments', body, ...(headers ? {headers} : {})};
}

export function form(text: string): CaptureRequest {
  return payment(text, {'content-type': 'application/x-www-form-urlencoded'});
}

export interface RulesRow {
  label: string;
  /** Rules without names get `<row>-<n>`; each is scoped to the row's own host. */
  rules: Record<string, unknown>[];
  request: CaptureRequest;
  expect: Record<string, unknown>;
}

/** Like runRows, for rows that need several rules of their own (precedence, monitor mode). */
export async function runRuleRows(ws: Workspace, rows: RulesRow[], defaults: Record<string, unknown> = {default: 'allow'}): Promise<ParsedEntry[]> {
  const rules = rows.flatMap((row, i) =>
    row.rules.map((rule) => {
      const host = `r${i}.${new URL(row.request.url).hostname.split('.').slice(1).join('.')}`;
      const scope = {field: 'host', op: 'equals', value: host};
      const {when, ...rest} = rule;
      return {...rest, when: when === undefined ? scope : {all: [scope, when]}};
    }),
  );
  ws.writeConfig({...defaults, rules});
  const requests = rows.map((row, i) => {
    const url = new URL(row.request.url);
    url.hostname = url.hostname.replace(/^[^.]+/, `r${i}`);
    return {...row.request, url: url.toString()};
  });
  return ws.parse(requests);
}
