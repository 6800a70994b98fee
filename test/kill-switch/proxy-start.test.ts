import {request} from 'node:http';
import {writeFileSync} from 'node:fs';
import path from 'node:path';
import {runTf} from '../helpers/cli';
import {readAudit, startHttpUpstream, startProxyProcess, tempDir, waitForAudit, type ProxyProcess, type Upstream} from '../proxy/helpers';

/**
 * The real `tf proxy start` with governance wired in: the kill switch cuts an in-flight stream in its
 * scope, both switch changes land in the audit chain, and an approval's approver and reason are audited.
 */
describe('tf proxy start with governance', () => {
  const dir = tempDir('tf-governed-');
  const env = {TF_DATA_DIR: path.join(dir, 'data'), XDG_CONFIG_HOME: path.join(dir, 'xdg'), EX_KEY: 'real-key'};
  let upstream: Upstream;
  let proxy: ProxyProcess;
  let releaseStream: (() => void) | undefined;

  beforeAll(async () => {
    upstream = await startHttpUpstream((req, res) => {
      if (req.url === '/stream') {
        res.writeHead(200, {'content-type': 'text/event-stream'});
        res.write('data: first\n\n');
        releaseStream = () => res.end('data: last\n\n');
        return;
      }
      req.resume();
      req.on('end', () => {
        res.writeHead(200, {'content-type': 'application/json'});
        res.end('{"ok":true}');
      });
    });
    writeFileSync(
      path.join(dir, 'tf.config.yaml'),
      [
        'connectors:',
        '  ex: {type: generic, domains: [ex.test], tokenEnv: EX_KEY}',
        '  other: {type: generic, domains: [other.test], tokenEnv: EX_KEY}',
        'proxy:',
        `  routes: {ex.test: "${upstream.origin}", other.test: "${upstream.origin}"}`,
        'policies:',
        '  approvalTimeout: 30s',
        '  rules:',
        '    - {name: deletes-need-approval, match: generic.delete, decision: require_approval}',
        '',
      ].join('\n'),
    );
    proxy = await startProxyProcess({cwd: dir, env});
  });

  afterAll(async () => {
    releaseStream?.();
    await proxy?.stop();
    await runTf(['kill-switch', 'off'], {cwd: dir, env});
    await upstream?.close();
  });

  const send = (method: string, url: string) =>
    new Promise<{status: number; headers: Record<string, unknown>}>((resolve, reject) => {
      const req = request({host: '127.0.0.1', port: proxy.port, path: url, method, headers: {host: new URL(url).host}, agent: false});
      req.on('response', (res) => {
        res.resume();
        resolve({status: res.statusCode!, headers: res.headers});
      });
      req.on('error', reject);
      req.end();
    });

  // Absolute-form request to the proxy (options only: a URL argument's hostname would win over `host`).
  const get = (url: string) => request({host: '127.0.0.1', port: proxy.port, path: url, method: 'GET', headers: {host: new URL(url).host}, agent: false});

  test('kill switch on cuts an in-flight stream of that connector; both changes are audited in the chain', async () => {
    const chunks: string[] = [];
    const ended = new Promise<string>((resolve) => {
      const req = get('http://ex.test/stream');
      req.on('response', (res) => {
        res.setEncoding('utf8');
        res.on('data', (d: string) => chunks.push(d));
        res.on('end', () => resolve('end'));
        res.on('error', () => resolve('error'));
        res.on('aborted', () => resolve('aborted'));
      });
      req.on('error', () => resolve('error'));
      req.end();
    });
    await new Promise<void>((resolve, reject) => {
      const deadline = Date.now() + 5000;
      const wait = () => {
        if (chunks.join('').includes('first')) resolve();
        else if (Date.now() > deadline) reject(new Error('the first event never arrived'));
        else setTimeout(wait, 10);
      };
      wait();
    });
    const on = await runTf(['kill-switch', 'on', '--connector', 'ex', '--reason', 'runaway'], {cwd: dir, env});
    expect(on.code).toBe(0);
    expect(['aborted', 'error']).toContain(await ended);
    expect(chunks.join('')).not.toContain('last');

    const cut = await waitForAudit(proxy.auditLog, (r) => r.path === '/stream');
    expect(cut).toMatchObject({connector: 'ex', error: 'kill_switch'});
    const event = await waitForAudit(proxy.auditLog, (r) => r.kind === 'kill_switch');
    expect(event).toMatchObject({connector: 'ex', decision: 'deny', reason: 'runaway'});

    // While on, the connector is refused with the header; another connector still flows.
    const refused = await send('GET', 'http://ex.test/ok');
    expect(refused.status).toBe(403);
    expect(refused.headers['x-tf-kill-switch']).toBe('active');
    expect((await send('GET', 'http://other.test/ok')).status).toBe(200);
    await runTf(['kill-switch', 'off', '--connector', 'ex'], {cwd: dir, env});
    await waitForAudit(proxy.auditLog, (r) => r.kind === 'kill_switch' && r.decision === null);
    const verify = await runTf(['logs', 'verify', '--audit-log', proxy.auditLog], {cwd: dir, env});
    expect(verify.code).toBe(0);
  });

  test('an approval is audited with its approver and reason', async () => {
    const answered = send('DELETE', 'http://other.test/items/9').then((r) => r.status);
    let id: string | undefined;
    for (let i = 0; i < 100 && !id; i++) {
      const list = await runTf(['approvals', 'list', '--json'], {cwd: dir, env});
      id = (JSON.parse(list.stdout || '[]') as {id: string}[])[0]?.id;
      if (!id) await new Promise((r) => setTimeout(r, 50));
    }
    expect(id).toBeDefined();
    const approve = await runTf(['approvals', 'approve', id!, '--reason', 'cleanup ticket 12'], {cwd: dir, env});
    expect(approve.code).toBe(0);
    expect(await answered).toBe(200);
    const line = await waitForAudit(proxy.auditLog, (r) => r.path === '/items/9');
    expect(line).toMatchObject({action: 'generic.delete', decision: 'allow', rule: 'deletes-need-approval', approval: 'approved', approvalReason: 'cleanup ticket 12'});
    expect(line.approver).toEqual(expect.any(String));
    expect(JSON.stringify(readAudit(proxy.auditLog))).not.toContain('real-key');
  });
});
