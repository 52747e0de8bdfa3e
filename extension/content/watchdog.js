// The watchdog: until the document's first judgement is written, if our work (settings,
// core, a slice) makes no step for WATCHDOG_MS, what waits is shown anyway, so a stuck
// worker or a broken core cannot hide text for good, while a long but progressing scan of
// a huge page can end. A parser that is slow to write the page is not our work: the
// watchdog waits for it. It takes over entry.js's failsafe timer.

/** Without a step of our work for this long, what waits is shown. */
export const WATCHDOG_MS = 10_000;

/** One timer, re-armed at each step of our work, that shows what waits when it fires. */
export class Watchdog {
  /**
   * `timer`: entry.js's failsafe, cleared on the first arm(). `done()`: the first
   * judgement is written (nothing to watch). `parserWaits()`: only the parser is being
   * waited for. `fire()`: shows what waits.
   */
  constructor(timer, { done, parserWaits, fire }) {
    this.timer = timer;
    this.done = done;
    this.parserWaits = parserWaits;
    this.fire = fire;
  }

  /** Our work made a step: WATCHDOG_MS from now. */
  arm() {
    clearTimeout(this.timer);
    if (this.done()) return;
    this.timer = setTimeout(() => {
      if (this.parserWaits()) this.arm();
      else this.fire();
    }, WATCHDOG_MS);
  }

  /** Nothing is to be watched any more. */
  stop() {
    clearTimeout(this.timer);
  }
}
