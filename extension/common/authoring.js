// The authoring module: the scan module's exports plus draftShield and readArticle, and
// shield errors that name the JSON field. Built from the same crate with the feature
// `authoring`; only the options page and the popup ("Shield this book") load it, so pages
// never compile the drafter.
import init, * as authoring from '../core/spoiler_shield_authoring.js';
import { moduleLoader } from './core.js';

// Resolves to {Engine, validateShield, draftShield, readArticle, prefilterKeys}.
export const loadAuthoring = moduleLoader(init, authoring, 'core/spoiler_shield_authoring_bg.wasm');
