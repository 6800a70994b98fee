import type {Action, ActionTypeInfo, ParsedBody, Risk} from '@tf/sdk';

/**
 * GitHub's GraphQL API (POST /graphql) classified like the REST API, so a policy on `github.pr.merge` also
 * covers `gh pr merge`, which merges through the `mergePullRequest` mutation.
 *
 * A mutation that does what a REST route does takes that route's action type and risk. Any other mutation is
 * `github.graphql.mutation`, a read-only document `github.graphql.query`, and a body that cannot be read
 * `github.graphql.unknown` (high: nobody can tell what it does). A document with several mutations is one
 * request, so it is one action: the riskiest of them, with every field listed in `parameters.fields`.
 */

/** Mutation field → the REST action type it equals. */
const MUTATION_TYPES: Record<string, string> = {
  createPullRequest: 'github.pr.create',
  mergePullRequest: 'github.pr.merge',
  enablePullRequestAutoMerge: 'github.pr.merge',
  updatePullRequest: 'github.pr.update',
  closePullRequest: 'github.pr.close',
  reopenPullRequest: 'github.pr.update',
  convertPullRequestToDraft: 'github.pr.update',
  markPullRequestReadyForReview: 'github.pr.update',
  addPullRequestReview: 'github.pr.review',
  submitPullRequestReview: 'github.pr.review.submit',
  requestReviews: 'github.pr.reviewer.request',
  updatePullRequestBranch: 'github.pr.branch.update',
  createIssue: 'github.issue.create',
  updateIssue: 'github.issue.update',
  closeIssue: 'github.issue.close',
  reopenIssue: 'github.issue.update',
  addComment: 'github.issue.comment.create',
  updateIssueComment: 'github.issue.comment.update',
  deleteIssueComment: 'github.issue.comment.delete',
  addLabelsToLabelable: 'github.issue.label.add',
  addAssigneesToAssignable: 'github.issue.assignee.add',
  lockLockable: 'github.issue.lock',
  createRef: 'github.branch.create',
  deleteRef: 'github.branch.delete',
  createCommitOnBranch: 'github.file.update',
  createRepository: 'github.repo.create',
  cloneTemplateRepository: 'github.repo.create',
  updateRepository: 'github.repo.update',
  archiveRepository: 'github.repo.update',
};

/** `state: CLOSED` turns an update into the seed's close type, as `state: closed` does over REST. */
const CLOSING: Record<string, string> = {updatePullRequest: 'github.pr.close', updateIssue: 'github.issue.close'};

/** Unmapped mutations whose name says they destroy or hand something away. */
const DESTRUCTIVE = /^(delete|remove|archive|transfer|revoke|disable|abort|cancel|dismiss|lock|unlink)/;

/** `variables.input` fields copied into `parameters`: the ones a policy may test. Never bodies or titles. */
const INPUT_PARAMS = ['pullRequestId', 'issueId', 'subjectId', 'repositoryId', 'refId', 'mergeMethod', 'state', 'baseRefName', 'headRefName', 'draft', 'visibility', 'name', 'event', 'force'];

const RISK_RANK: Record<Risk, number> = {low: 0, medium: 1, high: 2};

export const GRAPHQL_TYPES: ActionTypeInfo[] = [
  {type: 'github.graphql.query', method: 'POST', path: '/graphql', risk: 'low', description: 'GraphQL query (read only)'},
  {type: 'github.graphql.mutation', method: 'POST', path: '/graphql', risk: 'medium', description: 'GraphQL mutation without a REST equivalent (high when its name deletes, removes, transfers...)'},
  {type: 'github.graphql.unknown', method: 'POST', path: '/graphql', risk: 'high', description: 'GraphQL request whose document could not be read'},
];

/** The operation a GraphQL document runs: its kind and top-level field names (`...` for a fragment spread). */
export interface GraphqlOperation {
  kind: 'query' | 'mutation' | 'subscription';
  name?: string;
  fields: string[];
}

/** Classifies one GraphQL request body; `riskOf` gives the REST table's risk for a mapped type. */
export function graphqlAction(body: ParsedBody | undefined, riskOf: (type: string) => Risk | undefined): Action {
  const request = body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : undefined;
  const document = typeof request?.query === 'string' ? request.query : undefined;
  const operationName = typeof request?.operationName === 'string' ? request.operationName : undefined;
  const operation = document === undefined ? undefined : parseOperation(document, operationName);
  if (!operation) {
    return action('github.graphql.unknown', 'high', {}, {unclassified: true});
  }
  const parameters: Record<string, unknown> = {operation: operation.kind, fields: operation.fields};
  if (operation.name) parameters.operationName = operation.name;
  if (operation.kind !== 'mutation') return action('github.graphql.query', 'low', parameters, {});

  const input = inputOf(request?.variables);
  for (const key of INPUT_PARAMS) {
    const value = input?.[key];
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') parameters[key] = value;
  }
  let best: {type: string; risk: Risk} | undefined;
  for (const field of operation.fields) {
    const candidate = mutationType(field, input);
    const risk = riskOf(candidate) ?? (DESTRUCTIVE.test(field) || field === '...' ? 'high' : 'medium');
    if (!best || RISK_RANK[risk] > RISK_RANK[best.risk]) best = {type: candidate, risk};
  }
  const hints: Record<string, unknown> = {};
  if (operation.fields.length > 1) hints.batched = true;
  if (operation.fields.includes('archiveRepository')) hints.archive = true;
  if (input?.force === true) hints.force = true;
  return action(best?.type ?? 'github.graphql.mutation', best?.risk ?? 'high', parameters, hints);
}

