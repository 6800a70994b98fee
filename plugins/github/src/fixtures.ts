import type {ConnectorFixture, LiveProbe} from '@tf/sdk';
import type {GithubLayout} from './layout';

/** `tf connector test --live`: who the token belongs to, read-only. */
export const GITHUB_PROBE: LiveProbe = {method: 'GET', path: '/user', headers: {accept: 'application/vnd.github+json'}};

const REPO = '/repos/octo-org/hello-world';

/** The seed's table, one row per action type (relative URLs resolve against the instance's API root). */
const SEED_FIXTURES: ConnectorFixture[] = [
  {name: 'open a pull request', request: {method: 'POST', url: `${REPO}/pulls`, body: {title: 'Fix', head: 'fix', base: 'main'}}, expect: {type: 'github.pr.create', risk: 'low'}},
  {name: 'merge a pull request', request: {method: 'PUT', url: `${REPO}/pulls/7/merge`, body: {merge_method: 'squash'}}, expect: {type: 'github.pr.merge', risk: 'medium'}},
  {name: 'edit a pull request', request: {method: 'PATCH', url: `${REPO}/pulls/7`, body: {title: 'Better title'}}, expect: {type: 'github.pr.update', risk: 'low'}},
  {name: 'close a pull request', request: {method: 'PATCH', url: `${REPO}/pulls/7`, body: {state: 'closed'}}, expect: {type: 'github.pr.close', risk: 'low'}},
  {name: 'review a pull request', request: {method: 'POST', url: `${REPO}/pulls/7/reviews`, body: {event: 'APPROVE'}}, expect: {type: 'github.pr.review', risk: 'low'}},
  {name: 'open an issue', request: {method: 'POST', url: `${REPO}/issues`, body: {title: 'Bug'}}, expect: {type: 'github.issue.create', risk: 'low'}},
  {name: 'edit an issue', request: {method: 'PATCH', url: `${REPO}/issues/3`, body: {labels: ['bug']}}, expect: {type: 'github.issue.update', risk: 'low'}},
  {name: 'close an issue', request: {method: 'PATCH', url: `${REPO}/issues/3`, body: {state: 'closed'}}, expect: {type: 'github.issue.close', risk: 'low'}},
  {name: 'create a branch', request: {method: 'POST', url: `${REPO}/git/refs`, body: {ref: 'refs/heads/feat', sha: 'aa218f56b14c9653891f9e74264a383fa43fefbd'}}, expect: {type: 'github.branch.create', risk: 'low'}},
  {name: 'delete a branch', request: {method: 'DELETE', url: `${REPO}/git/refs/heads%2Ffeat`}, expect: {type: 'github.branch.delete', risk: 'high'}},
  {name: 'publish a release', request: {method: 'POST', url: `${REPO}/releases`, body: {tag_name: 'v1.0.0'}}, expect: {type: 'github.release.create', risk: 'medium'}},
  {name: 'delete a release', request: {method: 'DELETE', url: `${REPO}/releases/42`}, expect: {type: 'github.release.delete', risk: 'high'}},
  {name: 'add a file', request: {method: 'PUT', url: `${REPO}/contents/docs%2Fnew.md`, body: {message: 'Add', content: 'aGk='}}, expect: {type: 'github.file.create', risk: 'low'}},
  {name: 'change a file', request: {method: 'PUT', url: `${REPO}/contents/docs/new.md`, body: {message: 'Edit', content: 'aGk=', sha: '95b966ae1c166bd92f8ae7d1c313e738c731dfc3'}}, expect: {type: 'github.file.update', risk: 'low'}},
  {name: 'delete a file', request: {method: 'DELETE', url: `${REPO}/contents/docs/new.md`, body: {message: 'Remove', sha: '95b966ae1c166bd92f8ae7d1c313e738c731dfc3'}}, expect: {type: 'github.file.delete', risk: 'medium'}},
  {name: 'create a personal repository', request: {method: 'POST', url: '/user/repos', body: {name: 'scratch', private: true}}, expect: {type: 'github.repo.create', risk: 'medium'}},
  {name: 'create an organization repository', request: {method: 'POST', url: '/orgs/octo-org/repos', body: {name: 'service'}}, expect: {type: 'github.repo.create', risk: 'medium'}},
  {name: 'delete a repository', request: {method: 'DELETE', url: REPO}, expect: {type: 'github.repo.delete', risk: 'high'}},
  {name: 'change repository settings', request: {method: 'PATCH', url: REPO, body: {description: 'Hello'}}, expect: {type: 'github.repo.update', risk: 'low'}},
  {name: 'change organization settings', request: {method: 'PATCH', url: '/orgs/octo-org', body: {description: 'Octo'}}, expect: {type: 'github.org.update', risk: 'medium'}},
  {name: 'create a team', request: {method: 'POST', url: '/orgs/octo-org/teams', body: {name: 'reviewers'}}, expect: {type: 'github.team.create', risk: 'low'}},
];

