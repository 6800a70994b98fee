import seedRows from '../src/seed-routes.json';
import {API_ROUTES, HOST_ROOT_ROUTES, UPLOAD_ROUTES} from '../src/routes.generated';

// Plain Node modules: the generator's naming and risk rules.
/* eslint-disable @typescript-eslint/no-require-imports */
const {candidateNames, resolveNames} = require('../scripts/lib/naming.js');
const {riskFor} = require('../scripts/lib/risk.js');
/* eslint-enable @typescript-eslint/no-require-imports */

const ROWS = [...API_ROUTES, ...UPLOAD_ROUTES, ...HOST_ROOT_ROUTES];
const row = (operationId: string) => ROWS.find((r) => r[5] === operationId)!;

describe('naming rule: operationId → github.<resource>.<verb>', () => {
  test.each([
    ['issues/create-comment', 'POST', 'github.issue.comment.create'],
    ['pulls/list-reviews', 'GET', 'github.pr.review.list'],
    ['repos/get-branch-protection', 'GET', 'github.branch_protection.get'], // the repos category is implicit
    ['repos/add-collaborator', 'PUT', 'github.collaborator.add'],
    ['actions/list-workflow-runs-for-repo', 'GET', 'github.actions.workflow_run.list_for_repo'], // qualifier joins the verb
    ['actions/create-or-update-repo-secret', 'PUT', 'github.actions.repo_secret.create_or_update'],
    ['actions/re-run-workflow', 'POST', 'github.actions.workflow.rerun'],
    ['actions/set-allowed-actions-organization', 'PUT', 'github.actions.allowed_action.set_for_organization'],
    ['copilot/add-copilot-seats-for-users', 'POST', 'github.copilot.seat.add_for_users'], // category word not repeated
    ['repos/get-all-environments', 'GET', 'github.environment.list'],
    ['issues/remove-all-labels', 'DELETE', 'github.issue.label.remove_all'],
    ['enterprise-team-memberships/bulk-add', 'POST', 'github.enterprise_team_membership.bulk_add'],
    ['search/code', 'GET', 'github.search.code.get'], // no verb word: the method's
  ])('%s → %s', (operationId, method, expected) => {
    expect(candidateNames(operationId, method)[0].name).toBe(expected);
    const committed = ROWS.find((r) => r[5] === operationId);
    if (committed) expect(committed[2]).toBe(expected);
  });

  test('a repos operation whose object is another category keeps its category (github.repo.team.*, not github.team.*)', () => {
    expect(row('repos/list-teams')[2]).toBe('github.repo.team.list');
    expect(row('teams/list')[2]).toBe('github.team.list');
  });

  test('collisions: the operation holding its name exactly keeps it; the other takes its plural form', () => {
    expect(row('repos/get-org-ruleset')[2]).toBe('github.org_ruleset.get');
    expect(row('repos/get-org-rulesets')[2]).toBe('github.org_rulesets.get');
  });

  test('resolution ignores input order', () => {
    const ops = ROWS.map((r) => ({operationId: r[5], method: r[0]}));
    const forward = resolveNames(ops);
    const backward = resolveNames([...ops].reverse());
    expect([...backward].sort()).toEqual([...forward].sort());
  });

  test('stable: names already committed are kept, a new operation never takes one, seed names stay reserved', () => {
    const fixed = new Map([['repos/list-teams', 'github.team.list.legacy_name']]);
    const names = resolveNames(
      [
        {operationId: 'repos/list-teams', method: 'GET'},
        {operationId: 'teams/list', method: 'GET'},
        {operationId: 'future/list-things', method: 'GET'},
      ],
      {fixed, reserved: new Set(['github.future.thing.list'])},
    );
    expect(names.get('repos/list-teams')).toBe('github.team.list.legacy_name');
    expect(names.get('teams/list')).toBe('github.team.list');
    expect(names.get('future/list-things')).not.toBe('github.future.thing.list');
  });
});

