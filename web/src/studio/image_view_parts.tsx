// The image view's words: the nouns of each control type, the status line, the keys help and
// the tool bar of a picture with several image controls (image_group.ts).
import type { Pt } from './geometry';
import type { Box, ImageControl, Region, Selection } from './image_regions';
import type { Draft } from './image_stage';

export const NOUN: Record<ImageControl['type'], [string, string]> = {
  rectangles: ['box', 'boxes'],
  polygons: ['polygon', 'polygons'],
  polylines: ['line', 'lines'],
  keypoints: ['instance', 'instances'],
};

export function status(
  control: ImageControl,
  count: number,
  one: string,
  many: string,
  label: string,
  sel: Selection | null,
  selected: Region | null | undefined,
  draft: Draft | null,
  cursor: Pt | null,
  instance: number | null,
): string {
  const total = `${count} ${count === 1 ? one : many}`;
  if (draft?.kind === 'path') {
    const how = cursor ? 'arrows move the crosshair, Space drops a point' : 'click to add points';
    const end = control.type === 'polygons' ? 'click the first point, Enter or double-click closes it' : 'Enter or double-click ends it';
    return `Drawing a ${one} (${label}), ${draft.points.length} points: ${how}; ${end}; Escape cancels.`;
  }
  if (sel && selected) {
    const what = control.type === 'keypoints' ? `point ${sel.point} of instance ${sel.index + 1}` : `${one} ${sel.index + 1} (${(selected as Box).label})`;
    return `${total}. Selected: ${what}. Arrows move it, Delete removes it, Escape deselects.`;
  }
  if (control.type === 'keypoints') {
    return `${total}. Next: ${label} of ${instance === null ? 'a new instance' : `instance ${instance + 1}`}; click to place it (N starts a new instance).`;
  }
  return `${total}. Label for new ${many}: ${label}.`;
}

const TOOL_NOUN: Record<ImageControl['type'], string> = { rectangles: 'boxes', polygons: 'polygons', polylines: 'lines', keypoints: 'keypoints' };
// "masks (polygons)"; just "boxes" when the name already says it.
const toolName = (tool: ImageControl) => (tool.name === TOOL_NOUN[tool.type] ? tool.name : `${tool.name} (${TOOL_NOUN[tool.type]})`);

// One button per image control on the picture; T / Shift+T on the picture cycle them.
export function ToolBar({ tools, active, onTool }: { tools: ImageControl[]; active: string; onTool: (name: string) => void }) {
  return (
    <div class="image-tools" role="group" aria-label="Tools (T switches)">
      {tools.map((tool) => (
        <button
          type="button"
          key={tool.name}
          data-tool={tool.name}
          class={tool.name === active ? 'choice chosen' : 'choice'}
          aria-pressed={tool.name === active}
          onClick={() => onTool(tool.name)}
        >
          {toolName(tool)}
        </button>
      ))}
    </div>
  );
}

export function KeysHelp({ control, tools }: { control: ImageControl; tools: boolean }) {
  const add =
    control.type === 'rectangles'
      ? 'adds a box at the centre'
      : control.type === 'keypoints'
        ? 'places the next point at the centre'
        : 'starts a shape with a crosshair: arrows move it, Space drops a point, Enter ends, Backspace takes the last point back';
  return (
    <ul>
      <li>
        Label keys in the palette choose the label{control.type === 'keypoints' ? ' of the next point' : ' (and relabel the selected region)'}.
      </li>
      <li>
        <kbd>A</kbd> {add}.
      </li>
      {control.type === 'keypoints' ? (
        <li>
          <kbd>N</kbd> starts a new instance; <kbd>O</kbd> marks the selected point occluded.
        </li>
      ) : null}
      <li>
        <kbd>Tab</kbd> / <kbd>Shift</kbd>+<kbd>Tab</kbd> (with a region selected) or <kbd>]</kbd> / <kbd>[</kbd> cycle regions;{' '}
        <kbd>Escape</kbd> deselects or cancels; <kbd>Delete</kbd> removes.
      </li>
      <li>
        Arrows move the selection (<kbd>Shift</kbd>: 10×)
        {control.type === 'rectangles' ? (
          <>
            ; <kbd>Alt</kbd>+arrows resize it (<kbd>Shift</kbd>+<kbd>Alt</kbd>: 10×)
          </>
        ) : null}
        .
      </li>
      {tools ? (
        <li>
          <kbd>T</kbd> / <kbd>Shift</kbd>+<kbd>T</kbd> switch to the next / previous tool.
        </li>
      ) : null}
      <li>
        <kbd>+</kbd> / <kbd>-</kbd> / <kbd>0</kbd> zoom in, out, to fit; the wheel zooms about the pointer; <kbd>Space</kbd>+drag or the
        middle button pans.
      </li>
    </ul>
  );
}
