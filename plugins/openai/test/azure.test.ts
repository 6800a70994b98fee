import OpenAI, {AzureOpenAI} from 'openai';
import {startCaptureServer} from '../../../test/helpers/capture-server';
import {parseJson} from '../../../test/helpers/cli';
import {tempDir} from '../../../test/helpers/tmp';
import {azureToOpenAIPath, isAzureConfig} from '../src/azure';
import {openaiConnector} from '../src/connector';
import {asRequestInfo, bytes, chat, classifyAll, drain, openaiResponder, type Call} from './support';

/** Azure OpenAI: the real `AzureOpenAI` client against a local server, replayed under https://myres.openai.azure.com. */
const ORIGIN = 'https://myres.openai.azure.com';
const tmp = tempDir('tf-azure-');
const config = tmp.write('tf.config.yaml', `connectors:\n  azure:\n    type: openai\n    baseUrl: ${ORIGIN}\n`);
const azure = openaiConnector.create({name: 'azure', type: 'openai', baseUrl: ORIGIN});
// CLI checks run the built bin/run.js: `npm test` builds first, and a missing build fails (never skips).
const cliTest = test;


const CALLS: Call[] = [
  ['openai.chat.create', 'low', (c) => c.chat.completions.create(chat)],
  ['openai.chat.create_stream', 'low', async (c) => drain(await c.chat.completions.create({...chat, stream: true}))],
  ['openai.embedding.create', 'low', (c) => c.embeddings.create({model: 'text-embedding-3-small', input: 'hi'})],
  ['openai.image.generate', 'medium', (c) => c.images.generate({model: 'dall-e-3', prompt: 'a cat'})],
  ['openai.image.edit', 'medium', async (c) => c.images.edit({model: 'gpt-image-1', image: await bytes('cat.png'), prompt: 'a hat'})],
  ['openai.audio.transcribe', 'low', async (c) => c.audio.transcriptions.create({model: 'whisper', file: await bytes('talk.wav')})],
  ['openai.audio.translate', 'low', async (c) => c.audio.translations.create({model: 'whisper', file: await bytes('talk.wav')})],
  ['openai.audio.speech', 'low', (c) => c.audio.speech.create({model: 'tts', voice: 'alloy', input: 'hi'})],
  ['openai.file.upload', 'medium', async (c) => c.files.create({file: await bytes('train.jsonl'), purpose: 'fine-tune'})],
  ['openai.file.delete', 'medium', (c) => c.files.delete('file-abc123')],
  ['openai.file.list', 'low', (c) => c.files.list()],
  ['openai.finetune.create', 'high', (c) => c.fineTuning.jobs.create({model: 'gpt-4o-mini', training_file: 'file-abc123'})],
  ['openai.finetune.cancel', 'medium', (c) => c.fineTuning.jobs.cancel('ftjob-abc123')],
  ['openai.model.list', 'low', (c) => c.models.list()],
  ['openai.batch.create', 'medium', (c) => c.batches.create({input_file_id: 'file-abc', endpoint: '/v1/chat/completions', completion_window: '24h'})],
  ['openai.response.create', 'low', (c) => c.responses.create({model: 'gpt-4o-mini', input: 'Hello'})],
];
const EXPECTED = CALLS.map(([type, risk]) => [type, risk]);

async function capture(makeClient: (url: string) => OpenAI) {
  const server = await startCaptureServer(openaiResponder);
  const client = makeClient(server.url);
  try {
    for (const [, , run] of CALLS) await run(client);
  } finally {
    await server.close();
  }
  return server;
}

const shapes: [string, (url: string) => OpenAI, string[]][] = [
  [
    'AzureOpenAI, deployment from the model (/openai/deployments/{model}/...?api-version=)',
    (url) => new AzureOpenAI({apiKey: 'test-placeholder', baseURL: `${url}/openai`, apiVersion: '2024-10-21', maxRetries: 0}),
    // Multipart image edits and model-less batches carry no model for the client to route by: they go to /openai/... .
    ['gpt-4o-mini', 'gpt-4o-mini', 'text-embedding-3-small', 'dall-e-3', 'whisper', 'whisper', 'tts'],
  ],
  [
    'AzureOpenAI with a fixed deployment',
    (url) => new AzureOpenAI({apiKey: 'test-placeholder', endpoint: url, deployment: 'prod-gpt', apiVersion: '2025-04-01-preview', maxRetries: 0}),
    Array(9).fill('prod-gpt'), // chat ×2, embeddings, images ×2, audio ×3, batches
  ],
  ['OpenAI client on the /openai/v1 API', (url) => new OpenAI({apiKey: 'test-placeholder', baseURL: `${url}/openai/v1`, maxRetries: 0}), []],
];

