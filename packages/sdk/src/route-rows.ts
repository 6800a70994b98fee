import type {RouteSpec} from './route-table';
import type {Risk} from './types';

/** One generated row: [method, path, type, risk, SDK method, stream switch]. */
export type GeneratedRoute = [string, string, string, Risk, string, ('body' | 'query')?];

/** A hand-written correction: the contract's (seed's) name and risk for a route the generator also found. */
export interface RouteOverride {
  method: string;
  path: string;
  /** Applies to the `stream: true` variant instead of the plain route. */
  stream?: boolean;
  type: string;
  risk: Risk;
}

/**
 * Expands generated rows into route specs (a streaming switch becomes a second, conditional route
 * named `<type>_stream`) and applies the overrides. Throws when an override matches no route, so a
 * regeneration that loses a seed route fails at once instead of silently falling back.
 */
export function buildRoutes(rows: GeneratedRoute[], overrides: RouteOverride[], extra: RouteSpec[] = []): RouteSpec[] {
  const byKey = new Map<string, RouteOverride>();
  for (const o of overrides) byKey.set(key(o.method, o.path, o.stream ?? false), o);
  const used = new Set<string>();
  const routes: RouteSpec[] = [];
  for (const [method, path, type, risk, sdk, stream] of rows) {
    const plain = byKey.get(key(method, path, false));
    if (plain) used.add(key(method, path, false));
    routes.push({method, path, type: plain?.type ?? type, risk: plain?.risk ?? risk, description: sdk});
    if (!stream) continue;
    const variant = byKey.get(key(method, path, true));
    if (variant) used.add(key(method, path, true));
    routes.push({
      method,
      path,
      type: variant?.type ?? `${plain?.type ?? type}_stream`,
      risk: variant?.risk ?? plain?.risk ?? risk,
      when: {in: stream, field: 'stream', equals: true},
      description: `${sdk} (stream: true)`,
    });
  }
  const unused = [...byKey.keys()].filter((k) => !used.has(k));
  if (unused.length > 0) throw new Error(`route overrides match no generated route: ${unused.join(', ')}`);
  return [...routes, ...extra];
}

function key(method: string, path: string, stream: boolean): string {
  return `${method.toUpperCase()} ${path}${stream ? ' stream' : ''}`;
}
