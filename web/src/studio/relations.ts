// Relations between the regions of another control (`between`): links `{from, to, label}`
// whose indices point into that control's list in the same answer (docs/label-interface.md).
// Because they are indices, removing a region must drop its links and shift the ones above
// it; `removeRegion` does both in one answer so a submission never points past the list.
import type { Answer, ControlValue } from './answer';
import type { StudioControl } from './controls';

export interface Relation {
  from: number;
  to: number;
  label?: string;
}

// The key of a region control's list in its value.
const REGION_KEYS: Record<string, string> = { spans: 'spans', rectangles: 'boxes', polygons: 'polygons' };
const ANY_REGION_KEYS = ['spans', 'boxes', 'polygons'];

export interface Regions {
  key: string; // 'spans', 'boxes' or 'polygons' ('' when the value has none).
  list: Record<string, unknown>[];
}

// The regions a `between` control's value holds (read by shape when its type is unknown).
export function regionsOf(value: ControlValue | undefined, type?: string): Regions {
  const keys = type && REGION_KEYS[type] ? [REGION_KEYS[type]!] : ANY_REGION_KEYS;
  for (const key of keys) {
    const list = value?.[key];
    if (Array.isArray(list)) return { key, list: list.filter((r) => r !== null && typeof r === 'object') };
  }
  return { key: keys.length === 1 ? keys[0]! : '', list: [] };
}

export function relationsOf(value: ControlValue | undefined): Relation[] {
  const list = value?.relations;
  if (!Array.isArray(list)) return [];
  return list.filter(
    (r): r is Relation => r !== null && typeof r === 'object' && Number.isInteger(r.from) && Number.isInteger(r.to),
  );
}

const sameLink = (a: Relation, b: Relation, directed: boolean) =>
  (a.label ?? '') === (b.label ?? '') &&
  ((a.from === b.from && a.to === b.to) || (!directed && a.from === b.to && a.to === b.from));

export type Outcome = { relations: Relation[] } | { error: string };

// Adds a link from region `from` to region `to` (of `count`), labelled when the control has labels.
export function addRelation(
  relations: Relation[],
  link: Relation,
  options: { directed: boolean; labels: string[]; count: number },
): Outcome {
  const { from, to } = link;
  if (!(Number.isInteger(from) && Number.isInteger(to) && from >= 0 && to >= 0 && from < options.count && to < options.count))
    return { error: 'Choose two regions that exist.' };
  if (from === to) return { error: 'A region cannot be linked to itself.' };
  const next: Relation = { from, to };
  if (options.labels.length > 0) {
    if (!link.label || !options.labels.includes(link.label)) return { error: 'Choose a label for the link.' };
    next.label = link.label;
  }
  if (relations.some((r) => sameLink(r, next, options.directed))) return { error: 'That link is there already.' };
  return { relations: [...relations, next] };
}

export const removeRelation = (relations: Relation[], index: number): Relation[] => relations.filter((_, i) => i !== index);

// The links once region `removed` is gone: its links dropped, the indices above it shifted down.
export function afterRegionRemoved(relations: Relation[], removed: number): Relation[] {
  return relations
    .filter((r) => r.from !== removed && r.to !== removed)
    .map((r) => ({ ...r, from: r.from > removed ? r.from - 1 : r.from, to: r.to > removed ? r.to - 1 : r.to }));
}

// Whether every link points at one of `count` regions (one that does not is refused on submit).
export const linkIsValid = (r: Relation, count: number) => r.from >= 0 && r.to >= 0 && r.from < count && r.to < count;

// The answer with region `index` of control `name` removed and every relations control that
// links `name`'s regions reindexed to match: one change, so one undo step.
export function removeRegion(answer: Answer, controls: StudioControl[], name: string, index: number): Answer {
  const control = controls.find((c) => c.name === name);
  const { key, list } = regionsOf(answer[name], control?.type);
  if (!key || index < 0 || index >= list.length) return answer;
  const next: Answer = { ...answer, [name]: { ...answer[name], [key]: list.filter((_, i) => i !== index) } };
  for (const c of controls) {
    if (c.type !== 'relations' || c.between !== name || answer[c.name] === undefined) continue;
    next[c.name] = { ...answer[c.name], relations: afterRegionRemoved(relationsOf(answer[c.name]), index) };
  }
  return next;
}
