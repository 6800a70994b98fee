#!/usr/bin/env node
/**
 * Writes src/routes.generated.ts from the official `@slack/web-api` client's method list:
 * every `bindApiCall(this, 'family.verb')` in node_modules/@slack/web-api/dist/methods.js is one Web API method.
 * Naming and risk rules are documented in README.md; seed names win later, in src/overrides.ts.
 * Usage: node plugins/slack/scripts/generate-routes.js [--check]
 */
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const {writeOrCheck} = require('../../../scripts/lib/generated-file');

const clientDir = path.dirname(require.resolve('@slack/web-api')); // .../@slack/web-api/dist
const clientVersion = JSON.parse(fs.readFileSync(path.join(clientDir, '..', 'package.json'), 'utf8')).version;
const outFile = path.join(__dirname, '..', 'src', 'routes.generated.ts');

/** Family names read as the thing acted on: `chat.*` acts on messages, `conversations.*` on channels. */
const FAMILY = {chat: 'message', conversations: 'channel', canvases: 'canvas', slackLists: 'list', dnd: 'dnd', news: 'news'};

function snake(name) {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .toLowerCase();
}

function singular(word) {
  if (/ies$/.test(word)) return word.slice(0, -3) + 'y';
  if (/(ss|x|ch|sh)es$/.test(word)) return word.slice(0, -2);
  if (/[^s]s$/.test(word)) return word.slice(0, -1);
  return word;
}

/** `users.profile.set` → `slack.user.profile_set`; `files.getUploadURLExternal` → `slack.file.get_upload_url_external`. */
function typeFor(method) {
  const [family, ...rest] = method.split('.');
  return `slack.${FAMILY[family] ?? singular(snake(family))}.${rest.map(snake).join('_')}`;
}

// ---- risk rule: first match wins; `verb` is the method's last segment in snake_case. Kept in sync with README.md. ----
const READ = /^(list\w*|info|get\w*|history|replies|members|lookup\w*|search\w*|test|export|identity|conversations|team_info|access_logs|billable_info|integration_logs|validate|all|files|messages|connect_user_info|user_info|download_get|download_start)$/;
const ADMIN_HIGH = [
  /^admin\.users\.(invite|remove|assign|setAdmin|setOwner|setRegular|setExpiration|session\.(invalidate|reset|resetBulk))$/,
  /^admin\.conversations\.(archive|bulk\w+|delete|convertTo\w+|disconnectShared|invite|setCustomRetention|removeCustomRetention)$/,
  /^admin\.apps\.(approve|restrict|uninstall)$/,
  /^admin\.(barriers\.delete|auth\.policy\.(assign|remove)Entities|roles\.(add|remove)Assignments|inviteRequests\.approve)$/,
];
const PUBLIC_EXPOSURE = new Set(['files.sharedPublicURL']);
const CREDENTIAL = new Set(['auth.revoke', 'tooling.tokens.rotate', 'oauth.access', 'oauth.v2.access', 'oauth.v2.exchange', 'openid.connect.token', 'migration.exchange']);
const EXTERNAL_SHARING = /^conversations\.(inviteShared|acceptSharedInvite|approveSharedInvite|requestSharedInvite\.approve|externalInvitePermissions\.set)$/;
const MINOR_REMOVE = /^(reactions|pins|stars|bookmarks|files\.remote|workflows\.featured|calls\.participants)\.remove$/;
const DESTRUCTIVE = /^(delete\w*|archive|kick|disable|uninstall|disconnect|remove)$/;
const STRUCTURE = [/^conversations\.create$/, /^usergroups\.(create|update|enable|users\.update)$/, /\.access\.set$/, /^apps\.manifest\.(create|update)$/];

function classifyRisk(method) {
  const parts = method.split('.');
  const verb = snake(parts[parts.length - 1]);
  if (parts[0] === 'admin') {
    if (READ.test(verb)) return 'low';
    return ADMIN_HIGH.some((re) => re.test(method)) ? 'high' : 'medium';
  }
  if (PUBLIC_EXPOSURE.has(method)) return 'high';
  if (READ.test(verb)) return 'low';
  if (CREDENTIAL.has(method) || EXTERNAL_SHARING.test(method)) return 'medium';
  if (MINOR_REMOVE.test(method)) return 'low';
  if (DESTRUCTIVE.test(verb) || verb.includes('invite')) return 'medium';
  if (STRUCTURE.some((re) => re.test(method))) return 'medium';
  return 'low';
}

function readMethods() {
  const src = fs.readFileSync(path.join(clientDir, 'methods.js'), 'utf8');
  const methods = new Map();
  const re = /(?:\/\*\*([\s\S]*?)\*\/\s*)?\w+: bindApiCall(?:WithOptionalArgument)?\(this, '([\w.]+)'\)/g;
  let m;
  while ((m = re.exec(src))) {
    const description = /@description\s+([^\n]*)/.exec(m[1] ?? '')?.[1]?.trim() ?? '';
    if (!methods.has(m[2])) methods.set(m[2], description.length > 120 ? description.slice(0, 117).trimEnd() + '...' : description);
  }
  return methods;
}

/** Code-unit order, not locale order: the output must not depend on the machine's locale. */
const compare = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

function build() {
  const rows = [];
  const seen = new Map();
  for (const [method, description] of [...readMethods()].sort((a, b) => compare(a[0], b[0]))) {
    const type = typeFor(method);
    if (seen.has(type)) throw new Error(`type ${type} would name both ${seen.get(type)} and ${method}`);
    seen.set(type, method);
    rows.push([method, type, classifyRisk(method), description]);
  }
  if (rows.length < 200) throw new Error(`only ${rows.length} methods found: has @slack/web-api's methods.js changed shape?`);
  return rows;
}

function render(rows) {
  return [
    `// Generated by scripts/generate-routes.js from @slack/web-api@${clientVersion} (${rows.length} methods). Do not edit:`,
    '// change the script or src/overrides.ts, then run `node plugins/slack/scripts/generate-routes.js`.',
    "import type {GeneratedMethod} from './generated-method';",
    '',
    `export const SLACK_CLIENT_VERSION = '${clientVersion}';`,
    '',
    '/** [Web API method, type, risk, description]; each is served at /api/<method> for any HTTP verb. */',
    'export const GENERATED_METHODS: readonly GeneratedMethod[] = [',
    ...rows.map((r) => '  ' + JSON.stringify(r) + ','),
    '];',
    '',
  ].join('\n');
}

writeOrCheck(outFile, render(build()), __filename);
