import {GENESIS, openLine} from './chain';
import {readLines} from './reader';

export interface VerifyResult {
  ok: boolean;
  lines: number;
  /** The first line that fails, 1-based. */
  broken?: {line: number; reason: string};
}

/** Walks the chain: each line's own seal, then its `prev` against the line before. */
export async function verifyAuditLog(filePath: string): Promise<VerifyResult> {
  let expected = GENESIS;
  let n = 0;
  for await (const line of readLines(filePath)) {
    n++;
    if (line === '') return {ok: false, lines: n, broken: {line: n, reason: 'empty line'}};
    const opened = openLine(line);
    if (!opened.ok) return {ok: false, lines: n, broken: {line: n, reason: opened.reason}};
    if (opened.prev !== expected) {
      const reason =
        n === 1
          ? 'the first line does not start the chain (lines were removed from the start)'
          : `"prev" does not match line ${n - 1} (a line was removed, inserted or reordered)`;
      return {ok: false, lines: n, broken: {line: n, reason}};
    }
    expected = opened.hash;
  }
  return {ok: true, lines: n};
}
