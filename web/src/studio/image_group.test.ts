import { describe, expect, it } from 'vitest';
import { studioControls } from './controls';
import { cycleTool, renderItems } from './image_group';

const controls = studioControls({
  controls: [
    { type: 'choices', name: 'kind', to: 'text', options: ['a', 'b'] },
    { type: 'rectangles', name: 'boxes', to: 'image', labels: ['car'] },
    { type: 'polygons', name: 'masks', to: 'image', labels: ['road'] },
    { type: 'keypoints', name: 'pose', to: 'thumb', labels: ['nose'] },
    { type: 'keypoints', name: 'pose2', to: 'image', labels: ['nose'] },
  ],
});

describe('image control groups', () => {
  it('joins the image controls of one picture where the first of them stands', () => {
    const items = renderItems(controls);
    expect(items.map((i) => (i.kind === 'one' ? i.control.name : i.controls.map((c) => c.name).join('+')))).toEqual([
      'kind',
      'boxes+masks+pose2',
      'pose',
    ]);
  });
  it('cycles tools both ways, wrapping around', () => {
    const group = renderItems(controls)[1]!;
    if (group.kind !== 'image') throw new Error('expected an image group');
    expect(cycleTool(group.controls, 'boxes', 1).name).toBe('masks');
    expect(cycleTool(group.controls, 'pose2', 1).name).toBe('boxes');
    expect(cycleTool(group.controls, 'boxes', -1).name).toBe('pose2');
  });
});
