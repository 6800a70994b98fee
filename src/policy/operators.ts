/**
 * The 14 condition operators. Each compiles once (sets, numbers, regexes prepared at load) to a test of one field value.
 * Semantics shared by all of them:
 * - a missing field (undefined/null) fails every positive operator, so the `not_*` ones hold;
 * - an array field satisfies a positive operator when any element does (`contains`: an element equals the value);
 * - numbers and numeric strings compare as numbers (form bodies carry amounts as strings).
 */
export const OPERATORS = [
  'equals',
  'not_equals',
  'in',
  'not_in',
  'gt',
  'gte',
  'lt',
  'lte',
  'contains',
  'not_contains',
  'starts_with',
  'ends_with',
  'matches',
  'exists',
] as const;

export type Operator = (typeof OPERATORS)[number];
export type ValueTest = (value: unknown) => boolean;
type Scalar = string | number | boolean;

const NEGATED: Partial<Record<Operator, Operator>> = {not_equals: 'equals', not_in: 'in', not_contains: 'contains'};
const REGEX_FLAGS = /^[imsu]*$/;

export function isOperator(op: unknown): op is Operator {
  return typeof op === 'string' && (OPERATORS as readonly string[]).includes(op);
}

/** Why `value` (and `flags`) do not suit `op`, or undefined when they do. */
export function operandProblem(op: Operator, value: unknown, flags: unknown): string | undefined {
  if (flags !== undefined && op !== 'matches') return '"flags" only goes with op: matches';
  switch (op) {
    case 'exists':
      return value === undefined || typeof value === 'boolean' ? undefined : 'exists takes value: true or false (default true)';
    case 'in':
    case 'not_in':
      if (!Array.isArray(value) || value.length === 0) return `${op} needs value: a non-empty list`;
      return value.every(isScalar) ? undefined : `${op} list items must be strings, numbers or booleans`;
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      return Number.isFinite(toNumber(value)) ? undefined : `${op} needs a number (got ${describe(value)})`;
    case 'matches': {
      if (typeof value !== 'string') return `matches needs a regular expression string (got ${describe(value)})`;
      if (flags !== undefined && (typeof flags !== 'string' || !REGEX_FLAGS.test(flags))) return 'flags must be a combination of i, m, s, u';
      try {
        new RegExp(value, (flags as string | undefined) ?? '');
      } catch (error) {
        return `invalid regular expression: ${(error as Error).message.replace(/^Invalid regular expression: /, '')}`;
      }
      return undefined;
    }
    case 'starts_with':
    case 'ends_with':
      return typeof value === 'string' || typeof value === 'number' ? undefined : `${op} needs a string (got ${describe(value)})`;
    default:
      return value === undefined ? `${op} needs a value` : isScalar(value) ? undefined : `${op} needs a string, number or boolean (got ${describe(value)})`;
  }
}

/** Compiles a validated operator and operand into a test of one field value. */
export function compileOperator(op: Operator, value: unknown, flags?: string): ValueTest {
  const positive = NEGATED[op];
  if (positive) {
    const test = compileOperator(positive, value, flags);
    return (x) => !test(x);
  }
  if (op === 'exists') {
    const wanted = value !== false;
    return (x) => (x !== undefined && x !== null) === wanted;
  }
  if (op === 'contains') {
    // A list contains an element equal to the value; a string contains it as a substring.
    const equal = equalTo(value as Scalar);
    const needle = String(value);
    return (x) => (Array.isArray(x) ? x.some(equal) : typeof x === 'string' ? x.includes(needle) : x !== undefined && x !== null && equal(x));
  }
  const element = compileElementTest(op, value, flags);
  return (x) => {
    if (x === undefined || x === null) return false;
    if (Array.isArray(x)) {
      for (const item of x) if (item !== undefined && item !== null && element(item)) return true;
      return false;
    }
    return element(x);
  };
}

function compileElementTest(op: Operator, value: unknown, flags?: string): ValueTest {
  switch (op) {
    case 'equals':
      return equalTo(value as Scalar);
    case 'in': {
      const list = value as Scalar[];
      const strings = new Set(list.map(String));
      const numbers = new Set(list.map(toNumber).filter(Number.isFinite));
      const booleans = list.filter((v) => typeof v === 'boolean');
      return (x) => {
        if (typeof x === 'boolean') return booleans.includes(x) || strings.has(String(x));
        if (typeof x !== 'string' && typeof x !== 'number') return false;
        if (strings.has(String(x))) return true;
        return numbers.size > 0 && numbers.has(toNumber(x));
      };
    }
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte': {
      const limit = toNumber(value);
      const compare = COMPARE[op];
      return (x) => {
        const n = toNumber(x);
        return n === n && compare(n, limit); // n === n: not NaN
      };
    }
    case 'starts_with': {
      const prefix = String(value);
      return (x) => isText(x) && String(x).startsWith(prefix);
    }
    case 'ends_with': {
      const suffix = String(value);
      return (x) => isText(x) && String(x).endsWith(suffix);
    }
    case 'matches': {
      const regex = new RegExp(value as string, flags ?? '');
      return (x) => isText(x) && regex.test(String(x));
    }
    default:
      throw new Error(`operator ${op} has no element test`);
  }
}

const COMPARE = {
  gt: (a: number, b: number) => a > b,
  gte: (a: number, b: number) => a >= b,
  lt: (a: number, b: number) => a < b,
  lte: (a: number, b: number) => a <= b,
} as const;

/** Equality that lets a numeric string equal its number and "true" equal true, nothing looser. */
function equalTo(expected: Scalar): ValueTest {
  if (typeof expected === 'number') return (x) => x === expected || (typeof x === 'string' && toNumber(x) === expected);
  if (typeof expected === 'boolean') {
    const text = String(expected);
    return (x) => x === expected || x === text;
  }
  const numeric = toNumber(expected);
  return (x) => x === expected || (typeof x === 'number' && (x === numeric || String(x) === expected)) || (typeof x === 'boolean' && String(x) === expected);
}

const NUMERIC = /^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$/;

/** A number, or a string that is exactly a decimal number; NaN for anything else. */
export function toNumber(value: unknown): number {
  if (typeof value === 'number') return Number.isFinite(value) ? value : NaN;
  if (typeof value === 'string' && NUMERIC.test(value)) return Number(value);
  return NaN;
}

function isScalar(value: unknown): value is Scalar {
  return typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value));
}

function isText(value: unknown): boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return JSON.stringify(value);
}
