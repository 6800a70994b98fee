#!/usr/bin/env node
'use strict';
/**
 * Writes src/routes.generated.ts from the installed `@anthropic-ai/sdk`: one row per route its resources
 * (beta ones included) call. Run from anywhere: `node plugins/anthropic/scripts/generate-routes.js`
 * (`--check`: only compare). The naming and risk rules below are documented in ../README.md;
 * src/overrides.ts wins over them.
 */
const fs = require('node:fs');
const path = require('node:path');
const {buildRows, snakeCase, singular, writeRouteTable} = require('../../../scripts/lib/stainless-routes');

const Anthropic = require('@anthropic-ai/sdk');
const sdkRoot = path.dirname(require.resolve('@anthropic-ai/sdk'));
const sdkVersion = JSON.parse(fs.readFileSync(path.join(sdkRoot, 'package.json'), 'utf8')).version;

/** `beta` is an SDK grouping, not part of the API's paths: dropped so names survive a beta graduating. */
const DROPPED_NAMESPACES = new Set(['beta']);
/** SDK method names renamed to the vocabulary the other connectors use. */
const METHOD_ALIASES = {retrieveMetadata: 'retrieve', download: 'content'};

/** Risk of a write (POST/PUT/PATCH) by the longest matching namespace prefix; anything unlisted is medium. */
const WRITE_RISK = {
  // Model calls: they spend tokens but change nothing that outlives the call.
  message: 'low',
  // Up to 100k model calls at once.
  'message.batch': 'medium',
  // Stored assets and agent infrastructure.
  file: 'medium', skill: 'medium', agent: 'medium', environment: 'medium', session: 'medium', deployment: 'medium',
  memory_store: 'medium', dream: 'medium', user_profile: 'medium', compliance: 'medium',
  // Stored credentials, network exposure, account administration.
  vault: 'high', tunnel: 'high', organization: 'high', model: 'high',
};
const ORDER = {low: 0, medium: 1, high: 2};
/** POSTs that only read: low like a GET. */
const READ_METHODS = new Set(['countTokens', 'validate', 'validateArchive', 'validateRepository']);

function typeSegments(accessor) {
  return accessor.filter((s) => !DROPPED_NAMESPACES.has(s)).map((s) => singular(snakeCase(s)));
}

function writeRisk(segments) {
  for (let n = segments.length; n > 0; n--) {
    const risk = WRITE_RISK[segments.slice(0, n).join('.')];
    if (risk) return risk;
  }
  return 'medium';
}

function riskOf(http, segments, method) {
  if (http === 'GET' || http === 'HEAD' || READ_METHODS.has(method)) return 'low';
  const write = writeRisk(segments);
  // Deleting is at least medium: stored data does not come back.
  if (http === 'DELETE') return ORDER[write] >= ORDER.medium ? write : 'medium';
  return write;
}

const client = new Anthropic({apiKey: 'generator-placeholder', baseURL: 'http://127.0.0.1:9'});
const rows = buildRows(client, {
  pathPrefix: '',
  name: (route) => ['anthropic', ...typeSegments(route.accessor), snakeCase(METHOD_ALIASES[route.method] ?? route.method)].join('.'),
  risk: (route) => riskOf(route.http, typeSegments(route.accessor), route.method),
});
writeRouteTable({rows, out: path.join(__dirname, '..', 'src', 'routes.generated.ts'), sdk: {name: '@anthropic-ai/sdk', version: sdkVersion}, note: "Hand-written names and risks win in overrides.ts.", script: __filename});
