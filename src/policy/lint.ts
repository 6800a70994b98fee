import {compileGlob, globCovers} from './glob';
import {EFFECT_RANK, type PolicyProblem, type PolicySpec, type RuleSpec} from './spec';

/**
 * What `tf policy check` adds to load-time validation: globs no installed connector can produce,
 * and rules that can never decide because an unconditional rule covering them always wins first.
 */
export function lintPolicy(spec: PolicySpec, actionTypes: Set<string>): PolicyProblem[] {
  const problems: PolicyProblem[] = [];
  for (const rule of spec.rules) {
    rule.match.forEach((glob, i) => {
      const compiled = compileGlob(glob);
      for (const type of actionTypes) if (compiled.test(type)) return;
      problems.push({
        path: ['policies', 'rules', rule.index, 'match', ...(rule.match.length > 1 ? [i] : [])],
        message: `rule "${rule.name}": glob "${glob}" matches no action type of any installed connector (see tf actions list)`,
      });
    });
  }
  for (const rule of spec.rules) {
    const winner = spec.rules.find((other) => other !== rule && shadows(other, rule));
    if (winner) {
      problems.push({
        path: ['policies', 'rules', rule.index, 'name'],
        message: `rule "${rule.name}" never decides: rule "${winner.name}" (${winner.decision}, no conditions, match ${winner.match.join(', ')}) always wins over it`,
      });
    }
  }
  return problems;
}

/** `a` always wins over `b`: unconditional, covers every type `b` matches, and outranks it (or ties and comes first). */
function shadows(a: RuleSpec, b: RuleSpec): boolean {
  if (a.when) return false;
  // Monitor rules never change what is enforced.
  if (a.mode === 'monitor' && b.mode === 'enforce') return false;
  const rankA = EFFECT_RANK[a.decision];
  const rankB = EFFECT_RANK[b.decision];
  if (rankA < rankB) return false;
  // On a tie the earlier rule names the decision; a monitor rule agreeing with an enforced one is never reported.
  if (rankA === rankB && a.mode === b.mode && a.index > b.index) return false;
  return b.match.every((inner) => a.match.some((outer) => globCovers(outer, inner)));
}
