import { describe, expect, it } from 'vitest';
import { dropPosition, identity, isPermutation, move, orderOf, rankKey, rankingItems } from './ranking';

const key = (k: string, mods: Partial<KeyboardEvent> = {}) => ({
  key: k,
  ctrlKey: false,
  altKey: false,
  metaKey: false,
  shiftKey: false,
  ...mods,
});

describe('rankingItems', () => {
  it('reads a list or the JSON text of one', () => {
    expect(rankingItems(['x', 'y'])).toEqual(['x', 'y']);
    expect(rankingItems('["x", {"a": 1}]')).toEqual(['x', { a: 1 }]);
    expect(rankingItems('x, y')).toEqual([]);
    expect(rankingItems('[broken')).toEqual([]);
    expect(rankingItems(undefined)).toEqual([]);
  });
});

describe('orders', () => {
  it('accepts only permutations of the items', () => {
    expect(isPermutation([2, 0, 1], 3)).toBe(true);
    expect(isPermutation([0, 0, 1], 3)).toBe(false);
    expect(isPermutation([0, 1], 3)).toBe(false);
    expect(isPermutation([0, 1, 3], 3)).toBe(false);
    expect(isPermutation([0, 1.5, 2], 3)).toBe(false);
    expect(orderOf({ order: [1, 0] }, 2)).toEqual([1, 0]);
    expect(orderOf({ order: [1, 0] }, 3)).toBeNull();
    expect(orderOf(undefined, 2)).toBeNull();
    expect(identity(3)).toEqual([0, 1, 2]);
  });

  it('moves an entry, clamping at the ends', () => {
    expect(move([0, 1, 2], 2, 0)).toEqual([2, 0, 1]);
    expect(move([0, 1, 2], 0, 1)).toEqual([1, 0, 2]);
    expect(move([0, 1, 2], 0, -1)).toEqual([0, 1, 2]);
    expect(move([0, 1, 2], 2, 5)).toEqual([0, 1, 2]);
    expect(move([0, 1, 2], 7, 0)).toEqual([0, 1, 2]);
  });

  it('drops before or after the entry under the pointer', () => {
    // Dragging the first of three onto the upper half of the last: between the second and the last.
    expect(move([0, 1, 2], 0, dropPosition(0, 2, true))).toEqual([1, 0, 2]);
    expect(move([0, 1, 2], 0, dropPosition(0, 2, false))).toEqual([1, 2, 0]);
    expect(move([0, 1, 2], 2, dropPosition(2, 0, true))).toEqual([2, 0, 1]);
    expect(move([0, 1, 2], 2, dropPosition(2, 0, false))).toEqual([0, 2, 1]);
    expect(move([0, 1, 2], 1, dropPosition(1, 1, true))).toEqual([0, 1, 2]);
  });
});

describe('rankKey', () => {
  it('moves with Alt+arrows or K/J and moves the focus with plain arrows', () => {
    expect(rankKey(key('ArrowUp', { altKey: true }))).toBe('up');
    expect(rankKey(key('ArrowDown', { altKey: true }))).toBe('down');
    expect(rankKey(key('k'))).toBe('up');
    expect(rankKey(key('J'))).toBe('down');
    expect(rankKey(key('ArrowUp'))).toBe('focus-up');
    expect(rankKey(key('ArrowDown'))).toBe('focus-down');
    expect(rankKey(key('z', { ctrlKey: true }))).toBeNull();
    expect(rankKey(key('k', { ctrlKey: true }))).toBeNull();
    expect(rankKey(key('s'))).toBeNull();
    expect(rankKey(key('Enter'))).toBeNull();
  });
});
