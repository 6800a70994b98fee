import {headerValue, type Action, type EnrichContext} from '@tf/sdk';

const NUMERIC_FORM_FIELDS = ['n', 'max_tokens', 'max_completion_tokens', 'max_output_tokens'];

/**
 * Touches on the route-based action: declared tool names, and for multipart requests (audio,
 * image edits, uploads) the file parts' descriptions and form values typed like their JSON twins.
 * Reads only the body the classifier already parsed.
 */
export function enrichOpenAIAction(action: Action, ctx: EnrichContext): void {
  if (!ctx.route) return;
  const method = ctx.request.method.toUpperCase();
  if (method === 'GET' || method === 'DELETE' || method === 'HEAD') return;
  const body = ctx.body();
  if (!body) return;
  const tools = toolNames(body.tools);
  if (tools) action.parameters.tools = tools;
  if ((headerValue(ctx.request.headers, 'content-type') ?? '').startsWith('multipart/')) {
    const files = fileParts(body);
    if (files.length > 0) action.parameters.files = files;
    for (const field of NUMERIC_FORM_FIELDS) {
      const value = action.parameters[field];
      if (typeof value === 'string' && value !== '' && !Number.isNaN(Number(value))) action.parameters[field] = Number(value);
    }
    if (action.parameters.stream === 'true' || action.parameters.stream === 'false') {
      action.parameters.stream = action.parameters.stream === 'true';
    }
  }
}

/** Chat tools name their function (`{type: 'function', function: {name}}`); Responses tools name it flat or are built-ins (`{type: 'web_search'}`). */
export function toolNames(tools: unknown): string[] | undefined {
  if (!Array.isArray(tools)) return undefined;
  const names: string[] = [];
  for (const tool of tools) {
    if (!tool || typeof tool !== 'object') continue;
    const t = tool as {name?: unknown; type?: unknown; function?: {name?: unknown}};
    const name = t.function?.name ?? t.name ?? t.type;
    if (typeof name === 'string') names.push(name);
  }
  return names;
}

interface FilePart {
  field: string;
  filename: string;
  contentType?: string;
  size?: number;
}

/** parseBody describes each file part as `{filename, contentType, size}` (the bytes are never copied). */
function fileParts(body: Record<string, unknown>): FilePart[] {
  const files: FilePart[] = [];
  for (const [field, value] of Object.entries(body)) {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item && typeof item === 'object' && typeof (item as FilePart).filename === 'string') {
        const {filename, contentType, size} = item as FilePart;
        files.push({field, filename, ...(contentType ? {contentType} : {}), ...(size !== undefined ? {size} : {})});
      }
    }
  }
  return files;
}
