import path from 'node:path';
import type {Connector, HttpRequestInfo} from '@tf/sdk';
import {githubConnector} from '../src/index';

export const REPO_ROOT = path.resolve(__dirname, '../../..');


export const GHE_BASE_URL = 'https://github.example.com/api/v3';

export const dotcom = githubConnector.create({name: 'github', type: 'github'});
export const ghe = githubConnector.create({name: 'ghe', type: 'github', baseUrl: GHE_BASE_URL});

/** The seed's GitHub table, row by row (both repo.create routes), in the order the octokit script calls them. */
export const SEED_TABLE: [type: string, risk: string][] = [
  ['github.pr.create', 'low'],
  ['github.pr.merge', 'medium'],
  ['github.pr.update', 'low'],
  ['github.pr.close', 'low'],
  ['github.pr.review', 'low'],
  ['github.issue.create', 'low'],
  ['github.issue.update', 'low'],
  ['github.issue.close', 'low'],
  ['github.branch.create', 'low'],
  ['github.branch.delete', 'high'],
  ['github.release.create', 'medium'],
  ['github.release.delete', 'high'],
  ['github.file.create', 'low'],
  ['github.file.update', 'low'],
  ['github.file.delete', 'medium'],
  ['github.repo.create', 'medium'],
  ['github.repo.create', 'medium'],
  ['github.repo.delete', 'high'],
  ['github.repo.update', 'low'],
  ['github.org.update', 'medium'],
  ['github.team.create', 'low'],
];

/** A request as the connector sees it; `body` objects are sent as JSON. */
export function request(method: string, url: string, body?: unknown, headers: Record<string, string> = {}): HttpRequestInfo {
  const info: HttpRequestInfo = {method, url: new URL(url), headers: {...headers}};
  if (body !== undefined) {
    info.body = Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
    if (typeof body !== 'string') info.headers['content-type'] ??= 'application/json';
  }
  return info;
}

export {asRequestInfo} from '../../../test/helpers/route-requests';

export function typeAndRisk(connector: Connector, req: HttpRequestInfo): [string, string] {
  const action = connector.parseAction(req);
  return [action.type, action.risk];
}
