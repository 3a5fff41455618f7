import { describe, expect, it } from 'vitest';
import { PageCache } from './page_cache';

describe('PageCache', () => {
  it('forgets the least recently used page first', () => {
    const cache = new PageCache<string>(3);
    expect(cache.set(0, 'a')).toEqual([]);
    cache.set(1, 'b');
    cache.set(2, 'c');
    expect(cache.get(0)).toBe('a'); // 0 is now the most recent
    expect(cache.set(3, 'd')).toEqual([1]);
    expect(cache.keys()).toEqual([2, 0, 3]);
    expect(cache.has(1)).toBe(false);
    expect(cache.get(1)).toBeUndefined();
    expect(cache.set(4, 'e')).toEqual([2]);
    expect(cache.size).toBe(3);
  });

  it('replaces a page in place without evicting', () => {
    const cache = new PageCache<string>(2);
    cache.set(0, 'a');
    cache.set(1, 'b');
    expect(cache.set(0, 'A')).toEqual([]);
    expect(cache.keys()).toEqual([1, 0]);
    expect(cache.get(0)).toBe('A');
  });

  it('stays bounded over a million-row scroll', () => {
    const cache = new PageCache<number>(50);
    for (let page = 0; page < 5000; ++page) cache.set(page, page);
    expect(cache.size).toBe(50);
    expect(cache.keys()[0]).toBe(4950);
  });
});
