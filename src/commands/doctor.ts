import {Flags} from '@oclif/core';
import {TfCommand} from '../base-command';
import {loadConnectorCatalog} from '../connectors/catalog';
import {runDoctor, type RuntimeReport} from '../doctor';

export default class Doctor extends TfCommand {
  static summary = 'Check which runtimes honour tf run\'s proxy settings and trust its CA';
  static description =
    'Runs a small HTTPS request with Node fetch, Node https, Python requests, curl and git under the environment ' +
    '`tf run` builds, through an in-process proxy, to a local test upstream (a generic connector for *.doctor.tf.test). ' +
    'For each runtime it reports whether the request went through tf and whether TLS with tf\'s CA succeeded. ' +
    'A runtime that is not installed is reported, not failed. Exits 1 if any installed runtime fails.';
  static examples = ['<%= config.bin %> doctor', '<%= config.bin %> doctor --json'];
  static flags = {
    json: Flags.boolean({description: 'Print the report as JSON'}),
  };

  async run(): Promise<void> {
    const {flags} = await this.parse(Doctor);
    const catalog = await loadConnectorCatalog(this.config);
    const report = await runDoctor({catalog, dataDir: this.config.dataDir});
    if (flags.json) {
      this.printJson(report);
    } else {
      this.log('tf doctor: each runtime makes one HTTPS request under tf run\'s environment, through an in-process tf proxy');
      this.log(`tf CA: ${report.caPath}`);
      this.log(`CA bundle (SSL_CERT_FILE, REQUESTS_CA_BUNDLE, CURL_CA_BUNDLE, GIT_SSL_CAINFO): ${report.caBundlePath}`);
      this.log('');
      const width = Math.max(...report.runtimes.map((r) => r.name.length));
      for (const runtime of report.runtimes) this.log(line(runtime, width));
      this.log('');
      const failed = report.runtimes.filter((r) => r.status === 'fail');
      this.log(
        failed.length === 0
          ? 'Every installed runtime goes through tf and trusts its CA.'
          : `${failed.length} runtime(s) would not be governed by tf run: ${failed.map((r) => r.name).join(', ')}. Their traffic bypasses tf or fails.`,
      );
    }
    if (!report.ok) this.exit(1);
  }
}

const MARK: Record<RuntimeReport['status'], string> = {ok: 'ok  ', fail: 'FAIL', 'not-installed': '-   '};

function line(r: RuntimeReport, width: number): string {
  const what = r.status === 'not-installed' ? r.detail : `${r.detail}${r.version ? ` (${r.command}, ${r.version})` : r.command ? ` (${r.command})` : ''}`;
  return `  ${MARK[r.status]}  ${r.name.padEnd(width)}  ${what}`;
}