/** A few generated routes, one per risk reason, and the fallback. */
const GENERATED_FIXTURES: ConnectorFixture[] = [
  {name: 'who am I (read)', request: {method: 'GET', url: '/user'}, expect: {type: 'github.user.authenticated.get', risk: 'low'}},
  {name: 'comment on an issue', request: {method: 'POST', url: `${REPO}/issues/3/comments`, body: {body: 'Thanks!'}}, expect: {type: 'github.issue.comment.create', risk: 'low'}},
  {name: 'add a collaborator (access)', request: {method: 'PUT', url: `${REPO}/collaborators/mona`, body: {permission: 'admin'}}, expect: {type: 'github.collaborator.add', risk: 'high'}},
  {name: 'set an Actions secret (access)', request: {method: 'PUT', url: `${REPO}/actions/secrets/DEPLOY_KEY`, body: {encrypted_value: 'c2VjcmV0', key_id: '1'}}, expect: {type: 'github.actions.repo_secret.create_or_update', risk: 'high'}},
  {name: 'create a webhook (access)', request: {method: 'POST', url: `${REPO}/hooks`, body: {config: {url: 'https://example.com/hook'}}}, expect: {type: 'github.webhook.create', risk: 'high'}},
  {name: 'dispatch a workflow (impact)', request: {method: 'POST', url: `${REPO}/actions/workflows/ci.yml/dispatches`, body: {ref: 'main'}}, expect: {type: 'github.actions.workflow_dispatch.create', risk: 'medium'}},
  {name: 'remove a label (delete)', request: {method: 'DELETE', url: `${REPO}/issues/3/labels/bug`}, expect: {type: 'github.issue.label.remove', risk: 'medium'}},
  {name: 'unknown route falls back', request: {method: 'POST', url: '/not-a-github-route'}, expect: {type: 'github.unknown.post', risk: 'medium'}},
];

/** Git and upload fixtures live on other hosts (github.com, uploads.github.com) or prefixes (GHE). */
export function githubFixtures(layout: GithubLayout): ConnectorFixture[] {
  const git = `${layout.gitRoot}/octo-org/hello-world.git`;
  const extra: ConnectorFixture[] = [
    {name: 'git clone / fetch', request: {method: 'GET', url: `${git}/info/refs?service=git-upload-pack`}, expect: {type: 'github.git.fetch', risk: 'low'}},
    {name: 'git fetch pack', request: {method: 'POST', url: `${git}/git-upload-pack`, headers: {'content-type': 'application/x-git-upload-pack-request'}}, expect: {type: 'github.git.fetch', risk: 'low'}},
    {name: 'git push', request: {method: 'GET', url: `${git}/info/refs?service=git-receive-pack`}, expect: {type: 'github.git.push', risk: 'medium'}},
    {name: 'git push pack', request: {method: 'POST', url: `${git}/git-receive-pack`, headers: {'content-type': 'application/x-git-receive-pack-request'}}, expect: {type: 'github.git.push', risk: 'medium'}},
  ];
  if (layout.uploadsRoot) {
    extra.push({
      name: 'upload a release asset',
      request: {method: 'POST', url: `${layout.uploadsRoot}${REPO}/releases/42/assets?name=app.zip`, headers: {'content-type': 'application/zip'}, body: 'PK'},
      expect: {type: 'github.release_asset.upload', risk: 'medium'},
    });
  }
  return [...SEED_FIXTURES, ...GENERATED_FIXTURES, ...extra];
}
