import type {ConnectorCatalog} from '../connectors/catalog';
import type {ConnectorRegistry} from '../connectors/registry';
import type {LoadedConfig} from '../config/load';
import {installedActionTypes} from './action-types';
import {lintPolicy} from './lint';
import {readPolicySpec} from './validate';

export interface PolicyCheckProblem {
  /** `tf.config.yaml:12`, ready to print. */
  location: string;
  file: string | null;
  line: number | null;
  /** Config path, e.g. `policies.rules[2].when.op`. */
  path: string;
  message: string;
}

export interface PolicyCheckReport {
  file: string | null;
  rules: number;
  default: string;
  ok: boolean;
  problems: PolicyCheckProblem[];
}

/** Everything `tf policy check` reports: load-time errors, then globs no connector produces and shadowed rules. */
export function checkPolicyConfig(config: LoadedConfig, catalog: ConnectorCatalog, registry: ConnectorRegistry): PolicyCheckReport {
  const {spec, problems} = readPolicySpec(config.policies);
  // Rules with errors are left out of the spec, so linting the rest is still meaningful.
  const all = [...problems, ...lintPolicy(spec, installedActionTypes(catalog, registry))];
  const file = config.file;
  const located = all.map((p) => {
    const line = file?.lineOf(p.path) ?? null;
    return {
      location: file ? file.where(p.path) : 'policies',
      file: file?.filepath ?? null,
      line,
      path: formatPath(p.path),
      message: p.message,
    };
  });
  located.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  return {file: file?.filepath ?? null, rules: spec.rules.length, default: spec.default, ok: located.length === 0, problems: located};
}

function formatPath(path: (string | number)[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}
