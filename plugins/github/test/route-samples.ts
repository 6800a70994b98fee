import type {RouteSpec} from '@tf/sdk';

const SEGMENT = /^([^{}]*)\{([A-Za-z_][\w-]*)(\+?)\}([^{}]*)$/;

/** A request that selects one route: its path filled from the template, and what its `when` condition needs. */
export interface RouteSample {
  path: string;
  query: URLSearchParams;
  headers: Record<string, string>;
  body?: Record<string, unknown>;
  /** The value each path parameter was given, by the route's own parameter name. */
  params: Record<string, string>;
}

/** Fills a route template; `value(name, greedy)` is the raw (already encoded) text for one parameter. */
export function sampleFor(route: RouteSpec, value: (name: string, greedy: boolean) => string): RouteSample {
  const params: Record<string, string> = {};
  const path = route.path
    .split('/')
    .map((segment) => {
      const m = SEGMENT.exec(segment);
      if (!m) return segment;
      const [, prefix, name, plus, suffix] = m;
      const raw = value(name, plus === '+');
      params[name] = raw;
      return prefix + raw + suffix;
    })
    .join('/');
  const sample: RouteSample = {path, query: new URLSearchParams(), headers: {}, params};
  const when = route.when;
  if (when && when.exists !== false) {
    const wanted = when.equals ?? 'sample';
    if (when.in === 'query') sample.query.set(when.field, String(wanted));
    else if (when.in === 'header') sample.headers[when.field.toLowerCase()] = String(wanted);
    else sample.body = nest(when.field, wanted);
  }
  return sample;
}

function nest(dotted: string, value: unknown): Record<string, unknown> {
  const keys = dotted.split('.');
  const root: Record<string, unknown> = {};
  let node = root;
  keys.forEach((key, i) => {
    if (i === keys.length - 1) node[key] = value;
    else node = (node[key] = {}) as Record<string, unknown>;
  });
  return root;
}
