import {Args} from '@oclif/core';
import {TfCommand} from '../../base-command';
import {ConfigFile} from '../../config/config-file';
import {findConfigPath, validateConfig} from '../../config/load';
import {UserError} from '../../errors';

export default class ConnectorRemove extends TfCommand {
  static summary = 'Remove a connector instance from the config';
  static examples = ['<%= config.bin %> connector remove ghe'];
  static args = {name: Args.string({description: 'Instance name', required: true})};

  async run(): Promise<void> {
    const {args, flags} = await this.parse(ConnectorRemove);
    const filepath = await findConfigPath({configPath: flags.config});
    if (!filepath || !ConfigFile.exists(filepath)) throw new UserError('no config file found: nothing to remove');
    const file = ConfigFile.read(filepath);
    const {connectors} = validateConfig(file);
    if (!connectors.some((c) => c.name === args.name)) {
      throw new UserError(`${filepath}: no connector named "${args.name}" (configured: ${connectors.map((c) => c.name).join(', ') || 'none'})`);
    }
    file.deleteIn(['connectors', args.name]);
    file.save();
    this.log(`Removed connector ${args.name} from ${filepath}`);
  }
}
