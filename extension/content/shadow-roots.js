// Open shadow roots: each one a walk meets is observed (mutations inside a shadow tree
// are not seen from the document) and given our stylesheet. No observer reports
// attachShadow(), and a web component attaches its root when its definition loads, often
// after our walk: custom elements walked without a shadow root are looked at again 0.25,
// 1, 3 and 10 s after the last one was met (and at each pass); one that has an open root
// by then is queued. At most MAX_BARE_HOSTS are watched: a page of thousands of components
// that never get a root costs a property read each, a few times.

/** Custom elements watched for a shadow root attached after our walk. */
export const MAX_BARE_HOSTS = 1000;
/** When they are looked at again, after the last one was met (0.25, 1, 3, 10 s). */
export const BARE_HOST_CHECKS_MS = [250, 750, 2000, 7000];

/** The open shadow roots observed, and the custom elements watched for one attached late. */
export class ShadowRoots {
  /**
   * `observe(shadowRoot)` observes and styles a root; `queueHost(host)` queues a host that
   * got one; `schedule()` asks for a slice.
   */
  constructor({ observe, queueHost, schedule }) {
    this.observeRoot = observe;
    this.queueHost = queueHost;
    this.schedule = schedule;
    this.reset();
  }

  /** Forgets every root and host (the observers were disconnected). */
  reset() {
    clearTimeout(this.bareCheck?.timer);
    this.shadows = new WeakSet(); // open shadow roots observed and styled
    this.bareHosts = new Set(); // custom elements walked before they had a shadow root
    this.bareCheck = { timer: 0, round: 0 };
  }

  /** Takes what a walk met: shadow roots to observe, custom elements without one to watch. */
  adopt(walk) {
    for (const shadow of walk.shadows.splice(0)) {
      if (this.shadows.has(shadow)) continue;
      this.shadows.add(shadow);
      this.observeRoot(shadow);
    }
    this.watch(walk.bareHosts.splice(0));
  }

  /** Whether custom elements are watched for a late shadow root. */
  get watching() {
    return this.bareHosts.size > 0;
  }

  /** Watches custom elements walked without a shadow root (up to MAX_BARE_HOSTS), from the first check on. */
  watch(hosts) {
    for (const host of hosts) {
      if (this.bareHosts.size >= MAX_BARE_HOSTS) break;
      this.bareHosts.add(host);
    }
    if (!hosts.length || !this.bareHosts.size) return;
    this.bareCheck.round = 0;
    clearTimeout(this.bareCheck.timer);
    this.bareCheck.timer = setTimeout(() => this.check(true), BARE_HOST_CHECKS_MS[0]);
  }

  /** Queues the watched hosts that now have an open shadow root; `timed` when the timer calls, which then arms the next round. */
  check(timed = false) {
    let found = false;
    for (const host of this.bareHosts) {
      if (!host.isConnected) this.bareHosts.delete(host);
      else if (host.shadowRoot) {
        this.bareHosts.delete(host);
        this.queueHost(host);
        found = true;
      }
    }
    if (found) this.schedule();
    if (!timed) return;
    const next = BARE_HOST_CHECKS_MS[++this.bareCheck.round];
    if (next !== undefined && this.bareHosts.size) this.bareCheck.timer = setTimeout(() => this.check(true), next);
  }
}
