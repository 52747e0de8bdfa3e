// The content-script loader asks for every module of the content script at once, so that
// they load side by side rather than one import level after another (content/loader.js).
// Its list must be the module graph of content/main.js: a module missing from it loads
// late, one listed but no longer imported loads for nothing. Reads files only; no browser.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from './helpers.mjs';

const EXT = path.join(ROOT, 'extension');
// The built glue lives in dist/<browser>/core/; it imports nothing of ours.
const BUILT = new Set(['core/spoiler_shield.js']);

// Extension-relative paths of every module `file` imports, directly or not.
function graph(file, seen = new Set()) {
  if (BUILT.has(file)) return seen;
  const source = fs.readFileSync(path.join(EXT, file), 'utf8');
  for (const [, spec] of source.matchAll(/^import\s[^'"]*['"]([^'"]+)['"]/gm)) {
    const dep = path.posix.normalize(path.posix.join(path.posix.dirname(file), spec));
    if (!seen.has(dep)) {
      seen.add(dep);
      graph(dep, seen);
    }
  }
  return seen;
}

test('the loader preloads exactly the modules content/main.js imports', () => {
  const loader = fs.readFileSync(path.join(EXT, 'content/loader.js'), 'utf8');
  const list = /const PRELOAD = \[([^\]]*)\]/.exec(loader);
  assert.ok(list, 'content/loader.js has a PRELOAD list');
  const preloaded = [...list[1].matchAll(/'([^']+)'/g)].map((m) => m[1]).sort();
  assert.deepEqual(preloaded, [...graph('content/main.js')].sort());
});
