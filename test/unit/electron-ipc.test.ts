import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { METHOD_NAMES } from '../../shared/api/contract';
import type { Result } from '../../shared/api/errors';
import type { Dispatch } from '../../electron/api/dispatch';
import { registerIpc, type IpcRegistrar } from '../../electron/ipc';

interface FakeEvent {
  frameUrl: string;
  isMainFrame: boolean;
}

type Listener = (event: FakeEvent, input: unknown) => Promise<Result<unknown>>;

function fakeIpcMain() {
  const handlers = new Map<string, Listener>();
  const ipcMain: IpcRegistrar<FakeEvent> = {
    handle(channel, listener) {
      // Electron throws on a second handler for one channel; so does the fake.
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, listener);
    },
  };
  return { ipcMain, handlers };
}

function recordingDispatch() {
  const calls: { method: string; input: unknown }[] = [];
  const dispatch: Dispatch = async (method, input) => {
    calls.push({ method, input });
    return { ok: true, value: { echoed: method } };
  };
  return { dispatch, calls };
}

const trusted = { frameUrl: 'app://maillage/index.html', isMainFrame: true };
const isTrusted = (event: FakeEvent) => event.isMainFrame && event.frameUrl.startsWith('app://maillage/');

describe('registerIpc', () => {
  it('registers exactly one channel per contract method', () => {
    const { ipcMain, handlers } = fakeIpcMain();
    registerIpc(ipcMain, recordingDispatch().dispatch, isTrusted);
    expect([...handlers.keys()].sort()).toEqual([...METHOD_NAMES].sort());
  });

  it('answers a trusted sender with the dispatcher result for that method', async () => {
    const { ipcMain, handlers } = fakeIpcMain();
    const { dispatch, calls } = recordingDispatch();
    registerIpc(ipcMain, dispatch, isTrusted);
    const input = { search: 'écho' };
    for (const name of METHOD_NAMES) {
      await expect(handlers.get(name)!(trusted, input)).resolves.toEqual({ ok: true, value: { echoed: name } });
    }
    expect(calls).toEqual(METHOD_NAMES.map((method) => ({ method, input })));
  });

  it.each([
    ['a foreign page', { frameUrl: 'https://example.org/', isMainFrame: true }],
    ['a subframe of the app', { frameUrl: 'app://maillage/index.html', isMainFrame: false }],
    ['a local file', { frameUrl: 'file:///tmp/evil.html', isMainFrame: true }],
  ])('refuses %s with FORBIDDEN and never dispatches', async (_label, event) => {
    const { ipcMain, handlers } = fakeIpcMain();
    const { dispatch, calls } = recordingDispatch();
    registerIpc(ipcMain, dispatch, isTrusted);
    const result = await handlers.get('organisations.list')!(event, {});
    expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', key: 'error.forbidden', message: 'Action refusée.' } });
    expect(calls).toEqual([]);
  });

  it('treats a sender check that throws (destroyed frame) as untrusted', async () => {
    const { ipcMain, handlers } = fakeIpcMain();
    const { dispatch, calls } = recordingDispatch();
    registerIpc(ipcMain, dispatch, () => {
      throw new Error('Render frame was disposed before WebFrameMain could be accessed');
    });
    await expect(handlers.get('app.info')!(trusted, {})).resolves.toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(calls).toEqual([]);
  });

  it('turns an unexpected throw from the dispatcher into an INTERNAL envelope, never a raw error', async () => {
    const { ipcMain, handlers } = fakeIpcMain();
    registerIpc(ipcMain, async () => Promise.reject(new Error('disk on fire at /home/secret')), isTrusted);
    const result = await handlers.get('app.info')!(trusted, {});
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL', key: 'error.internal' } });
    expect(JSON.stringify(result)).not.toContain('/home/secret');
  });

  it('passes the error envelope of the dispatcher through unchanged', async () => {
    const { ipcMain, handlers } = fakeIpcMain();
    const envelope: Result<unknown> = { ok: false, error: { code: 'NOT_FOUND', key: 'error.notFound', message: 'Introuvable' } };
    registerIpc(ipcMain, async () => envelope, isTrusted);
    await expect(handlers.get('organisations.get')!(trusted, { id: 1 })).resolves.toEqual(envelope);
  });
});

describe('preload', () => {
  const source = fs.readFileSync(new URL('../../electron/preload.ts', import.meta.url), 'utf8');
  const code = source.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');

  it('uses ipcRenderer only to invoke the channel named after each method', () => {
    const uses = code.match(/ipcRenderer[.\w]*/g) ?? [];
    expect(uses.filter((use) => use !== 'ipcRenderer')).toEqual(['ipcRenderer.invoke']);
    expect(code).toMatch(/ipcRenderer\.invoke\(name, input\)/);
    expect(code).toMatch(/METHOD_NAMES\.map\(/);
    expect(code).not.toMatch(/\bon\(|\bsend\(|sendSync|postMessage|removeListener/);
  });

  it('exposes one frozen object under the bridge global, and nothing else', () => {
    expect(code.match(/exposeInMainWorld/g)).toHaveLength(1);
    expect(code).toMatch(/exposeInMainWorld\(BRIDGE_GLOBAL, bridge\)/);
    expect(code).toMatch(/Object\.freeze\(/);
  });
});
