// Plane geometry for the image controls, free of Konva so it can be tested: the percent <->
// stage pixel transforms under zoom and pan, dragged rectangles, rotated boxes, hit tests and
// zooming about a point. Hit tests work in "base" pixels (the image as shown at zoom 1), where
// x and y have the same scale, so angles and distances mean what the annotator sees.

export interface Pt {
  x: number;
  y: number;
}

// The image shown `width` x `height` stage pixels at zoom 1, then scaled by `zoom` and moved
// by (panX, panY): Konva's stage scale and position.
export interface Viewport {
  width: number;
  height: number;
  zoom: number;
  panX: number;
  panY: number;
}

// An axis-aligned box, or a box turned `rotation` degrees clockwise about its (x, y) corner.
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
  rotation?: number;
}

export const MIN_ZOOM = 0.5;
export const MAX_ZOOM = 32;

export const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

export function fitViewport(width: number, height: number): Viewport {
  return { width, height, zoom: 1, panX: 0, panY: 0 };
}

// Percent of the image -> base pixels (the layer's own coordinates) and back.
export const percentToBase = (vp: Viewport, p: Pt): Pt => ({ x: (p.x / 100) * vp.width, y: (p.y / 100) * vp.height });
export const baseToPercent = (vp: Viewport, b: Pt): Pt => ({ x: (b.x / vp.width) * 100, y: (b.y / vp.height) * 100 });

// Percent of the image -> stage pixels (where the pointer is) and back.
export function percentToStage(vp: Viewport, p: Pt): Pt {
  const b = percentToBase(vp, p);
  return { x: vp.panX + b.x * vp.zoom, y: vp.panY + b.y * vp.zoom };
}
export function stageToBase(vp: Viewport, s: Pt): Pt {
  return { x: (s.x - vp.panX) / vp.zoom, y: (s.y - vp.panY) / vp.zoom };
}
export const stageToPercent = (vp: Viewport, s: Pt): Pt => baseToPercent(vp, stageToBase(vp, s));

// Zooms to `zoom` (clamped) keeping the image point under the stage point `anchor` where it is.
export function zoomAbout(vp: Viewport, anchor: Pt, zoom: number): Viewport {
  const z = clamp(zoom, MIN_ZOOM, MAX_ZOOM);
  const k = z / vp.zoom;
  return { ...vp, zoom: z, panX: anchor.x - (anchor.x - vp.panX) * k, panY: anchor.y - (anchor.y - vp.panY) * k };
}

// Moves the view by a stage-pixel delta (a pan drag).
export const panBy = (vp: Viewport, dx: number, dy: number): Viewport => ({ ...vp, panX: vp.panX + dx, panY: vp.panY + dy });

// A drag from `a` to `b` (percent, any direction) as a box with positive size inside the image.
export function normalizeRect(a: Pt, b: Pt): Rect {
  const x1 = clamp(Math.min(a.x, b.x), 0, 100);
  const y1 = clamp(Math.min(a.y, b.y), 0, 100);
  const x2 = clamp(Math.max(a.x, b.x), 0, 100);
  const y2 = clamp(Math.max(a.y, b.y), 0, 100);
  return { x: x1, y: y1, width: x2 - x1, height: y2 - y1 };
}

// Keeps a box (percent) in the image: unrotated, wholly inside (x + width <= 100); rotated,
// its corner in 0..100 (the server's rule: a turned box may leave the unrotated bounds).
export function clampRect<R extends Rect>(r: R): R {
  if (r.rotation) return { ...r, x: clamp(r.x, 0, 100), y: clamp(r.y, 0, 100), width: clamp(r.width, 0, 100), height: clamp(r.height, 0, 100) };
  const width = clamp(r.width, 0, 100);
  const height = clamp(r.height, 0, 100);
  return { ...r, width, height, x: clamp(r.x, 0, 100 - width), y: clamp(r.y, 0, 100 - height) };
}

