import OpenAI from 'openai';
import {startCaptureServer} from '../../../test/helpers/capture-server';
import {parseJson} from '../../../test/helpers/cli';
import {tempDir} from '../../../test/helpers/tmp';
import {openaiConnector} from '../src/connector';
import {asRequestInfo, bytes, chat, classifyAll, drain, openaiResponder, type Call} from './support';

/**
 * The real `openai` client calls a local capture server; the captured requests, put back on
 * https://api.openai.com, must classify exactly as the seed says (directly, and through `tf parse`).
 */
const ORIGIN = 'https://api.openai.com';
const tmp = tempDir('tf-openai-');
const connector = openaiConnector.create({name: 'openai', type: 'openai'});
// CLI checks run the built bin/run.js: `npm test` builds first, and a missing build fails (never skips).
const cliTest = test;


/** The seed's 15 rows, each driven through the SDK method an agent would call. */
const SEED_CALLS: Call[] = [
  ['openai.chat.create', 'low', (c) => c.chat.completions.create(chat)],
  ['openai.chat.create_stream', 'low', async (c) => drain(await c.chat.completions.create({...chat, stream: true}))],
  ['openai.embedding.create', 'low', (c) => c.embeddings.create({model: 'text-embedding-3-small', input: 'hi'})],
  ['openai.image.generate', 'medium', (c) => c.images.generate({model: 'gpt-image-1', prompt: 'a cat'})],
  ['openai.image.edit', 'medium', async (c) => c.images.edit({model: 'gpt-image-1', image: await bytes('cat.png'), prompt: 'add a hat'})],
  ['openai.audio.transcribe', 'low', async (c) => c.audio.transcriptions.create({model: 'whisper-1', file: await bytes('talk.wav')})],
  ['openai.audio.translate', 'low', async (c) => c.audio.translations.create({model: 'whisper-1', file: await bytes('talk.wav')})],
  ['openai.audio.speech', 'low', (c) => c.audio.speech.create({model: 'tts-1', voice: 'alloy', input: 'hi'})],
  ['openai.file.upload', 'medium', async (c) => c.files.create({file: await bytes('train.jsonl'), purpose: 'fine-tune'})],
  ['openai.file.delete', 'medium', (c) => c.files.delete('file-abc123')],
  ['openai.file.list', 'low', (c) => c.files.list()],
  ['openai.finetune.create', 'high', (c) => c.fineTuning.jobs.create({model: 'gpt-4o-mini', training_file: 'file-abc123'})],
  ['openai.finetune.cancel', 'medium', (c) => c.fineTuning.jobs.cancel('ftjob-abc123')],
  ['openai.model.list', 'low', (c) => c.models.list()],
  ['openai.model.delete', 'high', (c) => c.models.delete('ft:gpt-4o-mini:acme::abc123')],
];

/** Beyond the seed: the rest of the surface the issue names. */
const MORE_CALLS: Call[] = [
  ['openai.response.create', 'low', (c) => c.responses.create({model: 'gpt-4o-mini', input: 'Hello'})],
  ['openai.response.create_stream', 'low', async (c) => drain(await c.responses.create({model: 'gpt-4o-mini', input: 'Hello', stream: true}))],
  ['openai.response.retrieve', 'low', (c) => c.responses.retrieve('resp_abc')],
  ['openai.response.delete', 'medium', (c) => c.responses.delete('resp_abc')],
  ['openai.response.cancel', 'low', (c) => c.responses.cancel('resp_abc')],
  ['openai.completion.create', 'low', (c) => c.completions.create({model: 'gpt-3.5-turbo-instruct', prompt: 'Say hi'})],
  ['openai.image.create_variation', 'medium', async (c) => c.images.createVariation({image: await bytes('cat.png')})],
  ['openai.file.retrieve', 'low', (c) => c.files.retrieve('file-abc123')],
  ['openai.file.content', 'low', (c) => c.files.content('file-abc123')],
  ['openai.upload.create', 'medium', (c) => c.uploads.create({bytes: 10, filename: 'a.jsonl', mime_type: 'text/jsonl', purpose: 'batch'})],
  ['openai.upload.part.create', 'medium', async (c) => c.uploads.parts.create('upload_abc', {data: await bytes('part.bin')})],
  ['openai.batch.create', 'medium', (c) => c.batches.create({input_file_id: 'file-abc', endpoint: '/v1/chat/completions', completion_window: '24h'})],
  ['openai.batch.cancel', 'medium', (c) => c.batches.cancel('batch_abc')],
  ['openai.finetune.list', 'low', (c) => c.fineTuning.jobs.list()],
  ['openai.finetune.retrieve', 'low', (c) => c.fineTuning.jobs.retrieve('ftjob-abc123')],
  ['openai.finetune.list_events', 'low', (c) => c.fineTuning.jobs.listEvents('ftjob-abc123')],
  ['openai.finetune.checkpoint.list', 'low', (c) => c.fineTuning.jobs.checkpoints.list('ftjob-abc123')],
  ['openai.model.retrieve', 'low', (c) => c.models.retrieve('gpt-4o-mini')],
  ['openai.moderation.create', 'low', (c) => c.moderations.create({input: 'hi'})],
  ['openai.vector_store.create', 'medium', (c) => c.vectorStores.create({name: 'docs'})],
  ['openai.vector_store.file.create', 'medium', (c) => c.vectorStores.files.create('vs_abc', {file_id: 'file-abc'})],
  ['openai.vector_store.search', 'low', (c) => c.vectorStores.search('vs_abc', {query: 'q'})],
  ['openai.assistant.create', 'medium', (c) => c.beta.assistants.create({model: 'gpt-4o-mini'})],
  ['openai.thread.create', 'low', (c) => c.beta.threads.create()],
  ['openai.thread.run.create_stream', 'low', async (c) => drain(await c.beta.threads.runs.create('thread_abc', {assistant_id: 'asst_abc', stream: true}))],
  ['openai.realtime.client_secret.create', 'low', (c) => c.realtime.clientSecrets.create({})],
  ['openai.container.create', 'medium', (c) => c.containers.create({name: 'box'})],
  ['openai.eval.create', 'medium', (c) => c.evals.create({data_source_config: {type: 'logs'}, testing_criteria: []} as never)],
  ['openai.conversation.create', 'low', (c) => c.conversations.create({})],
];

