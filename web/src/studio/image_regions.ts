// The regions of the four image controls (rectangles, polygons, polylines, keypoints) as their
// results hold them (docs/label-interface.md, all in percent of the image), and the edits the
// image view makes: reading and writing a value, hit shapes, moving, resizing, placing
// keypoints, keys for labels. Pure, so tests pin every number that reaches the server.
import type { ControlValue } from './answer';
import type { KeypointsControl, PolygonsControl, PolylinesControl, RectanglesControl } from './controls';
import { clamp, clampRect, normalizeDegrees, percentToBase, type HitShape, type Pt, type Viewport } from './geometry';

export type ImageControl = RectanglesControl | PolygonsControl | PolylinesControl | KeypointsControl;
export type ImageKind = ImageControl['type'];

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
  rotation?: number;
  label: string;
}
export interface Shape {
  points: [number, number][];
  label: string;
}
export interface KeyPoint {
  label: string;
  x: number;
  y: number;
  occluded?: boolean;
}
export interface Instance {
  points: KeyPoint[];
}
export type Region = Box | Shape | Instance;

// The key of each type's list in its result value.
export const RESULT_KEY: Record<ImageKind, string> = {
  rectangles: 'boxes',
  polygons: 'polygons',
  polylines: 'lines',
  keypoints: 'instances',
};

// A selected region; for keypoints also which of its points.
export interface Selection {
  index: number;
  point?: string;
}

export function readRegions(control: ImageControl, value: ControlValue | undefined): Region[] {
  const list = value?.[RESULT_KEY[control.type]];
  return Array.isArray(list) ? (list as Region[]) : [];
}

export function writeRegions(control: ImageControl, regions: Region[]): ControlValue {
  return { [RESULT_KEY[control.type]]: regions };
}

// Four decimals (a ten-thousandth of the image) keep results short; a rounded box still ends
// inside the image.
const round = (v: number) => Math.round(v * 1e4) / 1e4;
export function roundBox(box: Box, rotation: boolean): Box {
  const x = round(box.x);
  const y = round(box.y);
  const r = rotation ? round(normalizeDegrees(box.rotation ?? 0)) : 0;
  let width = round(box.width);
  let height = round(box.height);
  if (r === 0) {
    width = Math.min(width, Math.floor((100 - x) * 1e4) / 1e4);
    height = Math.min(height, Math.floor((100 - y) * 1e4) / 1e4);
  }
  const out: Box = { x, y, width, height, label: box.label };
  if (rotation) out.rotation = r === 360 ? 0 : r;
  return out;
}
export const roundPoint = (p: Pt): [number, number] => [round(clamp(p.x, 0, 100)), round(clamp(p.y, 0, 100))];

const isBox = (r: Region): r is Box => 'width' in r;
const isInstance = (r: Region): r is Instance => !('label' in r);

// Each region's hit shape in base pixels; keypoints give one shape per point (see hitIndex).
export function hitShapes(control: ImageControl, regions: Region[], vp: Viewport): { shapes: HitShape[]; owners: Selection[] } {
  const shapes: HitShape[] = [];
  const owners: Selection[] = [];
  const base = (x: number, y: number) => percentToBase(vp, { x, y });
  regions.forEach((r, index) => {
    if (control.type === 'keypoints' && isInstance(r)) {
      for (const p of r.points) {
        shapes.push({ kind: 'point', point: base(p.x, p.y) });
        owners.push({ index, point: p.label });
      }
    } else if (isBox(r)) {
      const o = base(r.x, r.y);
      const far = base(r.x + r.width, r.y + r.height);
      shapes.push({ kind: 'rect', rect: { x: o.x, y: o.y, width: far.x - o.x, height: far.y - o.y, rotation: r.rotation ?? 0 } });
      owners.push({ index });
    } else if ('points' in r) {
      const pts = (r as Shape).points.map(([x, y]) => base(x, y));
      shapes.push({ kind: control.type === 'polylines' ? 'line' : 'polygon', points: pts });
      owners.push({ index });
    }
  });
  return { shapes, owners };
}

