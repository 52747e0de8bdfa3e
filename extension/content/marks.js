// The attributes the content script writes on the page's elements while it works (the
// verdicts' own, data-spoiler-shield="blurred"/"revealed", are blur.js's). shield.css
// hides what carries them; tests read them.

/** On <html> while the page itself is hidden (entry.js sets it at document_start). */
export const PENDING = 'data-spoiler-shield-pending';
/** A root waiting to be walked (''), or the parent of a burst waiting ('burst'). */
export const QUEUED = 'data-spoiler-shield-queued';
/**
 * A block the prefilter could not rule out, hidden until the core judged it (''), or a
 * block the streaming walk has read only in part ('open').
 */
export const HELD = 'data-spoiler-shield-held';
/**
 * The unread elements of each level at a pause of the streaming walk, the part of the
 * document it has not read yet: shield.css hides them.
 */
export const FRONTIER = 'data-spoiler-shield-frontier';
