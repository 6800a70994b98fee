import {existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {callProxies, controlDir, ControlServer} from '../../src/approvals/control-channel';

describe('control channel', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'tf-control-'));
  });
  afterEach(() => rmSync(dataDir, {recursive: true, force: true}));

  test('one private socket per proxy process; every running proxy answers', async () => {
    const server = await ControlServer.start(dataDir, (request) => ({ok: true, echo: request.op}));
    try {
      expect(server.socketPath).toBe(path.join(dataDir, 'control', `${process.pid}.sock`));
      expect(statSync(server.socketPath).mode & 0o777).toBe(0o600);
      expect(statSync(path.dirname(server.socketPath)).mode & 0o777).toBe(0o700);
      expect(await callProxies(dataDir, {op: 'hello'})).toEqual([{pid: process.pid, socket: server.socketPath, response: {ok: true, echo: 'hello'}}]);
    } finally {
      await server.close();
    }
    expect(existsSync(server.socketPath)).toBe(false);
    expect(await callProxies(dataDir, {op: 'hello'})).toEqual([]);
  });

  test('a socket left by a dead proxy is ignored and cleaned up', async () => {
    const dir = controlDir(dataDir);
    mkdirSync(dir, {recursive: true, mode: 0o700});
    const stale = path.join(dir, '999999.sock'); // no such pid
    writeFileSync(stale, '');
    expect(await callProxies(dataDir, {op: 'list'})).toEqual([]);
    expect(existsSync(stale)).toBe(false);
  });

  test('a data dir too long for a unix socket path falls back to a private temp dir', () => {
    const long = path.join(dataDir, 'x'.repeat(120));
    const dir = controlDir(long);
    expect(dir.startsWith(tmpdir())).toBe(true);
    expect(controlDir(long)).toBe(dir);
    expect(dir.length).toBeLessThan(90);
  });

  test('a malformed request gets an error answer, the server keeps serving', async () => {
    const server = await ControlServer.start(dataDir, () => {
      throw new Error('boom');
    });
    try {
      expect((await callProxies(dataDir, {op: 'list'}))[0].response).toEqual({ok: false, error: 'bad-request', message: 'boom'});
      expect(await callProxies(dataDir, {op: 'list'})).toHaveLength(1);
    } finally {
      await server.close();
    }
  });
});
