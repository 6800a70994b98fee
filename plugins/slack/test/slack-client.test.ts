import {WebClient} from '@slack/web-api';
import {startCaptureServer, type CapturedRequest} from '../../../test/helpers/capture-server';
import {parseJson, type ParsedEntry} from '../../../test/helpers/cli';
import {slackConnector} from '../src';

const AGENT_TOKEN = 'xoxb-agent-placeholder';

/** The upload URL Slack would return lives on files.slack.com; the capture server stands in for it. */
function replay(requests: CapturedRequest[]): string {
  return requests
    .map((r) => {
      const origin = r.path.startsWith('/upload/') ? 'https://files.slack.com' : 'https://slack.com';
      const text = r.body.toString('utf8');
      const binary = Buffer.from(text, 'utf8').length !== r.body.length || text.includes('\u0000');
      const body = r.body.length === 0 ? {} : binary ? {body: r.body.toString('base64'), bodyEncoding: 'base64'} : {body: text};
      return JSON.stringify({method: r.method, url: origin + r.path, headers: r.headers, ...body});
    })
    .join('\n');
}

const SEED: [string, string, string][] = [
  ['chat.postMessage', 'slack.message.post', 'low'],
  ['chat.update', 'slack.message.update', 'low'],
  ['chat.delete', 'slack.message.delete', 'medium'],
  ['conversations.create', 'slack.channel.create', 'medium'],
  ['conversations.archive', 'slack.channel.archive', 'medium'],
  ['conversations.invite', 'slack.channel.invite', 'low'],
  ['files.upload', 'slack.file.upload', 'medium'],
  ['files.delete', 'slack.file.delete', 'medium'],
  ['users.list', 'slack.user.list', 'low'],
  ['admin.users.invite', 'slack.admin.invite', 'high'],
];

describe('@slack/web-api requests through tf parse', () => {
  let requests: CapturedRequest[];
  let entries: ParsedEntry[];

  beforeAll(async () => {
    let url = '';
    const server = await startCaptureServer((req, res) => {
      res.writeHead(200, {'content-type': 'application/json'});
      if (req.path.endsWith('/files.getUploadURLExternal')) res.end(JSON.stringify({ok: true, upload_url: `${url}/upload/v1/CwABAAAAtest`, file_id: 'F0UPLOAD'}));
      else if (req.path.endsWith('/files.completeUploadExternal')) res.end(JSON.stringify({ok: true, files: [{id: 'F0UPLOAD'}]}));
      else if (req.path.startsWith('/upload/')) res.end('OK - 5');
      else res.end(JSON.stringify({ok: true}));
    });
    url = server.url;
    try {
      const slack = new WebClient(AGENT_TOKEN, {slackApiUrl: `${server.url}/api/`, retryConfig: {retries: 0}});
      await slack.chat.postMessage({channel: 'C0GENERAL', text: 'Deploy finished', token: AGENT_TOKEN});
      await slack.chat.update({channel: 'C0GENERAL', ts: '1700000000.000100', text: 'Deploy finished (edited)'});
      await slack.chat.delete({channel: 'C0GENERAL', ts: '1700000000.000100'});
      await slack.conversations.create({name: 'incident-42'});
      await slack.conversations.archive({channel: 'C0OLD'});
      await slack.conversations.invite({channel: 'C0GENERAL', users: 'U01,U02'});
      await slack.apiCall('files.upload', {channels: 'C0GENERAL', content: 'log line', filename: 'log.txt'}); // retired from the client
      await slack.files.delete({file: 'F0OLD'});
      await slack.users.list({limit: 50});
      await slack.admin.users.invite({team_id: 'T0TEAM', email: 'new.person@example.com', channel_ids: 'C0GENERAL'});
      await slack.filesUploadV2({channel_id: 'C0GENERAL', content: 'hello', filename: 'hello.txt', initial_comment: 'here it is'});
      requests = [...server.requests];
      entries = await parseJson(['-'], {input: replay(requests)});
    } finally {
      await server.close();
    }
  });

  it('sent everything as POST, users.list included', () => {
    expect(requests.map((r) => r.method)).toEqual(Array(requests.length).fill('POST'));
    expect(requests[8].path).toBe('/api/users.list');
  });

  it.each(SEED.map((row, i) => [i, ...row] as const))('#%i %s → %s (%s)', (i, method, type, risk) => {
    expect(requests[i].path).toBe(`/api/${method}`);
    expect(entries[i].error).toBeNull();
    expect(entries[i].connector).toBe('slack');
    expect(entries[i].action).toMatchObject({type, risk});
  });

  it('recognises every step of the v2 upload flow, the last as slack.file.upload', () => {
    const flow = entries.slice(SEED.length);
    expect(flow.map((e) => [new URL(e.url).host, e.action?.type, e.action?.risk])).toEqual([
      ['slack.com', 'slack.file.upload_url', 'low'],
      ['files.slack.com', 'slack.file.upload_content', 'medium'],
      ['slack.com', 'slack.file.upload', 'medium'],
    ]);
    expect(flow[0].action!.parameters).toMatchObject({filename: 'hello.txt', length: 5});
    expect(flow[1].action!.parameters.size).toBeGreaterThan(0);
    expect(flow[2].action!.parameters).toMatchObject({channel: 'C0GENERAL', fileIds: ['F0UPLOAD'], textLength: 'here it is'.length});
  });

  it('records channel, users, ts and the text length, never the text or the token', () => {
    expect(entries[0].action!.parameters).toEqual({channel: 'C0GENERAL', textLength: 'Deploy finished'.length});
    expect(entries[1].action!.parameters).toMatchObject({channel: 'C0GENERAL', ts: '1700000000.000100'});
    expect(entries[5].action!.parameters).toMatchObject({channel: 'C0GENERAL', users: ['U01', 'U02']});
    expect(entries[9].action!.parameters).toMatchObject({emailDomain: 'example.com'});
    expect(entries[9].action!.resource).toMatchObject({team: 'T0TEAM'});
    for (const e of entries) expect(JSON.stringify(e.action)).not.toContain(AGENT_TOKEN);
    expect(JSON.stringify(entries[0].action)).not.toContain('Deploy finished');
  });

  it('strips the token the client put in the body before forwarding', () => {
    const captured = requests[0];
    expect(captured.body.toString()).toContain(`token=${AGENT_TOKEN}`);
    const connector = slackConnector.create({name: 'slack', type: 'slack'});
    const out = {method: 'POST', url: new URL('https://slack.com/api/chat.postMessage'), headers: {...captured.headers}, body: captured.body};
    connector.injectCredentials(out, {token: 'xoxb-real-placeholder', envVar: 'SLACK_BOT_TOKEN'});
    expect(out.headers.authorization).toBe('Bearer xoxb-real-placeholder');
    expect(Buffer.from(out.body).toString()).not.toContain('token=');
    expect(new URLSearchParams(Buffer.from(out.body).toString()).get('channel')).toBe('C0GENERAL');
    expect(out.headers['content-length']).toBe(String(out.body.length));
  });
});
