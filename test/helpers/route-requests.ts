import type {HttpRequestInfo, RouteSpec} from '@tf/sdk';
import type {CapturedRequest} from './capture-server';

/** A concrete path for a template: `{file_id}` → `x_file_id`, never equal to a fixed segment. */
export function samplePath(template: string): string {
  return template.replace(/\{(\w+)\+?\}/g, (_, name: string) => `x_${name}`);
}

/** The request that selects a route: its `when` switch (e.g. `stream: true`) in the body or query when it has one. */
export function requestFor(route: RouteSpec, origin: string, path = samplePath(route.path), headers: HttpRequestInfo['headers'] = {}): HttpRequestInfo {
  const url = new URL(origin + path);
  const all: HttpRequestInfo['headers'] = {...headers};
  let body: Buffer | undefined;
  if (route.when?.in === 'query') url.searchParams.set(route.when.field, String(route.when.equals));
  if (route.when?.in === 'body') {
    all['content-type'] = 'application/json';
    body = Buffer.from(JSON.stringify({[route.when.field]: route.when.equals}));
  }
  return {method: route.method, url, headers: all, body};
}

/** A captured client request as the connector would see it under the real origin. */
export function asRequestInfo(captured: CapturedRequest, origin: string): HttpRequestInfo {
  return {method: captured.method, url: new URL(origin + captured.path), headers: captured.headers, body: captured.body};
}