// Degrees in [0, 360).
export function normalizeDegrees(d: number): number {
  const n = ((d % 360) + 360) % 360;
  return n >= 360 - 1e-9 ? 0 : n;
}

function rotate(p: Pt, about: Pt, degrees: number): Pt {
  const t = (degrees * Math.PI) / 180;
  const dx = p.x - about.x;
  const dy = p.y - about.y;
  // Clockwise on screen (y points down) is a positive angle in these coordinates.
  return { x: about.x + dx * Math.cos(t) - dy * Math.sin(t), y: about.y + dx * Math.sin(t) + dy * Math.cos(t) };
}

// The four corners of a box in an isotropic plane, clockwise from (x, y).
export function rectCorners(r: Rect): Pt[] {
  const o = { x: r.x, y: r.y };
  const c = [o, { x: r.x + r.width, y: r.y }, { x: r.x + r.width, y: r.y + r.height }, { x: r.x, y: r.y + r.height }];
  return r.rotation ? c.map((p) => rotate(p, o, r.rotation!)) : c;
}

export function pointInRect(p: Pt, r: Rect): boolean {
  const q = r.rotation ? rotate(p, { x: r.x, y: r.y }, -r.rotation) : p;
  return q.x >= r.x && q.x <= r.x + r.width && q.y >= r.y && q.y <= r.y + r.height;
}

// Even-odd ray casting; the last point joins the first.
export function pointInPolygon(p: Pt, pts: Pt[]): boolean {
  let inside = false;
  for (let i = 0, j = pts.length - 1; i < pts.length; j = i++) {
    const a = pts[i]!;
    const b = pts[j]!;
    if (a.y > p.y !== b.y > p.y && p.x < ((b.x - a.x) * (p.y - a.y)) / (b.y - a.y) + a.x) inside = !inside;
  }
  return inside;
}

export function distanceToSegment(p: Pt, a: Pt, b: Pt): number {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : clamp(((p.x - a.x) * dx + (p.y - a.y) * dy) / len2, 0, 1);
  return Math.hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy));
}

// Distance to an open line (`closed`: also the segment from the last point to the first).
export function distanceToPolyline(p: Pt, pts: Pt[], closed = false): number {
  if (pts.length === 0) return Infinity;
  if (pts.length === 1) return Math.hypot(p.x - pts[0]!.x, p.y - pts[0]!.y);
  let best = Infinity;
  for (let i = 1; i < pts.length; i++) best = Math.min(best, distanceToSegment(p, pts[i - 1]!, pts[i]!));
  if (closed && pts.length > 2) best = Math.min(best, distanceToSegment(p, pts[pts.length - 1]!, pts[0]!));
  return best;
}

// What a region is for hit testing, in base pixels.
export type HitShape =
  | { kind: 'rect'; rect: Rect }
  | { kind: 'polygon'; points: Pt[] }
  | { kind: 'line'; points: Pt[] }
  | { kind: 'point'; point: Pt };

// The region under `p`: the topmost (last drawn) box or polygon containing it, else the closest
// line, point or outline within `tolerance` pixels; -1 when none.
export function regionAt(p: Pt, shapes: HitShape[], tolerance: number): number {
  for (let i = shapes.length - 1; i >= 0; i--) {
    const s = shapes[i]!;
    if (s.kind === 'rect' && pointInRect(p, s.rect)) return i;
    if (s.kind === 'polygon' && pointInPolygon(p, s.points)) return i;
  }
  let best = -1;
  let bestDistance = tolerance;
  shapes.forEach((s, i) => {
    let d = Infinity;
    if (s.kind === 'point') d = Math.hypot(p.x - s.point.x, p.y - s.point.y);
    else if (s.kind === 'line') d = distanceToPolyline(p, s.points);
    else if (s.kind === 'polygon') d = distanceToPolyline(p, s.points, true);
    else d = distanceToPolyline(p, rectCorners(s.rect), true);
    if (d <= bestDistance) {
      bestDistance = d;
      best = i;
    }
  });
  return best;
}
