import { describe, expect, it } from 'vitest';
import { History } from './history';

describe('History', () => {
  it('undoes and redoes in order, and a new change drops the redo list', () => {
    const h = new History('a');
    h.push('b', 'x', 0);
    h.push('c', 'y', 10);
    expect(h.undo()).toBe('b');
    expect(h.undo()).toBe('a');
    expect(h.canUndo).toBe(false);
    expect(h.undo()).toBe('a');
    expect(h.redo()).toBe('b');
    h.push('d', 'z', 20);
    expect(h.canRedo).toBe(false);
    expect(h.undo()).toBe('b');
  });

  it('makes quick changes to the same control one step', () => {
    const h = new History('');
    h.push('h', 'text', 0);
    h.push('he', 'text', 300);
    h.push('hel', 'text', 600);
    h.push('hel!', 'text', 5000);
    expect(h.undo()).toBe('hel');
    expect(h.undo()).toBe('');
  });

  it('keeps at most `limit` steps', () => {
    const h = new History(0, 3, 0);
    for (let i = 1; i <= 10; i++) h.push(i, 'n', i * 10);
    expect([h.undo(), h.undo(), h.undo(), h.undo()]).toEqual([9, 8, 7, 7]);
  });
});
