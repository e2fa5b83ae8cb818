import { contextBridge, ipcRenderer } from 'electron';
import { BRIDGE_GLOBAL, type Bridge } from '../shared/api/bridge';
import { METHOD_NAMES } from '../shared/api/contract';

/**
 * The renderer's only door to main: one function per contract method, each invoking the
 * channel of the same name. No raw `ipcRenderer`, no generic `invoke(channel)`: a compromised
 * page can call the API the UI already has, and nothing more.
 */
const bridge = Object.freeze(
  Object.fromEntries(METHOD_NAMES.map((name) => [name, (input: unknown) => ipcRenderer.invoke(name, input)])),
) as Bridge;

contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, bridge);
