'use strict';
/**
 * Reads the HTTP routes out of a Stainless-generated SDK client (openai, @anthropic-ai/sdk).
 *
 * Why at run time and not by grepping files: the client object itself tells which resource hangs
 * where (`client.chat.completions`, `client.beta.threads.runs`), which no single file does; each
 * resource method's own source (`Function.prototype.toString`) is then parsed with the TypeScript
 * compiler to find its `this._client.<verb>(path, ...)` call. Nothing is sent anywhere: the client is
 * never asked to make a request.
 *
 * Shared by the openai and anthropic generators: both SDKs come from the same generator (Stainless).
 */
const {writeOrCheck} = require('./generated-file');
const ts = require('typescript');

const VERBS = {get: 'GET', getAPIList: 'GET', post: 'POST', put: 'PUT', patch: 'PATCH', delete: 'DELETE'};

/** `completionID` → `completion_id`, `adminAPIKeys` → `admin_api_keys`, `actionURLs` → `action_urls`. */
function snakeCase(name) {
  return name
    .replace(/OAuth/g, 'Oauth')
    .replace(/([A-Z]+)s(?=[A-Z]|$)/g, (_, run) => `${run[0]}${run.slice(1).toLowerCase()}s`)
    .replace(/ID$/, 'Id')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .toLowerCase();
}

/** The last identifier of `fileID` or `params.thread_id`: what the template interpolates. */
function paramName(expr) {
  while (ts.isParenthesizedExpression(expr) || ts.isNonNullExpression(expr)) expr = expr.expression;
  if (ts.isIdentifier(expr)) return snakeCase(expr.text);
  if (ts.isPropertyAccessExpression(expr)) return snakeCase(expr.name.text);
  if (ts.isElementAccessExpression(expr) && ts.isStringLiteral(expr.argumentExpression)) return snakeCase(expr.argumentExpression.text);
  return undefined;
}

/** `'/a'`, `` `/a` `` or `` path`/a/${id}` `` → `/a/{id}`; undefined for a computed path. */
function pathTemplate(arg) {
  if (ts.isStringLiteral(arg) || ts.isNoSubstitutionTemplateLiteral(arg)) return arg.text;
  let template = arg;
  if (ts.isTaggedTemplateExpression(arg)) template = arg.template;
  if (ts.isNoSubstitutionTemplateLiteral(template)) return template.text;
  if (!ts.isTemplateExpression(template)) return undefined;
  let out = template.head.text;
  for (const span of template.templateSpans) {
    const name = paramName(span.expression);
    if (!name) return undefined;
    out += `{${name}}${span.literal.text}`;
  }
  return out;
}

/** Whether a `stream: x.stream ?? false` property sits anywhere in the method: the SDK's streaming switch. */
function hasStreamSwitch(node) {
  let found = false;
  const visit = (n) => {
    if (found) return;
    if (
      ts.isPropertyAssignment(n) &&
      n.name && ts.isIdentifier(n.name) && n.name.text === 'stream' &&
      /\.stream\b/.test(n.initializer.getText())
    ) {
      found = true;
      return;
    }
    ts.forEachChild(n, visit);
  };
  visit(node);
  return found;
}

/** `getAPIList(path, Page, {body, method: 'post'})`: a paginated POST names its verb in the options. */
function explicitMethod(args) {
  for (const arg of args) {
    if (!ts.isObjectLiteralExpression(arg)) continue;
    for (const prop of arg.properties) {
      if (ts.isPropertyAssignment(prop) && ts.isIdentifier(prop.name) && prop.name.text === 'method' && ts.isStringLiteral(prop.initializer)) {
        return prop.initializer.text.toUpperCase();
      }
    }
  }
  return undefined;
}

