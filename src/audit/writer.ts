import {randomBytes} from 'node:crypto';
import {closeSync, fstatSync, mkdirSync, openSync, readSync, writeSync} from 'node:fs';
import path from 'node:path';
import {GENESIS, openLine, sealLine, sha256} from './chain';
import type {AuditEntry} from './entry';

const TAIL_CHUNK = 64 * 1024;

/**
 * Appends sealed JSON Lines. Entries are batched per event-loop turn, sealed in order and written with one
 * synchronous append, so nothing waits on disk per request.
 *
 * Each writer seals its own chain (`chain`: a random id), so several proxies can share one file: their appends
 * (O_APPEND, one write per batch) interleave, and each chain still verifies. A chain's first line links to the
 * file's last line as read just before that first write, which `tf logs verify` checks against the lines before it.
 */
export class AuditWriter {
  readonly chain = randomBytes(4).toString('hex');
  private pending: AuditEntry[] = [];
  private scheduled = false;
  private closed = false;
  /** The previous line of this chain; undefined until the first write links the chain into the file. */
  private last: string | undefined;

  private constructor(
    readonly path: string,
    private readonly fd: number,
  ) {}

  /** Opens (or creates, mode 0600) the log; the chain starts with the first entry. */
  static open(filePath: string): AuditWriter {
    mkdirSync(path.dirname(filePath), {recursive: true});
    const fd = openSync(filePath, 'a+', 0o600);
    if (lastHash(fd).needsNewline) writeSync(fd, '\n'); // a torn last line stays visible to `tf logs verify`
    return new AuditWriter(filePath, fd);
  }

  append(entry: AuditEntry): void {
    if (this.closed) return;
    this.pending.push(entry);
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
  }

  flush(): void {
    this.scheduled = false;
    if (this.pending.length === 0) return;
    // Read as late as possible, so other writers' lines between this one's open and its first write are passed over.
    let prev = (this.last ??= lastHash(this.fd).last);
    let text = '';
    for (const entry of this.pending) {
      const sealed = sealLine(entry, prev, this.chain);
      text += sealed.line + '\n';
      prev = sealed.hash;
    }
    this.last = prev;
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
