/**
 * Action-type globs: `*` is one dot-segment (or part of one: `create*`), `**` any number of segments (zero or more).
 * Compiled once to a regex; rule lookup is memoised per action type by the policy index, so this runs once per type.
 */
export interface ActionGlob {
  source: string;
  segments: string[];
  test(actionType: string): boolean;
}

const SEGMENT = /^(\*\*|[A-Za-z0-9_*-]+)$/;

/** Why a glob is malformed, or undefined when it is fine. */
export function globProblem(glob: string): string | undefined {
  if (glob.trim() === '') return 'empty action-type glob';
  const segments = glob.split('.');
  for (const segment of segments) {
    if (segment === '') return `invalid action-type glob "${glob}": empty segment (two dots, or a dot at an end)`;
    if (!SEGMENT.test(segment)) return `invalid action-type glob "${glob}": segment "${segment}" (letters, digits, _ - and * only)`;
    if (segment.includes('**') && segment !== '**') return `invalid action-type glob "${glob}": "**" must be a whole segment`;
  }
  if (glob.includes('**.**')) return `invalid action-type glob "${glob}": "**.**" is the same as "**"`;
  return undefined;
}

export function compileGlob(glob: string): ActionGlob {
  const segments = glob.split('.');
  if (segments.every((s) => !s.includes('*'))) return {source: glob, segments, test: (type) => type === glob};
  if (glob === '**') return {source: glob, segments, test: () => true};
  let pattern = '';
  segments.forEach((segment, i) => {
    const last = i === segments.length - 1;
    if (segment === '**') {
      // Zero or more whole segments, keeping the dots between them balanced.
      pattern += i === 0 ? (last ? '.*' : '(?:[^.]+\\.)*') : last ? '(?:\\.[^.]+)*' : '(?:\\.[^.]+)*\\.';
      return;
    }
    if (i > 0 && segments[i - 1] !== '**') pattern += '\\.';
    pattern += segment.split('*').map(escapeRegex).join('[^.]*');
  });
  const regex = new RegExp(`^${pattern}$`);
  return {source: glob, segments, test: (type) => regex.test(type)};
}

/** True when every action type `inner` matches is also matched by `outer` (conservative: may say false for odd overlaps). */
export function globCovers(outer: string, inner: string): boolean {
  return coversFrom(outer.split('.'), 0, inner.split('.'), 0);
}

function coversFrom(a: string[], i: number, b: string[], j: number): boolean {
  if (i === a.length) return j === b.length;
  const segment = a[i];
  if (segment === '**') {
    for (let k = j; k <= b.length; k++) if (coversFrom(a, i + 1, b, k)) return true;
    return false;
  }
  if (j === b.length || b[j] === '**') return false;
  if (!segmentCovers(segment, b[j])) return false;
  return coversFrom(a, i + 1, b, j + 1);
}

function segmentCovers(outer: string, inner: string): boolean {
  if (outer === '*') return true;
  if (!outer.includes('*')) return outer === inner;
  if (inner.includes('*')) return outer === inner;
  return new RegExp(`^${outer.split('*').map(escapeRegex).join('.*')}$`).test(inner);
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
