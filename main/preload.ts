// The preload entry. A sandboxed preload cannot load modules at run time, so this file is bundled
// with what it imports into one CommonJS script, dist/preload.cjs (scripts/build-electron.ts), in
// which `require('electron')` is the only require left.
import { contextBridge, ipcRenderer } from 'electron';
import { exposePosBridge } from './posBridge.ts';

exposePosBridge(contextBridge, ipcRenderer);
