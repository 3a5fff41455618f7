// Image controls that read the same picture share one canvas: the annotate page shows the
// picture once, with a tool per control (boxes, polygons, ...), instead of one copy per control.
import type { StudioControl } from './controls';
import type { ImageControl } from './image_regions';

export type RenderItem = { kind: 'one'; control: StudioControl } | { kind: 'image'; controls: ImageControl[] };

const IMAGE_TYPES = new Set<string>(['rectangles', 'polygons', 'polylines', 'keypoints']);
export const isImageControl = (control: StudioControl): control is ImageControl => IMAGE_TYPES.has(control.type);

// The controls in display order, each image control joined to the first one that reads the
// same data field (shown where that first one stands).
export function renderItems(controls: StudioControl[]): RenderItem[] {
  const items: RenderItem[] = [];
  const byField = new Map<string, ImageControl[]>();
  for (const control of controls) {
    if (!isImageControl(control)) {
      items.push({ kind: 'one', control });
      continue;
    }
    const group = byField.get(control.to);
    if (group) {
      group.push(control);
      continue;
    }
    const controls = [control];
    byField.set(control.to, controls);
    items.push({ kind: 'image', controls });
  }
  return items;
}

// The tool `steps` places after `current` among `tools`, wrapping around.
export function cycleTool(tools: ImageControl[], current: string, steps: number): ImageControl {
  const at = Math.max(0, tools.findIndex((t) => t.name === current));
  return tools[(((at + steps) % tools.length) + tools.length) % tools.length]!;
}
