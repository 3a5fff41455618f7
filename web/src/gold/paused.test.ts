import { describe, expect, it } from 'vitest';
import { ApiError } from '../api';
import { goldPauseOf } from './paused';

describe('goldPauseOf', () => {
  it('recognises only the gold refusal of next', () => {
    const message = 'Your accuracy on gold is 0% (0 of 2), under the project’s 80%.';
    expect(goldPauseOf(new ApiError({ status: 403, code: 'permission_denied', message, field: 'gold' }))).toBe(message);
    expect(goldPauseOf(new ApiError({ status: 403, code: 'permission_denied', message: 'not a member' }))).toBeNull();
    expect(goldPauseOf(new ApiError({ status: 400, code: 'invalid_argument', message: 'x', field: 'gold' }))).toBeNull();
    expect(goldPauseOf(new Error('network'))).toBeNull();
  });
});
