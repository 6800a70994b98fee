import {blankEntry, type AuditEntry} from '../../audit/entry';
import type {KillSwitchEvent} from '../../decision';
import {elapsed, type Exchange} from '../exchange';

/** Receives one entry per finished request: the audit log, the console line, a metrics hook. */
export type ExchangeObserver = (entry: AuditEntry) => void;

function decisionOf(ex: Exchange): AuditEntry['decision'] {
  if (ex.passthrough) return 'passthrough';
  if (ex.decision) {
    if (ex.decision.mode === 'monitor' || ex.decision.effect === 'allow') return 'allow';
    if (ex.decision.effect === 'require_approval' && ex.approval?.outcome === 'approved') return 'allow';
    return 'deny';
  }
  return ex.error?.type === 'no_connector' ? 'deny' : null;
}

/** A kill-switch change, as one audit line in the same chain as the requests it affects. */
export function killSwitchEntry(event: KillSwitchEvent, id: string): AuditEntry {
  return {
    ...blankEntry('kill_switch', id, event.at),
    agent: event.by ?? null,
    connector: event.connector,
    decision: event.active ? 'deny' : null,
    rule: 'kill_switch',
    reason: event.reason ?? (event.active ? 'kill switch on' : 'kill switch off'),
  };
}

/** Stage 7: what the audit keeps of an exchange. Headers, query strings and bodies never get here. */
export function auditEntry(ex: Exchange): AuditEntry {
  const url = ex.target?.url;
  const decision = ex.decision;
  const entry: AuditEntry = {
    time: new Date(ex.time).toISOString(),
    id: ex.id,
    kind: 'request',
    agent: ex.agent ?? null,
    connector: ex.instance?.config.name ?? null,
    action: ex.action?.type ?? null,
    risk: ex.action?.risk ?? null,
    resource: ex.action?.resource ?? null,
    decision: decisionOf(ex),
    rule: decision?.rule ?? null,
    method: ex.method,
    host: url?.host ?? null,
    path: ex.passthrough ? null : (url?.pathname ?? null),
    status: ex.status ?? null,
    upstreamStatus: ex.upstreamStatus ?? null,
    upstreamMs: ex.upstreamMs ?? null,
    overheadMs: ex.overheadMs ?? elapsed(ex.t0),
    bytesIn: ex.bytesIn,
    bytesOut: ex.bytesOut,
  };
  if (decision?.reason) entry.reason = decision.reason;
  if (decision?.mode === 'monitor') entry.monitor = {effect: decision.effect, rule: decision.rule};
  else if (decision?.monitored) entry.monitor = {effect: decision.monitored.effect, rule: decision.monitored.rule};
  if (ex.approval) {
    entry.approval = ex.approval.outcome;
    if (ex.approval.approver) entry.approver = ex.approval.approver;
    if (ex.approval.reason) entry.approvalReason = ex.approval.reason;
  }
  if (ex.bodyTruncated) entry.bodyTruncated = true;
  if (ex.error) {
    entry.error = ex.error.type;
    entry.message = ex.error.message;
  }
  return entry;
}
