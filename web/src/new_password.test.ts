import { describe, expect, it } from 'vitest';
import { MIN_PASSWORD_CHARS, newPasswordProblem } from './new_password';

describe('newPasswordProblem', () => {
  it('accepts a long enough password typed twice the same', () => {
    expect(newPasswordProblem('correct horse battery', 'correct horse battery')).toBeNull();
  });

  it('counts characters, not UTF-16 units, against the minimum', () => {
    expect(newPasswordProblem('😀'.repeat(MIN_PASSWORD_CHARS - 1), '😀'.repeat(MIN_PASSWORD_CHARS - 1))).toMatch(/at least 12/);
    expect(newPasswordProblem('😀'.repeat(MIN_PASSWORD_CHARS), '😀'.repeat(MIN_PASSWORD_CHARS))).toBeNull();
  });

  it('says when the two differ', () => {
    expect(newPasswordProblem('correct horse battery', 'correct horse batterx')).toMatch(/differ/);
  });
});
