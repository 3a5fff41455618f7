import { describe, expect, it } from 'vitest';
import { describeLabelledImport } from './labelled_import_panel';

describe('describeLabelledImport', () => {
  it('counts tasks, duplicates and the predictions with their name', () => {
    expect(
      describeLabelledImport({ format: 'coco_json', model: 'coco_json_import', records: 3, inserted: 2, duplicate_count: 1, predictions: 5 }),
    ).toBe('2 tasks imported, 1 already here; 5 predictions stored, named coco_json_import.');
    expect(
      describeLabelledImport({ format: 'conll_iob2', model: 'ner-v1', records: 1, inserted: 1, duplicate_count: 0, predictions: 1 }),
    ).toBe('1 task imported; 1 prediction stored, named ner-v1.');
  });
});
