// The settings changes the worker stores for the popup and the options page
// (extension/common/settings-changes.js), without a browser: each kind does what it says,
// and a malformed change is refused with a sentence, leaving the settings untouched.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyChange, ChangeError } from '../../extension/common/settings-changes.js';
import { DEFAULTS } from '../../extension/common/settings.js';

const CUSTOM = { schema: 1, id: 'custom-one', title: 'Custom One', terms: [{ phrase: 'the twist', weight: 1 }] };
const known = {
  catalogIds: new Set(['never-let-me-go', 'rebecca']),
  shields: [CUSTOM],
  validateShield: (shield) => {
    if (!shield.terms?.length) throw new Error('terms: a shield needs at least one term');
  },
};
const base = () => structuredClone({ ...DEFAULTS, tracked: ['rebecca', 'custom-one'], off: ['custom-one'] });

test('each kind of change does what it says, on a copy', () => {
  const settings = base();
  const frozen = structuredClone(settings);
  const apply = (change) => applyChange(settings, change, known);
  assert.deepEqual(apply({ kind: 'track', id: 'never-let-me-go', on: true }).settings.tracked, ['rebecca', 'custom-one', 'never-let-me-go']);
  assert.deepEqual(apply({ kind: 'track', id: 'custom-one', on: false }).settings, { ...settings, tracked: ['rebecca'], off: [] });
  assert.deepEqual(apply({ kind: 'off', id: 'rebecca', off: true }).settings.off, ['custom-one', 'rebecca']);
  assert.deepEqual(apply({ kind: 'off', id: 'custom-one', off: false }).settings.off, []);
  assert.deepEqual(apply({ kind: 'progress', id: 'rebecca', percent: 140 }).settings.progress, { rebecca: 100 });
  assert.deepEqual(apply({ kind: 'pause', host: 'example.org', paused: true }).settings.paused, ['example.org']);
  assert.deepEqual(apply({ kind: 'pause', host: 'example.org', paused: false }).settings.paused, []);
  assert.equal(apply({ kind: 'sensitivity', value: 'strict' }).settings.sensitivity, 'strict');
  assert.equal(apply({ kind: 'plotGuard', on: false }).settings.plotGuard, false);
  assert.deepEqual(apply({ kind: 'plotGuard', on: true }).settings, { ...settings, plotGuard: true });
  assert.deepEqual(apply({ kind: 'switchOff', ids: ['rebecca', 'rebecca', 'custom-one'] }).settings.off, ['custom-one', 'rebecca']);
  const added = apply({ kind: 'addShield', shield: { ...CUSTOM, id: 'custom-two' } });
  assert.deepEqual(added.shields.map((s) => s.id), ['custom-one', 'custom-two']);
  assert.deepEqual(added.settings.tracked, ['rebecca', 'custom-one', 'custom-two']);
  const deleted = apply({ kind: 'deleteShield', id: 'custom-one' });
  assert.deepEqual(deleted.shields, []);
  assert.deepEqual([deleted.settings.tracked, deleted.settings.off], [['rebecca'], []]);
  assert.equal(apply({ kind: 'sensitivity', value: 'relaxed' }).shields, undefined, 'settings-only changes leave the shields alone');
  assert.deepEqual(settings, frozen, 'the settings given are never changed');
});

test('a malformed change is refused with a sentence', () => {
  const bad = [
    [null, /not an object/], [[], /not an object/], ['track', /not an object/],
    [{ kind: 'toggle', id: 'rebecca' }, /"toggle" is not a settings change/],
    [{ kind: '__proto__' }, /not a settings change/],
    [{ kind: 'track', id: 'no-such-book', on: true }, /no book "no-such-book"/],
    [{ kind: 'track', id: 'rebecca', on: 'yes' }, /"on" must be true or false/],
    [{ kind: 'track', id: 42, on: true }, /not an id/],
    [{ kind: 'off', id: 'x'.repeat(201), off: true }, /not an id/],
    [{ kind: 'progress', id: 'rebecca', percent: '50' }, /not a number/],
    [{ kind: 'progress', id: 'rebecca', percent: NaN }, /not a number/],
    [{ kind: 'pause', host: '', paused: true }, /not a host name/],
    [{ kind: 'sensitivity', value: 'paranoid' }, /one of relaxed, balanced, strict/],
    [{ kind: 'plotGuard', on: 'off' }, /"on" must be true or false/],
    [{ kind: 'plotGuard' }, /"on" must be true or false/],
    [{ kind: 'switchOff', ids: 'rebecca' }, /not a list/],
    [{ kind: 'switchOff', ids: [{}] }, /not an id/],
    [{ kind: 'addShield', shield: { ...CUSTOM, id: 'rebecca' } }, /already used by a bundled book/],
    [{ kind: 'addShield', shield: { ...CUSTOM, id: 'custom-empty', terms: [] } }, /not valid: terms/],
    [{ kind: 'addShield', shield: 'a shield' }, /not an object/],
    [{ kind: 'deleteShield' }, /not an id/],
  ];
  for (const [change, why] of bad) {
    assert.throws(() => applyChange(base(), change, known), (err) => err instanceof ChangeError && why.test(err.message), JSON.stringify(change));
  }
});
