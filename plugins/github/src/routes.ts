import type {RouteSpec} from '@tf/sdk';
import {API_ROUTES, HOST_ROOT_ROUTES, UPLOAD_ROUTES, type GeneratedRow} from './routes.generated';
import seedRows from './seed-routes.json';

/** A seed row: the seed's action names and risks win over the generated ones for these operations. */
interface SeedRow extends RouteSpec {
  operationId: string;
}

/** Hints a route's risk reason adds to every action it classifies (the reasons are the generator's risk rule). */
const REASON_HINTS: Record<string, Record<string, unknown>> = {
  access: {accessChange: true},
  admin: {instanceAdmin: true},
};

/** Policy-relevant body fields copied into `parameters` wherever a request carries them. */
export const BODY_PARAMS = [
  'state',
  'state_reason',
  'merge_method',
  'base',
  'head',
  'draft',
  'event',
  'permission',
  'role',
  'private',
  'visibility',
  'archived',
  'default_branch',
  'ref',
  'sha',
  'branch',
  'tag_name',
  'prerelease',
  'force',
];

function fromRow([method, path, type, risk, reason, , summary]: GeneratedRow): RouteSpec {
  const hints = REASON_HINTS[reason];
  return {method, path, type, risk, description: summary, ...(hints ? {hints} : {})};
}

function fromSeed({operationId: _operationId, ...route}: SeedRow): RouteSpec {
  return route;
}

/** REST API routes (below https://api.github.com or https://HOST/api/v3): the seed's rows, then the generated ones. */
export const apiRoutes: RouteSpec[] = [...(seedRows as SeedRow[]).map(fromSeed), ...API_ROUTES.map(fromRow)];

/** Release asset uploads (below https://uploads.github.com or https://HOST/api/uploads). */
export const uploadRoutes: RouteSpec[] = UPLOAD_ROUTES.map(fromRow);

/** GHES Management Console API, at the host root (https://HOST/manage/v1/...). */
export const manageRoutes: RouteSpec[] = HOST_ROOT_ROUTES.map(fromRow);
