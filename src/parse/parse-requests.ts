import type {Action} from '@tf/sdk';
import type {CaptureEntry} from '../capture';
import {classifyRequest, requestInfo} from '../classify';
import type {ConnectorRegistry} from '../connectors/registry';
import {enforcedEffect, type Decider, type Decision} from '../decision';
import {redactUrl} from '../redact';

/** One element of `tf parse --json`, in input order. */
export interface ParsedRequest {
  index: number;
  source: string;
  method: string | null;
  url: string | null;
  connector: string | null;
  action: Action | null;
  decision?: Decision | null;
  error: string | null;
}

/** Classifies captured requests the way the proxy would, without sending anything. */
export function parseRequests(entries: CaptureEntry[], registry: ConnectorRegistry, decider?: Decider, agent?: string): ParsedRequest[] {
  return entries.map((entry, index) => {
    if (!entry.request) return {index, source: entry.source, method: null, url: null, connector: null, action: null, error: entry.error};
    const {method, url, headers, body} = entry.request;
    const base = {index, source: entry.source, method, url: redactUrl(url)};
    let info;
    try {
      info = requestInfo(method, url, headers, body);
    } catch {
      return {...base, connector: null, action: null, error: `${entry.source}: invalid URL "${url.slice(0, 100)}"`};
    }
    const {instance, action} = classifyRequest(registry, info);
    const result: ParsedRequest = {...base, connector: instance?.config.name ?? null, action: action ?? null, error: null};
    if (decider && instance && action) {
      const input = {action, connector: instance.config.name, method: info.method, host: info.url.hostname, path: info.url.pathname};
      result.decision = decider.decide(agent === undefined ? input : {...input, agent});
    } else if (decider) {
      result.decision = {effect: 'deny', rule: null, reason: 'no connector for this host', mode: 'enforce'};
    }
    return result;
  });
}

export interface ParseSummary {
  requests: number;
  actions: number;
  failed: number;
  unclaimed: number;
  byType: Record<string, number>;
  byRisk: Record<string, number>;
  byDecision?: Record<string, number>;
}

export function summarize(results: ParsedRequest[]): ParseSummary {
  const summary: ParseSummary = {requests: results.length, actions: 0, failed: 0, unclaimed: 0, byType: {}, byRisk: {}};
  for (const r of results) {
    if (r.error) summary.failed++;
    else if (!r.action) summary.unclaimed++;
    else {
      summary.actions++;
      summary.byType[r.action.type] = (summary.byType[r.action.type] ?? 0) + 1;
      summary.byRisk[r.action.risk] = (summary.byRisk[r.action.risk] ?? 0) + 1;
    }
    if (r.decision) {
      summary.byDecision ??= {};
      // Counted by what is enforced: a monitor-mode verdict is allowed through.
      const effect = enforcedEffect(r.decision);
      summary.byDecision[effect] = (summary.byDecision[effect] ?? 0) + 1;
    }
  }
  return summary;
}