describe('risk rule', () => {
  test.each([
    // [method, path, operationId, risk, reason]
    ['GET', '/repos/{owner}/{repo}/actions/secrets/{secret_name}', 'actions/get-repo-secret', 'low', 'read'],
    ['POST', '/markdown', 'markdown/render', 'low', 'read'],
    ['POST', '/admin/users', 'enterprise-admin/create-user', 'high', 'admin'],
    ['PUT', '/repos/{owner}/{repo}/collaborators/{username}', 'repos/add-collaborator', 'high', 'access'],
    ['PUT', '/orgs/{org}/teams/{team_slug}/memberships/{username}', 'teams/add-or-update-membership-for-user-in-org', 'high', 'access'],
    ['PUT', '/orgs/{org}/teams/{team_slug}/repos/{owner}/{repo}', 'teams/add-or-update-repo-permissions-in-org', 'high', 'access'],
    ['POST', '/repos/{owner}/{repo}/keys', 'repos/create-deploy-key', 'high', 'access'],
    ['PUT', '/repos/{owner}/{repo}/actions/secrets/{secret_name}', 'actions/create-or-update-repo-secret', 'high', 'access'],
    ['POST', '/repos/{owner}/{repo}/actions/variables', 'actions/create-repo-variable', 'high', 'access'],
    ['POST', '/repos/{owner}/{repo}/hooks', 'repos/create-webhook', 'high', 'access'],
    ['PUT', '/repos/{owner}/{repo}/branches/{branch}/protection', 'repos/update-branch-protection', 'high', 'access'],
    ['POST', '/repos/{owner}/{repo}/branches/{branch}/protection/required_status_checks/contexts', 'repos/add-status-check-contexts', 'high', 'access'],
    ['POST', '/repos/{owner}/{repo}/rulesets', 'repos/create-repo-ruleset', 'high', 'access'],
    ['PUT', '/orgs/{org}/memberships/{username}', 'orgs/set-membership-for-user', 'high', 'access'],
    ['DELETE', '/user/installations/{installation_id}/repositories/{repository_id}', 'apps/remove-repo-from-installation-for-authenticated-user', 'high', 'access'],
    ['POST', '/repos/{owner}/{repo}/transfer', 'repos/transfer', 'high', 'access'],
    ['DELETE', '/orgs/{org}', 'orgs/delete', 'high', 'destructive'],
    ['DELETE', '/repos/{owner}/{repo}/releases/assets/{asset_id}', 'repos/delete-release-asset', 'high', 'destructive'],
    ['DELETE', '/user/packages/{package_type}/{package_name}', 'packages/delete-package-for-authenticated-user', 'high', 'destructive'],
    ['DELETE', '/repos/{owner}/{repo}/releases/{release_id}/reactions/{reaction_id}', 'reactions/delete-for-release', 'medium', 'delete'],
    ['DELETE', '/repos/{owner}/{repo}/issues/{issue_number}/labels/{name}', 'issues/remove-label', 'medium', 'delete'],
    ['PUT', '/orgs/{org}/actions/permissions/repositories/{repository_id}', 'actions/enable-selected-repository-github-actions-organization', 'medium', 'org'],
    ['POST', '/repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches', 'actions/create-workflow-dispatch', 'medium', 'impact'],
    ['POST', '/repos/{owner}/{repo}/forks', 'repos/create-fork', 'medium', 'impact'],
    ['PATCH', '/repos/{owner}/{repo}/git/refs/{ref+}', 'git/update-ref', 'medium', 'impact'],
    ['POST', '/repos/{owner}/{repo}/releases/{release_id}/reactions', 'reactions/create-for-release', 'low', 'write'],
    ['POST', '/repos/{owner}/{repo}/issues/{issue_number}/comments', 'issues/create-comment', 'low', 'write'],
    ['POST', '/repos/{owner}/{repo}/git/blobs', 'git/create-blob', 'low', 'write'],
  ])('%s %s (%s) → %s (%s)', (method, path, operationId, risk, reason) => {
    expect(riskFor(method, path, operationId)).toEqual({risk, reason});
  });

  test('the committed table carries the rule for every row', () => {
    const drift = ROWS.filter(([method, path, , risk, reason, operationId]) => {
      const expected = riskFor(method, path, operationId);
      return expected.risk !== risk || expected.reason !== reason;
    });
    expect(drift).toEqual([]);
  });

  test('the rule agrees with the seed on its own operations, except team creation (the seed says low)', () => {
    const disagreements = (seedRows as {operationId: string; method: string; path: string; type: string; risk: string}[])
      .filter((r) => riskFor(r.method, r.path, r.operationId).risk !== r.risk)
      .map((r) => `${r.type} seed=${r.risk} rule=${riskFor(r.method, r.path, r.operationId).risk}`);
    expect(disagreements).toEqual(['github.team.create seed=low rule=medium']);
  });

  test('reads are always low; every destructive or access row is high', () => {
    expect(ROWS.filter(([m, , , risk]) => (m === 'GET' || m === 'HEAD') && risk !== 'low')).toEqual([]);
    expect(ROWS.filter(([, , , risk, reason]) => ['access', 'admin', 'destructive'].includes(reason) && risk !== 'high')).toEqual([]);
  });
});
