import { describe, expect, it } from 'vitest';
import type { KeypointsControl, PolygonsControl, RectanglesControl } from './controls';
import { fitViewport, regionAt } from './geometry';
import {
  centredBox,
  cycleSelection,
  hitShapes,
  moveRegion,
  nextKeypointLabel,
  placeKeypoint,
  readRegions,
  removeSelected,
  resizeBox,
  roundBox,
  selectables,
  writeRegions,
  type Box,
  type Instance,
  type Shape,
} from './image_regions';

const base = { instruction: '', required: false, to: 'image', hotkeys: [] as string[] };
const boxes: RectanglesControl = { ...base, type: 'rectangles', name: 'boxes', labels: ['car', 'person'], hotkeys: ['c', 'x'], rotation: true };
const masks: PolygonsControl = { ...base, type: 'polygons', name: 'masks', labels: ['road'] };
const pose: KeypointsControl = { ...base, type: 'keypoints', name: 'pose', labels: ['nose', 'left_eye', 'right_eye'], skeleton: [[0, 1], [0, 2]] };

describe('values', () => {
  it('reads and writes under each type key', () => {
    const list = [{ points: [[0, 0], [1, 1], [2, 0]], label: 'road' }];
    expect(writeRegions(masks, list as Shape[])).toEqual({ polygons: list });
    expect(readRegions(masks, { polygons: list })).toEqual(list);
    expect(readRegions(pose, undefined)).toEqual([]);
    expect(writeRegions(pose, [])).toEqual({ instances: [] });
  });
  it('rounds a box so it still ends inside the image', () => {
    const b = roundBox({ x: 33.33335, y: 0, width: 66.66665, height: 10, label: 'car' }, false);
    expect(b.x + b.width).toBeLessThanOrEqual(100);
    expect(b).not.toHaveProperty('rotation');
    expect(roundBox({ x: 1, y: 2, width: 3, height: 4, rotation: -30, label: 'car' }, true).rotation).toBe(330);
  });
});

describe('moving and resizing', () => {
  it('keeps a moved box inside the image', () => {
    const b: Box = { x: 90, y: 10, width: 8, height: 8, label: 'car' };
    expect(moveRegion(b, 5, -20)).toEqual({ x: 92, y: 0, width: 8, height: 8, label: 'car' });
  });
  it('moves a shape as far as its extreme point allows', () => {
    const s: Shape = { points: [[10, 10], [20, 10], [15, 95]], label: 'road' };
    expect(moveRegion(s, 3, 10)).toEqual({ points: [[13, 15], [23, 15], [18, 100]], label: 'road' });
  });
  it('moves only the selected keypoint', () => {
    const inst: Instance = { points: [{ label: 'nose', x: 50, y: 50 }, { label: 'left_eye', x: 40, y: 40 }] };
    expect(moveRegion(inst, 1, 2, 'left_eye')).toEqual({ points: [{ label: 'nose', x: 50, y: 50 }, { label: 'left_eye', x: 41, y: 42 }] });
  });
  it('resizes a box, never below half a percent', () => {
    const b = centredBox('car', true);
    expect(b).toEqual({ x: 40, y: 40, width: 20, height: 20, rotation: 0, label: 'car' });
    expect(resizeBox(b, 5, -30)).toEqual({ ...b, width: 25, height: 0.5 });
  });
});

describe('keypoints', () => {
  it('places points into an instance and advances the label', () => {
    let { regions, index } = placeKeypoint([], null, 'nose', { x: 50, y: 40 });
    expect(index).toBe(0);
    expect(nextKeypointLabel(pose.labels, regions[0] as Instance, 'nose')).toBe('left_eye');
    ({ regions, index } = placeKeypoint(regions, 0, 'left_eye', { x: 47, y: 36 }));
    ({ regions, index } = placeKeypoint(regions, 0, 'right_eye', { x: 53, y: 36 }));
    expect(nextKeypointLabel(pose.labels, regions[0] as Instance, 'right_eye')).toBeNull();
    expect(regions).toEqual([{ points: [{ label: 'nose', x: 50, y: 40 }, { label: 'left_eye', x: 47, y: 36 }, { label: 'right_eye', x: 53, y: 36 }] }]);
    // Placing a label again moves it; a null instance starts a new one.
    ({ regions } = placeKeypoint(regions, 0, 'nose', { x: 51, y: 41 }));
    expect((regions[0] as Instance).points[0]).toEqual({ label: 'nose', x: 51, y: 41 });
    expect(placeKeypoint(regions, null, 'nose', { x: 1, y: 1 }).index).toBe(1);
  });
  it('removes a point, and the instance with its last point', () => {
    const regions: Instance[] = [{ points: [{ label: 'nose', x: 1, y: 1 }, { label: 'left_eye', x: 2, y: 2 }] }];
    expect(removeSelected(regions, { index: 0, point: 'nose' })).toEqual([{ points: [{ label: 'left_eye', x: 2, y: 2 }] }]);
    expect(removeSelected([{ points: [{ label: 'nose', x: 1, y: 1 }] }], { index: 0, point: 'nose' })).toEqual([]);
  });
  it('hit tests each point', () => {
    const vp = fitViewport(200, 100);
    const regions: Instance[] = [{ points: [{ label: 'nose', x: 50, y: 50 }, { label: 'left_eye', x: 10, y: 10 }] }];
    const { shapes, owners } = hitShapes(pose, regions, vp);
    expect(owners[regionAt({ x: 22, y: 11 }, shapes, 6)]).toEqual({ index: 0, point: 'left_eye' });
  });
});

describe('selection and keys', () => {
  it('cycles through regions both ways, wrapping', () => {
    const items = selectables(boxes, [centredBox('car', true), centredBox('car', true)]);
    expect(cycleSelection(items, null, 1)).toEqual({ index: 0 });
    expect(cycleSelection(items, { index: 1 }, 1)).toEqual({ index: 0 });
    expect(cycleSelection(items, { index: 0 }, -1)).toEqual({ index: 1 });
    expect(cycleSelection([], null, 1)).toBeNull();
  });
  it('hit tests a rotated box in base pixels', () => {
    const vp = fitViewport(200, 100);
    const b: Box = { x: 50, y: 50, width: 10, height: 20, rotation: 90, label: 'car' };
    // 10 % of 200 px = 20 px wide, turned 90° clockwise about (100, 50): it lies left of x=100.
    const { shapes } = hitShapes(boxes, [b], vp);
    expect(regionAt({ x: 90, y: 60 }, shapes, 0)).toBe(0);
    expect(regionAt({ x: 110, y: 60 }, shapes, 0)).toBe(-1);
  });
});
