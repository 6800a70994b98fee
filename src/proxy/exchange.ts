import {randomBytes} from 'node:crypto';
import type {Action} from '@tf/sdk';
import type {ConnectorInstance} from '../connectors/registry';
import type {ApprovalOutcome, Decision} from '../decision';
import type {ProxyError} from './errors';

/** Where the agent asked to go. */
export interface Target {
  /** The real URL (real host, as classified), whatever `proxy.routes` later sends it to. */
  url: URL;
  /** Came through an intercepted CONNECT tunnel. */
  intercepted: boolean;
}

/** Everything one request accumulates on its way through the pipeline; the record stage reads it. */
export interface Exchange {
  readonly id: string;
  /** Wall-clock arrival (ms since epoch) and a monotonic start for durations. */
  readonly time: number;
  readonly t0: number;
  method: string;
  agent?: string;
  target?: Target;
  instance?: ConnectorInstance;
  passthrough?: boolean;
  action?: Action;
  decision?: Decision;
  approval?: ApprovalOutcome;
  bodyTruncated?: boolean;
  /** Status the agent received. */
  status?: number;
  upstreamStatus?: number;
  /** Monotonic time the request left for the upstream, and its response headers came back. */
  tForward?: number;
  upstreamMs?: number;
  overheadMs?: number;
  bytesIn: number;
  bytesOut: number;
  error?: ProxyError;
  /** Set while the upstream request runs: called if the agent goes away first. */
  abortUpstream?: () => void;
}

// Request ids: a per-process random prefix and a counter: unique, cheap, sortable within a run.
const PREFIX = randomBytes(4).toString('hex');
let counter = 0;

export function newRequestId(): string {
  counter = (counter + 1) % 0x1000000000;
  return `req_${PREFIX}${counter.toString(36).padStart(7, '0')}`;
}

export function newExchange(method: string, agent?: string): Exchange {
  return {id: newRequestId(), time: Date.now(), t0: performance.now(), method, agent, bytesIn: 0, bytesOut: 0};
}

export function elapsed(from: number, to = performance.now()): number {
  return Math.round((to - from) * 1000) / 1000;
}
