import type {Risk} from '@tf/sdk';

export interface MethodOverride {
  /** Web API method name, served at /api/<method>. */
  method: string;
  type: string;
  risk: Risk;
  /** HTTP verb shown in the catalog (the seed's); matching ignores it. */
  http?: 'GET' | 'POST';
  description?: string;
}

/** The seed's Slack table, verbatim (names and risks are the contract). */
export const SEED_METHODS: readonly MethodOverride[] = [
  {method: 'chat.postMessage', type: 'slack.message.post', risk: 'low'},
  {method: 'chat.update', type: 'slack.message.update', risk: 'low'},
  {method: 'chat.delete', type: 'slack.message.delete', risk: 'medium'},
  {method: 'conversations.create', type: 'slack.channel.create', risk: 'medium'},
  {method: 'conversations.archive', type: 'slack.channel.archive', risk: 'medium'},
  {method: 'conversations.invite', type: 'slack.channel.invite', risk: 'low'},
  // Retired by Slack and no longer in the official client, but still what older agents send.
  {method: 'files.upload', type: 'slack.file.upload', risk: 'medium', description: 'Uploads or creates a file (legacy single-call upload).'},
  {method: 'files.delete', type: 'slack.file.delete', risk: 'medium'},
  {method: 'users.list', type: 'slack.user.list', risk: 'low', http: 'GET'},
  {method: 'admin.users.invite', type: 'slack.admin.invite', risk: 'high'},
];

/** The v2 upload flow: the last step shares the file, so it carries the seed's upload type. */
export const UPLOAD_METHODS: readonly MethodOverride[] = [
  {method: 'files.getUploadURLExternal', type: 'slack.file.upload_url', risk: 'low'},
  {method: 'files.completeUploadExternal', type: 'slack.file.upload', risk: 'medium'},
];

/** The file bytes go to the URL files.getUploadURLExternal returned (https://files.slack.com/upload/v1/…). */
export const UPLOAD_CONTENT_ROUTE = {
  method: 'POST',
  path: '/upload/v1/{upload+}',
  type: 'slack.file.upload_content',
  risk: 'medium' as Risk,
  description: 'Sends the bytes of a file being uploaded (step 2 of files.uploadV2).',
};
