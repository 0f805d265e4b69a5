// What `pos start` tells the Electron process: which configuration file and which folder the till
// works in. An installed till has neither and works in Electron's userData folder.
export type ShellArgs = {
  /** --config=PATH: the configuration file (relative to workDir). */
  config: string | undefined;
  /** --pos-cwd=DIR: where `pos start` was run, so the desktop app and the CLI share one journal. */
  workDir: string | undefined;
};

export function shellArgs(argv: readonly string[]): ShellArgs {
  const value = (flag: string) => argv.find((a) => a.startsWith(`${flag}=`))?.slice(flag.length + 1) || undefined;
  return { config: value('--config'), workDir: value('--pos-cwd') };
}