// Moves a region (or, for keypoints, the selected point) by (dx, dy) percent, kept in the image.
export function moveRegion(region: Region, dx: number, dy: number, point?: string): Region {
  if (isBox(region)) return clampRect({ ...region, x: region.x + dx, y: region.y + dy });
  if (isInstance(region)) {
    return {
      points: region.points.map((p) =>
        point === undefined || p.label === point ? { ...p, x: round(clamp(p.x + dx, 0, 100)), y: round(clamp(p.y + dy, 0, 100)) } : p,
      ),
    };
  }
  const shape = region as Shape;
  const xs = shape.points.map((p) => p[0]);
  const ys = shape.points.map((p) => p[1]);
  // The whole shape moves as far as its extreme point may, so it keeps its form at the edge.
  const mx = clamp(dx, -Math.min(...xs), 100 - Math.max(...xs));
  const my = clamp(dy, -Math.min(...ys), 100 - Math.max(...ys));
  return { ...shape, points: shape.points.map(([x, y]) => roundPoint({ x: x + mx, y: y + my })) };
}

// Grows or shrinks a box by (dw, dh) percent, at least 0.5 % a side, kept in the image.
export function resizeBox(box: Box, dw: number, dh: number): Box {
  return clampRect({ ...box, width: Math.max(0.5, box.width + dw), height: Math.max(0.5, box.height + dh) });
}

// The box the keyboard adds: a fifth of the image, centred.
export function centredBox(label: string, rotation: boolean): Box {
  return { x: 40, y: 40, width: 20, height: 20, ...(rotation ? { rotation: 0 } : {}), label };
}

// Sets `label`'s point of instance `index` (a new instance when index is past the end);
// answers the new list and the instance's index.
export function placeKeypoint(regions: Region[], index: number | null, label: string, p: Pt): { regions: Region[]; index: number } {
  const point: KeyPoint = { label, x: round(clamp(p.x, 0, 100)), y: round(clamp(p.y, 0, 100)) };
  const at = index === null || index >= regions.length ? regions.length : index;
  const current = (regions[at] as Instance | undefined)?.points ?? [];
  const points = current.some((q) => q.label === label) ? current.map((q) => (q.label === label ? point : q)) : [...current, point];
  const next = [...regions];
  next[at] = { points };
  return { regions: next, index: at };
}

// The label to place after `label` in an instance: the next one in the control's order that
// the instance lacks, or null when it has them all (the next click starts a new instance).
export function nextKeypointLabel(labels: string[], instance: Instance | undefined, label: string): string | null {
  const have = new Set(instance?.points.map((p) => p.label) ?? []);
  const start = labels.indexOf(label);
  for (let k = 1; k <= labels.length; k++) {
    const candidate = labels[(start + k) % labels.length]!;
    if (!have.has(candidate)) return candidate;
  }
  return null;
}

// Removes a region, or one point of an instance (the instance too when it was its last).
export function removeSelected(regions: Region[], sel: Selection): Region[] {
  const r = regions[sel.index];
  if (r && isInstance(r) && sel.point !== undefined) {
    const points = r.points.filter((p) => p.label !== sel.point);
    if (points.length > 0) return regions.map((x, i) => (i === sel.index ? { points } : x));
  }
  return regions.filter((_, i) => i !== sel.index);
}

// Every selectable item in drawing order: regions, or for keypoints each point.
export function selectables(control: ImageControl, regions: Region[]): Selection[] {
  if (control.type !== 'keypoints') return regions.map((_, index) => ({ index }));
  return regions.flatMap((r, index) => (r as Instance).points.map((p) => ({ index, point: p.label })));
}

// The selection `step` places after `sel` (Tab, ]) or before it (Shift+Tab, [), wrapping.
export function cycleSelection(items: Selection[], sel: Selection | null, step: 1 | -1): Selection | null {
  if (items.length === 0) return null;
  const at = sel ? items.findIndex((s) => s.index === sel.index && s.point === sel.point) : -1;
  if (at < 0) return step === 1 ? items[0]! : items[items.length - 1]!;
  return items[(at + step + items.length) % items.length]!;
}

// A shape's points rounded and kept in the image (after a drag or a Transformer).
export const clampAll = (points: [number, number][]): [number, number][] => points.map(([x, y]) => roundPoint({ x, y }));
