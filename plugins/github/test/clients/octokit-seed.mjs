// Makes the seed's 20 GitHub actions (21 calls: two routes create repositories) with the official
// client, then one release-asset upload, against API_BASE_URL / UPLOADS_BASE_URL (a local capture server).
import {Octokit} from '@octokit/rest';

const baseUrl = process.env.API_BASE_URL;
const uploadsBaseUrl = process.env.UPLOADS_BASE_URL;
if (!baseUrl || !uploadsBaseUrl) throw new Error('set API_BASE_URL and UPLOADS_BASE_URL');

// The agent's own token: the proxy replaces it, the test checks it never matters.
const octokit = new Octokit({auth: 'agent-placeholder-token', baseUrl, request: {retries: 0}});
const repo = {owner: 'octo-org', repo: 'hello-world'};
const sha = '95b966ae1c166bd92f8ae7d1c313e738c731dfc3';

await octokit.rest.pulls.create({...repo, title: 'Fix typo', head: 'fix', base: 'main'});
await octokit.rest.pulls.merge({...repo, pull_number: 7, merge_method: 'squash'});
await octokit.rest.pulls.update({...repo, pull_number: 7, title: 'Fix typos'});
await octokit.rest.pulls.update({...repo, pull_number: 7, state: 'closed'});
await octokit.rest.pulls.createReview({...repo, pull_number: 7, event: 'APPROVE'});
await octokit.rest.issues.create({...repo, title: 'Crash on start'});
await octokit.rest.issues.update({...repo, issue_number: 3, labels: ['bug']});
await octokit.rest.issues.update({...repo, issue_number: 3, state: 'closed', state_reason: 'completed'});
await octokit.rest.git.createRef({...repo, ref: 'refs/heads/feat/login', sha});
await octokit.rest.git.deleteRef({...repo, ref: 'heads/feat/login'});
await octokit.rest.repos.createRelease({...repo, tag_name: 'v1.0.0'});
await octokit.rest.repos.deleteRelease({...repo, release_id: 42});
await octokit.rest.repos.createOrUpdateFileContents({...repo, path: 'docs/new.md', message: 'Add docs', content: 'aGVsbG8='});
await octokit.rest.repos.createOrUpdateFileContents({...repo, path: 'docs/new.md', message: 'Edit docs', content: 'aGk=', sha});
await octokit.rest.repos.deleteFile({...repo, path: 'docs/new.md', message: 'Remove docs', sha});
await octokit.rest.repos.createForAuthenticatedUser({name: 'scratch', private: true});
await octokit.rest.repos.createInOrg({org: 'octo-org', name: 'service', visibility: 'internal'});
await octokit.rest.repos.delete(repo);
await octokit.rest.repos.update({...repo, description: 'Hello'});
await octokit.rest.orgs.update({org: 'octo-org', description: 'Octo'});
await octokit.rest.teams.create({org: 'octo-org', name: 'reviewers'});

await octokit.rest.repos.uploadReleaseAsset({
  ...repo,
  release_id: 42,
  name: 'app.zip',
  data: Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0xff]),
  baseUrl: uploadsBaseUrl,
  headers: {'content-type': 'application/zip'},
});
