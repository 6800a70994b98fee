import type {Connector, ConnectorFixture} from '@tf/sdk';

export interface FixtureResult {
  name: string;
  ok: boolean;
  expected: string;
  actual: string;
}

/** Runs a connector's own fixtures through parseAction: the offline half of `tf connector test`. */
export function checkFixtures(connector: Connector): FixtureResult[] {
  return connector.fixtures().map((fixture) => checkFixture(connector, fixture));
}

function checkFixture(connector: Connector, fixture: ConnectorFixture): FixtureResult {
  const expected = fixture.expect.risk ? `${fixture.expect.type} (${fixture.expect.risk})` : fixture.expect.type;
  try {
    const {request} = fixture;
    const url = /^https?:\/\//.test(request.url) ? new URL(request.url) : new URL(connector.apiRoot() + request.url);
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(request.headers ?? {})) headers[k.toLowerCase()] = v;
    let body: Buffer | undefined;
    if (typeof request.body === 'string') body = Buffer.from(request.body);
    else if (request.body) {
      body = Buffer.from(JSON.stringify(request.body));
      headers['content-type'] ??= 'application/json';
    }
    const action = connector.parseAction({method: request.method.toUpperCase(), url, headers, body});
    const actual = `${action.type} (${action.risk})`;
    const ok = action.type === fixture.expect.type && (!fixture.expect.risk || action.risk === fixture.expect.risk);
    return {name: fixture.name, ok, expected, actual};
  } catch (error) {
    return {name: fixture.name, ok: false, expected, actual: `error: ${(error as Error).message}`};
  }
}
