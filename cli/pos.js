#!/usr/bin/env node
// The `pos` command. Plain JS so the shebang works from node_modules/.bin; the rest is TypeScript
// run by Node 24's type stripping (the pinned `node` package puts Node 24 first on npm's PATH).
const major = Number(process.versions.node.split('.')[0]);
if (major < 24) {
  console.error(`pos needs Node 24 or newer (this is ${process.version}); run it as \`npx pos …\` or \`npm run …\`, which use the pinned Node 24.`);
  process.exit(2);
}
const { main } = await import('./main.ts');
process.exitCode = await main(process.argv.slice(2));
