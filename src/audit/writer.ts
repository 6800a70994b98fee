import {closeSync, fstatSync, mkdirSync, openSync, readSync, writeSync} from 'node:fs';
import path from 'node:path';
import {GENESIS, openLine, sealLine, sha256} from './chain';
import type {AuditEntry} from './entry';

const TAIL_CHUNK = 64 * 1024;

/**
 * Appends sealed JSON Lines. Lines are batched per event-loop turn and written with one synchronous
 * append, so order is the chain's order and nothing waits on disk per request.
 */
export class AuditWriter {
  private pending: string[] = [];
  private scheduled = false;
  private closed = false;

  private constructor(
    readonly path: string,
    private readonly fd: number,
    private last: string,
  ) {}

  /** Opens (or creates, mode 0600) the log and continues the chain from its last line. */
  static open(filePath: string): AuditWriter {
    mkdirSync(path.dirname(filePath), {recursive: true});
    const fd = openSync(filePath, 'a+', 0o600);
    const {last, needsNewline} = lastHash(fd);
    const writer = new AuditWriter(filePath, fd, last);
    if (needsNewline) writeSync(fd, '\n'); // a torn last line stays visible to `tf logs verify`
    return writer;
  }

  get lastHash(): string {
    return this.last;
  }

  append(entry: AuditEntry): void {
    if (this.closed) return;
    const {line, hash} = sealLine(entry, this.last);
    this.last = hash;
    this.pending.push(line);
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
  }

  flush(): void {
    this.scheduled = false;
    if (this.pending.length === 0) return;
    const text = this.pending.join('\n') + '\n';
    this.pending = [];
    writeSync(this.fd, text);
  }

  close(): void {
    if (this.closed) return;
    this.flush();
    this.closed = true;
    closeSync(this.fd);
  }
}

/** The hash the next line must carry as `prev`: the last line's seal, or GENESIS for an empty log. */
function lastHash(fd: number): {last: string; needsNewline: boolean} {
  const size = fstatSync(fd).size;
  if (size === 0) return {last: GENESIS, needsNewline: false};
  let start = size;
  let tail = Buffer.alloc(0);
  // Read backwards until the tail holds a whole last line.
  while (start > 0) {
    const length = Math.min(TAIL_CHUNK, start);
    start -= length;
    const chunk = Buffer.alloc(length);
    readSync(fd, chunk, 0, length, start);
    tail = Buffer.concat([chunk, tail]);
    const body = tail[tail.length - 1] === 0x0a ? tail.subarray(0, -1) : tail;
    if (body.lastIndexOf(0x0a) !== -1 || start === 0) break;
  }
  const needsNewline = tail[tail.length - 1] !== 0x0a;
  const text = tail.toString('utf8').replace(/\n$/, '');
  const line = text.slice(text.lastIndexOf('\n') + 1);
  if (!line) return {last: GENESIS, needsNewline};
  const opened = openLine(line);
  return {last: opened.ok ? opened.hash : sha256(line), needsNewline};
}
