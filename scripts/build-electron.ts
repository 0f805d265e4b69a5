// Builds what Electron runs, with Vite (its bundler, rolldown, is already installed):
//   dist/main.js     the main process (ESM), our own modules bundled, every npm package and Node
//                    built-in left as an import, so native modules load from node_modules
//   dist/preload.cjs the preload: one CommonJS script whose only require is 'electron', because
//                    a sandboxed preload cannot load modules at run time
// The renderer is built separately into dist/renderer. Run: node scripts/build-electron.ts
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { build, type Plugin } from 'vite';

const ROOT = resolve(import.meta.dirname, '..');

function isBare(id: string): boolean {
  return !id.startsWith('.') && !id.startsWith('\0') && !isAbsolute(id);
}

/**
 * Keeps `import.meta.dirname` meaning "this source file's folder" after bundling, so code that finds
 * files beside itself (the training keys in app/gateway/training/keys.ts) still finds them from
 * dist/main.js, in the repository and inside app.asar alike. Every chunk is written to `outDir`
 * itself, so `import.meta.dirname` in the output is always `outDir`.
 */
export function sourceDirname(root: string, outDir: string): Plugin {
  return {
    name: 'till:source-dirname',
    transform(code, id) {
      if (id.includes('node_modules') || !id.startsWith(root)) return null;
      if (code.includes('import.meta.url')) this.error(`${relative(root, id)} uses import.meta.url; use import.meta.dirname, which the Electron build keeps pointing at the source folder`);
      if (!code.includes('import.meta.dirname') && !code.includes('import.meta.filename')) return null;
      const rel = relative(outDir, dirname(id)).split('\\').join('/');
      const dir = `(import.meta.dirname + ${JSON.stringify(`/${rel}`)})`;
      const file = `(import.meta.dirname + ${JSON.stringify(`/${relative(outDir, id).split('\\').join('/')}`)})`;
      return { code: code.replaceAll('import.meta.dirname', dir).replaceAll('import.meta.filename', file), map: null };
    },
  };
}

export type BuildElectronOptions = { root?: string; outDir?: string };

export async function buildElectron(o: BuildElectronOptions = {}): Promise<{ main: string; preload: string }> {
  const root = o.root ?? ROOT;
  const outDir = o.outDir ?? join(root, 'dist');
  // Chunk names carry content hashes: last build's chunks would otherwise pile up beside the new ones.
  mkdirSync(outDir, { recursive: true });
  for (const f of readdirSync(outDir)) if (/^(main[.-].*\.js(\.map)?|preload\.cjs)$/.test(f)) rmSync(join(outDir, f));
  const common = { configFile: false as const, root, logLevel: 'warn' as const, envDir: false as const };

  await build({
    ...common,
    plugins: [sourceDirname(root, outDir)],
    ssr: { target: 'node', noExternal: true },
    build: {
      ssr: join(root, 'main/index.ts'),
      outDir,
      emptyOutDir: false,
      target: 'node22',
      minify: false,
      sourcemap: true,
      copyPublicDir: false,
      rolldownOptions: {
        external: (id) => isBare(id),
        output: { format: 'es', entryFileNames: 'main.js', chunkFileNames: 'main-[name]-[hash].js' },
      },
    },
  });

  await build({
    ...common,
    ssr: { target: 'node', noExternal: true },
    build: {
      ssr: join(root, 'main/preload.ts'),
      outDir,
      emptyOutDir: false,
      target: 'chrome120',
      minify: false,
      sourcemap: false,
      copyPublicDir: false,
      rolldownOptions: {
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: 'preload.cjs', codeSplitting: false },
      },
    },
  });

  const preload = join(outDir, 'preload.cjs');
  const stray = preloadRequires(readFileSync(preload, 'utf8')).filter((r) => r !== 'electron');
  if (stray.length > 0) throw new Error(`${preload} requires ${stray.join(', ')}; a sandboxed preload can require only 'electron'`);
  return { main: join(outDir, 'main.js'), preload };
}

/** Every module a CommonJS bundle requires. */
export function preloadRequires(code: string): string[] {
  return [...code.matchAll(/\brequire\(\s*["'`]([^"'`]+)["'`]\s*\)/g)].map((m) => m[1]!);
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const out = await buildElectron();
  console.log(`built ${relative(process.cwd(), out.main)} and ${relative(process.cwd(), out.preload)}`);
}
