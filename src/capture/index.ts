import {readFile} from 'node:fs/promises';
import {readHar} from './har';
import {readJsonLines} from './jsonl';
import {readRawHttp} from './raw-http';
import type {CaptureEntry} from './types';

export type {CaptureEntry, CapturedRequest} from './types';

/** Reads a capture file (or "-" for stdin), detecting HAR, JSON Lines or raw HTTP from its content. */
export async function readCapture(file: string, stdin?: () => Promise<Buffer>): Promise<CaptureEntry[]> {
  const name = file === '-' ? 'stdin' : file;
  let buffer: Buffer;
  try {
    buffer = file === '-' ? await stdin!() : await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return [{source: name, error: `${name}: cannot read file (${code === 'ENOENT' ? 'not found' : code ?? 'error'})`}];
  }
  return parseCapture(buffer, name);
}

export function parseCapture(buffer: Buffer, name: string): CaptureEntry[] {
  const text = buffer.toString('utf8');
  const start = text.trimStart();
  if (!start) return [{source: name, error: `${name}: empty capture`}];
  if (start.startsWith('{') || start.startsWith('[')) {
    const firstLineEnd = start.indexOf('\n');
    const firstLine = firstLineEnd === -1 ? start : start.slice(0, firstLineEnd);
    // A HAR is one JSON document; JSON Lines has a complete object on its first line.
    if (!isJsonObject(firstLine) || /"log"\s*:/.test(firstLine.slice(0, 200))) {
      let doc: unknown;
      try {
        doc = JSON.parse(text);
      } catch (error) {
        return [{source: name, error: `${name}: invalid JSON (${(error as Error).message})`}];
      }
      if (doc && typeof doc === 'object' && 'log' in doc) return readHar(doc as {log?: {entries?: unknown}}, name);
      return [{source: name, error: `${name}: not a HAR file (no "log" object) nor JSON Lines`}];
    }
    return readJsonLines(text, name);
  }
  return readRawHttp(buffer, name);
}

function isJsonObject(line: string): boolean {
  try {
    const value: unknown = JSON.parse(line);
    return value !== null && typeof value === 'object' && !Array.isArray(value);
  } catch {
    return false;
  }
}
