import type {DecisionInput} from '../decision';

/** What a condition's `field` can name: fixed fields, and dotted paths under the action's three maps. */
export const FIXED_FIELDS = ['action.type', 'risk', 'connector', 'agent', 'method', 'host', 'path'] as const;
export const MAP_FIELDS = ['resource', 'parameters', 'riskHints'] as const;

export type FieldReader = (input: DecisionInput) => unknown;

const FIXED: Record<(typeof FIXED_FIELDS)[number], FieldReader> = {
  'action.type': (i) => i.action.type,
  risk: (i) => i.action.risk,
  connector: (i) => i.connector,
  agent: (i) => i.agent,
  method: (i) => i.method,
  host: (i) => i.host,
  path: (i) => i.path,
};

const SEGMENT = /^[A-Za-z0-9_$-]+$/;

/** Why a field name is not readable, or undefined when it is. */
export function fieldProblem(field: string): string | undefined {
  if ((FIXED_FIELDS as readonly string[]).includes(field)) return undefined;
  const dot = field.indexOf('.');
  const root = dot === -1 ? field : field.slice(0, dot);
  if ((MAP_FIELDS as readonly string[]).includes(root)) {
    const rest = dot === -1 ? '' : field.slice(dot + 1);
    if (!rest) return `field "${field}" needs a key: ${root}.NAME (e.g. ${root === 'parameters' ? 'parameters.amount' : root === 'resource' ? 'resource.repo' : 'riskHints.irreversible'})`;
    const bad = rest.split('.').find((s) => !SEGMENT.test(s));
    if (bad !== undefined) return `field "${field}": invalid key segment "${bad}"`;
    return undefined;
  }
  return `unknown field "${field}" (expected ${FIXED_FIELDS.join(', ')}, or resource.*, parameters.*, riskHints.*)`;
}

/** Compiles a validated field name to a reader; map keys are own properties only (never the prototype chain). */
export function compileField(field: string): FieldReader {
  const fixed = FIXED[field as keyof typeof FIXED];
  if (fixed) return fixed;
  const [root, ...keys] = field.split('.');
  const map = root as (typeof MAP_FIELDS)[number];
  if (keys.length === 1) {
    const key = keys[0];
    return (i) => own(i.action[map], key);
  }
  const flat = keys.join('.');
  return (i) => {
    let value: unknown = i.action[map];
    // Connectors copy body fields under their dotted name ("metadata.team"); otherwise walk nested objects.
    const direct = own(value, flat);
    if (direct !== undefined) return direct;
    for (const key of keys) {
      value = own(value, key);
      if (value === undefined) return undefined;
    }
    return value;
  };
}

const hasOwn = Object.prototype.hasOwnProperty;

function own(value: unknown, key: string): unknown {
  if (value === null || typeof value !== 'object') return undefined;
  return hasOwn.call(value, key) ? (value as Record<string, unknown>)[key] : undefined;
}
