import { describe, expect, it } from 'vitest';
import { ApiError } from './api';
import { interfaceChangeOf } from './interface_change';

describe('interfaceChangeOf', () => {
  it("tells the server's explanation of an answer made in an older interface", () => {
    const changed = new ApiError({ status: 409, code: 'conflict', message: 'the label interface changed', field: 'project_version' });
    expect(interfaceChangeOf(changed)).toBe('the label interface changed');
  });

  it('leaves other refusals alone', () => {
    expect(interfaceChangeOf(new ApiError({ status: 409, code: 'conflict', message: 'full', field: 'task_id' }))).toBeNull();
    expect(interfaceChangeOf(new ApiError({ status: 400, code: 'invalid_argument', message: 'x', field: 'project_version' }))).toBeNull();
    expect(interfaceChangeOf(new Error('network'))).toBeNull();
  });
});
