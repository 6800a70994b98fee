import {readFileSync} from 'node:fs';
import {Command, Flags} from '@oclif/core';
import {ensureCertificateAuthority} from '../../proxy/ca';

export default class ProxyCa extends Command {
  static summary = 'Print the local CA certificate agents must trust (created on first use)';
  static description =
    'The CA signs the leaf certificates tf presents for intercepted hosts. Its key stays in the data dir (mode 0600) and is never printed. ' +
    'Export it to an agent with NODE_EXTRA_CA_CERTS, or use --bundle for tools whose CA variable replaces the system store.';
  static examples = ['<%= config.bin %> proxy ca > tf-ca.pem', 'NODE_EXTRA_CA_CERTS="$(<%= config.bin %> proxy ca --path)" node agent.js'];
  static flags = {
    path: Flags.boolean({description: 'Print the file path instead of the PEM'}),
    bundle: Flags.boolean({description: 'Use the bundle: the tf CA plus public roots (for SSL_CERT_FILE, REQUESTS_CA_BUNDLE)'}),
  };

  async run(): Promise<void> {
    const {flags} = await this.parse(ProxyCa);
    const files = ensureCertificateAuthority(this.config.dataDir);
    const file = flags.bundle ? files.bundlePath : files.certPath;
    process.stdout.write(flags.path ? file + '\n' : readFileSync(file, 'utf8'));
  }
}
