import {userInfo} from 'node:os';
import {UserError} from '../errors';
import type {PendingApproval, SettleResult} from './broker';
import {callProxies, controlDir} from './control-channel';

/** What the `tf approvals` commands call: every running proxy of the data dir, over the control channel. */

export function localUser(): string {
  try {
    return userInfo().username;
  } catch {
    return process.env.USER ?? process.env.LOGNAME ?? 'unknown';
  }
}

export async function listApprovals(dataDir: string): Promise<(PendingApproval & {proxyPid: number})[]> {
  const replies = await callProxies(dataDir, {op: 'list'});
  if (replies.length === 0) throw noProxy(dataDir);
  return replies
    .flatMap((r) => ((r.response as {approvals?: PendingApproval[]}).approvals ?? []).map((a) => ({...a, proxyPid: r.pid})))
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

export async function decideApproval(
  dataDir: string,
  id: string,
  verdict: 'approve' | 'deny',
  options: {reason?: string; approver?: string} = {},
): Promise<Extract<SettleResult, {ok: true}>> {
  const approver = options.approver ?? localUser();
  const replies = await callProxies(dataDir, {op: verdict, id, approver, ...(options.reason ? {reason: options.reason} : {})});
  if (replies.length === 0) throw noProxy(dataDir);
  const results = replies.map((r) => r.response as SettleResult);
  const done = results.find((r) => r.ok);
  if (done && done.ok) return done;
  const decided = results.find((r): r is Extract<SettleResult, {error: 'decided'}> => !r.ok && r.error === 'decided');
  if (decided) {
    const by = decided.outcome.approver ? ` by ${decided.outcome.approver}` : '';
    throw new UserError(`approval ${id} was already decided: ${decided.outcome.outcome}${by} at ${decided.at}`, 1);
  }
  throw new UserError(`no pending approval with id ${id} (tf approvals list shows the pending ones)`, 1);
}

/** Tells running proxies to re-read the kill switch now (they also notice within 250 ms on their own). */
export async function notifyKillSwitchChanged(dataDir: string): Promise<number> {
  const replies = await callProxies(dataDir, {op: 'kill-switch-changed'}, 2000);
  return replies.length;
}

function noProxy(dataDir: string): UserError {
  return new UserError(`no running tf proxy found (no control socket in ${controlDir(dataDir)}); start one with tf proxy start or tf run`, 1);
}
