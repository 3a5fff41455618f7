import { describe, expect, it } from 'vitest';
import {
  clampRect,
  distanceToPolyline,
  fitViewport,
  normalizeDegrees,
  normalizeRect,
  percentToStage,
  pointInPolygon,
  pointInRect,
  rectCorners,
  regionAt,
  stageToPercent,
  zoomAbout,
  type Viewport,
} from './geometry';

const close = (a: number, b: number) => expect(a).toBeCloseTo(b, 9);

describe('percent <-> stage', () => {
  const views: Viewport[] = [fitViewport(800, 600), { width: 800, height: 600, zoom: 3.5, panX: -420, panY: 77 }, { width: 96, height: 50, zoom: 0.5, panX: 12, panY: -3 }];
  it('round trips under zoom and pan', () => {
    for (const vp of views) {
      for (const p of [{ x: 0, y: 0 }, { x: 100, y: 100 }, { x: 12.34, y: 87.6 }]) {
        const back = stageToPercent(vp, percentToStage(vp, p));
        close(back.x, p.x);
        close(back.y, p.y);
      }
    }
  });
  it('maps the corners of the image at zoom 1', () => {
    expect(percentToStage(fitViewport(800, 600), { x: 100, y: 50 })).toEqual({ x: 800, y: 300 });
  });
});

describe('zoomAbout', () => {
  it('keeps the anchor point fixed', () => {
    const vp = { width: 800, height: 600, zoom: 1.5, panX: -30, panY: 20 };
    const anchor = { x: 321, y: 123 };
    const before = stageToPercent(vp, anchor);
    const z = zoomAbout(vp, anchor, 4);
    expect(z.zoom).toBe(4);
    const after = stageToPercent(z, anchor);
    close(after.x, before.x);
    close(after.y, before.y);
  });
  it('clamps the zoom', () => {
    expect(zoomAbout(fitViewport(10, 10), { x: 0, y: 0 }, 1000).zoom).toBe(32);
    expect(zoomAbout(fitViewport(10, 10), { x: 0, y: 0 }, 0.01).zoom).toBe(0.5);
  });
});

describe('normalizeRect', () => {
  it('gives a positive size whatever the drag direction', () => {
    const want = { x: 10, y: 20, width: 30, height: 40 };
    expect(normalizeRect({ x: 10, y: 20 }, { x: 40, y: 60 })).toEqual(want);
    expect(normalizeRect({ x: 40, y: 60 }, { x: 10, y: 20 })).toEqual(want);
    expect(normalizeRect({ x: 40, y: 20 }, { x: 10, y: 60 })).toEqual(want);
    expect(normalizeRect({ x: 10, y: 60 }, { x: 40, y: 20 })).toEqual(want);
  });
  it('clamps a drag that leaves the image', () => {
    expect(normalizeRect({ x: 90, y: -5 }, { x: 120, y: 10 })).toEqual({ x: 90, y: 0, width: 10, height: 10 });
  });
  it('clampRect keeps an unrotated box inside and lets a rotated one turn out', () => {
    expect(clampRect({ x: 95, y: -2, width: 10, height: 10 })).toEqual({ x: 90, y: 0, width: 10, height: 10 });
    expect(clampRect({ x: 95, y: 95, width: 10, height: 10, rotation: 30 })).toEqual({ x: 95, y: 95, width: 10, height: 10, rotation: 30 });
  });
});

describe('rotated rectangles', () => {
  it('turns the corners clockwise about (x, y)', () => {
    const c = rectCorners({ x: 10, y: 10, width: 20, height: 10, rotation: 90 });
    close(c[1]!.x, 10);
    close(c[1]!.y, 30);
    close(c[3]!.x, 0);
    close(c[3]!.y, 10);
  });
  it('hit tests inside the turned box only', () => {
    const r = { x: 0, y: 0, width: 20, height: 10, rotation: 90 };
    expect(pointInRect({ x: -5, y: 15 }, r)).toBe(true);
    expect(pointInRect({ x: 5, y: 5 }, r)).toBe(false);
    expect(pointInRect({ x: 5, y: 5 }, { ...r, rotation: 0 })).toBe(true);
  });
  it('normalises degrees into [0, 360)', () => {
    expect(normalizeDegrees(-90)).toBe(270);
    expect(normalizeDegrees(360)).toBe(0);
    expect(normalizeDegrees(725)).toBe(5);
  });
});

describe('polygons and lines', () => {
  const square = [{ x: 0, y: 0 }, { x: 10, y: 0 }, { x: 10, y: 10 }, { x: 0, y: 10 }];
  it('pointInPolygon', () => {
    expect(pointInPolygon({ x: 5, y: 5 }, square)).toBe(true);
    expect(pointInPolygon({ x: 15, y: 5 }, square)).toBe(false);
    const concave = [{ x: 0, y: 0 }, { x: 10, y: 0 }, { x: 5, y: 5 }, { x: 10, y: 10 }, { x: 0, y: 10 }];
    expect(pointInPolygon({ x: 8, y: 5 }, concave)).toBe(false);
    expect(pointInPolygon({ x: 2, y: 5 }, concave)).toBe(true);
  });
  it('distanceToPolyline', () => {
    const line = [{ x: 0, y: 0 }, { x: 10, y: 0 }, { x: 10, y: 10 }];
    close(distanceToPolyline({ x: 5, y: 3 }, line), 3);
    close(distanceToPolyline({ x: 13, y: 14 }, line), 5);
    close(distanceToPolyline({ x: 0, y: 5 }, line), 5);
    close(distanceToPolyline({ x: 0, y: 5 }, square, true), 0);
  });
});

describe('regionAt', () => {
  const shapes = [
    { kind: 'rect' as const, rect: { x: 0, y: 0, width: 50, height: 50 } },
    { kind: 'rect' as const, rect: { x: 20, y: 20, width: 50, height: 50 } },
    { kind: 'line' as const, points: [{ x: 0, y: 90 }, { x: 100, y: 90 }] },
    { kind: 'point' as const, point: { x: 95, y: 10 } },
  ];
  it('picks the topmost box containing the pointer', () => {
    expect(regionAt({ x: 30, y: 30 }, shapes, 5)).toBe(1);
    expect(regionAt({ x: 10, y: 10 }, shapes, 5)).toBe(0);
  });
  it('picks lines and points within the tolerance', () => {
    expect(regionAt({ x: 50, y: 93 }, shapes, 5)).toBe(2);
    expect(regionAt({ x: 93, y: 12 }, shapes, 5)).toBe(3);
    expect(regionAt({ x: 85, y: 50 }, shapes, 5)).toBe(-1);
  });
});
