import { describe, expect, it } from 'vitest';
import { studioControls } from './controls';
import { addRelation, afterRegionRemoved, linkIsValid, regionsOf, relationsOf, removeRegion, removeRelation } from './relations';

const labelled = { directed: true, labels: ['works_for'], count: 3 };

describe('adding and removing links', () => {
  it('adds a labelled link and refuses a missing or unknown label', () => {
    expect(addRelation([], { from: 0, to: 1, label: 'works_for' }, labelled)).toEqual({
      relations: [{ from: 0, to: 1, label: 'works_for' }],
    });
    expect(addRelation([], { from: 0, to: 1 }, labelled)).toHaveProperty('error');
    expect(addRelation([], { from: 0, to: 1, label: 'nope' }, labelled)).toHaveProperty('error');
  });

  it('leaves out the label when the control has none', () => {
    expect(addRelation([], { from: 0, to: 1, label: 'x' }, { directed: true, labels: [], count: 2 })).toEqual({
      relations: [{ from: 0, to: 1 }],
    });
  });

  it('refuses self links and regions that do not exist', () => {
    expect(addRelation([], { from: 1, to: 1, label: 'works_for' }, labelled)).toHaveProperty('error');
    expect(addRelation([], { from: 0, to: 3, label: 'works_for' }, labelled)).toHaveProperty('error');
  });

  it('refuses duplicates; undirected links are the same both ways', () => {
    const existing = [{ from: 0, to: 1, label: 'works_for' }];
    expect(addRelation(existing, { from: 0, to: 1, label: 'works_for' }, labelled)).toHaveProperty('error');
    expect('relations' in addRelation(existing, { from: 1, to: 0, label: 'works_for' }, labelled)).toBe(true);
    expect(addRelation(existing, { from: 1, to: 0, label: 'works_for' }, { ...labelled, directed: false })).toHaveProperty('error');
  });

  it('removes by index', () => {
    expect(removeRelation([{ from: 0, to: 1 }, { from: 1, to: 2 }], 0)).toEqual([{ from: 1, to: 2 }]);
  });
});

describe('keeping indices right when a region goes', () => {
  it('drops the links of the removed region and shifts the ones above it', () => {
    const links = [
      { from: 0, to: 1, label: 'a' },
      { from: 2, to: 3, label: 'b' },
      { from: 3, to: 0, label: 'c' },
    ];
    expect(afterRegionRemoved(links, 1)).toEqual([
      { from: 1, to: 2, label: 'b' },
      { from: 2, to: 0, label: 'c' },
    ]);
    expect(linkIsValid({ from: 2, to: 0 }, 3)).toBe(true);
    expect(linkIsValid({ from: 3, to: 0 }, 3)).toBe(false);
  });

  it('changes the spans and every relations control over them in one answer', () => {
    const controls = studioControls({
      controls: [
        { type: 'spans', name: 'ents', to: 'text', labels: ['PER', 'ORG'] },
        { type: 'spans', name: 'other', to: 'text', labels: ['X'] },
        { type: 'relations', name: 'rel', between: 'ents', labels: ['works_for'] },
        { type: 'relations', name: 'rel2', between: 'other', labels: [] },
      ],
    });
    const answer = {
      ents: {
        spans: [
          { start: 0, end: 3, label: 'PER' },
          { start: 4, end: 7, label: 'PER' },
          { start: 8, end: 11, label: 'ORG' },
        ],
      },
      other: { spans: [{ start: 0, end: 1, label: 'X' }, { start: 2, end: 3, label: 'X' }] },
      rel: { relations: [{ from: 0, to: 2, label: 'works_for' }, { from: 1, to: 2, label: 'works_for' }] },
      rel2: { relations: [{ from: 0, to: 1 }] },
    };
    const next = removeRegion(answer, controls, 'ents', 0);
    expect(next.ents).toEqual({ spans: [answer.ents.spans[1], answer.ents.spans[2]] });
    expect(next.rel).toEqual({ relations: [{ from: 0, to: 1, label: 'works_for' }] });
    expect(next.rel2).toBe(answer.rel2);
    expect(next.other).toBe(answer.other);
    expect(removeRegion(answer, controls, 'ents', 7)).toBe(answer);
  });

  it('reads boxes and polygons as regions too', () => {
    expect(regionsOf({ boxes: [{ label: 'car' }] }, 'rectangles')).toEqual({ key: 'boxes', list: [{ label: 'car' }] });
    expect(regionsOf({ polygons: [] })).toEqual({ key: 'polygons', list: [] });
    expect(regionsOf(undefined, 'spans')).toEqual({ key: 'spans', list: [] });
    expect(relationsOf({ relations: [{ from: 0, to: 1 }, { from: 'a' }] })).toEqual([{ from: 0, to: 1 }]);
  });
});
