import {readFileSync} from 'node:fs';
import type {RouteSpec} from '@tf/sdk';
import {gitRoutes} from '../src/git-routes';
import {sampleFor} from './route-samples';
import {apiRoutes, manageRoutes, uploadRoutes} from '../src/routes';
import {API_ROUTES, HOST_ROOT_ROUTES, UPLOAD_ROUTES} from '../src/routes.generated';
import {dotcom, ghe, request} from './support';

// Plain Node modules: the generator and its rules.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const generator = require('../scripts/generate-routes.js');

/** A path value per parameter; greedy ones hold a slash, the rest an encoded space to prove decoding. */
const value = (name: string, greedy: boolean) => (greedy ? `dir/v-${name}` : `v%20${name}`);
const decoded = (name: string, greedy: boolean) => (greedy ? `dir/v-${name}` : `v ${name}`);

function sampleRequest(route: RouteSpec, root: string) {
  const sample = sampleFor(route, value);
  const url = new URL(root + sample.path);
  for (const [k, v] of sample.query) url.searchParams.set(k, v);
  const req = request(route.method, url.toString(), sample.body, sample.headers);
  return {req, sample};
}

function expectOwnType(route: RouteSpec, root: string, connector = dotcom) {
  const {req, sample} = sampleRequest(route, root);
  const action = connector.parseAction(req);
  expect({route: `${route.method} ${route.path}`, type: action.type, risk: action.risk}).toEqual({
    route: `${route.method} ${route.path}`,
    type: route.type,
    risk: route.risk,
  });
  expect(action.riskHints.unclassified).toBeUndefined();
  // Every path value comes back decoded, under the route's own parameter name.
  for (const name of Object.keys(sample.params)) {
    const greedy = route.path.includes(`{${name}+}`);
    expect([name, action.resource[name]]).toEqual([name, decoded(name, greedy)]);
  }
}

describe('every route of the committed tables classifies to its own type', () => {
  test.each(apiRoutes.map((r) => [`${r.method} ${r.path} → ${r.type}`, r]))('api.github.com %s', (_n, route) =>
    expectOwnType(route as RouteSpec, 'https://api.github.com'),
  );
  test.each(apiRoutes.map((r) => [`${r.method} ${r.path} → ${r.type}`, r]))('GHE /api/v3 %s', (_n, route) =>
    expectOwnType(route as RouteSpec, 'https://github.example.com/api/v3', ghe),
  );
  test.each(uploadRoutes.map((r) => [`${r.method} ${r.path}`, r]))('uploads %s', (_n, route) => {
    expectOwnType(route as RouteSpec, 'https://uploads.github.com');
    expectOwnType(route as RouteSpec, 'https://github.example.com/api/uploads', ghe);
  });
  test.each(manageRoutes.map((r) => [`${r.method} ${r.path}`, r]))('GHE Management Console %s', (_n, route) =>
    expectOwnType(route as RouteSpec, 'https://github.example.com', ghe),
  );
  test.each(gitRoutes.map((r) => [`${r.method} ${r.path}${r.when ? ' (push)' : ''}`, r]))('git %s', (_n, route) => {
    expectOwnType(route as RouteSpec, 'https://github.com');
    expectOwnType(route as RouteSpec, 'https://github.example.com', ghe);
  });
});

describe('the generated table', () => {
  const rows = [...API_ROUTES, ...UPLOAD_ROUTES, ...HOST_ROOT_ROUTES];

  test('is what the generator writes today (regenerate: node plugins/github/scripts/generate-routes.js)', () => {
    expect(generator.generate().text).toBe(readFileSync(generator.OUT_FILE, 'utf8'));
  });

  test('is compact: under 1 MB, ~1,600 routes', () => {
    expect(readFileSync(generator.OUT_FILE).length).toBeLessThan(1024 * 1024);
    expect(rows.length).toBeGreaterThan(1500);
  });

  test('one action type per operation, never a seed name, never the fallback prefix', () => {
    const byType = new Map<string, Set<string>>();
    for (const [, , type, , , operationId] of rows) byType.set(type, (byType.get(type) ?? new Set()).add(operationId));
    expect([...byType].filter(([, ids]) => ids.size > 1)).toEqual([]);
    const seedTypes = new Set(apiRoutes.slice(0, apiRoutes.length - API_ROUTES.length).map((r) => r.type));
    expect(rows.filter(([, , type]) => seedTypes.has(type))).toEqual([]);
    expect(rows.every(([, , type]) => /^github\.[a-z0-9_]+(\.[a-z0-9_]+)+$/.test(type) && !type.startsWith('github.unknown.'))).toBe(true);
  });

  test('every operation of every official description maps to a specific type', () => {
    const covered = new Map(rows.map((r) => [r[5], r[2]]));
    const seedIds = new Set((require('../src/seed-routes.json') as {operationId: string}[]).map((r) => r.operationId));
    const missing: string[] = [];
    let operations = 0;
    for (const {file, spec} of generator.loadSpecs()) {
      for (const [path, item] of Object.entries(spec.paths as Record<string, Record<string, {operationId?: string; servers?: unknown}>>)) {
        for (const [method, op] of Object.entries(item)) {
          if (!op?.operationId) continue;
          operations++;
          if (seedIds.has(op.operationId)) continue;
          // The same URL shape under two ids (compare-commits) classifies as the first one.
          if (!covered.has(op.operationId) && op.operationId !== 'repos/compare-commits') missing.push(`${file} ${method} ${path} ${op.operationId}`);
        }
      }
    }
    expect(missing).toEqual([]);
    expect(operations).toBeGreaterThan(2500); // api.github.com + GHEC + GHES, with their overlap
  });

  test('the api.github.com description: every operation classifies through the connector', () => {
    const {spec} = generator.loadSpecs()[0];
    const fallbacks: string[] = [];
    for (const [path, item] of Object.entries(spec.paths as Record<string, Record<string, {operationId?: string; servers?: {url: string}[]}>>)) {
      for (const [method, op] of Object.entries(item)) {
        if (!op?.operationId) continue;
        const root = op.servers?.[0]?.url ?? 'https://api.github.com';
        const url = root + generator.tablePath(path).replace(/\{([^}+]+)\+?\}/g, 'x-$1');
        const action = dotcom.parseAction(request(method.toUpperCase(), url, method === 'get' || method === 'delete' ? undefined : {}));
        if (action.riskHints.unclassified) fallbacks.push(`${method} ${path}`);
      }
    }
    expect(fallbacks).toEqual([]);
  });
});
