import {createReadStream, openSync, closeSync, readSync, fstatSync, existsSync} from 'node:fs';
import {createInterface} from 'node:readline';
import {openLine} from './chain';
import type {AuditRecord} from './entry';

export interface AuditFilter {
  /** Glob over action types: `github.*`, `*.delete`, `stripe.charge.?reate`. */
  action?: string;
  since?: Date;
}

export function globToRegExp(glob: string): RegExp {
  const source = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${source}$`);
}

export function recordFilter(filter: AuditFilter): (record: AuditRecord) => boolean {
  const action = filter.action ? globToRegExp(filter.action) : undefined;
  const since = filter.since?.getTime();
  return (record) => {
    if (action && !action.test(record.action ?? '')) return false;
    if (since !== undefined && !(Date.parse(record.time) >= since)) return false;
    return true;
  };
}

/** Parses a line for display; a line that fails its seal is still shown (verify reports it). */
export function parseRecord(line: string): AuditRecord | undefined {
  const opened = openLine(line);
  if (opened.ok) return {...(opened.record as unknown as AuditRecord), hash: opened.hash};
  try {
    return JSON.parse(line) as AuditRecord;
  } catch {
    return undefined;
  }
}

/** Every line of the log (or of its first `size` bytes), in order, streamed. */
export async function* readLines(filePath: string, size?: number): AsyncGenerator<string> {
  if (size === 0) return;
  const input = createReadStream(filePath, {encoding: 'utf8', ...(size === undefined ? {} : {end: size - 1})});
  const lines = createInterface({input, crlfDelay: Infinity});
  for await (const line of lines) yield line;
}

/** Calls `onLine` for every line appended after `offset`, until the signal aborts. */
export function followLines(filePath: string, offset: number, onLine: (line: string) => void, signal: AbortSignal, intervalMs = 200): Promise<void> {
  let position = offset;
  let partial = '';
  const poll = () => {
    if (!existsSync(filePath)) return;
    const fd = openSync(filePath, 'r');
    try {
      const size = fstatSync(fd).size;
      if (size < position) position = 0; // truncated or replaced
      while (position < size) {
        const buffer = Buffer.alloc(Math.min(1024 * 1024, size - position));
        const read = readSync(fd, buffer, 0, buffer.length, position);
        if (read <= 0) break;
        position += read;
        const text = partial + buffer.toString('utf8', 0, read);
        const parts = text.split('\n');
        partial = parts.pop() ?? '';
        for (const line of parts) if (line) onLine(line);
      }
    } finally {
      closeSync(fd);
    }
  };
  return new Promise((resolve) => {
    const timer = setInterval(poll, intervalMs);
    poll();
    signal.addEventListener('abort', () => {
      clearInterval(timer);
      resolve();
    });
  });
}

export function fileSize(filePath: string): number {
  return existsSync(filePath) ? fstatSyncPath(filePath) : 0;
}

function fstatSyncPath(filePath: string): number {
  const fd = openSync(filePath, 'r');
  try {
    return fstatSync(fd).size;
  } finally {
    closeSync(fd);
  }
}
