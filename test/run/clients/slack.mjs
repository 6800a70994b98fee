// The official Slack SDK; this agent reads its token from SLACK_TOKEN (connector agentEnv).
import {WebClient} from '@slack/web-api';

const slack = new WebClient(process.env.SLACK_TOKEN, {retryConfig: {retries: 0}});
const result = await slack.chat.postMessage({channel: 'C0123', text: 'hello from a governed agent'});
console.log(JSON.stringify({ok: result.ok, ts: result.ts}));
