import {headerValue, type Action, type EnrichContext} from '@tf/sdk';

/**
 * Touches on the route-based action: tool names declared in `tools`, the size of a message batch,
 * and the beta features the agent asked for (`anthropic-beta`). Reads only the body the classifier
 * already parsed.
 */
export function enrichAnthropicAction(action: Action, ctx: EnrichContext): void {
  if (!ctx.route) return;
  const betas = headerValue(ctx.request.headers, 'anthropic-beta');
  if (betas) action.parameters.betas = betas.split(',').map((b) => b.trim()).filter(Boolean);
  const method = ctx.request.method.toUpperCase();
  if (method === 'GET' || method === 'DELETE' || method === 'HEAD') return;
  const body = ctx.body();
  if (!body) return;
  const tools = toolNames(body.tools);
  if (tools) action.parameters.tools = tools;
  if (Array.isArray(body.requests)) action.parameters.request_count = body.requests.length;
}

/** Client tools and server tools both carry a `name` (`{type: 'web_search_20250305', name: 'web_search'}`); else the type. */
export function toolNames(tools: unknown): string[] | undefined {
  if (!Array.isArray(tools)) return undefined;
  const names: string[] = [];
  for (const tool of tools) {
    if (!tool || typeof tool !== 'object') continue;
    const t = tool as {name?: unknown; type?: unknown};
    const name = t.name ?? t.type;
    if (typeof name === 'string') names.push(name);
  }
  return names;
}
