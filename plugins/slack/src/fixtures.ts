import type {ConnectorFixture} from '@tf/sdk';

const FORM = {'content-type': 'application/x-www-form-urlencoded'};
const JSON_BODY = {'content-type': 'application/json; charset=utf-8'};

/** `tf connector test slack`: the seed's rows plus verb, encoding and upload-flow cases. Ids are made up. */
export const SLACK_FIXTURES: ConnectorFixture[] = [
  {name: 'post message', request: {method: 'POST', url: '/api/chat.postMessage', headers: FORM, body: 'channel=C123&text=hello'}, expect: {type: 'slack.message.post', risk: 'low'}},
  {name: 'post message (JSON)', request: {method: 'POST', url: '/api/chat.postMessage', headers: JSON_BODY, body: {channel: 'C123', text: 'hello'}}, expect: {type: 'slack.message.post', risk: 'low'}},
  {name: 'update message', request: {method: 'POST', url: '/api/chat.update', headers: FORM, body: 'channel=C123&ts=1700000000.000100&text=edited'}, expect: {type: 'slack.message.update', risk: 'low'}},
  {name: 'delete message', request: {method: 'POST', url: '/api/chat.delete', headers: FORM, body: 'channel=C123&ts=1700000000.000100'}, expect: {type: 'slack.message.delete', risk: 'medium'}},
  {name: 'create channel', request: {method: 'POST', url: '/api/conversations.create', headers: FORM, body: 'name=project-x'}, expect: {type: 'slack.channel.create', risk: 'medium'}},
  {name: 'archive channel', request: {method: 'POST', url: '/api/conversations.archive', headers: FORM, body: 'channel=C123'}, expect: {type: 'slack.channel.archive', risk: 'medium'}},
  {name: 'invite to channel', request: {method: 'POST', url: '/api/conversations.invite', headers: FORM, body: 'channel=C123&users=U1,U2'}, expect: {type: 'slack.channel.invite', risk: 'low'}},
  {name: 'upload file (legacy)', request: {method: 'POST', url: '/api/files.upload', headers: FORM, body: 'channels=C123&content=hi&filename=a.txt'}, expect: {type: 'slack.file.upload', risk: 'medium'}},
  {name: 'delete file', request: {method: 'POST', url: '/api/files.delete', headers: FORM, body: 'file=F123'}, expect: {type: 'slack.file.delete', risk: 'medium'}},
  {name: 'list users (GET)', request: {method: 'GET', url: '/api/users.list?limit=100'}, expect: {type: 'slack.user.list', risk: 'low'}},
  {name: 'list users (POST)', request: {method: 'POST', url: '/api/users.list', headers: FORM, body: 'limit=100'}, expect: {type: 'slack.user.list', risk: 'low'}},
  {name: 'admin invite', request: {method: 'POST', url: '/api/admin.users.invite', headers: FORM, body: 'email=new%40example.com&team_id=T123&channel_ids=C123'}, expect: {type: 'slack.admin.invite', risk: 'high'}},
  {name: 'upload: get URL', request: {method: 'POST', url: '/api/files.getUploadURLExternal', headers: FORM, body: 'filename=a.txt&length=5'}, expect: {type: 'slack.file.upload_url', risk: 'low'}},
  {name: 'upload: bytes', request: {method: 'POST', url: 'https://files.slack.com/upload/v1/ABC123', headers: {'content-type': 'application/octet-stream'}, body: 'hello'}, expect: {type: 'slack.file.upload_content', risk: 'medium'}},
  {name: 'upload: complete', request: {method: 'POST', url: '/api/files.completeUploadExternal', headers: FORM, body: 'files=%5B%7B%22id%22%3A%22F123%22%7D%5D&channel_id=C123'}, expect: {type: 'slack.file.upload', risk: 'medium'}},
  {name: 'unknown method', request: {method: 'POST', url: '/api/not.aMethod'}, expect: {type: 'slack.unknown.post', risk: 'medium'}},
];
