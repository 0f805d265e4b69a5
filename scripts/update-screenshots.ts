// Regenerates docs/screens/*.png (issue 9: every screen at the three sizes): runs the e2e files that
// take doc screenshots (test/e2e/helpers/docScreens.ts) with UPDATE_SCREENSHOTS=1, so those copy
// their pictures from test-results/doc-screens/ into docs/screens/. A plain test run never does.
// Run: npm run screenshots [-- test/e2e/one.test.ts …] (default: every e2e file that takes them).
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const repo = resolve(import.meta.dirname, '..');
const e2e = join(repo, 'test', 'e2e');
const given = process.argv.slice(2);
const files = given.length > 0 ? given : readdirSync(e2e)
  .filter((f) => f.endsWith('.test.ts') && /\bdocScreen(s|shot)\(/.test(readFileSync(join(e2e, f), 'utf8')))
  .map((f) => join('test', 'e2e', f));
console.log(`updating docs/screens from: ${files.join(' ')}`);
const r = spawnSync('npx', ['vitest', 'run', ...files], { cwd: repo, stdio: 'inherit', env: { ...process.env, UPDATE_SCREENSHOTS: '1' } });
process.exit(r.status ?? 1);
