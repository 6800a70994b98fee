import {statSync} from 'node:fs';
import path from 'node:path';
import {controlDir} from '../../src/approvals/control-channel';
import {workspace} from '../policy/helpers';
import {startGovernedProxy, viaProxy, waitForPending, type GovernedProxy} from './helpers';

const POLICIES = {
  approvalTimeout: '1500ms',
  rules: [
    {name: 'deletes-need-a-human', match: 'generic.delete', decision: 'require_approval', reason: 'deletes need a human'},
    {name: 'no-admin', match: 'generic.*', when: {field: 'path', op: 'starts_with', value: '/admin'}, decision: 'deny'},
  ],
};

describe('approvals end to end: real proxy, real HTTP client, tf approvals from another process', () => {
  let g: GovernedProxy;
  beforeAll(async () => {
    g = await startGovernedProxy(POLICIES);
  });
  afterAll(() => g.close());
  const tf = (args: string[]) => g.ws.tf(args);

  test('the control socket is private: 0600 in a 0700 directory, not the proxy port', () => {
    const socket = g.controlSocket;
    expect(path.dirname(socket)).toBe(controlDir(g.ws.dataDir));
    expect(statSync(socket).mode & 0o777).toBe(0o600);
    expect(statSync(path.dirname(socket)).mode & 0o777).toBe(0o700);
    expect(socket).toBe(path.join(controlDir(g.ws.dataDir), `${g.pid}.sock`));
  });

  test('approved: the held request reaches the upstream with the real credential, once', async () => {
    const reply = viaProxy(g.url, 'DELETE', 'http://a.ops.test/items/1');
    await waitForPending(g);
    expect(g.upstream.received).toHaveLength(0);

    const list = await tf(['approvals', 'list', '--json']);
    expect(list.code).toBe(0);
    const [pending] = JSON.parse(list.stdout);
    expect(pending).toMatchObject({
      id: expect.stringMatching(/^[0-9a-f]{8}$/),
      action: 'generic.delete',
      risk: 'high',
      connector: 'api',
      resource: {provider: 'generic'},
      parameters: {path: '/items/1'},
      age: expect.any(String),
    });
    const human = await tf(['approvals', 'list']);
    expect(human.stdout).toMatch(new RegExp(`^${pending.id}\\s+\\d+(ms|s)\\s+-\\s+generic\\.delete\\s+high`, 'm'));

    const approve = await tf(['approvals', 'approve', pending.id, '--reason', 'cleanup ticket 42']);
    expect(approve).toMatchObject({code: 0});
    expect(approve.stdout).toMatch(new RegExp(`^approved ${pending.id}: generic.delete is forwarded \\(approver .+\\)`));
    const res = await reply;
    expect(res.status).toBe(200);
    expect(g.upstream.received).toHaveLength(1);
    expect(g.upstream.received[0]).toMatchObject({method: 'DELETE', path: '/items/1'});
    expect(g.upstream.received[0].headers.authorization).toBe('Bearer real-token');

    const again = await tf(['approvals', 'approve', pending.id]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(new RegExp(`^tf: approval ${pending.id} was already decided: approved by \\S+ at `));
    expect(g.upstream.received).toHaveLength(1);
  });

  test('denied: the agent gets 403 JSON and nothing reaches the upstream', async () => {
    const before = g.upstream.received.length;
    const reply = viaProxy(g.url, 'DELETE', 'http://b.ops.test/items/2');
    await waitForPending(g);
    const [pending] = JSON.parse((await tf(['approvals', 'list', '--json'])).stdout);
    const deny = await tf(['approvals', 'deny', pending.id, '--reason', 'not today']);
    expect(deny).toMatchObject({code: 0, stdout: `denied ${pending.id}: generic.delete gets 403\n`});
    const res = await reply;
    expect(res.status).toBe(403);
    expect(res.headers['content-type']).toMatch(/application\/json/);
    expect(res.json().error!.message).toMatch(/denied by .+: not today/);
    expect(g.upstream.received).toHaveLength(before);
  });

  test('timeout: no decision within approvalTimeout → 408 JSON, never forwarded', async () => {
    const before = g.upstream.received.length;
    const started = Date.now();
    const res = await viaProxy(g.url, 'DELETE', 'http://a.ops.test/items/3');
    expect(Date.now() - started).toBeGreaterThanOrEqual(1400);
    expect(res.json().error!.message).toMatch(/approval timed out/);
    expect(g.upstream.received).toHaveLength(before);
    expect(JSON.parse((await tf(['approvals', 'list', '--json'])).stdout)).toEqual([]);
    // The status for a timed-out approval (the proxy maps ApprovalOutcome 'timeout' to it).
    expect(res.status).toBe(408);
  });

  test('policy deny and allow pass through the same proxy without holding', async () => {
    expect((await viaProxy(g.url, 'GET', 'http://a.ops.test/admin/users')).status).toBe(403);
    expect((await viaProxy(g.url, 'GET', 'http://a.ops.test/items')).status).toBe(200);
  });

  test('unknown ids, and an empty list', async () => {
    expect(await tf(['approvals', 'list'])).toMatchObject({code: 0, stdout: 'no pending approvals\n'});
    const unknown = await tf(['approvals', 'approve', 'deadbeef']);
    expect(unknown).toMatchObject({code: 1, stderr: 'tf: no pending approval with id deadbeef (tf approvals list shows the pending ones)\n'});
  });
});

describe('approvals without a running proxy', () => {
  test('a clear one-line error, exit 1', async () => {
    const ws = workspace();
    try {
      for (const args of [['approvals', 'list'], ['approvals', 'approve', 'abc'], ['approvals', 'deny', 'abc']]) {
        const result = await ws.tf(args);
        expect(result.code).toBe(1);
        expect(result.stderr).toMatch(/^tf: no running tf proxy found \(no control socket in .+\); start one with tf proxy start or tf run\n$/);
      }
    } finally {
      ws.remove();
    }
  });
});
