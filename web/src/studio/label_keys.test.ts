import { describe, expect, it } from 'vitest';
import { labelForKey, labelKeys, matchesKey } from './label_keys';

const press = (key: string, mods: Partial<{ shiftKey: boolean; ctrlKey: boolean; altKey: boolean; metaKey: boolean }> = {}) => ({
  key,
  shiftKey: false,
  ctrlKey: false,
  altKey: false,
  metaKey: false,
  ...mods,
});

describe('labelKeys', () => {
  it("uses the control's hotkeys when it gives one per label", () => {
    expect(labelKeys(['PER', 'ORG'], ['p', 'shift+o'])).toEqual([
      { label: 'PER', key: 'p' },
      { label: 'ORG', key: 'shift+o' },
    ]);
  });

  it('otherwise picks free letters, initials first, never digits, s, g or the view’s own keys', () => {
    expect(labelKeys(['PER', 'person', 'SPORT', 'GPE', '42'], []).map((k) => k.key)).toEqual(['p', 'q', 'w', 'e', 'r']);
    expect(labelKeys(['alice', 'noise', 'other'], [], 'ano').map((k) => k.key)).toEqual(['q', 'w', 'e']);
    const many = labelKeys(Array.from({ length: 30 }, (_, i) => `l${i}`), [], 'knor').map((k) => k.key);
    for (const k of 'sgknor0123456789') expect(many).not.toContain(k);
    expect(new Set(many.filter((k) => k)).size).toBe(many.filter((k) => k).length);
    expect(many.at(-1)).toBe('');
  });
});

describe('matchesKey', () => {
  it('compares letters without case and modifiers exactly', () => {
    expect(matchesKey('p', press('p'))).toBe(true);
    expect(matchesKey('c', press('C'))).toBe(true); // Caps Lock.
    expect(matchesKey('p', press('P', { shiftKey: true }))).toBe(false);
    expect(matchesKey('shift+p', press('P', { shiftKey: true }))).toBe(true);
    expect(matchesKey('shift+p', press('p'))).toBe(false);
    expect(matchesKey('p', press('p', { ctrlKey: true }))).toBe(false);
    expect(matchesKey('ctrl+alt+x', press('x', { ctrlKey: true, altKey: true }))).toBe(true);
    expect(matchesKey('', press('p'))).toBe(false);
  });

  it('matches symbols whatever Shift took to type them', () => {
    expect(matchesKey('-', press('-'))).toBe(true);
    expect(matchesKey('?', press('?', { shiftKey: true }))).toBe(true);
  });

  it('finds the label of a key', () => {
    const keys = labelKeys(['alice', 'bob'], []);
    expect(labelForKey(keys, press('b'))).toBe('bob');
    expect(labelForKey(keys, press('z'))).toBeNull();
  });
});
