import {readFileSync, statSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {FileKillSwitch, killSwitchPath, switchOn} from '../../src/kill-switch';
import type {KillSwitchEvent} from '../../src/decision';
import {eventually, startGovernedProxy, viaProxy, waitForPending, type GovernedProxy} from '../approvals/helpers';
import {workspace} from '../policy/helpers';

describe('tf kill-switch on/off/status', () => {
  const ws = workspace();
  afterAll(() => ws.remove());

  test('off by default', async () => {
    expect(await ws.tf(['kill-switch', 'status'])).toMatchObject({code: 0, stdout: 'kill switch off: traffic flows by policy\n'});
    expect(JSON.parse((await ws.tf(['kill-switch', 'status', '--json'])).stdout)).toEqual({active: false, all: null, connectors: {}});
  });

  test('on, per connector, off: persisted in the data dir (0600)', async () => {
    const on = await ws.tf(['kill-switch', 'on', '--reason', 'agent is looping']);
    expect(on).toMatchObject({code: 0, stdout: 'kill switch ON for every connector: agent is looping (0 running proxies notified)\n'});
    const file = killSwitchPath(ws.dataDir);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    await ws.tf(['kill-switch', 'on', '--connector', 'pay', '--reason', 'refund storm']);
    const status = JSON.parse((await ws.tf(['kill-switch', 'status', '--json'])).stdout);
    expect(status).toEqual({
      active: true,
      all: {reason: 'agent is looping', since: expect.any(String), by: expect.any(String)},
      connectors: {pay: {reason: 'refund storm', since: expect.any(String), by: expect.any(String)}},
    });
    const human = (await ws.tf(['kill-switch', 'status'])).stdout;
    expect(human).toMatch(/^kill switch ON\nSCOPE\s+SINCE\s+BY\s+REASON\nevery connector\s+\S+\s+\S+\s+agent is looping\npay\s+.*refund storm\n$/);

    const offOne = await ws.tf(['kill-switch', 'off', '--connector', 'pay']);
    expect(offOne.stdout).toBe('kill switch OFF for connector pay (0 running proxies notified)\n');
    expect(offOne.stderr).toMatch(/the global kill switch is still on/);
    expect(JSON.parse((await ws.tf(['kill-switch', 'status', '--json'])).stdout)).toMatchObject({active: true, connectors: {}});
    expect((await ws.tf(['kill-switch', 'off'])).stdout).toBe('kill switch OFF for every connector (0 running proxies notified)\n');
    expect(JSON.parse((await ws.tf(['kill-switch', 'status', '--json'])).stdout)).toMatchObject({active: false, all: null});
  });

  test('a connector name that is not in the config is warned about, and still switched', async () => {
    ws.writeConfig(undefined);
    const result = await ws.tf(['kill-switch', 'on', '--connector', 'nosuch', '--config', ws.config]);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/no connector named "nosuch"/);
    await ws.tf(['kill-switch', 'off']);
  });

  test('tf parse shows the kill switch above every policy (kill switch > deny > ... > default)', async () => {
    ws.writeConfig({rules: [{name: 'allow-all', match: '**', decision: 'allow'}]});
    const requests = [
      {method: 'GET', url: 'https://a.ops.test/x'},
      {method: 'POST', url: 'https://a.ledger.test/v1/accounts/a/payments', body: {amount: 1}},
    ];
    await ws.tf(['kill-switch', 'on', '--connector', 'pay', '--reason', 'stop payments']);
    let results = await ws.parse(requests);
    expect(results.map((r) => r.decision)).toEqual([
      {effect: 'allow', rule: 'allow-all', reason: 'rule allow-all: allow', mode: 'enforce'},
      {effect: 'deny', rule: 'kill_switch', reason: 'stop payments', mode: 'enforce'},
    ]);
    await ws.tf(['kill-switch', 'on']);
    results = await ws.parse(requests);
    expect(results.map((r) => r.decision!.rule)).toEqual(['kill_switch', 'kill_switch']);
    expect(results[0].decision!.reason).toBe('kill switch is on for every connector');
    await ws.tf(['kill-switch', 'off']);
    results = await ws.parse(requests);
    expect(results.map((r) => r.decision!.rule)).toEqual(['allow-all', 'allow-all']);
  });
});

describe('FileKillSwitch', () => {
  const ws = workspace();
  afterAll(() => ws.remove());

  test('an unreadable state file fails closed', () => {
    writeFileSync(killSwitchPath(ws.dataDir), '{not json');
    const ks = new FileKillSwitch(ws.dataDir);
    expect(ks.check('anything')).toMatchObject({active: true, scope: 'all', reason: expect.stringMatching(/unreadable.*tf kill-switch off/)});
  });

  test('follows changes made by another process and reports them to subscribers', async () => {
    writeFileSync(killSwitchPath(ws.dataDir), JSON.stringify({version: 1, all: null, connectors: {}}));
    const ks = new FileKillSwitch(ws.dataDir);
    const events: KillSwitchEvent[] = [];
    ks.subscribe((e) => events.push(e));
    ks.watch();
    try {
      expect(ks.check('pay').active).toBe(false);
      switchOn(killSwitchPath(ws.dataDir), {connector: 'pay', reason: 'r', by: 'alice'});
      await eventually(() => expect(ks.check('pay')).toMatchObject({active: true, scope: 'connector', reason: 'r', by: 'alice'}), 2000);
      expect(ks.check('other').active).toBe(false);
      expect(events).toEqual([{active: true, connector: 'pay', reason: 'r', by: 'alice', at: expect.any(String)}]);
    } finally {
      ks.close();
    }
  });
});

