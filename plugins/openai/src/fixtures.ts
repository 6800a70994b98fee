import type {ConnectorFixture, Risk} from '@tf/sdk';

/** One sample per seed row plus a few beyond it; paths are OpenAI's (`/v1/...`), rewritten for Azure instances. */
interface Sample {
  name: string;
  method: string;
  path: string;
  body?: Record<string, unknown>;
  type: string;
  risk: Risk;
}

const chat = {model: 'gpt-4o-mini', messages: [{role: 'user', content: 'Hello'}]};

export const OPENAI_SAMPLES: Sample[] = [
  {name: 'chat', method: 'POST', path: '/v1/chat/completions', body: chat, type: 'openai.chat.create', risk: 'low'},
  {name: 'chat stream', method: 'POST', path: '/v1/chat/completions', body: {...chat, stream: true}, type: 'openai.chat.create_stream', risk: 'low'},
  {name: 'embedding', method: 'POST', path: '/v1/embeddings', body: {model: 'text-embedding-3-small', input: 'x'}, type: 'openai.embedding.create', risk: 'low'},
  {name: 'image generate', method: 'POST', path: '/v1/images/generations', body: {model: 'gpt-image-1', prompt: 'a cat'}, type: 'openai.image.generate', risk: 'medium'},
  {name: 'image edit', method: 'POST', path: '/v1/images/edits', body: {model: 'gpt-image-1', prompt: 'a hat'}, type: 'openai.image.edit', risk: 'medium'},
  {name: 'transcribe', method: 'POST', path: '/v1/audio/transcriptions', body: {model: 'whisper-1'}, type: 'openai.audio.transcribe', risk: 'low'},
  {name: 'translate', method: 'POST', path: '/v1/audio/translations', body: {model: 'whisper-1'}, type: 'openai.audio.translate', risk: 'low'},
  {name: 'speech', method: 'POST', path: '/v1/audio/speech', body: {model: 'tts-1', input: 'hi', voice: 'alloy'}, type: 'openai.audio.speech', risk: 'low'},
  {name: 'file upload', method: 'POST', path: '/v1/files', body: {purpose: 'fine-tune'}, type: 'openai.file.upload', risk: 'medium'},
  {name: 'file delete', method: 'DELETE', path: '/v1/files/file-abc123', type: 'openai.file.delete', risk: 'medium'},
  {name: 'file list', method: 'GET', path: '/v1/files', type: 'openai.file.list', risk: 'low'},
  {name: 'finetune create', method: 'POST', path: '/v1/fine_tuning/jobs', body: {model: 'gpt-4o-mini', training_file: 'file-abc123'}, type: 'openai.finetune.create', risk: 'high'},
  {name: 'finetune cancel', method: 'POST', path: '/v1/fine_tuning/jobs/ftjob-abc123/cancel', type: 'openai.finetune.cancel', risk: 'medium'},
  {name: 'model list', method: 'GET', path: '/v1/models', type: 'openai.model.list', risk: 'low'},
  {name: 'model delete', method: 'DELETE', path: '/v1/models/ft:gpt-4o-mini:acme::abc123', type: 'openai.model.delete', risk: 'high'},
  {name: 'response', method: 'POST', path: '/v1/responses', body: {model: 'gpt-4o-mini', input: 'Hello'}, type: 'openai.response.create', risk: 'low'},
  {name: 'response stream', method: 'POST', path: '/v1/responses', body: {model: 'gpt-4o-mini', input: 'Hello', stream: true}, type: 'openai.response.create_stream', risk: 'low'},
  {name: 'batch create', method: 'POST', path: '/v1/batches', body: {input_file_id: 'file-abc123', endpoint: '/v1/chat/completions', completion_window: '24h'}, type: 'openai.batch.create', risk: 'medium'},
  {name: 'vector store delete', method: 'DELETE', path: '/v1/vector_stores/vs_abc123', type: 'openai.vector_store.delete', risk: 'medium'},
  {name: 'unknown route', method: 'POST', path: '/v1/not/a/route', type: 'openai.unknown.post', risk: 'medium'},
];

export function toFixtures(samples: Sample[], url: (path: string) => string): ConnectorFixture[] {
  return samples.map((s) => ({
    name: s.name,
    request: {method: s.method, url: url(s.path), ...(s.body ? {headers: {'content-type': 'application/json'}, body: s.body} : {})},
    expect: {type: s.type, risk: s.risk},
  }));
}
