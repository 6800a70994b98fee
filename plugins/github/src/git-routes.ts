import type {RouteSpec} from '@tf/sdk';

/**
 * Git smart HTTP (https://github.com/{owner}/{repo}.git/...): what `git clone`, `fetch` and `push` send.
 * A push starts with `info/refs?service=git-receive-pack`, so the policy sees the push before any pack data.
 */
const REPOS = ['/{owner}/{repo}.git', '/{owner}/{repo}'];

const PUSH_SERVICE = {in: 'query', field: 'service', equals: 'git-receive-pack'} as const;

export const gitRoutes: RouteSpec[] = REPOS.flatMap((repo): RouteSpec[] => [
  {method: 'GET', path: `${repo}/info/refs`, type: 'github.git.push', risk: 'medium', when: PUSH_SERVICE, description: 'Start a git push (ref advertisement)'},
  {method: 'GET', path: `${repo}/info/refs`, type: 'github.git.fetch', risk: 'low', description: 'Start a git clone or fetch (ref advertisement)'},
  {method: 'POST', path: `${repo}/git-upload-pack`, type: 'github.git.fetch', risk: 'low', description: 'Download a git pack (clone, fetch)'},
  {method: 'POST', path: `${repo}/git-receive-pack`, type: 'github.git.push', risk: 'medium', description: 'Upload a git pack (push)'},
]);
