// Fails when a package imports a package further out than itself (DESIGN.md: dependencies point
// inward). core ← store/importers/adapters ← server ← cli; console knows only the HTTP API.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const allowed = {
  core: [],
  store: ['core'],
  importers: ['core'],
  adapters: ['core'],
  server: ['core', 'store', 'importers', 'adapters'],
  cli: ['core', 'store', 'importers', 'adapters', 'server', 'console'],
  console: [],
};

const files = (dir) =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' || name === 'dist' ? [] : files(path);
    return /\.(ts|tsx|js|mjs)$/.test(name) ? [path] : [];
  });

const problems = [];
for (const [pkg, may] of Object.entries(allowed)) {
  const src = join(root, 'packages', pkg, 'src');
  let list = [];
  try {
    list = files(src);
  } catch {
    continue;
  }
  for (const file of list) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/(?:from\s+|import\s*\(\s*|import\s+)['"](@qunzhu\/([a-z-]+))(\/[^'"]*)?['"]/g)) {
      const target = match[2];
      const rel = relative(root, file);
      if (target !== pkg && !may.includes(target)) problems.push(`${rel}: ${pkg} must not import @qunzhu/${target}`);
      if (match[3] && !(target === 'store' && match[3] === '/testing')) {
        problems.push(`${rel}: deep import ${match[1]}${match[3]} (import a package through its index)`);
      }
    }
    for (const match of text.matchAll(/from\s+['"](\.\.\/){2,}[^'"]*packages\//g)) {
      problems.push(`${relative(root, file)}: relative import into another package (${match[0]})`);
    }
  }
}
if (problems.length > 0) {
  console.error(`layer check failed:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log('layer check: every package imports only inward');
