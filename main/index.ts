// The Electron main process entry: the one file that loads Electron at run time (the preload entry
// aside, which runs in another process). It hands the real objects to the composition root.
import { app, BrowserWindow, dialog, ipcMain, protocol, safeStorage, screen, session } from 'electron';
import { resolve } from 'node:path';
import { shellArgs } from './args.ts';
import { startShell } from './shell.ts';

// barcode-pay.md: Alipay reads `timestamp` as GMT+8, and alipay-sdk formats it in local time
// (the same rule as cli/main.ts).
process.env.TZ = 'Asia/Shanghai';

const args = shellArgs(process.argv);

startShell(
  { app, BrowserWindow, dialog, ipcMain, protocol, safeStorage, screen, session },
  {
    // main/ and dist/ are siblings in the repository and in the packaged app.asar alike.
    distDir: resolve(import.meta.dirname, '../dist'),
    workDir: args.workDir ?? app.getPath('userData'),
    configPath: args.config,
  },
).catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
  app.quit();
});
