import type {RouteSpec} from '@tf/sdk';
import {GENERATED_METHODS} from './routes.generated';
import {SEED_METHODS, UPLOAD_CONTENT_ROUTE, UPLOAD_METHODS, type MethodOverride} from './overrides';

export const METHOD_PREFIX = '/api/';

/** Every Web API method as a route at /api/<method>; seed and upload-flow rows replace theirs or are added. */
export function buildRoutes(overrides: readonly MethodOverride[] = [...SEED_METHODS, ...UPLOAD_METHODS]): RouteSpec[] {
  const byMethod = new Map(overrides.map((o) => [o.method, o]));
  const routes: RouteSpec[] = [];
  const route = (method: string, type: string, risk: MethodOverride['risk'], description?: string, http = 'POST'): RouteSpec => ({
    method: http,
    path: METHOD_PREFIX + method,
    type,
    risk,
    ...(description ? {description} : {}),
  });
  for (const [method, type, risk, description] of GENERATED_METHODS) {
    const o = byMethod.get(method);
    byMethod.delete(method);
    routes.push(o ? route(method, o.type, o.risk, o.description ?? description, o.http) : route(method, type, risk, description));
  }
  for (const o of byMethod.values()) routes.push(route(o.method, o.type, o.risk, o.description, o.http));
  routes.push({...UPLOAD_CONTENT_ROUTE});
  return routes;
}

export const SLACK_ROUTES: readonly RouteSpec[] = buildRoutes();
