import type {Risk} from './types';

/**
 * A condition on the request that picks between routes sharing method + path
 * (the seed's `state=closed`, `(new)/(existing)`, `stream=true` rows).
 */
export interface RouteCondition {
  in: 'body' | 'query' | 'header';
  field: string; // dotted path for body fields
  equals?: unknown;
  exists?: boolean;
}

export interface RouteSpec {
  method: string;
  /**
   * Path template: `{name}` is one segment, `{name+}` the rest of the path
   * (values with slashes: `contents/{path+}`), and `pre{name}post` a segment with fixed text around a value.
   */
  path: string;
  type: string;
  risk: Risk;
  when?: RouteCondition;
  /** Body fields copied into `parameters`. */
  bodyParams?: string[];
  /** Extra risk hints for this route (merged over the defaults). */
  hints?: Record<string, unknown>;
  description?: string;
}

export interface RouteMatch {
  route: RouteSpec;
  params: Record<string, string>;
}

/** Reads what a condition needs; the body is parsed lazily and only once. */
export interface ConditionContext {
  body(): Record<string, unknown> | undefined;
  query: URLSearchParams;
  header(name: string): string | undefined;
}

interface DynamicEdge {
  prefix: string;
  suffix: string;
  node: TrieNode;
}

/** A route as stored in the trie: its own parameter names, in path order, so routes sharing a position keep theirs. */
interface CompiledRoute {
  route: RouteSpec;
  names: string[];
}

class TrieNode {
  readonly statics = new Map<string, TrieNode>();
  readonly affixes: DynamicEdge[] = [];
  param?: TrieNode;
  greedy?: TrieNode;
  /** Routes ending here, by method; conditional routes first, the unconditional default last. */
  readonly methods = new Map<string, CompiledRoute[]>();
}

const PARAM = /^\{([A-Za-z_][\w-]*)(\+?)\}$/;
const AFFIX = /^([^{}]*)\{([A-Za-z_][\w-]*)\}([^{}]*)$/;

export function splitPath(path: string): string[] {
  const segments = path.split('/');
  // "/a/b/" and "/a/b" match alike; the leading "" is dropped.
  const start = segments[0] === '' ? 1 : 0;
  let end = segments.length;
  while (end > start && segments[end - 1] === '') end--;
  return start === 0 && end === segments.length ? segments : segments.slice(start, end);
}

function decode(value: string): string {
  if (!value.includes('%')) return value;
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** Route table compiled into a trie by path segment: lookup cost follows path depth, not route count. */
export class RouteTable {
  private readonly root = new TrieNode();
  readonly routes: readonly RouteSpec[];

  constructor(routes: readonly RouteSpec[]) {
    this.routes = routes;
    for (const route of routes) this.insert(route);
  }

  private insert(route: RouteSpec): void {
    let node = this.root;
    const names: string[] = [];
    const segments = splitPath(route.path);
    segments.forEach((segment, index) => {
      node = this.child(node, segment, index === segments.length - 1, route.path, names);
    });
    const method = route.method.toUpperCase();
    const list = node.methods.get(method) ?? [];
    const fallback = list.find((r) => !r.route.when);
    if (!route.when && fallback) {
      throw new Error(`duplicate route ${method} ${route.path} (${fallback.route.type} and ${route.type})`);
    }
    // Conditional variants are tried before the default.
    if (route.when) list.unshift({route, names});
    else list.push({route, names});
    node.methods.set(method, list);
  }

  private child(node: TrieNode, segment: string, last: boolean, path: string, names: string[]): TrieNode {
    const param = PARAM.exec(segment);
    if (param) {
      const [, name, plus] = param;
      names.push(name);
      if (plus) {
        if (!last) throw new Error(`route ${path}: {${name}+} must be the last segment`);
        return (node.greedy ??= new TrieNode());
      }
      return (node.param ??= new TrieNode());
    }
    const affix = AFFIX.exec(segment);
    if (affix) {
      const [, prefix, name, suffix] = affix;
      names.push(name);
      let edge = node.affixes.find((e) => e.prefix === prefix && e.suffix === suffix);
      if (!edge) {
        edge = {prefix, suffix, node: new TrieNode()};
        node.affixes.push(edge);
      }
      return edge.node;
    }
    let next = node.statics.get(segment);
    if (!next) {
      next = new TrieNode();
      node.statics.set(segment, next);
    }
    return next;
  }

  /** Finds the route for a method and (already base-stripped) path; `undefined` when none fits. */
  match(method: string, path: string, ctx?: ConditionContext): RouteMatch | undefined {
    const segments = splitPath(path);
    const values: string[] = [];
    const found = this.walk(this.root, segments, 0, method.toUpperCase(), values, ctx);
    if (!found) return undefined;
    const params: Record<string, string> = {};
    for (let i = 0; i < found.names.length; i++) params[found.names[i]] = values[i];
    return {route: found.route, params};
  }

  /** Depth-first, most specific first: static, then affix, then one-segment param, then greedy rest. */
  private walk(
    node: TrieNode,
    segments: string[],
    index: number,
    method: string,
    values: string[],
    ctx: ConditionContext | undefined,
  ): CompiledRoute | undefined {
    if (index === segments.length) return pick(node.methods.get(method), ctx);
    const segment = segments[index];

    const fixed = node.statics.get(segment);
    if (fixed) {
      const found = this.walk(fixed, segments, index + 1, method, values, ctx);
      if (found) return found;
    }
    for (const edge of node.affixes) {
      if (
        segment.length > edge.prefix.length + edge.suffix.length &&
        segment.startsWith(edge.prefix) &&
        segment.endsWith(edge.suffix)
      ) {
        values.push(decode(segment.slice(edge.prefix.length, segment.length - edge.suffix.length)));
        const found = this.walk(edge.node, segments, index + 1, method, values, ctx);
        if (found) return found;
        values.pop();
      }
    }
    if (node.param && segment !== '') {
      values.push(decode(segment));
      const found = this.walk(node.param, segments, index + 1, method, values, ctx);
      if (found) return found;
      values.pop();
    }
    if (node.greedy) {
      const found = pick(node.greedy.methods.get(method), ctx);
      if (found) {
        values.push(segments.slice(index).map(decode).join('/'));
        return found;
      }
    }
    return undefined;
  }
}

function pick(candidates: CompiledRoute[] | undefined, ctx: ConditionContext | undefined): CompiledRoute | undefined {
  if (!candidates) return undefined;
  for (const candidate of candidates) {
    const {when} = candidate.route;
    if (!when) return candidate;
    if (ctx && conditionHolds(when, ctx)) return candidate;
  }
  return undefined;
}

export function conditionHolds(cond: RouteCondition, ctx: ConditionContext): boolean {
  let value: unknown;
  if (cond.in === 'query') value = ctx.query.get(cond.field) ?? undefined;
  else if (cond.in === 'header') value = ctx.header(cond.field.toLowerCase());
  else value = getPath(ctx.body(), cond.field);
  if (cond.exists !== undefined) return (value !== undefined && value !== null) === cond.exists;
  if (cond.equals !== undefined) return looselyEqual(value, cond.equals);
  return value !== undefined;
}

/** Form bodies carry "true"/"10" as strings: compare them with the JSON value they stand for. */
function looselyEqual(actual: unknown, expected: unknown): boolean {
  if (actual === expected) return true;
  if (typeof actual === 'string' && typeof expected !== 'string') return actual === String(expected);
  return false;
}

export function getPath(obj: unknown, dotted: string): unknown {
  let current: unknown = obj;
  for (const key of dotted.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}
