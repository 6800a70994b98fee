'use strict';
/**
 * The naming rule: an operationId `<category>/<words>` becomes `github.<resource>.<verb>`.
 *
 *   issues/create-comment              → github.issue.comment.create
 *   actions/list-workflow-runs-for-repo → github.actions.workflow_run.list_for_repo
 *   repos/get-branch-protection        → github.branch_protection.get   (the `repos` category is implicit)
 *
 * - resource = the category's noun (pulls → pr, issues → issue, ...), then the object words
 *   (joined with `_`, last word singular); the `repos` category is dropped when an object follows.
 * - verb = the leading verb (`create`, `list`, `create_or_update`, `bulk_add`, `rerun`...) plus any
 *   qualifier that starts with a preposition (`_for_org`, `_to_installation`); without a verb word
 *   the HTTP method's verb is used (GET → get, POST → create, PUT → set, PATCH → update, DELETE → delete).
 * - collisions fall back, in order, to the plural object, the explicit category, the full
 *   operationId slug and finally the slug plus method (see resolveNames).
 */

const CATEGORY_NOUN = {
  pulls: 'pr',
  repos: 'repo',
  issues: 'issue',
  orgs: 'org',
  teams: 'team',
  users: 'user',
  gists: 'gist',
  apps: 'app',
  checks: 'check',
  projects: 'project',
  packages: 'package',
  codespaces: 'codespace',
  migrations: 'migration',
  reactions: 'reaction',
  licenses: 'license',
  emojis: 'emoji',
  interactions: 'interaction',
  campaigns: 'campaign',
  agents: 'agent',
  'agent-tasks': 'agent_task',
  'codes-of-conduct': 'code_of_conduct',
  'security-advisories': 'security_advisory',
  'enterprise-teams': 'enterprise_team',
  'enterprise-team-memberships': 'enterprise_team_membership',
  'enterprise-team-organizations': 'enterprise_team_organization',
  'enterprise-apps': 'enterprise_app',
  'private-registries': 'private_registry',
  'pull-request-stacks': 'pr_stack',
  'copilot-spaces': 'copilot_space',
  'oauth-authorizations': 'oauth_authorization',
  'announcement-banners': 'announcement_banner',
};

/** The category whose operations are named by their object alone (`github.release.create`, as the seed does). */
const IMPLICIT_CATEGORY = 'repos';

const VERBS = new Set(
  (
    'get list delete create update set remove add check enable disable download revoke restore cancel start stop ' +
    'review merge mark generate lock unlock redeliver upload star unstar block unblock request rerequest render ping ' +
    'export dismiss compare attach detach assign unassign approve suspend unsuspend unstack pin unpin follow unfollow ' +
    'transfer test submit reset replace rename publish map fork fetch diff decline accept reprioritize scope sync ' +
    'promote demote provision grant change link unlink initialize patch post convert move edit run rerun archive ' +
    'unarchive verify deploy close reopen install uninstall'
  ).split(' '),
);
/** Words that join the verb after them: `bulk-add` → bulk_add, `force-cancel` → force_cancel, `re-run` → rerun. */
const VERB_MODIFIERS = {bulk: 'bulk_', force: 'force_', re: 're'};
const PREPOSITIONS = new Set(['for', 'in', 'on', 'to', 'from', 'by', 'with', 'as', 'at', 'of', 'via', 'into', 'across', 'using']);
/** A trailing scope word reads as a qualifier: `set-allowed-actions-organization` → allowed_action.set_for_organization. */
const SCOPE_WORDS = new Set(['organization', 'repository', 'enterprise']);
const ARTICLES = new Set(['a', 'an', 'the']);
const METHOD_VERB = {GET: 'get', HEAD: 'check', POST: 'create', PUT: 'set', PATCH: 'update', DELETE: 'delete'};

/** Words whose trailing `s` is not a plural. */
const NOT_PLURAL = new Set(['status', 'pages', 'access', 'bypass', 'analysis', 'alias', 'class', 'this', 'gitignore', 'its', 'sarifs']);

function singular(word) {
  if (NOT_PLURAL.has(word) || word.length < 4) return word;
  if (word.endsWith('statuses')) return word.slice(0, -2);
  if (word.endsWith('analyses')) return word.slice(0, -2) + 'is';
  if (word.endsWith('ies')) return word.slice(0, -3) + 'y';
  if (/(ches|shes|xes|sses|zzes)$/.test(word)) return word.slice(0, -2);
  if (word.endsWith('ss') || word.endsWith('us')) return word;
  if (word.endsWith('s')) return word.slice(0, -1);
  return word;
}

function snake(words) {
  return words.join('_');
}