describe('Azure OpenAI → tf', () => {
  describe.each(shapes)('%s', (_title, makeClient, deployments) => {
    let server: Awaited<ReturnType<typeof capture>>;
    beforeAll(async () => {
      server = await capture(makeClient);
    });

    test('the same action types as api.openai.com, deployment in the resource', () => {
      expect(classifyAll(azure, server.requests, ORIGIN)).toEqual(EXPECTED);
      const actions = server.requests.map((r) => azure.parseAction(asRequestInfo(r, ORIGIN)));
      expect(actions.map((a) => a.resource.deployment).filter(Boolean)).toEqual(deployments);
      if (deployments.length) expect(server.requests[0].path).toMatch(/^\/openai\/deployments\/[^/]+\/chat\/completions\?api-version=/);
      else expect(server.requests.every((r) => r.path.startsWith('/openai/v1/'))).toBe(true);
    });

    cliTest('tf parse --json --config (connectors: {azure: {type: openai, baseUrl}})', async () => {
      const file = tmp.write(`capture-${deployments[0] ?? 'v1'}.jsonl`, server.toJsonl(ORIGIN));
      const out = await parseJson([file, '--config', config]);
      expect(out.map((e) => [e.connector, e.action?.type, e.action?.risk])).toEqual(EXPECTED.map((t) => ['azure', ...t]));
    });
  });

  test('URL shapes map onto OpenAI paths', () => {
    expect(azureToOpenAIPath('/openai/deployments/gpt4o/chat/completions')).toEqual({path: '/v1/chat/completions', deployment: 'gpt4o'});
    expect(azureToOpenAIPath('/openai/deployments/my%20dep/embeddings')).toEqual({path: '/v1/embeddings', deployment: 'my dep'});
    expect(azureToOpenAIPath('/openai/v1/files/file-1')).toEqual({path: '/v1/files/file-1'});
    expect(azureToOpenAIPath('/openai/files')).toEqual({path: '/v1/files'});
    expect(azureToOpenAIPath('/v1/models')).toEqual({path: '/v1/models'});
  });

  test('a base URL that already ends in /openai works the same', () => {
    const withPath = openaiConnector.create({name: 'az', type: 'openai', baseUrl: `${ORIGIN}/openai`});
    const action = withPath.parseAction({method: 'POST', url: new URL(`${ORIGIN}/openai/deployments/d1/embeddings?api-version=2024-10-21`), headers: {}});
    expect(action).toMatchObject({type: 'openai.embedding.create', resource: {deployment: 'd1'}, parameters: {api_version: '2024-10-21'}});
    expect(withPath.liveProbe()).toEqual({method: 'GET', path: '/v1/models'});
    expect(withPath.fixtures()[0].request.url).toBe('/deployments/gpt-4o-mini/chat/completions?api-version=2024-10-21');
  });

  test('Azure is recognised by host, or said in config', () => {
    expect(isAzureConfig({name: 'a', type: 'openai', baseUrl: 'https://x.openai.azure.com'})).toBe(true);
    expect(isAzureConfig({name: 'a', type: 'openai', baseUrl: 'https://x.cognitiveservices.azure.com'})).toBe(true);
    expect(isAzureConfig({name: 'a', type: 'openai', baseUrl: 'https://llm.example.com/v1'})).toBe(false);
    expect(isAzureConfig({name: 'a', type: 'openai', baseUrl: 'https://llm.example.com', azure: true})).toBe(true);
    expect(isAzureConfig({name: 'a', type: 'openai'})).toBe(false);
  });

  test('credentials: the key goes in api-key; the agent’s Authorization and api-key are dropped', () => {
    const headers: Record<string, string> = {authorization: 'Bearer agent-placeholder', 'api-key': 'agent-placeholder', 'x-api-key': 'x', 'content-type': 'application/json'};
    azure.injectCredentials({method: 'POST', url: new URL(`${ORIGIN}/openai/v1/files`), headers}, {token: 'real-placeholder', envVar: 'AZURE_OPENAI_API_KEY'});
    expect(headers).toEqual({'api-key': 'real-placeholder', 'content-type': 'application/json'});
  });
});
