import {Flags} from '@oclif/core';
import {TfCommand} from '../../base-command';
import {checkPolicyConfig} from '../../policy/check';

export default class PolicyCheck extends TfCommand {
  static summary = 'Validate the policies in the config, with line numbers';
  static description =
    'Checks the policies section: unknown keys, fields and operators, bad values and regular expressions, globs that match no action type ' +
    'of any installed connector, and rules that can never decide because an unconditional rule always wins over them. ' +
    'One line per problem (file:line: message). Exits 1 when there is any problem, 2 when the config itself cannot be read.';
  static examples = ['<%= config.bin %> policy check', '<%= config.bin %> policy check --config staging.tf.config.yaml --json'];
  static flags = {
    json: Flags.boolean({description: 'Print {file, rules, default, ok, problems: [{location, file, line, path, message}]}'}),
  };

  async run(): Promise<void> {
    const {flags} = await this.parse(PolicyCheck);
    const {config, catalog, registry} = await this.loadContext(flags.config);
    const report = checkPolicyConfig(config, catalog, registry);
    if (flags.json) this.printJson(report);
    else {
      for (const problem of report.problems) this.log(`${problem.location}: ${problem.message}`);
      const where = report.file ?? 'no config file';
      if (report.ok) this.log(`${where}: policies OK (${report.rules} rule${report.rules === 1 ? '' : 's'}, default ${report.default})`);
      else process.stderr.write(`tf: ${report.problems.length} problem${report.problems.length === 1 ? '' : 's'} in ${where}\n`);
    }
    if (!report.ok) this.exit(1);
  }
}
