import {bearer, defineRouteConnector, methodRisk} from '@tf/sdk';

/** The seed's generic connector: any HTTP API, actions by method only, auth header from config. */
export const genericConnector = defineRouteConnector({
  type: 'generic',
  description: 'Any HTTP API: method-based actions (generic.get, generic.post, ...), configurable auth header',
  defaultDomains: [],
  accepts: {domains: 'required', authHeader: true, baseUrl: true},
  routes: [],
  auth: bearer(),
  fallbackType: (method) => `generic.${method.toLowerCase()}`,
  extraActionTypes: (['GET', 'HEAD', 'OPTIONS', 'POST', 'PUT', 'PATCH', 'DELETE'] as const).map((method) => ({
    type: `generic.${method.toLowerCase()}`,
    method,
    path: '*',
    risk: methodRisk(method),
    description: `Any ${method} request`,
  })),
  fixtures: [
    {name: 'read', request: {method: 'GET', url: '/'}, expect: {type: 'generic.get', risk: 'low'}},
    {name: 'create', request: {method: 'POST', url: '/items', body: {name: 'x'}}, expect: {type: 'generic.post', risk: 'medium'}},
    {name: 'replace', request: {method: 'PUT', url: '/items/1', body: {name: 'y'}}, expect: {type: 'generic.put', risk: 'medium'}},
    {name: 'modify', request: {method: 'PATCH', url: '/items/1', body: {name: 'z'}}, expect: {type: 'generic.patch', risk: 'medium'}},
    {name: 'remove', request: {method: 'DELETE', url: '/items/1'}, expect: {type: 'generic.delete', risk: 'high'}},
  ],
  probe: {method: 'GET', path: '/'},
  enrich(action) {
    // Generic actions are method-based by design, not "unclassified".
    delete action.riskHints.unclassified;
  },
});

export default genericConnector;
