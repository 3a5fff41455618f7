import { describe, expect, it } from 'vitest';
import { ActiveTimer } from './active_timer';

function clock(start = 1000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => void (t += ms) };
}

describe('ActiveTimer', () => {
  it('counts lead time always and active time only while active', () => {
    const c = clock();
    const timer = new ActiveTimer(c.now, true);
    c.advance(300);
    timer.setActive(false); // tab hidden or window blurred
    c.advance(5000);
    timer.setActive(true);
    c.advance(200);
    expect(timer.leadTimeMs()).toBe(5500);
    expect(timer.activeTimeMs()).toBe(500);
  });

  it('starts idle when the page is hidden at display', () => {
    const c = clock();
    const timer = new ActiveTimer(c.now, false);
    c.advance(1000);
    expect(timer.activeTimeMs()).toBe(0);
    timer.setActive(true);
    c.advance(250);
    expect(timer.activeTimeMs()).toBe(250);
    expect(timer.leadTimeMs()).toBe(1250);
  });

  it('ignores repeated signals of the same state', () => {
    const c = clock();
    const timer = new ActiveTimer(c.now, true);
    c.advance(100);
    timer.setActive(true);
    c.advance(100);
    timer.setActive(false);
    timer.setActive(false);
    c.advance(100);
    expect(timer.activeTimeMs()).toBe(200);
  });

  it('never exceeds the lead time', () => {
    const c = clock();
    const timer = new ActiveTimer(c.now, true);
    for (let i = 0; i < 10; ++i) {
      c.advance(37);
      timer.setActive(i % 3 !== 0);
    }
    expect(timer.activeTimeMs()).toBeLessThanOrEqual(timer.leadTimeMs());
  });
});
