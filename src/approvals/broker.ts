import {randomBytes} from 'node:crypto';
import type {ApprovalGate, ApprovalOutcome, Decision, DecisionInput} from '../decision';

export type HoldInput = DecisionInput & {requestId: string; decision?: Decision};

/** A held request as `tf approvals list` shows it. */
export interface PendingApproval {
  id: string;
  requestId: string;
  agent: string | null;
  connector: string;
  action: string;
  risk: string;
  resource: Record<string, unknown>;
  parameters: Record<string, unknown>;
  method: string;
  host: string;
  path: string;
  rule: string | null;
  reason: string | null;
  createdAt: string;
  ageMs: number;
  expiresInMs: number;
}

export type SettleResult =
  | {ok: true; approval: PendingApproval; outcome: ApprovalOutcome}
  | {ok: false; error: 'unknown'}
  | {ok: false; error: 'decided'; outcome: ApprovalOutcome; at: string};

interface Held {
  pending: Omit<PendingApproval, 'ageMs' | 'expiresInMs'>;
  created: number;
  expires: number;
  finish(outcome: ApprovalOutcome): void;
}

const RECENT_LIMIT = 500;

/**
 * Holds requests that need approval (the proxy keeps the agent's connection open meanwhile) until one
 * decision arrives: approve, deny, timeout, the agent hanging up, or the kill switch. Each is settled exactly once.
 */
export class ApprovalBroker implements ApprovalGate {
  private readonly held = new Map<string, Held>();
  /** Recently settled ids, so a second approve says "already approved by ..." instead of "unknown". */
  private readonly settled = new Map<string, {outcome: ApprovalOutcome; at: string; requestId: string}>();

  constructor(private readonly options: {timeoutMs: number; now?: () => number}) {}

  hold(input: HoldInput, signal: AbortSignal): Promise<ApprovalOutcome> {
    if (signal.aborted) return Promise.resolve({outcome: 'denied', reason: 'the agent closed the request'});
    const id = this.newId();
    const created = this.now();
    return new Promise<ApprovalOutcome>((resolve) => {
      const timer = setTimeout(() => this.settle(id, {outcome: 'timeout', reason: `no decision within ${Math.round(this.options.timeoutMs / 1000)}s`}), this.options.timeoutMs);
      const onAbort = () => this.settle(id, {outcome: 'denied', reason: 'the agent closed the request'});
      signal.addEventListener('abort', onAbort, {once: true});
      this.held.set(id, {
        pending: {
          id,
          requestId: input.requestId,
          agent: input.agent ?? null,
          connector: input.connector,
          action: input.action.type,
          risk: input.action.risk,
          resource: input.action.resource,
          parameters: input.action.parameters,
          method: input.method,
          host: input.host,
          path: input.path,
          rule: input.decision?.rule ?? null,
          reason: input.decision?.reason ?? null,
          createdAt: new Date(created).toISOString(),
        },
        created,
        expires: created + this.options.timeoutMs,
        finish: (outcome) => {
          clearTimeout(timer);
          signal.removeEventListener('abort', onAbort);
          resolve(outcome);
        },
      });
    });
  }

  list(): PendingApproval[] {
    const now = this.now();
    return [...this.held.values()].map((h) => ({...h.pending, ageMs: now - h.created, expiresInMs: Math.max(0, h.expires - now)}));
  }

  /** Approves or denies one held request, by approval id or request id. */
  decide(id: string, verdict: 'approve' | 'deny', options: {approver?: string; reason?: string} = {}): SettleResult {
    const key = this.resolveId(id);
    const held = key ? this.held.get(key) : undefined;
    if (!held) {
      const previous = this.settled.get(id) ?? [...this.settled.values()].find((s) => s.requestId === id);
      return previous ? {ok: false, error: 'decided', outcome: previous.outcome, at: previous.at} : {ok: false, error: 'unknown'};
    }
    const outcome: ApprovalOutcome = {
      outcome: verdict === 'approve' ? 'approved' : 'denied',
      ...(options.approver ? {approver: options.approver} : {}),
      ...(options.reason ? {reason: options.reason} : {}),
    };
    const approval = this.list().find((p) => p.id === key)!;
    this.settle(key!, outcome);
    return {ok: true, approval, outcome};
  }

  /** Denies every held request the predicate selects (the kill switch); returns how many. */
  denyWhere(select: (pending: PendingApproval) => boolean, reason: string, approver?: string): number {
    let count = 0;
    for (const pending of this.list()) {
      if (!select(pending)) continue;
      this.settle(pending.id, {outcome: 'denied', reason, ...(approver ? {approver} : {})});
      count++;
    }
    return count;
  }

  /** Denies everything still held: the proxy is stopping and will not forward them. */
  close(reason = 'tf is shutting down'): void {
    this.denyWhere(() => true, reason);
  }

  get size(): number {
    return this.held.size;
  }

  private settle(id: string, outcome: ApprovalOutcome): void {
    const held = this.held.get(id);
    if (!held) return; // exactly once: whoever comes second finds nothing
    this.held.delete(id);
    this.settled.set(id, {outcome, at: new Date(this.now()).toISOString(), requestId: held.pending.requestId});
    if (this.settled.size > RECENT_LIMIT) this.settled.delete(this.settled.keys().next().value!);
    held.finish(outcome);
  }

  private resolveId(id: string): string | undefined {
    if (this.held.has(id)) return id;
    for (const [key, held] of this.held) if (held.pending.requestId === id) return key;
    return undefined;
  }

  private newId(): string {
    let id: string;
    do id = randomBytes(4).toString('hex');
    while (this.held.has(id) || this.settled.has(id));
    return id;
  }

  private now(): number {
    return this.options.now ? this.options.now() : Date.now();
  }
}
