import {Flags} from '@oclif/core';
import {existsSync} from 'node:fs';
import {TfCommand} from '../../base-command';
import {fileSize, followLines, parseRecord, readLines, recordFilter, type AuditRecord} from '../../audit';
import {parseSince, resolveAuditLog} from '../../audit/location';
import {UserError} from '../../errors';
import {paint, table} from '../../output';

export default class Logs extends TfCommand {
  static summary = 'Show the audit log: one line per request, with per-action counts';
  static description = 'Reads the JSON Lines audit log the proxy writes. --follow keeps printing new lines until Ctrl-C. Check integrity with tf logs verify.';
  static examples = [
    '<%= config.bin %> logs',
    '<%= config.bin %> logs --action "github.*" --since 1h',
    '<%= config.bin %> logs --follow',
    '<%= config.bin %> logs --json --since 2026-01-01T00:00:00Z',
  ];
  static flags = {
    'audit-log': Flags.string({description: 'Audit log file (default proxy.auditLog, else audit.jsonl in the data dir)'}),
    follow: Flags.boolean({char: 'f', description: 'Keep printing lines as they are appended'}),
    json: Flags.boolean({description: 'JSON: {entries, counts} (with --follow: one record per line)'}),
    action: Flags.string({char: 'a', description: 'Only actions matching a glob, e.g. "github.*" or "*.delete"'}),
    since: Flags.string({char: 's', description: 'Only entries newer than a duration (30m, 2h, 7d) or an ISO date'}),
  };

  async run(): Promise<void> {
    const {flags} = await this.parse(Logs);
    const file = await resolveAuditLog(this.config.dataDir, flags.config, flags['audit-log']);
    const keep = recordFilter({action: flags.action, since: flags.since ? parseSince(flags.since) : undefined});
    const counts = new Map<string, number>();
    const entries: AuditRecord[] = [];
    let shown = 0;
    const onLine = (line: string) => {
      const record = parseRecord(line);
      if (!record || !keep(record)) return;
      shown++;
      const key = record.action ?? `(${record.error ?? record.kind})`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
      if (flags.json && !flags.follow) entries.push(record);
      else if (flags.json) process.stdout.write(JSON.stringify(record) + '\n');
      else process.stdout.write(formatRecord(record) + '\n');
    };
    if (!existsSync(file) && !flags.follow) throw new UserError(`${file}: no audit log yet (start the proxy with tf proxy start)`);
    // Read up to a fixed size, then follow from exactly there: nothing appended meanwhile is lost.
    const size = fileSize(file);
    if (!flags.json) process.stdout.write(paint.bold(HEADER) + '\n');
    for await (const line of readLines(file, size)) if (line) onLine(line);
    if (flags.follow) {
      const controller = new AbortController();
      process.once('SIGINT', () => controller.abort());
      process.once('SIGTERM', () => controller.abort());
      await followLines(file, size, onLine, controller.signal);
      return;
    }
    const sorted = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    if (flags.json) {
      this.printJson({file, entries, counts: Object.fromEntries(sorted)});
      return;
    }
    this.log('');
    this.log(`${shown} entr${shown === 1 ? 'y' : 'ies'}${sorted.length ? ':' : ''}`);
    if (sorted.length) this.log(table(sorted.map(([key, n]) => ['  ' + key, String(n)])));
  }
}

const WIDTHS = [21, 14, 34, 13, 28];

/** Pads to a column width, always leaving at least one space. */
function cell(text: string, width: number): string {
  return text.length >= width ? text + ' ' : text.padEnd(width);
}

const HEADER = ['TIME', 'AGENT', 'ACTION', 'DECISION', 'STATUS'].map((h, i) => cell(h, WIDTHS[i])).join('') + 'MS';

function formatRecord(r: AuditRecord): string {
  const time = r.time.slice(0, 19).replace('T', ' ');
  const action = r.action ?? `${r.kind === 'request' ? (r.method ?? '') : r.kind} ${r.host ?? ''}`.trim();
  const status = r.error ? `${r.status ?? '-'} ${r.error}` : String(r.status ?? '-');
  const decision = r.decision ?? '-';
  const colour = decision === 'deny' ? paint.red : decision === 'allow' ? paint.green : (s: string) => s;
  const ms = r.upstreamMs === null || r.upstreamMs === undefined ? '-' : String(Math.round(r.upstreamMs));
  return cell(time, WIDTHS[0]) + cell(r.agent ?? '-', WIDTHS[1]) + cell(action, WIDTHS[2]) + colour(cell(decision, WIDTHS[3])) + cell(status, WIDTHS[4]) + ms;
}
