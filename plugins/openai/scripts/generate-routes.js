#!/usr/bin/env node
'use strict';
/**
 * Writes src/routes.generated.ts from the installed `openai` SDK: one row per route its resources call.
 * Run from anywhere: `node plugins/openai/scripts/generate-routes.js` (`--check`: only compare).
 * The naming and risk rules below are documented in ../README.md; the seed's names and risks win
 * later, through src/overrides.ts.
 */
const fs = require('node:fs');
const path = require('node:path');
const {buildRows, snakeCase, singular, writeRouteTable} = require('../../../scripts/lib/stainless-routes');

const OpenAI = require('openai');
const sdkVersion = JSON.parse(fs.readFileSync(path.join(path.dirname(require.resolve('openai')), 'package.json'), 'utf8')).version;

/** SDK groupings that are not part of the API's own vocabulary: dropped so names survive a beta graduating. */
const DROPPED_NAMESPACES = new Set(['beta', 'admin']);
/** Accessor prefixes (snake_case, before singularising) renamed to the seed's vocabulary. */
const NAMESPACE_ALIASES = [
  [['chat', 'completions'], ['chat']],
  [['fine_tuning', 'jobs'], ['finetune']],
  [['fine_tuning'], ['finetune']],
];

/** Risk of a write (POST/PUT/PATCH) by the type's first namespace; anything unlisted is medium. */
const WRITE_RISK = {
  // Model calls: they spend tokens but change nothing that outlives the call.
  chat: 'low', completion: 'low', embedding: 'low', moderation: 'low', audio: 'low', response: 'low',
  conversation: 'low', realtime: 'low', thread: 'low', chatkit: 'low',
  // Generated media, stored assets, bulk jobs: medium (the seed's image and file rows).
  image: 'medium', video: 'medium', file: 'medium', upload: 'medium', vector_store: 'medium', container: 'medium',
  assistant: 'medium', batch: 'medium', eval: 'medium', skill: 'medium', finetune: 'medium',
  // Account administration and model weights.
  organization: 'high', project: 'high', model: 'high',
};
const ORDER = {low: 0, medium: 1, high: 2};
/** POSTs that only read (a body carries the query): low like a GET. */
const READ_METHODS = new Set(['search', 'count', 'validate']);

function typeSegments(accessor) {
  let segments = accessor.filter((s) => !DROPPED_NAMESPACES.has(s)).map(snakeCase);
  for (const [from, to] of NAMESPACE_ALIASES) {
    if (from.every((s, i) => segments[i] === s)) {
      segments = [...to, ...segments.slice(from.length)];
      break;
    }
  }
  return segments.map(singular);
}

function riskOf(http, segments, method) {
  if (http === 'GET' || http === 'HEAD' || READ_METHODS.has(method)) return 'low';
  const write = WRITE_RISK[segments[0]] ?? 'medium';
  // Deleting is at least medium: stored data does not come back.
  if (http === 'DELETE') return ORDER[write] >= ORDER.medium ? write : 'medium';
  return write;
}

const client = new OpenAI({apiKey: 'generator-placeholder', baseURL: 'http://127.0.0.1:9/v1'});
const rows = buildRows(client, {
  pathPrefix: '/v1',
  name: (route) => ['openai', ...typeSegments(route.accessor), snakeCase(route.method)].join('.'),
  risk: (route) => riskOf(route.http, typeSegments(route.accessor), route.method),
});
writeRouteTable({rows, out: path.join(__dirname, '..', 'src', 'routes.generated.ts'), sdk: {name: 'openai', version: sdkVersion}, note: "The seed's names and risks win in overrides.ts.", script: __filename});
