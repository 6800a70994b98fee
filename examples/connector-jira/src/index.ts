import {defineRouteConnector, type RouteSpec} from '@tf/sdk';

/** The seed's custom Jira connector, as route data instead of a switch. */
const routes: RouteSpec[] = [
  {method: 'POST', path: '/rest/api/3/issue', type: 'jira.issue.create', risk: 'low', bodyParams: ['fields.project.key', 'fields.issuetype.name']},
  {method: 'GET', path: '/rest/api/3/issue/{issueIdOrKey}', type: 'jira.issue.get', risk: 'low'},
  {method: 'PUT', path: '/rest/api/3/issue/{issueIdOrKey}', type: 'jira.issue.update', risk: 'low'},
  {method: 'DELETE', path: '/rest/api/3/issue/{issueIdOrKey}', type: 'jira.issue.delete', risk: 'high'},
  {method: 'POST', path: '/rest/api/3/issue/{issueIdOrKey}/transitions', type: 'jira.issue.transition', risk: 'medium', bodyParams: ['transition.id']},
  {method: 'GET', path: '/rest/api/3/myself', type: 'jira.user.me', risk: 'low'},
];

export const jiraConnector = defineRouteConnector({
  type: 'jira',
  description: 'Jira Cloud REST API v3 (example plugin)',
  defaultDomains: ['*.atlassian.net'],
  accepts: {domains: 'optional', baseUrl: true},
  routes,
  // Jira Cloud takes Basic auth: the env var holds base64("email:api-token").
  auth: {header: 'authorization', format: (token) => `Basic ${token}`},
  fixtures: [
    {name: 'create issue', request: {method: 'POST', url: 'https://acme.atlassian.net/rest/api/3/issue', body: {fields: {project: {key: 'OPS'}}}}, expect: {type: 'jira.issue.create', risk: 'low'}},
    {name: 'transition', request: {method: 'POST', url: 'https://acme.atlassian.net/rest/api/3/issue/OPS-1/transitions', body: {transition: {id: '31'}}}, expect: {type: 'jira.issue.transition', risk: 'medium'}},
    {name: 'delete', request: {method: 'DELETE', url: 'https://acme.atlassian.net/rest/api/3/issue/OPS-1'}, expect: {type: 'jira.issue.delete', risk: 'high'}},
  ],
  probe: {method: 'GET', path: '/rest/api/3/myself'},
});

export default jiraConnector;
