import Anthropic, {toFile} from '@anthropic-ai/sdk';
import {startCaptureServer} from '../../../test/helpers/capture-server';
import {parseJson} from '../../../test/helpers/cli';
import {tempDir} from '../../../test/helpers/tmp';
import {anthropicConnector} from '../src/index';
import {anthropicResponder, asRequestInfo} from './support';

/**
 * The real `@anthropic-ai/sdk` client calls a local capture server; the captured requests, put back on
 * https://api.anthropic.com, must classify as the issue says (directly, and through `tf parse`).
 */
const ORIGIN = 'https://api.anthropic.com';
const tmp = tempDir('tf-anthropic-');
const connector = anthropicConnector.create({name: 'anthropic', type: 'anthropic'});
// CLI checks run the built bin/run.js: `npm test` builds first, and a missing build fails (never skips).
const cliTest = test;

type Call = [type: string, risk: string, run: (client: Anthropic) => Promise<unknown>];
const message = {model: 'claude-sonnet-4-5', max_tokens: 256, messages: [{role: 'user' as const, content: 'Hello'}]};
const drain = async (stream: AsyncIterable<unknown>) => {
  for await (const _ of stream);
};

const CALLS: Call[] = [
  ['anthropic.message.create', 'low', (c) => c.messages.create(message)],
  ['anthropic.message.create_stream', 'low', async (c) => drain(await c.messages.create({...message, stream: true}))],
  ['anthropic.message.count_tokens', 'low', (c) => c.messages.countTokens({model: message.model, messages: message.messages})],
  ['anthropic.message.batch.create', 'medium', (c) => c.messages.batches.create({requests: [{custom_id: 'a', params: message}]})],
  ['anthropic.message.batch.list', 'low', (c) => c.messages.batches.list()],
  ['anthropic.message.batch.retrieve', 'low', (c) => c.messages.batches.retrieve('msgbatch_abc')],
  ['anthropic.message.batch.cancel', 'medium', (c) => c.messages.batches.cancel('msgbatch_abc')],
  ['anthropic.message.batch.delete', 'medium', (c) => c.messages.batches.delete('msgbatch_abc')],
  // results() reads the batch, then its results_url: two requests.
  ['anthropic.message.batch.retrieve', 'low', async (c) => drain(await c.messages.batches.results('msgbatch_abc'))],
  ['anthropic.message.batch.results', 'low', async () => undefined],
  ['anthropic.model.list', 'low', (c) => c.models.list()],
  ['anthropic.model.retrieve', 'low', (c) => c.models.retrieve('claude-sonnet-4-5')],
  ['anthropic.file.upload', 'medium', async (c) => c.beta.files.upload({file: await toFile(Buffer.from('\x00pdf\xff'), 'doc.pdf')})],
  ['anthropic.file.list', 'low', (c) => c.beta.files.list()],
  ['anthropic.file.retrieve', 'low', (c) => c.beta.files.retrieveMetadata('file_abc')],
  ['anthropic.file.delete', 'medium', (c) => c.beta.files.delete('file_abc')],
  ['anthropic.file.content', 'low', (c) => c.beta.files.download('file_abc')],
  // The beta namespace reaches the same routes: same types.
  ['anthropic.message.create_stream', 'low', async (c) => drain(await c.beta.messages.create({...message, stream: true, betas: ['files-api-2025-04-14']}))],
  ['anthropic.skill.list', 'low', (c) => c.beta.skills.list()],
];
const EXPECTED = CALLS.map(([type, risk]) => [type, risk]);

describe('anthropic SDK → tf', () => {
  let server: Awaited<ReturnType<typeof startCaptureServer>>;
  beforeAll(async () => {
    server = await startCaptureServer(anthropicResponder(() => server.url));
    const client = new Anthropic({apiKey: 'test-placeholder', baseURL: server.url, maxRetries: 0});
    for (const [, , run] of CALLS) await run(client);
    await server.close();
  });

  test('classified by the connector', () => {
    expect(server.requests.map((r) => connector.parseAction(asRequestInfo(r, ORIGIN))).map((a) => [a.type, a.risk])).toEqual(EXPECTED);
  });

  cliTest('classified by tf parse --json', async () => {
    const out = await parseJson([tmp.write('capture.jsonl', server.toJsonl(ORIGIN))]);
    expect(out.map((e) => e.error)).toEqual(CALLS.map(() => null));
    expect(out.map((e) => [e.connector, e.action?.type, e.action?.risk])).toEqual(EXPECTED.map((t) => ['anthropic', ...t]));
  });

  test('parameters: model, max_tokens, stream, tool names, batch size, betas', async () => {
    const capture = await startCaptureServer(anthropicResponder(() => capture.url));
    const client = new Anthropic({apiKey: 'test-placeholder', baseURL: capture.url, maxRetries: 0});
    await client.beta.messages.create({
      ...message,
      betas: ['token-efficient-tools-2025-02-19'],
      tools: [
        {name: 'get_weather', input_schema: {type: 'object'}},
        {type: 'web_search_20250305', name: 'web_search'},
      ],
    });
    await drain(await client.messages.create({...message, stream: true}));
    await client.messages.batches.create({requests: [{custom_id: 'a', params: message}, {custom_id: 'b', params: message}]});
    await capture.close();
    const [tools, stream, batch] = capture.requests.map((r) => connector.parseAction(asRequestInfo(r, ORIGIN)));
    expect(tools.parameters).toEqual({
      model: 'claude-sonnet-4-5',
      max_tokens: 256,
      tools: ['get_weather', 'web_search'],
      betas: ['token-efficient-tools-2025-02-19'],
    });
    expect(stream.parameters).toEqual({model: 'claude-sonnet-4-5', max_tokens: 256, stream: true});
    expect(batch.parameters).toEqual({request_count: 2});
  });
});
