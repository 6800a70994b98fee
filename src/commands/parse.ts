import {Args, Flags} from '@oclif/core';
import {TfCommand} from '../base-command';
import {readCapture, type CaptureEntry} from '../capture';
import {addHeader} from '../capture/types';
import type {Decision} from '../decision';
import {UserError} from '../errors';
import {createGovernance} from '../governance';
import {paint, risk, table} from '../output';
import {parseRequests, summarize, type ParsedRequest} from '../parse/parse-requests';

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

export default class Parse extends TfCommand {
  static summary = 'Dry-run: classify captured requests into actions without sending them';
  static description =
    'Reads HAR 1.2 files (browsers, mitmproxy, Charles, Proxyman), raw HTTP/1.1 messages and JSON Lines of {method,url,headers,body}, ' +
    'auto-detected, and shows the connector, action and risk each request would get. With no config file every installed connector ' +
    'is active on its default domains. Each request also gets the decision the proxy would make now (policies and kill switch; ' +
    'see docs/policies.md). Exits 1 when any entry could not be read.';
  static examples = [
    '<%= config.bin %> parse examples/captures/agent-session.har',
    '<%= config.bin %> parse capture.jsonl --json',
    'cat requests.http | <%= config.bin %> parse -',
    `<%= config.bin %> parse POST https://api.github.com/repos/o/r/pulls --data '{"title":"x"}' -H 'content-type: application/json'`,
  ];
  static strict = false;
  static args = {
    input: Args.string({description: 'Capture files ("-" for stdin), or METHOD URL for one inline request'}),
  };
  static flags = {
    json: Flags.boolean({description: 'Print a JSON array, one element per input request'}),
    data: Flags.string({char: 'd', description: 'Body of the inline request'}),
    header: Flags.string({char: 'H', description: 'Header of the inline request ("name: value")', multiple: true}),
    agent: Flags.string({description: 'Decide as if this agent sent the requests (the proxy username / tf run --agent)'}),
  };

  async run(): Promise<void> {
    const {flags, argv} = await this.parse(Parse);
    const inputs = argv as string[];
    if (inputs.length === 0) throw new UserError('nothing to parse: give capture files, "-" for stdin, or METHOD URL (see tf parse --help)');
    const entries = await this.readInputs(inputs, flags);
    const {config, catalog, registry} = await this.loadContext(flags.config);
    const governance = await createGovernance({config, catalog, dataDir: this.config.dataDir, dryRun: true});
    const results = parseRequests(entries, registry, governance.decider, flags.agent);
    await governance.close();
    if (flags.json) this.printJson(results.map(toJson));
    else this.printHuman(results);
    if (results.some((r) => r.error)) this.exit(1);
  }

  private async readInputs(inputs: string[], flags: {data?: string; header?: string[]}): Promise<CaptureEntry[]> {
    if (inputs.length === 2 && METHODS.has(inputs[0].toUpperCase()) && /^https?:\/\//i.test(inputs[1])) {
      const headers = {};
      for (const h of flags.header ?? []) {
        const colon = h.indexOf(':');
        if (colon <= 0) throw new UserError(`--header "${h}": expected "name: value"`);
        addHeader(headers, h.slice(0, colon).trim(), h.slice(colon + 1).trim());
      }
      const body = flags.data === undefined ? undefined : Buffer.from(flags.data);
      return [{source: 'inline', request: {method: inputs[0].toUpperCase(), url: inputs[1], headers, body}}];
    }
    if (flags.data !== undefined || flags.header) throw new UserError('--data and --header go with an inline request: tf parse METHOD URL ...');
    const all: CaptureEntry[] = [];
    for (const input of inputs) all.push(...(await readCapture(input, readStdin)));
    return all;
  }

  private printHuman(results: ParsedRequest[]): void {
    const rows = results.map((r) => [
      String(r.index),
      r.method ?? '-',
      r.url ? shortUrl(r.url) : '-',
      r.connector ?? (r.error ? '-' : paint.red('none (denied)')),
      r.error ? paint.red(r.error) : (r.action?.type ?? '-'),
      r.action ? risk(r.action.risk) : '',
      r.decision && !r.error ? decisionCell(r.decision, r.connector !== null) : '',
    ]);
    if (rows.length) this.log(table(rows, ['#', 'METHOD', 'URL', 'CONNECTOR', 'ACTION', 'RISK', 'DECISION']));
    const s = summarize(results);
    this.log('');
    this.log(
      `${s.requests} request${s.requests === 1 ? '' : 's'}: ${s.actions} action${s.actions === 1 ? '' : 's'}` +
        (s.unclaimed ? `, ${s.unclaimed} without a connector (denied)` : '') +
        (s.failed ? `, ${paint.red(`${s.failed} unreadable`)}` : ''),
    );
    const types = Object.entries(s.byType).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    if (types.length) this.log(table(types.map(([type, n]) => ['  ' + type, String(n)])));
    const risks = ['low', 'medium', 'high'].filter((level) => s.byRisk[level]).map((level) => `${risk(level)} ${s.byRisk[level]}`);
    if (risks.length) this.log(`risk: ${risks.join(', ')}`);
    const decisions = ['allow', 'require_approval', 'deny'].filter((effect) => s.byDecision?.[effect]).map((effect) => `${effectLabel(effect)} ${s.byDecision![effect]}`);
    const monitored = results.filter((r) => r.decision?.mode === 'monitor' || r.decision?.monitored).length;
    if (decisions.length) this.log(`decision: ${decisions.join(', ')}${monitored ? ` (${monitored} with a monitor-mode verdict)` : ''}`);
  }
}

const EFFECT_COLOUR: Record<string, (s: string) => string> = {allow: paint.green, require_approval: paint.yellow, deny: paint.red};

function effectLabel(effect: string): string {
  return (EFFECT_COLOUR[effect] ?? ((s: string) => s))(effect);
}

/** "deny (no-repo-deletion)"; a monitor verdict reads "allow, monitor: deny (watch-admin)". */
function decisionCell(d: Decision, claimed: boolean): string {
  const by = (rule: string | null) => (rule ? ` (${rule})` : claimed ? ' (default)' : '');
  if (d.mode === 'monitor') return `${effectLabel('allow')}, monitor: ${d.effect}${by(d.rule)}`;
  const shadow = d.monitored ? `, monitor: ${d.monitored.effect} (${d.monitored.rule})` : '';
  return `${effectLabel(d.effect)}${by(d.rule)}${shadow}`;
}

function toJson(r: ParsedRequest) {
  const {source: _source, ...rest} = r;
  return rest;
}

function shortUrl(url: string): string {
  const short = url.replace(/^https?:\/\//, '');
  return short.length > 60 ? short.slice(0, 57) + '...' : short;
}

async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
