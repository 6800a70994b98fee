// GraphQL calls the way `gh` makes them (named operations, `$input` variables), through the official client's
// octokit.graphql, against API_BASE_URL (a local capture server). One call per line of GRAPHQL_CALLS in the test.
import {Octokit} from '@octokit/rest';

const baseUrl = process.env.API_BASE_URL;
if (!baseUrl) throw new Error('set API_BASE_URL');
const octokit = new Octokit({auth: 'agent-placeholder-token', baseUrl, request: {retries: 0}});

await octokit.graphql('query { viewer { login } }');
await octokit.graphql(
  `mutation PullRequestMerge($input: MergePullRequestInput!) {
    mergePullRequest(input: $input) { clientMutationId }
  }`,
  {input: {pullRequestId: 'PR_kwDOA1', mergeMethod: 'SQUASH'}},
);
await octokit.graphql(
  `mutation PullRequestClose($input: ClosePullRequestInput!) {
    closePullRequest(input: $input) { pullRequest { id } }
  }`,
  {input: {pullRequestId: 'PR_kwDOA1'}},
);
await octokit.graphql(
  `mutation PullRequestCreate($input: CreatePullRequestInput!) {
    createPullRequest(input: $input) { pullRequest { id url } }
  }`,
  {input: {repositoryId: 'R_kgDOA1', baseRefName: 'main', headRefName: 'fix', title: 'Fix typo', body: 'a "quoted" { brace }'}},
);
await octokit.graphql('mutation { deleteRef(input: {refId: "REF_kwDOA1"}) { clientMutationId } }');
await octokit.graphql(
  `# star it, then drop the branch
  mutation Tidy {
    star: addStar(input: {starrableId: "R_kgDOA1"}) { clientMutationId }
    deleteRef(input: {refId: "REF_kwDOA2"}) { clientMutationId }
  }`,
);
