// The per-browser manifests (scripts/build-extension.mjs), without a browser: Chromium's
// web-accessible files are reachable only through the session's dynamic URL, which no page
// can guess (the e2e security test checks that a page's fetch of the plain URL fails);
// Firefox's manifest leaves out the key it does not know and runs the worker as a
// background script.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { firefoxManifest, GECKO_ID } from '../../scripts/build-extension.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const MANIFEST = JSON.parse(fs.readFileSync(path.join(ROOT, 'extension/manifest.json'), 'utf8'));

test('Chromium: every web-accessible file only through the dynamic URL', () => {
  assert.ok(MANIFEST.web_accessible_resources.length > 0);
  for (const entry of MANIFEST.web_accessible_resources) assert.equal(entry.use_dynamic_url, true, JSON.stringify(entry));
});

test('Firefox: the same files without use_dynamic_url, the worker as a background script', () => {
  const firefox = firefoxManifest(structuredClone(MANIFEST));
  assert.deepEqual(firefox.web_accessible_resources,
    MANIFEST.web_accessible_resources.map(({ resources, matches }) => ({ resources, matches })));
  assert.deepEqual(firefox.background, { type: 'module', scripts: [MANIFEST.background.service_worker] });
  assert.equal(firefox.minimum_chrome_version, undefined);
  assert.equal(firefox.browser_specific_settings.gecko.id, GECKO_ID);
});
