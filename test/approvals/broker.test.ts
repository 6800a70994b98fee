import {ApprovalBroker, type HoldInput} from '../../src/approvals/broker';

const input = (requestId: string, connector = 'api'): HoldInput => ({
  requestId,
  action: {type: 'generic.delete', risk: 'high', resource: {provider: 'generic'}, parameters: {path: '/x'}, riskHints: {irreversible: true}},
  connector,
  agent: 'bot',
  method: 'DELETE',
  host: 'a.ops.test',
  path: '/x',
  decision: {effect: 'require_approval', rule: 'deletes', reason: 'deletes need a human', mode: 'enforce'},
});

describe('ApprovalBroker', () => {
  test('lists a held request with what an approver needs', () => {
    const broker = new ApprovalBroker({timeoutMs: 60_000});
    void broker.hold(input('req-1'), new AbortController().signal);
    expect(broker.list()).toEqual([
      expect.objectContaining({
        id: expect.stringMatching(/^[0-9a-f]{8}$/),
        requestId: 'req-1',
        agent: 'bot',
        action: 'generic.delete',
        risk: 'high',
        resource: {provider: 'generic'},
        parameters: {path: '/x'},
        rule: 'deletes',
        reason: 'deletes need a human',
        ageMs: expect.any(Number),
      }),
    ]);
    broker.close();
  });

  test('approve releases exactly that request, once', async () => {
    const broker = new ApprovalBroker({timeoutMs: 60_000});
    const first = broker.hold(input('req-1'), new AbortController().signal);
    const second = broker.hold(input('req-2'), new AbortController().signal);
    const id = broker.list().find((p) => p.requestId === 'req-1')!.id;
    expect(broker.decide(id, 'approve', {approver: 'alice', reason: 'ok'})).toMatchObject({ok: true, outcome: {outcome: 'approved', approver: 'alice', reason: 'ok'}});
    await expect(first).resolves.toEqual({outcome: 'approved', approver: 'alice', reason: 'ok'});
    expect(broker.decide(id, 'approve', {approver: 'bob'})).toMatchObject({ok: false, error: 'decided', outcome: {outcome: 'approved', approver: 'alice'}});
    expect(broker.decide(id, 'deny', {approver: 'bob'})).toMatchObject({ok: false, error: 'decided'});
    expect(broker.list().map((p) => p.requestId)).toEqual(['req-2']);
    broker.close();
    await expect(second).resolves.toMatchObject({outcome: 'denied'});
  });

  test('deny by request id', async () => {
    const broker = new ApprovalBroker({timeoutMs: 60_000});
    const held = broker.hold(input('req-9'), new AbortController().signal);
    expect(broker.decide('req-9', 'deny', {approver: 'alice', reason: 'no'})).toMatchObject({ok: true});
    await expect(held).resolves.toEqual({outcome: 'denied', approver: 'alice', reason: 'no'});
  });

  test('unknown ids', () => {
    const broker = new ApprovalBroker({timeoutMs: 60_000});
    expect(broker.decide('deadbeef', 'approve')).toEqual({ok: false, error: 'unknown'});
  });

  test('timeout settles as timeout and then nothing else can', async () => {
    const broker = new ApprovalBroker({timeoutMs: 30});
    const held = broker.hold(input('req-1'), new AbortController().signal);
    const id = broker.list()[0].id;
    await expect(held).resolves.toMatchObject({outcome: 'timeout'});
    expect(broker.size).toBe(0);
    expect(broker.decide(id, 'approve')).toMatchObject({ok: false, error: 'decided', outcome: {outcome: 'timeout'}});
  });

  test('the agent hanging up withdraws the request', async () => {
    const broker = new ApprovalBroker({timeoutMs: 60_000});
    const controller = new AbortController();
    const held = broker.hold(input('req-1'), controller.signal);
    controller.abort();
    await expect(held).resolves.toMatchObject({outcome: 'denied', reason: 'the agent closed the request'});
    expect(broker.list()).toEqual([]);
  });

  test('denyWhere denies only what is in scope (the kill switch)', async () => {
    const broker = new ApprovalBroker({timeoutMs: 60_000});
    const stripe = broker.hold(input('a', 'stripe'), new AbortController().signal);
    const github = broker.hold(input('b', 'github'), new AbortController().signal);
    expect(broker.denyWhere((p) => p.connector === 'stripe', 'kill switch on for stripe', 'alice')).toBe(1);
    await expect(stripe).resolves.toEqual({outcome: 'denied', reason: 'kill switch on for stripe', approver: 'alice'});
    expect(broker.list().map((p) => p.connector)).toEqual(['github']);
    broker.close();
    await expect(github).resolves.toMatchObject({outcome: 'denied', reason: 'tf is shutting down'});
  });
});
