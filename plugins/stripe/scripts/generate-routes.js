#!/usr/bin/env node
/**
 * Writes src/routes.generated.ts from the official `stripe` SDK's resource classes:
 * every `this._makeRequest('METHOD', '/v1/...')` in node_modules/stripe/cjs/resources is one route.
 * Naming and risk rules are documented in README.md; seed names win later, in src/overrides.ts.
 * Usage: node plugins/stripe/scripts/generate-routes.js [--check]
 */
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const {writeOrCheck} = require('../../../scripts/lib/generated-file');
const {camelToSnake, singular} = require('../../../scripts/lib/words');

const sdkRoot = path.dirname(require.resolve('stripe')); // .../stripe/cjs
const sdkVersion = JSON.parse(fs.readFileSync(path.join(sdkRoot, '..', 'package.json'), 'utf8')).version;
const resourcesDir = path.join(sdkRoot, 'resources');
const outFile = path.join(__dirname, '..', 'src', 'routes.generated.ts');

// Names Stripe's SDK spells as one word.
const SPECIAL = {OAuth: 'oauth', ThreeDSecure: 'three_d_secure'};
const snake = (name) => camelToSnake(name, SPECIAL);

/** `del` → `delete`; a one-word verb plus the resource's own name drops the name (`finalizeInvoice` → `finalize`). */
function verbName(method, className) {
  if (method === 'del') return 'delete';
  const verb = method.slice(0, -className.length);
  if (method.endsWith(className) && /^[a-z]+$/.test(verb)) return verb;
  return snake(method);
}

/** `/v1/customers/{customerId}/sources/{id}` → `/v1/customers/{customer}/sources/{source}`: names follow the collection. */
function renameParams(template) {
  const segments = template.split('/');
  const used = new Set();
  return segments
    .map((segment, i) => {
      const m = /^\{(\w+)\}$/.exec(segment);
      if (!m) return segment;
      const before = segments[i - 1];
      let name = before && !before.startsWith('{') ? singular(before) : m[1];
      if (used.has(name)) name = m[1];
      used.add(name);
      return `{${name}}`;
    })
    .join('/');
}

/** The JSDoc block directly above position `at`, if any. */
function docComment(src, at) {
  const head = src.slice(0, at);
  const start = head.lastIndexOf('/**');
  if (start === -1) return undefined;
  const end = head.indexOf('*/', start);
  return end !== -1 && head.slice(end + 2).trim() === '' ? head.slice(start + 3, end) : undefined;
}

function firstSentence(comment) {
  if (!comment) return '';
  const text = comment
    .split('\n')
    .map((l) => l.replace(/^\s*\/?\*+\/?\s?/, '').trim())
    .filter((l) => l && !l.startsWith('@'))
    .join(' ')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<[^>]+>/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  const sentence = /^(.*?[.!?])(\s|$)/.exec(text)?.[1] ?? text;
  return sentence.length > 120 ? sentence.slice(0, 117).trimEnd() + '...' : sentence;
}

/** Every (file, class, JS method, HTTP method, path, description) in the SDK, in a stable order. */
function readOperations() {
  const ops = [];
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir).sort()) {
      const full = path.join(dir, entry);
      if (fs.statSync(full).isDirectory()) walk(full);
      else if (entry.endsWith('.js')) ops.push(...readFile(full));
    }
  };
  walk(resourcesDir);
  return ops;
}

