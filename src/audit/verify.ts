import {GENESIS, openLine} from './chain';
import {readLines} from './reader';

export interface VerifyResult {
  ok: boolean;
  lines: number;
  /** Writers (chains) seen in the file: one per proxy run. */
  chains?: number;
  /** The first line that fails, 1-based. */
  broken?: {line: number; reason: string};
}

/**
 * How far back a chain's first line may link. A writer reads the file's last line just before its first write,
 * so only lines other writers appended in between (a few) can separate them; the window bounds memory on huge logs.
 */
const LINK_WINDOW = 4096;

/**
 * Walks the file: each line's own seal, then its `prev` against the previous line of its chain. A chain's first
 * line must follow a line shortly before it (or start the file), so removing lines between writers shows too.
 */
export async function verifyAuditLog(filePath: string): Promise<VerifyResult> {
  const tails = new Map<string, string>();
  const recent: string[] = new Array(LINK_WINDOW);
  const recentSet = new Set<string>();
  let n = 0;
  for await (const line of readLines(filePath)) {
    n++;
    if (line === '') return {ok: false, lines: n, broken: {line: n, reason: 'empty line'}};
    const opened = openLine(line);
    if (!opened.ok) return {ok: false, lines: n, broken: {line: n, reason: opened.reason}};
    const expected = tails.get(opened.chain);
    if (expected !== undefined ? opened.prev !== expected : opened.prev !== GENESIS && !recentSet.has(opened.prev)) {
      return {ok: false, lines: n, broken: {line: n, reason: brokenLink(n, opened.chain, expected !== undefined)}};
    }
    tails.set(opened.chain, opened.hash);
    // A ring of the last LINK_WINDOW hashes.
    const slot = (n - 1) % LINK_WINDOW;
    if (recent[slot] !== undefined) recentSet.delete(recent[slot]);
    recent[slot] = opened.hash;
    recentSet.add(opened.hash);
  }
  return {ok: true, lines: n, chains: tails.size};
}

function brokenLink(n: number, chain: string, continuing: boolean): string {
  if (n === 1) return 'the first line does not start the chain (lines were removed from the start)';
  const writer = chain ? ` of writer ${chain}` : '';
  return continuing
    ? `"prev" does not match the previous line${writer} (a line was removed, inserted or reordered)`
    : `the first line${writer} does not follow any line before it (a line was removed, inserted or reordered)`;
}
