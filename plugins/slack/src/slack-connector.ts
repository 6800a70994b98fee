import {RouteConnector, RouteTable, type Action, type HttpRequestInfo, type RouteSpec} from '@tf/sdk';

/**
 * Slack names the operation in the path (`/api/chat.postMessage`) and accepts GET or POST alike,
 * so routes match on the path whatever the verb: the table is compiled with every route under POST.
 */
export class SlackConnector extends RouteConnector {
  static compile(routes: readonly RouteSpec[]): RouteTable {
    return new RouteTable(routes.map((route) => ({...route, method: 'POST'})));
  }

  parseAction(req: HttpRequestInfo): Action {
    const path = this.routePath(req.url.pathname);
    if (req.method.toUpperCase() !== 'POST' && this.table.match('POST', path)) {
      return this.classify({...req, method: 'POST'}, this.table, path);
    }
    return this.classify(req, this.table, path);
  }

  /** File bytes (files.slack.com/upload/…) classify by path alone: let the proxy stream them. */
  needsBody(req: HttpRequestInfo): boolean {
    return !req.url.pathname.startsWith('/upload/') && super.needsBody(req);
  }
}
