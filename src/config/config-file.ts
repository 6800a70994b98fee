import {existsSync, readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {isMap, LineCounter, parseDocument, type Document} from 'yaml';
import {UserError} from '../errors';

/** Where a config may live, in the order cosmiconfig looks in each directory. */
export const CONFIG_PLACES = ['tf.config.yaml', 'tf.config.yml', '.tfrc.yaml', '.tfrc.yml', '.tfrc', 'package.json'];
export const DEFAULT_CONFIG_NAME = 'tf.config.yaml';

export type ConfigPath = (string | number)[];

/**
 * One config file, kept as a YAML Document so edits preserve comments and order,
 * with a locator that turns a field path into `file:line` for error messages.
 */
export class ConfigFile {
  private constructor(
    readonly filepath: string,
    private readonly doc: Document | undefined,
    private readonly lines: LineCounter | undefined,
    private json: Record<string, unknown> | undefined,
    private readonly packageJson: Record<string, unknown> | undefined,
  ) {}

  /** Reads and parses a config file; throws a one-line UserError for unreadable or invalid YAML. */
  static read(filepath: string): ConfigFile {
    let text: string;
    try {
      text = readFileSync(filepath, 'utf8');
    } catch (error) {
      throw new UserError(`${filepath}: cannot read config (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
    }
    if (path.basename(filepath) === 'package.json') {
      let pkg: Record<string, unknown>;
      try {
        pkg = JSON.parse(text) as Record<string, unknown>;
      } catch (error) {
        throw new UserError(`${filepath}: invalid JSON (${(error as Error).message})`);
      }
      return new ConfigFile(filepath, undefined, undefined, (pkg.tf as Record<string, unknown>) ?? {}, pkg);
    }
    const lines = new LineCounter();
    const doc = parseDocument(text, {lineCounter: lines});
    if (doc.errors.length > 0) {
      const first = doc.errors[0];
      const line = first.linePos?.[0].line;
      throw new UserError(`${filepath}${line ? `:${line}` : ''}: invalid YAML: ${first.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}`);
    }
    if (doc.contents !== null && !isMap(doc.contents)) {
      throw new UserError(`${filepath}:1: the config must be a mapping (connectors:, proxy:, policies:)`);
    }
    return new ConfigFile(filepath, doc, lines, undefined, undefined);
  }

  /** A config that does not exist yet; `save()` creates it. */
  static create(filepath: string): ConfigFile {
    const doc = parseDocument('# tf configuration: connectors, proxy and policies. Tokens are env var names only.\n');
    return new ConfigFile(filepath, doc, undefined, undefined, undefined);
  }

  static exists(filepath: string): boolean {
    return existsSync(filepath);
  }

  /** The whole config as plain data. */
  data(): Record<string, unknown> {
    if (this.json) return this.json;
    const value = this.doc?.toJS() as unknown;
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  }

  /** `tf.config.yaml:12` for a field path, or just the file when the line is unknown. */
  where(fieldPath: ConfigPath): string {
    const line = this.lineOf(fieldPath);
    return line ? `${this.filepath}:${line}` : this.filepath;
  }

  lineOf(fieldPath: ConfigPath): number | undefined {
    if (!this.doc || !this.lines) return undefined;
    // Fall back to the nearest existing parent so a missing field points at its owner.
    for (let n = fieldPath.length; n > 0; n--) {
      const node = this.doc.getIn(fieldPath.slice(0, n), true) as {range?: [number, number, number]} | undefined;
      if (node && typeof node === 'object' && node.range) {
        // Point at the key line for values that start on their own line.
        const pair = this.doc.getIn(fieldPath.slice(0, n - 1), true) as {items?: {key: {value?: unknown; range?: [number, number, number]}}[]} | undefined;
        const key = pair?.items?.find((item) => item.key?.value === fieldPath[n - 1])?.key;
        const offset = key?.range?.[0] ?? node.range[0];
        return this.lines.linePos(offset).line;
      }
    }
    return undefined;
  }

  setIn(fieldPath: ConfigPath, value: unknown): void {
    if (this.doc) {
      this.doc.setIn(fieldPath, this.doc.createNode(value));
      return;
    }
    setPlain(this.json!, fieldPath, value);
  }

  deleteIn(fieldPath: ConfigPath): void {
    if (this.doc) {
      this.doc.deleteIn(fieldPath);
      return;
    }
    let node: Record<string | number, unknown> | undefined = this.json;
    for (const key of fieldPath.slice(0, -1)) node = node?.[key] as Record<string | number, unknown> | undefined;
    if (node) delete node[fieldPath[fieldPath.length - 1]];
  }

  save(): void {
    if (this.doc) {
      writeFileSync(this.filepath, this.doc.toString());
      return;
    }
    this.packageJson!.tf = this.json;
    writeFileSync(this.filepath, JSON.stringify(this.packageJson, null, 2) + '\n');
  }
}

function setPlain(target: Record<string | number, unknown>, fieldPath: ConfigPath, value: unknown): void {
  let node = target;
  for (const key of fieldPath.slice(0, -1)) {
    if (node[key] === null || typeof node[key] !== 'object') node[key] = {};
    node = node[key] as Record<string | number, unknown>;
  }
  node[fieldPath[fieldPath.length - 1]] = value;
}