function readFile(file) {
  const src = fs.readFileSync(file, 'utf8');
  const className = /class (\w+?)Resource extends/.exec(src)?.[1];
  if (!className) return [];
  const rel = path.relative(resourcesDir, file).replace(/\.js$/, '').split(path.sep);
  const dirs = rel.slice(0, -1);
  // A directory named like a sibling file (V2/Core/Accounts/ beside Accounts.js) holds sub-resources, not a namespace.
  const namespace = [];
  let parent = '';
  dirs.forEach((dir, i) => {
    const sibling = path.join(resourcesDir, ...dirs.slice(0, i), dir + '.js');
    if (fs.existsSync(sibling)) parent += singular(snake(dir)) + '_';
    else namespace.push(snake(dir));
  });
  const resource = parent + snake(className);
  const out = [];
  const call = /this\._makeRequest\('(\w+)', (['`])(.*?)\2/g;
  let m;
  while ((m = call.exec(src))) {
    const before = src.slice(0, m.index);
    const defs = [...before.matchAll(/^ {4}(\w+)\([^)]*\) \{$/gm)];
    const def = defs[defs.length - 1];
    const jsdoc = docComment(src, def.index);
    const apiBase = /apiBase: '(\w+)'/.exec(src.slice(m.index, src.indexOf('\n    }', m.index)))?.[1];
    out.push({
      method: m[1],
      path: renameParams(m[3].replace(/\$\{encodeURIComponent\((\w+)\)\}/g, '{$1}')),
      apiBase: apiBase ?? 'api',
      prefix: [...namespace, resource].join('.'),
      verb: verbName(def[1], className),
      description: firstSentence(jsdoc),
    });
  }
  return out;
}

// ---- risk rule: first match wins (globs over the type without "stripe."). Kept in sync with README.md. ----
const MONEY = [
  'charge.create', 'charge.capture', 'refund.create', 'application_fee.create_refund', 'credit_note.create',
  'payout.create', 'payout.reverse', 'transfer.create', 'transfer.create_reversal', 'topup.create', 'invoice.pay',
  'payment_intent.confirm', 'payment_intent.capture', 'payment_intent.increment_authorization', 'payment_intent.apply_customer_balance',
  'terminal.reader.process_payment_intent', 'terminal.reader.confirm_payment_intent', 'terminal.reader.refund_payment',
  'issuing.authorization.approve',
  'treasury.outbound_payment.create', 'treasury.outbound_transfer.create', 'treasury.inbound_transfer.create',
  'treasury.credit_reversal.create', 'treasury.debit_reversal.create',
  'v2.money_management.outbound_payment.create', 'v2.money_management.inbound_transfer.create',
  'v2.money_management.payout_intent.create', 'v2.money_management.payout_intent.confirm',
];
const HIGH_CONTROL = [
  'account.delete', 'account.reject', 'v2.core.account.close', 'treasury.financial_account.close',
  // where payouts land
  'account.create_external_account', 'account.update_external_account',
];
const DESTRUCTIVE_VERB = /^(delete\w*|cancel\w*|close|void\w*|expire|reject|archive|deactivate|disconnect|detach|uninstall|redact|mark_uncollectible|decline|release|pause|disable|deauthorize)$/;
const SENSITIVE = [
  'subscription.*', 'subscription_item.*', 'subscription_schedule.*', 'invoice.*', 'invoice_item.*', 'quote.*',
  'payment_intent.*', 'checkout.session.*', 'payment_link.*', 'coupon.*', 'promotion_code.*', 'balance_setting.*',
  'customer.create_balance_transaction', 'customer.update_balance_transaction', 'customer.update_cash_balance',
  'account.*', 'account_link.*', 'v2.core.account*', 'webhook_endpoint.*', 'v2.core.event_destination.*',
  'ephemeral_key.*', 'apps.secret.*', 'oauth.*', 'issuing.*', 'treasury.*', 'v2.core.vault.*', 'v2.money_management.*',
];

const glob = (pattern) => new RegExp('^' + pattern.replace(/[.]/g, '\\.').replace(/\*/g, '.*') + '$');
const MONEY_SET = new Set(MONEY);
const HIGH_SET = new Set(HIGH_CONTROL);
const SENSITIVE_RES = SENSITIVE.map(glob);

function classifyRisk(method, name, verb) {
  if (/(^|\.)test_helpers\./.test(name)) return {risk: 'low'}; // test-mode simulations: no real money or data
  if (method === 'GET') return {risk: 'low'};
  if (MONEY_SET.has(name)) return {risk: 'high', financial: true};
  if (HIGH_SET.has(name)) return {risk: 'high'};
  if (method === 'DELETE' || DESTRUCTIVE_VERB.test(verb)) return {risk: 'medium'};
  if (SENSITIVE_RES.some((re) => re.test(name))) return {risk: 'medium'};
  return {risk: 'low'};
}

/** Code-unit order, not locale order: the output must not depend on the machine's locale. */
const compare = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

function build() {
  const ops = readOperations();
  // One route per method + path; an SDK alias (Account.retrieve(null) → GET /v1/account) takes its other name.
  const byRoute = new Map();
  for (const op of ops) {
    const key = `${op.method} ${op.path}`;
    if (!byRoute.has(key)) byRoute.set(key, []);
    byRoute.get(key).push(op);
  }
  const names = new Map();
  const countName = (op) => `${op.prefix}.${op.verb}`;
  for (const op of ops) names.set(countName(op), (names.get(countName(op)) ?? 0) + 1);
  const rows = [];
  const seen = new Set();
  for (const [key, candidates] of byRoute) {
    const op = candidates.find((c) => names.get(countName(c)) === 1) ?? candidates[0];
    const name = countName(op);
    if (seen.has(name)) throw new Error(`type stripe.${name} would name two routes (${key})`);
    seen.add(name);
    const {risk, financial} = classifyRisk(op.method, name, op.verb);
    rows.push({method: op.method, path: op.path, type: `stripe.${name}`, risk, financial, host: op.apiBase, description: op.description});
  }
  // The rule lists name operations: one that matches nothing is a typo or an SDK rename, not a silent no-op.
  for (const name of [...MONEY, ...HIGH_CONTROL]) if (!seen.has(name)) throw new Error(`risk rule names stripe.${name}, which the SDK no longer has`);
  if (rows.length < 400) throw new Error(`only ${rows.length} operations found: has the stripe SDK's resource layout changed?`);
  rows.sort((a, b) => compare(a.path, b.path) || compare(a.method, b.method));
  return rows;
}

function render(rows) {
  const lines = rows.map((r) => {
    const flags = [r.financial ? 'financial' : '', r.host !== 'api' ? `host:${r.host}` : ''].filter(Boolean).join(',');
    return '  ' + JSON.stringify([r.method, r.path, r.type, r.risk, r.description, ...(flags ? [flags] : [])]) + ',';
  });
  return [
    `// Generated by scripts/generate-routes.js from stripe@${sdkVersion} (${rows.length} operations). Do not edit:`,
    '// change the script or src/overrides.ts, then run `node plugins/stripe/scripts/generate-routes.js`.',
    "import type {GeneratedRoute} from './generated-route';",
    '',
    `export const STRIPE_SDK_VERSION = '${sdkVersion}';`,
    '',
    '/** [method, path, type, risk, description, flags?]; flags: "financial" (moves money), "host:files|connect|meter_events". */',
    'export const GENERATED_ROUTES: readonly GeneratedRoute[] = [',
    ...lines,
    '];',
    '',
  ].join('\n');
}

writeOrCheck(outFile, render(build()), __filename);
