// Measures an annotator's time on one task: lead time (wall clock from display to submit)
// and active time (only while the page is visible AND focused). The clock is injected so
// the tests need no real time.
export class ActiveTimer {
  private readonly now: () => number;
  private readonly start: number;
  private activeSince: number | null;
  private activeTotal = 0;

  constructor(now: () => number, active: boolean) {
    this.now = now;
    this.start = now();
    this.activeSince = active ? this.start : null;
  }

  // Tells the timer whether the page is visible and focused now.
  setActive(active: boolean): void {
    const t = this.now();
    if (active && this.activeSince === null) this.activeSince = t;
    if (!active && this.activeSince !== null) {
      this.activeTotal += t - this.activeSince;
      this.activeSince = null;
    }
  }

  leadTimeMs(): number {
    return Math.max(0, Math.round(this.now() - this.start));
  }

  activeTimeMs(): number {
    const running = this.activeSince === null ? 0 : this.now() - this.activeSince;
    return Math.max(0, Math.round(this.activeTotal + running));
  }
}
