// `npm run bench`: runs every bench/*.bench.ts in turn (or those named on the command line).
// Each prints its own figures; benchmarks print numbers, they assert nothing.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const only = process.argv.slice(2);
const files = readdirSync(import.meta.dirname).filter((f) => f.endsWith('.bench.ts')).sort()
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)));
for (const f of files) {
  console.log(`\n=== ${f.replace('.bench.ts', '')} ===`);
  const mod = (await import(join(import.meta.dirname, f))) as { default: () => Promise<void> };
  await mod.default();
}
