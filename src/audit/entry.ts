/** One audit line before sealing: what happened to one request, and never a secret or a body. */
export interface AuditEntry {
  time: string;
  id: string;
  /**
   * request: an HTTP exchange; connect: a refused CONNECT; tunnel: a passthrough tunnel (host only);
   * client_error: unparseable input; kill_switch: the switch went on or off (connector null = every connector).
   */
  kind: 'request' | 'connect' | 'tunnel' | 'client_error' | 'kill_switch';
  agent: string | null;
  connector: string | null;
  action: string | null;
  risk: string | null;
  resource: Record<string, unknown> | null;
  decision: 'allow' | 'deny' | 'passthrough' | null;
  rule: string | null;
  reason?: string | null;
  /** Shadow (monitor-mode) verdict, recorded but not enforced. */
  monitor?: {effect: string; rule: string | null};
  approval?: string;
  /** Who approved or denied a held request, and why (never the agent itself). */
  approver?: string;
  approvalReason?: string;
  method: string | null;
  host: string | null;
  /** Path without the query string (queries can carry tokens). */
  path: string | null;
  /** What the agent received. */
  status: number | null;
  upstreamStatus: number | null;
  upstreamMs: number | null;
  overheadMs: number | null;
  bytesIn: number;
  bytesOut: number;
  bodyTruncated?: boolean;
  error?: string;
  message?: string;
}

/** A sealed line as read back. */
export type AuditRecord = AuditEntry & {prev: string; hash?: string};

/** An entry with nothing known yet: the lines that are not requests (tunnels, refused CONNECTs, kill-switch changes) fill in theirs. */
export function blankEntry(kind: AuditEntry['kind'], id: string, time: string): AuditEntry {
  return {
    time,
    id,
    kind,
    agent: null,
    connector: null,
    action: null,
    risk: null,
    resource: null,
    decision: null,
    rule: null,
    method: null,
    host: null,
    path: null,
    status: null,
    upstreamStatus: null,
    upstreamMs: null,
    overheadMs: null,
    bytesIn: 0,
    bytesOut: 0,
  };
}