/** Splits an operationId into the parts the rule names: category noun, verb, object and qualifier. */
function parseOperationId(operationId, method) {
  const slash = operationId.indexOf('/');
  const category = operationId.slice(0, slash);
  const words = operationId.slice(slash + 1).split('-').filter(Boolean);
  const noun = CATEGORY_NOUN[category] ?? category.replace(/-/g, '_');

  // The verb is usually first; `custom-properties-for-repos-get-...` has it later (the words before it then
  // qualify the resource); with no verb word at all the HTTP method supplies it.
  let at = words.findIndex((w, i) => VERBS.has(w) || (w in VERB_MODIFIERS && VERBS.has(words[i + 1] ?? '')));
  let prefix = [];
  let verb;
  let rest;
  if (at === -1) {
    verb = METHOD_VERB[method] ?? method.toLowerCase();
    rest = words;
    // `copilot/copilot-usage-metrics`: the category repeated as first word says nothing.
    if (rest.length > 1 && noun.endsWith(rest[0])) rest = rest.slice(1);
  } else {
    prefix = words.slice(0, at);
    let v = words[at];
    let next = at + 1;
    if (v in VERB_MODIFIERS) {
      v = VERB_MODIFIERS[v] + words[next];
      next++;
    }
    if ((words[next] === 'or' || words[next] === 'and') && VERBS.has(words[next + 1] ?? '')) {
      v = `${v}_${words[next]}_${words[next + 1]}`;
      next += 2;
    }
    if (words[next] === 'all') {
      // `get-all-environments` lists; `remove-all-labels` removes all.
      v = v === 'get' ? 'list' : `${v}_all`;
      next++;
    }
    verb = v;
    rest = words.slice(next);
  }
  rest = rest.filter((w) => !ARTICLES.has(w));
  const split = rest.findIndex((w) => PREPOSITIONS.has(w));
  let object = split === -1 ? rest : rest.slice(0, split);
  let qualifier = split === -1 ? [] : rest.slice(split);
  if (split === -1 && object.length > 1 && SCOPE_WORDS.has(object[object.length - 1])) {
    qualifier = ['for', object[object.length - 1]];
    object = object.slice(0, -1);
  }
  // `actions/set-actions-cache-...`, `copilot/add-copilot-seats`: the category's own name says nothing.
  const nounWords = noun.split('_');
  if (nounWords.every((w, i) => object[i] !== undefined && singular(object[i]) === singular(w))) object = object.slice(nounWords.length);
  return {category, noun, prefix, verb, object, qualifier, words};
}

/**
 * Candidate names for one operation, best first. Each is `{name, exact}`: `exact` is false when the
 * name singularised a word (so an operation that is already singular wins a collision with it).
 */
function candidateNames(operationId, method, categoryNouns = new Set()) {
  const p = parseOperationId(operationId, method);
  const verbPart = p.qualifier.length ? `${p.verb}_${snake(p.qualifier)}` : p.verb;
  const object = (plural) => {
    if (!p.object.length) return [];
    const words = plural ? p.object : [...p.object.slice(0, -1), singular(p.object[p.object.length - 1])];
    return [snake(words)];
  };
  const singularChanges = p.object.length > 0 && singular(p.object[p.object.length - 1]) !== p.object[p.object.length - 1];
  const build = (withCategory, plural) => {
    const rest = [...(p.prefix.length ? [snake(p.prefix)] : []), ...object(plural)];
    // `repos/list-teams` stays github.repo.team.list: github.team.* belongs to the teams category.
    const implicit = p.category === IMPLICIT_CATEGORY && !withCategory && rest.length > 0 && !categoryNouns.has(rest[0]);
    return ['github', ...(implicit ? [] : [p.noun]), ...rest, verbPart].join('.');
  };
  const slug = `github.${p.noun}.${snake(p.words)}`;
  const list = [
    {name: build(false, false), exact: !singularChanges},
    {name: build(false, true), exact: true},
    {name: build(true, false), exact: !singularChanges},
    {name: build(true, true), exact: true},
    {name: slug, exact: true},
    {name: `${slug}_${method.toLowerCase()}`, exact: true},
  ];
  const seen = new Map();
  for (const c of list) {
    const known = seen.get(c.name);
    if (known) known.exact = known.exact || c.exact;
    else seen.set(c.name, {...c});
  }
  return [...seen.values()];
}

/**
 * Assigns every operation a unique name.
 * `ops`: [{operationId, method}]; `fixed`: Map operationId → name kept from the previous generation
 * (names are stable: an operation keeps its name even when a newer operation would now claim it);
 * `reserved`: names nobody else may take (the seed's).
 * Colliding operations move to their next candidate; when exactly one of them holds its name exactly
 * (no singularisation), that one keeps it. Deterministic and independent of input order.
 */
function resolveNames(ops, {fixed = new Map(), reserved = new Set()} = {}) {
  const taken = new Set(reserved);
  const result = new Map();
  for (const [id, name] of fixed) {
    if (taken.has(name)) continue; // a seed name now claims it: recompute below
    taken.add(name);
    result.set(id, name);
  }
  const categoryNouns = new Set(ops.map((op) => parseOperationId(op.operationId, op.method).noun));
  const open = ops
    .filter((op) => !result.has(op.operationId))
    .map((op) => ({op, candidates: candidateNames(op.operationId, op.method, categoryNouns), level: 0}));
  const current = (entry) => entry.candidates[entry.level];
  for (let round = 0; round < 100; round++) {
    const groups = new Map();
    for (const entry of open) {
      const name = current(entry).name;
      if (!groups.has(name)) groups.set(name, []);
      groups.get(name).push(entry);
    }
    let moved = false;
    for (const [name, group] of groups) {
      if (group.length === 1 && !taken.has(name)) continue;
      const exact = group.filter((e) => current(e).exact);
      const keeper = !taken.has(name) && exact.length === 1 ? exact[0] : undefined;
      for (const entry of group) {
        if (entry === keeper || entry.level === entry.candidates.length - 1) continue;
        entry.level++;
        moved = true;
      }
    }
    if (!moved) break;
  }
  for (const entry of open) {
    const name = current(entry).name;
    if (taken.has(name)) throw new Error(`naming: no unique name for ${entry.op.operationId} (${name})`);
    taken.add(name);
    result.set(entry.op.operationId, name);
  }
  return result;
}

module.exports = {parseOperationId, candidateNames, resolveNames, singular, CATEGORY_NOUN};