function mutationType(field: string, input: Record<string, unknown> | undefined): string {
  if (CLOSING[field] && String(input?.state ?? '').toUpperCase() === 'CLOSED') return CLOSING[field];
  return MUTATION_TYPES[field] ?? 'github.graphql.mutation';
}

function inputOf(variables: unknown): Record<string, unknown> | undefined {
  if (!variables || typeof variables !== 'object') return undefined;
  const input = (variables as Record<string, unknown>).input;
  return input && typeof input === 'object' && !Array.isArray(input) ? (input as Record<string, unknown>) : undefined;
}

function action(type: string, risk: Risk, parameters: Record<string, unknown>, riskHints: Record<string, unknown>): Action {
  return {type, risk, resource: {provider: 'github', api: 'graphql'}, parameters, riskHints};
}

type Token = {kind: 'name' | 'punct' | 'value'; text: string};

/** GraphQL tokens, without comments, commas and the contents of strings. */
function* tokens(source: string): Generator<Token> {
  let i = 0;
  while (i < source.length) {
    const c = source[i];
    if (c === '#') {
      while (i < source.length && source[i] !== '\n') i++;
    } else if (c === '"') {
      if (source.startsWith('"""', i)) {
        const end = source.indexOf('"""', i + 3);
        i = end === -1 ? source.length : end + 3;
      } else {
        i++;
        while (i < source.length && source[i] !== '"' && source[i] !== '\n') i += source[i] === '\\' ? 2 : 1;
        i++;
      }
      yield {kind: 'value', text: '""'};
    } else if (/[_A-Za-z]/.test(c)) {
      const start = i;
      while (i < source.length && /[_0-9A-Za-z]/.test(source[i])) i++;
      yield {kind: 'name', text: source.slice(start, i)};
    } else if (source.startsWith('...', i)) {
      i += 3;
      yield {kind: 'punct', text: '...'};
    } else if ('{}()[]:@$!=|&'.includes(c)) {
      i++;
      yield {kind: 'punct', text: c};
    } else if (/[-0-9]/.test(c)) {
      while (i < source.length && /[-+.0-9eE]/.test(source[i])) i++;
      yield {kind: 'value', text: '0'};
    } else {
      i++; // whitespace, commas, a byte order mark
    }
  }
}

/** The operation `operationName` selects (or the document's only one), or undefined if the document is not readable. */
export function parseOperation(document: string, operationName?: string): GraphqlOperation | undefined {
  const list = [...tokens(document)];
  const operations: GraphqlOperation[] = [];
  let i = 0;
  /** Skips a balanced group starting at list[i] (an opening bracket); returns the index after it. */
  const skipGroup = (open: string, close: string): number => {
    let depth = 0;
    do {
      if (i >= list.length) return -1;
      if (list[i].text === open) depth++;
      else if (list[i].text === close) depth--;
      i++;
    } while (depth > 0);
    return i;
  };
  while (i < list.length) {
    const token = list[i];
    let kind: GraphqlOperation['kind'] | 'fragment';
    let name: string | undefined;
    if (token.text === '{') kind = 'query';
    else if (token.kind === 'name' && (token.text === 'query' || token.text === 'mutation' || token.text === 'subscription' || token.text === 'fragment')) {
      kind = token.text;
      i++;
      if (list[i]?.kind === 'name') name = list[i++].text;
      // Variable definitions (their default values may hold braces), type condition, directives: up to the selection set.
      while (i < list.length && list[i].text !== '{') {
        if (list[i].text === '(' && skipGroup('(', ')') === -1) return undefined;
        else if (list[i].text !== '{') i++;
      }
    } else return undefined;
    if (list[i]?.text !== '{') return undefined;
    const fields = kind === 'fragment' ? undefined : topLevelFields();
    if (kind !== 'fragment') {
      if (!fields) return undefined;
      operations.push({kind, ...(name ? {name} : {}), fields});
    } else if (skipGroup('{', '}') === -1) return undefined;
  }
  if (operationName !== undefined) return operations.find((op) => op.name === operationName);
  return operations.length === 1 ? operations[0] : undefined;

  /** The field names of the selection set at list[i], leaving i after its closing brace. */
  function topLevelFields(): string[] | undefined {
    const fields: string[] = [];
    i++; // {
    while (i < list.length && list[i].text !== '}') {
      const token = list[i];
      if (token.text === '...') {
        fields.push('...');
        i++;
        if (list[i]?.text === 'on') i += 2;
        else if (list[i]?.kind === 'name') i++;
      } else if (token.kind === 'name') {
        // alias: field
        if (list[i + 1]?.text === ':' && list[i + 2]?.kind === 'name') i += 2;
        fields.push(list[i].text);
        i++;
      } else return undefined;
      if (list[i]?.text === '(' && skipGroup('(', ')') === -1) return undefined;
      while (list[i]?.text === '@') {
        i += 2;
        if (list[i]?.text === '(' && skipGroup('(', ')') === -1) return undefined;
      }
      if (list[i]?.text === '{' && skipGroup('{', '}') === -1) return undefined;
    }
    if (i >= list.length) return undefined;
    i++; // }
    return fields.length ? fields : undefined;
  }
}
