'use strict';
/**
 * The risk rule for every operation the seed does not name (seed rows keep the seed's levels).
 * First match wins; the reason is kept in the generated table so tests and docs can point at it.
 *
 *  1. read    GET / HEAD, and POSTs whose verb only reads (get, list, check, compare, render) → low
 *  2. admin   writes to GHES instance administration (/admin, /manage, /setup, /enterprise) → high
 *  3. access  writes that change who can do what: collaborators, members and memberships,
 *             teams' repos/projects/members and team deletion, roles, permissions,
 *             deploy/SSH/GPG keys, secrets, variables, webhooks, branch protection, rulesets,
 *             bypasses, invitations, app installations, tokens, authorizations, OIDC,
 *             SCIM/LDAP/IdP-group provisioning, grant/revoke, transfer, suspend, site admin → high
 *  4. destructive  deletes of repositories, organizations, branches/refs/tags, releases
 *             (and their assets) and packages                                              → high
 *  5. delete  any other delete                                                              → medium
 *  6. org     writes to organization / enterprise-wide resources (/orgs, /enterprises, /teams) → medium
 *  7. impact  writes that publish, run or spend: merges, releases, deployments, environments,
 *             Pages, forks and new repositories, workflows and runs, renames, ref moves; and writes in Actions,
 *             Codespaces, Copilot, billing, agents, migrations, packages and security-alert triage → medium
 *  8. write   every other write (issues, PRs, comments, labels, reactions, git objects, files,
 *             checks, statuses, gists, notifications, stars...)                             → low
 */
const {parseOperationId, singular} = require('./naming');

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** POSTs that only read: `markdown/render`, `orgs/list-attestations-bulk`, `apps/check-token`. */
const READ_VERBS = new Set(['get', 'list', 'check', 'compare', 'render']);
const ADMIN_PREFIXES = ['/admin/', '/manage/', '/setup/', '/enterprise/'];
const ORG_PREFIXES = ['/orgs/', '/enterprises/', '/organizations/', '/teams/'];

const ACCESS_WORDS = new Set(
  (
    'collaborator member membership permission secret variable webhook hook protection ruleset restriction ' +
    'invitation installation role token authorization bypass access pat admin administrator manager scim sso ' +
    'saml ldap idp oidc credential'
  ).split(' '),
);
/** `key` alone is too broad (cache keys): only these kinds of key grant access. */
const KEY_KINDS = new Set(['deploy', 'gpg', 'ssh', 'signing', 'public']);
const ACCESS_VERBS = new Set(['grant', 'revoke', 'transfer', 'suspend', 'unsuspend', 'provision']);
const ACCESS_CATEGORIES = new Set(['oidc', 'credentials', 'private-registries', 'enterprise-team-memberships']);
/** Path segments whose whole subtree is about access, even where the operationId does not say so (branch protection contexts...). */
const ACCESS_SUBTREES = new Set(
  (
    'protection rulesets hooks keys gpg_keys ssh_signing_keys secrets variables scim site_admin suspended ' +
    'authorizations organization-roles'
  ).split(' '),
);
/** Segments that are about access only as the path's last fixed segment (`/orgs/{org}/members/{u}/codespaces` is not). */
const ACCESS_LEAVES = new Set('collaborators outside_collaborators members public_members memberships permissions invitations'.split(' '));
const TEAM_ACCESS_WORDS = new Set(['repo', 'project', 'member', 'membership', 'permission', 'child']);

/** Deleted objects (the path's last fixed segment) that take history or published artifacts with them. */
const DESTRUCTIVE_LEAVES = new Set(['refs', 'branches', 'releases', 'tags', 'packages']);
/** Children that count only under their parent: release assets, package versions. */
const DESTRUCTIVE_CHILDREN = {assets: 'releases', versions: 'packages'};
const WHOLE_ACCOUNT = [/^\/repos\/\{[^}]+\}\/\{[^}]+\}$/, /^\/orgs\/\{[^}]+\}$/];

const IMPACT_WORDS = new Set(
  'merge release deployment environment pages fork template workflow run rerun rerequest dispatch publish lfs rename'.split(' '),
);
const IMPACT_CATEGORIES = new Set(
  (
    'actions codespaces copilot billing agents agent-tasks hosted-compute migrations packages code-scanning ' +
    'secret-scanning dependabot code-security security-advisories campaigns'
  ).split(' '),
);

function segments(path) {
  return path.split('/').filter(Boolean);
}

function isAccessChange(op, words, segs) {
  if (ACCESS_CATEGORIES.has(op.category)) return true;
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    if (ACCESS_WORDS.has(word) || ACCESS_VERBS.has(word)) return true;
    if (word === 'key' && KEY_KINDS.has(words[i - 1])) return true;
  }
  if (op.category === 'teams' || op.category === 'enterprise-teams') {
    if (words.some((w) => TEAM_ACCESS_WORDS.has(w))) return true;
    if (op.verb === 'delete' && op.object.length === 0) return true; // a deleted team's grants go with it
  }
  if (segs.some((s) => ACCESS_SUBTREES.has(s))) return true;
  const lastFixed = segs.filter((s) => !s.startsWith('{')).pop();
  return lastFixed !== undefined && ACCESS_LEAVES.has(lastFixed);
}

function isDestructiveDelete(path, segs) {
  if (WHOLE_ACCOUNT.some((re) => re.test(path))) return true;
  const lastFixed = segs.filter((s) => !s.startsWith('{')).pop() ?? '';
  return DESTRUCTIVE_LEAVES.has(lastFixed) || (lastFixed in DESTRUCTIVE_CHILDREN && segs.includes(DESTRUCTIVE_CHILDREN[lastFixed]));
}

/** Judged on what the operation does (verb and object), not its qualifier: `reactions/create-for-release` is a reaction. */
function isImpact(op) {
  if (IMPACT_CATEGORIES.has(op.category)) return true;
  if (op.category === 'repos' && op.verb === 'create' && op.object.length === 0) return true; // a new repository
  if (op.category === 'git' && op.verb === 'update') return true; // moving a ref can drop commits
  return [...op.verb.split('_'), ...op.prefix, ...op.object].some((w) => IMPACT_WORDS.has(singular(w)));
}

/** `{risk, reason}` for one operation: method, path template (as in the table) and operationId. */
function riskFor(method, path, operationId) {
  const m = method.toUpperCase();
  if (READ_METHODS.has(m)) return {risk: 'low', reason: 'read'};
  const plainPath = path.replace(/\+\}/g, '}');
  if (ADMIN_PREFIXES.some((p) => plainPath.startsWith(p))) return {risk: 'high', reason: 'admin'};
  const op = parseOperationId(operationId, m);
  if (READ_VERBS.has(op.verb)) return {risk: 'low', reason: 'read'};
  const words = op.words.map(singular);
  const segs = segments(plainPath);
  if (isAccessChange(op, words, segs)) return {risk: 'high', reason: 'access'};
  if (m === 'DELETE') {
    return isDestructiveDelete(plainPath, segs) ? {risk: 'high', reason: 'destructive'} : {risk: 'medium', reason: 'delete'};
  }
  if (ORG_PREFIXES.some((p) => plainPath.startsWith(p))) return {risk: 'medium', reason: 'org'};
  if (isImpact(op)) return {risk: 'medium', reason: 'impact'};
  return {risk: 'low', reason: 'write'};
}

module.exports = {riskFor};
