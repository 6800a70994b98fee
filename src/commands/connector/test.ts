import {Args, Flags} from '@oclif/core';
import {TfCommand} from '../../base-command';
import {checkFixtures} from '../../connectors/fixture-check';
import {runLiveProbe, type ProbeResult} from '../../connectors/live-probe';
import {UserError} from '../../errors';
import {paint} from '../../output';

export default class ConnectorTest extends TfCommand {
  static summary = "Check a connector: its fixtures, its token variable and, with --live, one authenticated read";
  static description =
    "Runs the connector's sample requests through its parser and reports pass/fail per fixture, and checks that the token " +
    'environment variable is set. --live sends one read-only probe (GitHub GET /user, OpenAI GET /v1/models, ...) with the real ' +
    'credential through the same injection code the proxy uses, honouring proxy.routes. Exits 1 when anything fails.';
  static examples = [
    '<%= config.bin %> connector test github',
    '<%= config.bin %> connector test github --live',
    '<%= config.bin %> connector test example --live --path /v1/health',
  ];
  static args = {name: Args.string({description: 'Instance name', required: true})};
  static flags = {
    live: Flags.boolean({description: 'Also send the read-only probe with the real token'}),
    path: Flags.string({description: 'Probe path for --live (needed by the generic connector)'}),
    json: Flags.boolean({description: 'Print JSON'}),
  };

  async run(): Promise<void> {
    const {args, flags} = await this.parse(ConnectorTest);
    const {registry, config} = await this.loadContext(flags.config);
    const instance = registry.byName(args.name);
    if (!instance) {
      throw new UserError(`no connector named "${args.name}" (active: ${registry.instances.map((i) => i.config.name).join(', ') || 'none'})`);
    }
    const {connector, config: settings} = instance;
    const fixtures = checkFixtures(connector);
    const tokenEnv = settings.tokenEnv;
    const token = tokenEnv ? process.env[tokenEnv] : undefined;
    let live: ProbeResult | undefined;
    if (flags.live) {
      if (!tokenEnv || !token) {
        live = {ok: false, method: '-', url: '-', error: tokenEnv ? `${tokenEnv} is not set` : 'no tokenEnv configured for this connector'};
      } else {
        live = await runLiveProbe(connector, {token, tokenEnv, path: flags.path, routes: config.proxy.routes as Record<string, string> | undefined});
      }
    }
    const ok = fixtures.every((f) => f.ok) && (!live || live.ok);
    if (flags.json) {
      this.printJson({connector: settings.name, type: settings.type, ok, fixtures, token: {env: tokenEnv ?? null, set: Boolean(token)}, ...(live ? {live} : {})});
    } else {
      this.log(`${settings.name} (${settings.type}) — ${connector.domains().join(', ')}`);
      for (const f of fixtures) {
        this.log(`  ${f.ok ? paint.green('pass') : paint.red('FAIL')}  ${f.name}: ${f.ok ? f.actual : `expected ${f.expected}, got ${f.actual}`}`);
      }
      if (fixtures.length === 0) this.log('  (this connector ships no fixtures)');
      this.log(`  token: ${tokenEnv ? `${tokenEnv} ${token ? paint.green('is set') : paint.yellow('is not set')}` : 'no tokenEnv configured'}`);
      if (live) {
        this.log(
          live.error
            ? `  live: ${paint.red('FAIL')} ${live.method} ${live.url}: ${live.error}`
            : `  live: ${live.ok ? paint.green('ok') : paint.red('FAIL')} ${live.method} ${live.url} → ${live.status} in ${live.latencyMs} ms`,
        );
      }
    }
    if (!ok) this.exit(1);
  }
}