async function capture(calls: Call[]) {
  const server = await startCaptureServer(openaiResponder);
  const client = new OpenAI({apiKey: 'test-placeholder', baseURL: `${server.url}/v1`, maxRetries: 0});
  try {
    for (const [type, , run] of calls) {
      const before = server.requests.length;
      await run(client);
      if (server.requests.length !== before + 1) throw new Error(`${type}: the SDK sent ${server.requests.length - before} requests`);
    }
  } finally {
    await server.close();
  }
  return server;
}

describe('openai SDK → tf', () => {
  for (const [title, calls] of [['the seed table', SEED_CALLS], ['beyond the seed', MORE_CALLS]] as const) {
    describe(title, () => {
      let server: Awaited<ReturnType<typeof capture>>;
      beforeAll(async () => {
        server = await capture([...calls]);
      });
      const expected = calls.map(([type, risk]) => [type, risk]);

      test('classified by the connector', () => {
        expect(classifyAll(connector, server.requests, ORIGIN)).toEqual(expected);
      });

      cliTest('classified by tf parse --json', async () => {
        const file = tmp.write(`${title.replace(/\W+/g, '-')}.jsonl`, server.toJsonl(ORIGIN));
        const out = await parseJson([file]);
        expect(out.map((e) => e.error)).toEqual(calls.map(() => null));
        expect(out.map((e) => [e.action?.type, e.action?.risk])).toEqual(expected);
        expect(new Set(out.map((e) => e.connector))).toEqual(new Set(['openai']));
      });
    });
  }

  test('parameters: model, stream, token limits, n, tools; multipart fields and file descriptions, never the bytes', async () => {
    const server = await capture([
      ['', '', (c) => c.chat.completions.create({...chat, n: 2, max_completion_tokens: 50, tools: [{type: 'function', function: {name: 'get_weather'}}]})],
      ['', '', (c) => c.responses.create({model: 'gpt-4o-mini', input: 'hi', max_output_tokens: 64, tools: [{type: 'web_search'}]})],
      ['', '', async (c) => c.files.create({file: await bytes('train.jsonl'), purpose: 'fine-tune'})],
      ['', '', async (c) => c.images.edit({model: 'gpt-image-1', image: await bytes('cat.png'), prompt: 'hat', n: 3, stream: true}).then(drain)],
    ]);
    const [chatAction, response, upload, edit] = server.requests.map((r) => connector.parseAction(asRequestInfo(r, ORIGIN)));
    expect(chatAction.parameters).toEqual({model: 'gpt-4o-mini', n: 2, max_completion_tokens: 50, tools: ['get_weather']});
    expect(response.parameters).toEqual({model: 'gpt-4o-mini', max_output_tokens: 64, tools: ['web_search']});
    expect(upload.parameters).toEqual({purpose: 'fine-tune', files: [{field: 'file', filename: 'train.jsonl', contentType: expect.any(String), size: 10}]});
    expect(edit.type).toBe('openai.image.edit_stream');
    expect(edit.parameters).toMatchObject({model: 'gpt-image-1', n: 3, stream: true, files: [{field: 'image', filename: 'cat.png'}]});
    expect(JSON.stringify(upload)).not.toContain('binary');
  });
});
