import {Flags} from '@oclif/core';
import {TfCommand} from '../base-command';
import {UserError} from '../errors';
import {startGovernedProxy} from '../run/governed-proxy';
import {runChild} from '../run/spawn-child';

export default class Run extends TfCommand {
  static summary = 'Run an agent with all its HTTP(S) traffic governed by tf, without changing its code';
  static description =
    'Starts the proxy in-process on an ephemeral loopback port (or uses --proxy), then runs the command with HTTP(S)_PROXY, ' +
    'the CA for Node, Python, curl and git, a preload that makes Node 20 fetch and https honour the proxy, and placeholder ' +
    'API keys where SDKs insist on one. The real keys stay with the proxy. Exits with the command\'s exit code.';
  static examples = [
    '<%= config.bin %> run -- node agent.js',
    '<%= config.bin %> run --agent triage-bot -- python3 bot.py',
    '<%= config.bin %> run --proxy http://127.0.0.1:8080 -- curl https://api.github.com/user',
  ];
  static strict = false;
  static flags = {
    agent: Flags.string({description: 'Agent name recorded in the audit log'}),
    proxy: Flags.string({description: 'Use a running tf proxy instead of starting one'}),
    'audit-log': Flags.string({description: 'Audit log file (default: in the data dir)'}),
  };

  async run(): Promise<void> {
    const {flags, argv} = await this.parse(Run);
    const [command, ...args] = argv as string[];
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
      throw new UserError(e.code === 'ENOENT' ? `command not found: ${command}` : `cannot run ${command}: ${e.message}`, 127);
    }
    await governed.close();
    this.exit(code);
  }
}
