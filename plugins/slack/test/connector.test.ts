import type {FixtureRequest, HttpRequestInfo, OutboundRequest} from '@tf/sdk';
import {slackConnector} from '../src';
import {withoutToken} from '../src/token-scrub';

const connector = slackConnector.create({name: 'slack', type: 'slack'});
const FORM = 'application/x-www-form-urlencoded';

function fromFixture(r: FixtureRequest): HttpRequestInfo {
  const body = r.body === undefined ? undefined : Buffer.from(typeof r.body === 'string' ? r.body : JSON.stringify(r.body));
  return {method: r.method, url: new URL(r.url, connector.apiRoot()), headers: {...r.headers}, body};
}

function outbound(url: string, body?: string, contentType?: string): OutboundRequest {
  const headers: OutboundRequest['headers'] = {authorization: 'Bearer xoxb-agent-placeholder'};
  if (contentType) headers['content-type'] = contentType;
  if (body !== undefined) headers['content-length'] = String(Buffer.byteLength(body));
  return {method: 'POST', url: new URL(url), headers, body: body === undefined ? undefined : Buffer.from(body)};
}

const REAL = {token: 'xoxb-real-placeholder', envVar: 'SLACK_BOT_TOKEN'};

describe('slack connector', () => {
  it('declares the seed domains, the bot-token env vars and the auth.test probe', () => {
    expect(connector.domains()).toEqual(['slack.com', 'api.slack.com', 'files.slack.com']);
    expect(slackConnector).toMatchObject({defaultTokenEnv: 'SLACK_BOT_TOKEN', defaultAgentEnv: 'SLACK_BOT_TOKEN'});
    expect(connector.liveProbe()).toEqual({method: 'POST', path: '/api/auth.test'});
  });

  it.each(connector.fixtures().map((f) => [f.name, f]))('fixture %s', (_name, fixture) => {
    const f = fixture as ReturnType<typeof connector.fixtures>[number];
    expect(connector.parseAction(fromFixture(f.request))).toMatchObject(f.expect);
  });

  it('reads the same arguments from a form, JSON, multipart or the query', () => {
    const expected = {channel: 'C9', users: ['U1', 'U2'], textLength: 5};
    const form = connector.parseAction({method: 'POST', url: new URL('https://slack.com/api/conversations.invite'), headers: {'content-type': FORM}, body: Buffer.from('channel=C9&users=U1%2CU2&text=hello')});
    const json = connector.parseAction({
      method: 'POST',
      url: new URL('https://slack.com/api/conversations.invite'),
      headers: {'content-type': 'application/json'},
      body: Buffer.from(JSON.stringify({channel: 'C9', users: ['U1', 'U2'], text: 'hello'})),
    });
    const boundary = 'xyz';
    const multipart = ['channel', 'users', 'text'].map((n, i) => `--${boundary}\r\nContent-Disposition: form-data; name="${n}"\r\n\r\n${['C9', 'U1,U2', 'hello'][i]}\r\n`).join('') + `--${boundary}--\r\n`;
    const parts = connector.parseAction({
      method: 'POST',
      url: new URL('https://slack.com/api/conversations.invite'),
      headers: {'content-type': `multipart/form-data; boundary=${boundary}`},
      body: Buffer.from(multipart),
    });
    const query = connector.parseAction({method: 'GET', url: new URL('https://slack.com/api/conversations.invite?channel=C9&users=U1,U2&text=hello'), headers: {}});
    for (const action of [form, json, parts, query]) expect(action).toMatchObject({type: 'slack.channel.invite', parameters: expected, resource: {channel: 'C9'}});
  });

  it('classifies the same method on api.slack.com and never records the signed upload path', () => {
    expect(connector.parseAction({method: 'POST', url: new URL('https://api.slack.com/api/chat.delete'), headers: {}}).type).toBe('slack.message.delete');
    const bytes = connector.parseAction({method: 'POST', url: new URL('https://files.slack.com/upload/v1/CwABAAAAsecret'), headers: {'content-length': '1048576'}});
    expect(bytes).toMatchObject({type: 'slack.file.upload_content', parameters: {size: 1048576}});
    expect(JSON.stringify(bytes)).not.toContain('CwABAAAAsecret');
  });

  it('lets the proxy stream upload bytes but buffers API calls', () => {
    expect(connector.needsBody({method: 'POST', url: new URL('https://files.slack.com/upload/v1/x'), headers: {}})).toBe(false);
    expect(connector.needsBody({method: 'POST', url: new URL('https://slack.com/api/chat.postMessage'), headers: {}})).toBe(true);
  });

  describe('token scrubbing', () => {
    it('removes a token from the query', () => {
      const req = outbound('https://slack.com/api/users.list?token=xoxb-agent-placeholder&limit=10');
      connector.injectCredentials(req, REAL);
      expect(req.url.href).toBe('https://slack.com/api/users.list?limit=10');
      expect(req.headers.authorization).toBe('Bearer xoxb-real-placeholder');
    });

    it('removes a token from a form body, keeping the other bytes as sent', () => {
      const req = outbound('https://slack.com/api/chat.postMessage', 'channel=C1&token=xoxb-agent-placeholder&text=a%20b+c', FORM);
      connector.injectCredentials(req, REAL);
      expect(Buffer.from(req.body!).toString()).toBe('channel=C1&text=a%20b+c');
      expect(req.headers['content-length']).toBe(String(req.body!.length));
    });

    it('removes a token from a JSON body', () => {
      const req = outbound('https://slack.com/api/chat.postMessage', JSON.stringify({token: 'xoxb-agent-placeholder', channel: 'C1', text: 'hi'}), 'application/json');
      connector.injectCredentials(req, REAL);
      expect(JSON.parse(Buffer.from(req.body!).toString())).toEqual({channel: 'C1', text: 'hi'});
      expect(req.headers['content-length']).toBe(String(req.body!.length));
    });

    it('removes a token part from a multipart body', () => {
      const b = 'BOUNDARY';
      const part = (name: string, value: string) => `--${b}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
      const body = part('channels', 'C1') + part('token', 'xoxb-agent-placeholder') + part('content', 'data') + `--${b}--\r\n`;
      const req = outbound('https://slack.com/api/files.upload', body, `multipart/form-data; boundary=${b}`);
      connector.injectCredentials(req, REAL);
      expect(Buffer.from(req.body!).toString()).toBe(part('channels', 'C1') + part('content', 'data') + `--${b}--\r\n`);
    });

    it('leaves bodies without a token untouched (same object)', () => {
      const req = outbound('https://slack.com/api/chat.postMessage', 'channel=C1&text=tokenization', FORM);
      const before = req.body;
      connector.injectCredentials(req, REAL);
      expect(req.body).toBe(before);
      expect(withoutToken(Buffer.from('{"channel":"C1"}'), 'application/json')).toBeUndefined();
    });

    it('never copies the token into the action', () => {
      const action = connector.parseAction({
        method: 'POST',
        url: new URL('https://slack.com/api/chat.postMessage?token=xoxb-q-placeholder'),
        headers: {'content-type': FORM},
        body: Buffer.from('token=xoxb-agent-placeholder&channel=C1&text=hi'),
      });
      expect(JSON.stringify(action)).not.toMatch(/xoxb-/);
    });
  });
});
