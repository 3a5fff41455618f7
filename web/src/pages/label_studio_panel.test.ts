import { describe, expect, it } from 'vitest';
import { parseLabelStudioExport } from './label_studio_panel';

describe('parseLabelStudioExport', () => {
  it('takes the array of tasks Label Studio exports', () => {
    expect(parseLabelStudioExport('[{"id": 1, "data": {"text": "a"}}]')).toEqual([{ id: 1, data: { text: 'a' } }]);
  });
  it('says what to do with a file that is not the JSON export', () => {
    expect(parseLabelStudioExport('<View/>')).toMatch(/Export > JSON/);
    expect(parseLabelStudioExport('{"tasks": []}')).toMatch(/array of tasks/);
  });
});
