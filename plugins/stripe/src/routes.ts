import type {RouteSpec} from '@tf/sdk';
import {GENERATED_ROUTES} from './routes.generated';
import {SEED_ROUTES, VARIANT_ROUTES, type RouteOverride} from './overrides';

/** Generated rows become RouteSpecs; seed rows replace theirs, variants go in beside. */
export function buildRoutes(overrides: readonly RouteOverride[] = SEED_ROUTES, variants: readonly RouteOverride[] = VARIANT_ROUTES): RouteSpec[] {
  const byRoute = new Map(overrides.map((o) => [`${o.method} ${o.path}`, o]));
  const routes: RouteSpec[] = GENERATED_ROUTES.map(([method, path, type, risk, description, flags]) => {
    const financial = flags?.split(',').includes('financial');
    const seed = byRoute.get(`${method} ${path}`);
    return {
      method,
      path,
      type: seed?.type ?? type,
      risk: seed?.risk ?? risk,
      ...(financial ? {hints: {financial: true}} : {}),
      ...(description ? {description} : {}),
    };
  });
  for (const variant of variants) routes.push({...variant});
  return routes;
}

export const STRIPE_ROUTES: readonly RouteSpec[] = buildRoutes();