/** The `this._client.<verb>(path...)` calls in one method's source. */
function callsInMethod(source) {
  const file = ts.createSourceFile('method.js', `class X { ${source} }`, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
  const calls = [];
  let method;
  const visit = (n) => {
    if (ts.isMethodDeclaration(n) && !method) method = n;
    if (
      ts.isCallExpression(n) &&
      ts.isPropertyAccessExpression(n.expression) &&
      ts.isPropertyAccessExpression(n.expression.expression) &&
      n.expression.expression.expression.kind === ts.SyntaxKind.ThisKeyword &&
      n.expression.expression.name.text === '_client' &&
      VERBS[n.expression.name.text] &&
      n.arguments.length > 0
    ) {
      const template = pathTemplate(n.arguments[0]);
      const verb = n.expression.name.text;
      if (template !== undefined) {
        calls.push({http: explicitMethod(n.arguments) ?? VERBS[verb], path: template.split('?')[0], paginated: verb === 'getAPIList'});
      }
    }
    ts.forEachChild(n, visit);
  };
  visit(file);
  return {calls, streams: method ? hasStreamSwitch(method) : false};
}

function methodNames(resource) {
  const names = new Set();
  for (let proto = Object.getPrototypeOf(resource); proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
    for (const name of Object.getOwnPropertyNames(proto)) {
      if (name === 'constructor' || name.startsWith('_')) continue;
      const descriptor = Object.getOwnPropertyDescriptor(proto, name);
      if (descriptor && typeof descriptor.value === 'function') names.add(name);
    }
  }
  return [...names];
}

/**
 * Every `{accessor, method, http, path, paginated, stream}` the client's resources call, in the client's own order.
 * `accessor` is the property path (`['beta', 'threads', 'runs']`); `stream` is 'body' or 'query' when the
 * method switches to an SSE response on a `stream` flag (query for GETs, which have no body).
 */
function extractRoutes(client) {
  const out = [];
  const seen = new Set();
  const walk = (obj, accessor) => {
    for (const key of Object.keys(obj)) {
      if (key.startsWith('_')) continue;
      const resource = obj[key];
      if (!resource || typeof resource !== 'object' || resource._client !== client || seen.has(resource)) continue;
      seen.add(resource);
      const path = [...accessor, key];
      for (const method of methodNames(resource)) {
        const {calls, streams} = callsInMethod(resource[method].toString());
        for (const call of calls) {
          out.push({
            accessor: path,
            method,
            http: call.http,
            path: call.path,
            paginated: call.paginated,
            stream: streams ? (call.http === 'GET' ? 'query' : 'body') : undefined,
          });
        }
      }
      walk(resource, path);
    }
  };
  walk(client, []);
  return out;
}

/** `batches` → `batch`, `vector_stores` → `vector_store`; words that are not plurals stay. */
const NOT_PLURAL = new Set(['analytics', 'status', 'alias']);

function singular(word) {
  if (NOT_PLURAL.has(word)) return word;
  if (/ies$/.test(word)) return word.slice(0, -3) + 'y';
  if (/(ch|sh|ss|x)es$/.test(word)) return word.slice(0, -2);
  if (/[^su]s$/.test(word)) return word.slice(0, -1);
  return word;
}

/** Two SDK methods on one route: the one outside `beta` wins, then the paginated list. */
function preferred(a, b) {
  const aBeta = a.accessor.includes('beta');
  const bBeta = b.accessor.includes('beta');
  if (aBeta !== bBeta) return aBeta ? b : a;
  if (a.paginated !== b.paginated) return a.paginated ? a : b;
  return a;
}

/**
 * Rows `[method, path, type, risk, SDK method, stream?]`, one per distinct route of the client.
 * `name(route)` gives the action type and `risk(route)` its risk; a type named twice is an error.
 */
function buildRows(client, {name, risk, pathPrefix = ''}) {
  const byRoute = new Map();
  for (const route of extractRoutes(client)) {
    const key = `${route.http} ${route.path}`;
    const existing = byRoute.get(key);
    byRoute.set(key, existing ? preferred(existing, route) : route);
  }
  const rows = [];
  const types = new Map();
  for (const route of byRoute.values()) {
    const type = name(route);
    const sdk = [...route.accessor, route.method].join('.');
    if (types.has(type)) throw new Error(`type ${type} named twice: ${types.get(type)} and ${sdk}`);
    types.set(type, sdk);
    rows.push([route.http, pathPrefix + route.path, type, risk(route), sdk, ...(route.stream ? [route.stream] : [])]);
  }
  return rows;
}

/** Writes the committed table, or with `--check` (the tests) fails when the committed one is stale. */
function writeRouteTable({rows, out, sdk, note, script}) {
  const quote = (v) => {
    if (!/^[\w./{}+-]*$/.test(v)) throw new Error(`unexpected character in ${v}`);
    return `'${v}'`;
  };
  const lines = rows.map((row) => `  [${row.map(quote).join(', ')}],`);
  const text = `// Generated by scripts/generate-routes.js from ${sdk.name}@${sdk.version}: do not edit by hand.
// Row: [method, path, type, risk, SDK method, stream switch ('body' | 'query') if the SDK has one].
// Naming and risk rules: README.md. ${note}
import type {GeneratedRoute} from '@tf/sdk';

export const SDK_VERSION = '${sdk.version}';

export const generatedRoutes: GeneratedRoute[] = [
${lines.join('\n')}
];
`;
  writeOrCheck(out, text, script, `${rows.length} routes, ${rows.filter((r) => r[5]).length} with a stream variant`);
}

module.exports = {extractRoutes, snakeCase, singular, buildRows, writeRouteTable};
