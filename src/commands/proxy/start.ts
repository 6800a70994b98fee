import {Flags} from '@oclif/core';
import {TfCommand} from '../../base-command';
import type {AuditEntry} from '../../audit/entry';
import {createGovernance} from '../../governance';
import {parseProxySettings, proxyUrlFor, startProxy} from '../../proxy';

export default class ProxyStart extends TfCommand {
  static summary = 'Run the forward proxy: deny-all, classify, inject credentials, audit';
  static description =
    'Listens on loopback for absolute-form HTTP requests and CONNECT. Hosts with a connector are intercepted with a leaf ' +
    'certificate from the local CA, classified, decided, given their real credential and forwarded; other hosts get 403 ' +
    'unless listed in proxy.passthrough. Every request is one line in the hash-chained audit log. Stops gracefully on SIGINT/SIGTERM.';
  static examples = ['<%= config.bin %> proxy start', '<%= config.bin %> proxy start --port 9080 --audit-log ./audit.jsonl', '<%= config.bin %> proxy start --port 0 --json'];
  static flags = {
    port: Flags.integer({char: 'p', description: 'Port to listen on (0 picks a free one; default proxy.port or 8080)', min: 0, max: 65535}),
    host: Flags.string({description: 'Address to listen on (default proxy.host or 127.0.0.1)'}),
    'audit-log': Flags.string({description: 'Audit log file (default proxy.auditLog, else audit.jsonl in the data dir)'}),
    json: Flags.boolean({description: 'Print the start-up details as one JSON line'}),
    quiet: Flags.boolean({char: 'q', description: 'Do not print a line per request'}),
  };

  async run(): Promise<void> {
    const {flags} = await this.parse(ProxyStart);
    const {config, catalog, registry} = await this.loadContext(flags.config);
    const settings = parseProxySettings(config.proxy, config.file);
    const defaultTokenEnv = Object.fromEntries([...catalog.types].map(([type, t]) => [type, t.connectorType.defaultTokenEnv]));
    // Policy, approvals and the kill switch plug in through the decision seam; the proxy knows only the interfaces.
    const governance = await createGovernance({config, catalog, dataDir: this.config.dataDir});
    let proxy;
    try {
      proxy = await startProxy({
        registry,
        settings,
        dataDir: this.config.dataDir,
        auditLogPath: flags['audit-log'],
        port: flags.port,
        host: flags.host,
        defaultTokenEnv,
        decider: governance.decider,
        approvalGate: governance.approvalGate,
        killSwitch: governance.killSwitch,
        log: flags.quiet || flags.json ? undefined : (entry) => process.stdout.write(requestLine(entry) + '\n'),
      });
    } catch (error) {
      await governance.close();
      throw error;
    }
    // With proxy auth on, the URL references the token variable instead of printing its value.
    const agentUrl = settings.authTokenEnv ? proxyUrlFor(proxy.url, 'agent', `\${${settings.authTokenEnv}}`) : proxy.url;
    const env = {...proxy.env, HTTP_PROXY: agentUrl, HTTPS_PROXY: agentUrl, http_proxy: agentUrl, https_proxy: agentUrl};
    if (flags.json) {
      process.stdout.write(
        JSON.stringify({url: proxy.url, port: proxy.port, host: proxy.host, caPath: proxy.caPath, auditLog: proxy.auditLogPath, policy: governance.summary ?? null, controlSocket: governance.controlSocket ?? null, env}) + '\n',
      );
    } else {
      this.log(`tf proxy listening on ${proxy.url}`);
      this.log(`CA certificate: ${proxy.caPath}`);
      this.log(`audit log: ${proxy.auditLogPath}`);
      const connectors = registry.instances.map((i) => `${i.config.name} (${i.connector.domains().join(', ') || 'no domains'})`);
      this.log(`connectors: ${connectors.join(', ') || 'none: every host is denied'}`);
      if (governance.summary) this.log(`policy: ${governance.summary}`);
      this.log('');
      this.log('In the agent\'s shell:');
      for (const [name, value] of Object.entries(env)) this.log(`  export ${name}="${value}"`);
      this.log('');
    }
    await waitForSignal();
    process.stderr.write('tf proxy: shutting down (finishing in-flight requests)\n');
    // A second signal skips the grace period.
    const force = () => process.exit(130);
    process.once('SIGINT', force);
    process.once('SIGTERM', force);
    // Governance first: held approvals are denied, so they do not hold up the graceful stop.
    await governance.close();
    await proxy.close();
  }
}

function waitForSignal(): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

function requestLine(e: AuditEntry): string {
  const time = e.time.slice(11, 19);
  const what = e.action ?? (e.kind === 'request' ? `${e.method} ${e.host ?? ''}` : `${e.kind} ${e.host ?? ''}`);
  const outcome = e.error ? `${e.status ?? '-'} ${e.error}` : String(e.status ?? '-');
  const ms = e.upstreamMs === null ? '' : ` ${Math.round(e.upstreamMs)}ms`;
  return `${time} ${e.agent ?? '-'} ${what} ${e.decision ?? '-'} ${outcome}${ms}`;
}
