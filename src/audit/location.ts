import path from 'node:path';
import {loadConfig} from '../config/load';
import {UserError} from '../errors';
import {parseProxySettings} from '../proxy/config';

/** `--audit-log`, else the config's `proxy.auditLog`, else the data dir default: the order the proxy uses. */
export async function resolveAuditLog(dataDir: string, configPath: string | undefined, flag: string | undefined): Promise<string> {
  if (flag) return path.resolve(flag);
  const config = await loadConfig({configPath});
  const settings = parseProxySettings(config.proxy, config.file);
  return settings.auditLog ?? defaultAuditLog(dataDir);
}

export function defaultAuditLog(dataDir: string): string {
  return path.join(dataDir, 'audit.jsonl');
}

const SINCE_UNITS: Record<string, number> = {s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000};

/** `--since`: a duration back from now (30m, 2h, 7d) or a date. */
export function parseSince(value: string, now = Date.now()): Date {
  const match = /^(\d+)\s*([smhdw])$/.exec(value.trim());
  if (match) return new Date(now - Number(match[1]) * SINCE_UNITS[match[2]]);
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw new UserError(`--since "${value}": expected a duration (30m, 2h, 7d) or a date (2026-01-31, 2026-01-31T12:00:00Z)`);
  return date;
}
