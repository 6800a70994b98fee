import type {ConfigFile} from '../config/config-file';
import type {LoadedConfig} from '../config/load';
import {UserError} from '../errors';
import {PolicyEngine} from './compile';
import {readPolicySpec} from './validate';
import type {PolicyProblem, PolicySpec} from './spec';

export {PolicyEngine} from './compile';
export {readPolicySpec} from './validate';
export {lintPolicy} from './lint';
export {installedActionTypes} from './action-types';
export * from './spec';

/** Validates and compiles the config's policies; the first problem becomes a one-line `file:line: ...` UserError. */
export function loadPolicy(config: LoadedConfig): {engine: PolicyEngine; spec: PolicySpec} {
  const {spec, problems} = readPolicySpec(config.policies);
  if (problems.length > 0) {
    // Report the first problem in file order, as an editor would.
    const file = config.file;
    if (file) problems.sort((a, b) => (file.lineOf(a.path) ?? 0) - (file.lineOf(b.path) ?? 0));
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more: run tf policy check)` : '';
    throw new UserError(`${locate(config.file, problems[0])}: ${problems[0].message}${more}`);
  }
  return {engine: new PolicyEngine(spec), spec};
}

/** `tf.config.yaml:12`, or the file alone when its format has no lines (package.json), or "policies" without a file. */
export function locate(file: ConfigFile | undefined, problem: PolicyProblem): string {
  return file ? file.where(problem.path) : 'policies';
}

export function describePolicy(spec: PolicySpec): string {
  const monitored = spec.rules.filter((r) => r.mode === 'monitor').length;
  const n = spec.rules.length;
  return `${n} polic${n === 1 ? 'y rule' : 'y rules'}${monitored ? ` (${monitored} in monitor mode)` : ''}, default ${spec.default}`;
}
