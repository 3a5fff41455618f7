import { describe, expect, it } from 'vitest';
import { labelKeys, matchesKey } from './label_keys';

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

  it('otherwise picks free letters, initials first, never s or digits', () => {
    const keys = labelKeys(['PER', 'person', 'SPORT', '42'], []);
    expect(keys.map((k) => k.key)).toEqual(['p', 'q', 'w', 'e']);
  });
});

describe('matchesKey', () => {
  it('compares letters without case and respects modifiers', () => {
    expect(matchesKey('p', press('p'))).toBe(true);
    expect(matchesKey('p', press('P', { shiftKey: true }))).toBe(false);
    expect(matchesKey('shift+p', press('P', { shiftKey: true }))).toBe(true);
    expect(matchesKey('p', press('p', { ctrlKey: true }))).toBe(false);
    expect(matchesKey('', press('p'))).toBe(false);
    expect(matchesKey('-', press('-'))).toBe(true);
  });
});
