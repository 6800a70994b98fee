import {Flags} from '@oclif/core';
import {TfCommand} from '../base-command';
import {UserError} from '../errors';
import {splitRunArgv, valueFlagNames} from '../run/argv';
import {startGovernedProxy} from '../run/governed-proxy';
import {runChild} from '../run/spawn-child';

export default class Run extends TfCommand {
  static summary = 'Run an agent with all its HTTP(S) traffic governed by tf, without changing its code';
  static description =
    'Starts the proxy in-process on an ephemeral loopback port (or uses --proxy), then runs the command with HTTP(S)_PROXY, ' +
    'the CA for Node, Python, curl and git, a preload that makes Node 20 fetch and https honour the proxy, and placeholder ' +
    'API keys where SDKs insist on one. The real keys stay with the proxy. Exits with the command\'s exit code ' +
    '(128 + the signal number if it was killed by a signal). Everything after -- is passed to the command verbatim. ' +
    '`tf doctor` checks which runtimes on this machine honour these settings.';
  static usage = 'run [--agent NAME] [--proxy URL] [--audit-log FILE] [-c FILE] -- <command> [args...]';
  static examples = [
    '<%= config.bin %> run -- node agent.js',
    '<%= config.bin %> run --agent triage-bot -- python3 bot.py',
    '<%= config.bin %> run --proxy http://127.0.0.1:8080 -- curl https://api.github.com/user',
  ];
  // Not strict, so oclif routes `tf run node agent.js` here; the command's arguments are split off before
  // oclif parses (see splitRunArgv), and anything left over is an unknown tf flag.
  static strict = false;
  static flags = {
    agent: Flags.string({description: 'Agent name recorded in the audit log'}),
    proxy: Flags.string({description: 'Use a running tf proxy (http://HOST:PORT) instead of starting one'}),
    'audit-log': Flags.string({description: 'Audit log file (default: proxy.auditLog, else audit.jsonl in the data dir)'}),
  };

  async run(): Promise<void> {
    const {own, command: argv} = splitRunArgv(this.argv, valueFlagNames({...Run.baseFlags, ...Run.flags}));
    const {flags, argv: unknown} = await this.parse(Run, own);
    if (unknown.length > 0) throw new UserError(`unknown flag ${unknown[0]} (put the command after --: tf run [flags] -- <command> [args...])`);
    const [command, ...args] = argv;
    if (!command) throw new UserError('nothing to run: tf run [flags] -- <command> [args...]');
    const context = await this.loadContext(flags.config);
    const governed = await startGovernedProxy(context, {
      dataDir: this.config.dataDir,
      agent: flags.agent,
      proxyUrl: flags.proxy,
      auditLogPath: flags['audit-log'],
    });
    let code: number;
    try {
      code = await runChild(command, args, governed.env);
    } catch (error) {
      await governed.close();
      const e = error as NodeJS.ErrnoException;
      if (e.code === 'ENOENT') throw new UserError(`command not found: ${command}`, 127);
      throw new UserError(`cannot run ${command}: ${e.message}`, 126);
    }
    await governed.close();
    this.exit(code);
  }
}
