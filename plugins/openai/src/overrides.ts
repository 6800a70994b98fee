import type {RouteOverride, RouteSpec} from '@tf/sdk';

/**
 * The seed's OpenAI table, verbatim: these names and risks win over the generated ones.
 * (Several already agree with the naming rule; listing all 15 pins the contract in one place.)
 */
export const seedOverrides: RouteOverride[] = [
  {method: 'POST', path: '/v1/chat/completions', type: 'openai.chat.create', risk: 'low'},
  {method: 'POST', path: '/v1/chat/completions', stream: true, type: 'openai.chat.create_stream', risk: 'low'},
  {method: 'POST', path: '/v1/embeddings', type: 'openai.embedding.create', risk: 'low'},
  {method: 'POST', path: '/v1/images/generations', type: 'openai.image.generate', risk: 'medium'},
  {method: 'POST', path: '/v1/images/edits', type: 'openai.image.edit', risk: 'medium'},
  {method: 'POST', path: '/v1/audio/transcriptions', type: 'openai.audio.transcribe', risk: 'low'},
  {method: 'POST', path: '/v1/audio/translations', type: 'openai.audio.translate', risk: 'low'},
  {method: 'POST', path: '/v1/audio/speech', type: 'openai.audio.speech', risk: 'low'},
  {method: 'POST', path: '/v1/files', type: 'openai.file.upload', risk: 'medium'},
  {method: 'DELETE', path: '/v1/files/{file_id}', type: 'openai.file.delete', risk: 'medium'},
  {method: 'GET', path: '/v1/files', type: 'openai.file.list', risk: 'low'},
  {method: 'POST', path: '/v1/fine_tuning/jobs', type: 'openai.finetune.create', risk: 'high'},
  {method: 'POST', path: '/v1/fine_tuning/jobs/{fine_tuning_job_id}/cancel', type: 'openai.finetune.cancel', risk: 'medium'},
  {method: 'GET', path: '/v1/models', type: 'openai.model.list', risk: 'low'},
  {method: 'DELETE', path: '/v1/models/{model}', type: 'openai.model.delete', risk: 'high'},
];

/** Beyond the seed: corrections the rule cannot know. */
export const riskOverrides: RouteOverride[] = [
  // Grants another organization use of a fine-tuned model: as weighty as training one.
  {
    method: 'POST',
    path: '/v1/fine_tuning/checkpoints/{fine_tuned_model_checkpoint}/permissions',
    type: 'openai.finetune.checkpoint.permission.create',
    risk: 'high',
  },
];

/** Routes the SDK reaches without a resource method. */
export const extraRoutes: RouteSpec[] = [
  // The Realtime API's WebSocket upgrade (`openai/realtime/ws`): a live model session.
  {method: 'GET', path: '/v1/realtime', type: 'openai.realtime.connect', risk: 'low', description: 'realtime WebSocket (OpenAIRealtimeWS)'},
];