describe('kill switch with real traffic through the proxy', () => {
  let g: GovernedProxy;
  beforeAll(async () => {
    g = await startGovernedProxy({approvalTimeout: '30s', rules: [{name: 'deletes', match: 'generic.delete', decision: 'require_approval'}]});
  });
  afterAll(() => g.close());
  const tf = (args: string[]) => g.ws.tf(args);

  test('on: 403 JSON with x-tf-kill-switch, nothing upstream; off: traffic flows again', async () => {
    expect((await viaProxy(g.url, 'GET', 'http://a.ops.test/ok')).status).toBe(200);
    const before = g.upstream.received.length;
    const on = await tf(['kill-switch', 'on', '--reason', 'incident 7']);
    expect(on.stdout).toBe('kill switch ON for every connector: incident 7 (1 running proxy notified)\n');
    const blocked = await viaProxy(g.url, 'GET', 'http://a.ops.test/ok');
    expect(blocked.status).toBe(403);
    expect(blocked.json().error).toMatchObject({type: 'kill_switch', message: expect.stringContaining('incident 7')});
    expect(g.upstream.received).toHaveLength(before);
    await tf(['kill-switch', 'off']);
    expect((await viaProxy(g.url, 'GET', 'http://a.ops.test/ok')).status).toBe(200);
    expect(g.events.map((e) => [e.active, e.connector, e.reason ?? null])).toEqual([
      [true, null, 'incident 7'],
      [false, null, null],
    ]);
    expect(g.events[0].by).toEqual(expect.any(String));
    // The header the issue asks for on kill-switch refusals (set by the proxy's HTTP layer).
    expect(blocked.headers['x-tf-kill-switch']).toBe('active');
  });

  test('a connector switch blocks only that connector', async () => {
    await tf(['kill-switch', 'on', '--connector', 'pay']);
    expect((await viaProxy(g.url, 'GET', 'http://pay.test/charges')).status).toBe(403);
    expect((await viaProxy(g.url, 'GET', 'http://a.ops.test/ok')).status).toBe(200);
    await tf(['kill-switch', 'off', '--connector', 'pay']);
    expect((await viaProxy(g.url, 'GET', 'http://pay.test/charges')).status).toBe(200);
  });

  test('pending approvals in scope are denied when the switch goes on', async () => {
    const before = g.upstream.received.length;
    const inScope = viaProxy(g.url, 'DELETE', 'http://pay.test/charges/1');
    const outOfScope = viaProxy(g.url, 'DELETE', 'http://a.ops.test/items/1');
    const pending = await waitForPending(g, 2);
    await tf(['kill-switch', 'on', '--connector', 'pay', '--reason', 'fraud']);
    const denied = await inScope;
    expect(denied.status).toBe(403);
    expect(denied.json().error!.message).toMatch(/kill switch on for pay: fraud/);
    const left = await waitForPending(g, 1);
    expect(left.map((p) => p.connector)).toEqual(['api']);
    await tf(['approvals', 'approve', pending.find((p) => p.connector === 'api')!.id]);
    expect((await outOfScope).status).toBe(200);
    expect(g.upstream.received).toHaveLength(before + 1);
    await tf(['kill-switch', 'off']);
  });

  test('the state survives a proxy restart', async () => {
    await tf(['kill-switch', 'on', '--reason', 'overnight freeze']);
    await g.restart();
    const res = await viaProxy(g.url, 'GET', 'http://a.ops.test/ok');
    expect(res.status).toBe(403);
    expect(res.json().error!.message).toContain('overnight freeze');
    await tf(['kill-switch', 'off']);
    expect((await viaProxy(g.url, 'GET', 'http://a.ops.test/ok')).status).toBe(200);
  });

  test('a change written without notifying (e.g. by hand) applies within the poll interval', async () => {
    switchOn(killSwitchPath(g.ws.dataDir), {reason: 'edited by hand'});
    await eventually(async () => expect((await viaProxy(g.url, 'GET', 'http://a.ops.test/ok')).status).toBe(403), 2000);
    await tf(['kill-switch', 'off']);
    expect((await viaProxy(g.url, 'GET', 'http://a.ops.test/ok')).status).toBe(200);
  });

  test('the audit log records kill-switch refusals', () => {
    const lines = readFileSync(g.auditLog, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toContainEqual(expect.objectContaining({rule: 'kill_switch', decision: 'deny', status: 403}));
    expect(path.dirname(g.auditLog)).toBe(g.ws.dataDir);
  });
});
