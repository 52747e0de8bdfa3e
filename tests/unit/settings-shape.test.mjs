// The settings' shape (extension/common/settings-shape.js), without a browser: a raw
// storage read of any age or origin becomes the one shape (wrong types read as defaults),
// reading progress is kept only where usable, and the Engine config carries the books that
// are on, the custom shields that are on, and the progress of those books only.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  DEFAULTS, settingsFrom, cleanProgress, clampPercent, progressOf, activeIds, isPaused, isActive,
  engineConfig, storageError, brokenShields,
} from '../../extension/common/settings-shape.js';

const CUSTOM = { schema: 1, id: 'custom-one', title: 'Custom One', terms: [{ phrase: 'the twist', weight: 1 }] };

test('settingsFrom: a missing or mistyped value reads as its default', () => {
  assert.deepEqual(settingsFrom([{}, {}]), { settings: { ...DEFAULTS }, shields: [], prefilter: null });
  const { settings, shields } = settingsFrom([{
    tracked: ['rebecca', 7, null, 'custom-one'], off: 'rebecca', paused: ['example.org', {}],
    sensitivity: 'strict', rev: 4.5, progress: { rebecca: '40', other: 'half' }, unknown: true, plotGuard: 'no',
  }, { shields: [CUSTOM, null, { id: 3 }, 'x'] }]);
  assert.deepEqual(settings, {
    tracked: ['rebecca', 'custom-one'], off: [], paused: ['example.org'], sensitivity: 'strict', rev: 0,
    progress: { rebecca: 40 }, plotGuard: true,
  });
  assert.deepEqual(shields, [CUSTOM]);
  assert.deepEqual(settingsFrom([{ rev: 9 }, { shields: 'none' }]).settings.rev, 9);
  // Settings stored before the plot guard existed have none: it reads as on, the rest as stored.
  const old = settingsFrom([{ tracked: ['rebecca'], rev: 3 }, {}]).settings;
  assert.equal(old.plotGuard, true);
  assert.deepEqual(old.tracked, ['rebecca']);
  assert.equal(settingsFrom([{ plotGuard: false }, {}]).settings.plotGuard, false);
});

test('reading progress: clamped to 0–100, unusable values dropped, never said = not started', () => {
  assert.equal(clampPercent(140), 100);
  assert.equal(clampPercent(-3), 0);
  assert.equal(clampPercent(' 55 '), 55);
  for (const bad of ['', ' ', 'half', NaN, Infinity, null, undefined, {}, [50]]) assert.equal(clampPercent(bad), null, String(bad));
  assert.deepEqual(cleanProgress({ a: 50, b: 120, c: 'x', d: '7' }), { a: 50, b: 100, d: 7 });
  for (const bad of [null, [], 'a', 3]) assert.deepEqual(cleanProgress(bad), {});
  const settings = { ...DEFAULTS, progress: { rebecca: 30 } };
  assert.equal(progressOf(settings, 'rebecca'), 30);
  assert.equal(progressOf(settings, 'never-let-me-go'), 0);
});

test('which shields are on, and where', () => {
  const settings = { ...DEFAULTS, tracked: ['a', 'b', 'c'], off: ['b'], paused: ['quiet.example'] };
  assert.deepEqual(activeIds(settings), ['a', 'c']);
  assert.equal(isPaused(settings, 'quiet.example'), true);
  assert.equal(isActive(settings, 'quiet.example'), false);
  assert.equal(isActive(settings, 'loud.example'), true);
  const noGuard = { ...settings, plotGuard: false };
  assert.equal(isActive({ ...noGuard, off: ['a', 'b', 'c'] }, 'loud.example'), false, 'every shield off');
  assert.equal(isActive({ ...DEFAULTS, plotGuard: false }, 'loud.example'), false, 'nothing tracked');
  // The plot guard walks the page even when no shield is on, but not where the reader paused.
  assert.equal(isActive({ ...settings, off: ['a', 'b', 'c'] }, 'loud.example'), true, 'every shield off, the plot guard on');
  assert.equal(isActive(DEFAULTS, 'loud.example'), true, 'nothing tracked, the plot guard on');
  assert.equal(isActive({ ...DEFAULTS, paused: ['quiet.example'] }, 'quiet.example'), false, 'paused, nothing tracked');
});

test('engineConfig: books and custom shields that are on, and only their progress', () => {
  const settings = {
    ...DEFAULTS, tracked: ['rebecca', 'custom-one', 'dracula', 'custom-two'], off: ['dracula'],
    sensitivity: 'paranoid', progress: { rebecca: 50, 'custom-one': 20, dracula: 70, 'never-let-me-go': 10, 'custom-two': 0 },
  };
  const two = { ...CUSTOM, id: 'custom-two' };
  assert.deepEqual(engineConfig(settings, [CUSTOM, two, { ...CUSTOM, id: 'custom-untracked' }]), {
    books: ['rebecca'],
    shields: [CUSTOM, two],
    sensitivity: 'balanced', // an unknown value reads as the default
    progress: { rebecca: 50, 'custom-one': 20 }, // not a book that is off or untracked, nor 0
  });
  assert.equal(engineConfig({ ...settings, sensitivity: 'strict' }, []).sensitivity, 'strict');
});

test('storageError: a sentence that says which quota, that nothing changed, and what to do', () => {
  assert.match(storageError(new Error('MAX_WRITE_OPERATIONS_PER_MINUTE quota exceeded'), 'settings'), /how often .* wait a minute/);
  assert.match(storageError(new Error('Resource::kQuotaBytesPerItem quota exceeded'), 'settings'), /8 KB per setting/);
  assert.match(storageError(new Error('QUOTA_BYTES quota exceeded'), 'custom shields'), /^Could not save your custom shields: .* full .*remove a custom shield/);
  assert.equal(storageError('disk on fire', 'settings'), 'Could not save your settings: disk on fire. Nothing was changed.');
});

test('brokenShields: the stored shields the core refuses, with its reason', () => {
  const core = { validateShield: (shield) => { if (!shield.terms?.length) throw new Error('terms: none'); } };
  assert.deepEqual(brokenShields(core, [CUSTOM, { id: 'custom-bad', terms: [] }, { id: 'custom-untitled' }]), [
    { id: 'custom-bad', title: 'custom-bad', error: 'terms: none' },
    { id: 'custom-untitled', title: 'custom-untitled', error: 'terms: none' },
  ]);
});
