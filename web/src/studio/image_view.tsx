// The image controls (rectangles, polygons, polylines, keypoints): the task's picture on a Konva
// stage (image_stage.ts) with the regions of one control, in percent of the image's natural size.
// Mouse: drag out a box; click the points of a polygon (click its first point, Enter or
// double-click closes it) or a polyline (Enter or double-click ends it); click to place a
// keypoint (the label then moves on to the next point; N starts a new instance). Click selects,
// drag moves, the handles resize (and rotate where allowed). Wheel zooms about the pointer,
// Space+drag or the middle button pans.
// Keys (while the picture has focus): the label keys shown in the palette choose the label (and
// relabel the selected region); A adds a region at the centre (a box, a keypoint, or for
// polygons and lines a crosshair that the arrows move and Space drops points from; Enter ends);
// Tab / Shift+Tab (while a region is selected) or ] / [ cycle regions; arrows move the selected
// region (Shift: 10×); Alt+arrows (Shift+Alt: 10×) resize a box; Delete removes; Escape cancels
// or deselects; O marks a keypoint occluded; + / - / 0 zoom in, out and to fit.
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { taskMedia } from '../media_url';
import {
  fitViewport,
  panBy,
  percentToStage,
  normalizeRect,
  regionAt,
  stageToBase,
  stageToPercent,
  zoomAbout,
  type Pt,
} from './geometry';
import {
  centredBox,
  clampAll,
  cycleSelection,
  hitShapes,
  moveRegion,
  nextKeypointLabel,
  placeKeypoint,
  readRegions,
  removeSelected,
  resizeBox,
  roundBox,
  roundPoint,
  selectables,
  writeRegions,
  type Box,
  type ImageControl,
  type Instance,
  type Region,
  type Selection,
  type Shape,
} from './image_regions';
import { KeysHelp, NOUN, status, ToolBar } from './image_view_parts';
import { labelKeys, matchesKey } from './label_keys';
import { cycleTool } from './image_group';
import { colorOf, ImageStage, type Draft, type Underlay } from './image_stage';
import type { ViewProps } from './view';

// The other image controls on the same picture (image_group.ts): tools to switch to, and
// their regions, drawn faded under the active tool's.
export interface ImageTools {
  tools: ImageControl[];
  onTool: (name: string) => void;
  others: Underlay[];
}
type ImageViewProps = ViewProps<ImageControl> & { group?: ImageTools };

const TOLERANCE = 6; // Screen pixels within which a click hits a line or a point.
const STEP = 0.5; // Percent an arrow moves at zoom 1; finer when zoomed in.

export function ImageRegionsView(props: ImageViewProps) {
  const media = taskMedia(props.task.data[props.control.to]);
  if (media?.kind !== 'image') {
    return (
      <p class="error" role="alert">
        The field “{props.control.to}” of this task is not an image this page can show, so “{props.control.name}” cannot be
        labelled here.
      </p>
    );
  }
  return <ImageCanvas key={media.src} src={media.src} {...props} />;
}

type Gesture =
  | { kind: 'pan'; last: Pt }
  | { kind: 'rect'; a: Pt; b: Pt }
  | { kind: 'move'; sel: Selection; start: Pt; delta: Pt };

function ImageCanvas({ control, value, onChange, disabled, src, group }: ImageViewProps & { src: string }) {
  const regions = readRegions(control, value);
  const wrap = useRef<HTMLDivElement>(null);
  const holder = useRef<HTMLDivElement>(null);
  const stage = useRef<ImageStage | null>(null);
  const [picture, setPicture] = useState<HTMLImageElement | null>(null);
  const [failed, setFailed] = useState(false);
  const [width, setWidth] = useState(0);
  const [label, setLabel] = useState(control.labels[0] ?? '');
  const [selection, setSelection] = useState<Selection | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [cursor, setCursor] = useState<Pt | null>(null);
  const [instance, setInstance] = useState<number | null>(null);
  const [zoom, setZoom] = useState(1);
  const gesture = useRef<Gesture | null>(null);
  const hover = useRef<Pt | null>(null);
  const space = useRef(false);
  // Unique per instance: the reviewer view shows the same control once per annotation.
  const keysId = `image-keys-${control.name}-${useId()}`;
  // The view's own letters: A adds, N starts an instance, O marks a point occluded, T (when
  // the picture has several tools) switches tools.
  const keys = labelKeys(control.labels, control.hotkeys, group ? 'anot' : 'ano').map((k) => k.key);

  // A new tool starts with its first label and nothing selected or half drawn.
  useEffect(() => {
    setLabel(control.labels[0] ?? '');
    setSelection(null);
    setDraft(null);
    setCursor(null);
    setInstance(null);
    gesture.current = null;
  }, [control.name]);

  // A selection that an undo took away is no selection.
  const sel = validSelection(control, regions, selection);
  const size = displaySize(picture, width);

  useEffect(() => {
    const img = new Image();
    img.onload = () => setPicture(img);
    img.onerror = () => setFailed(true);
    img.src = src;
  }, [src]);

  useEffect(() => {
    const el = wrap.current;
    if (!el) return;
    const observer = new ResizeObserver((entries) => setWidth(Math.floor(entries[0]!.contentRect.width)));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  // The stage is made once the picture and the width are known, and resized after.
  useEffect(() => {
    if (!picture || !size || !holder.current) return;
    if (!stage.current) {
      stage.current = new ImageStage(holder.current, picture, size.width, size.height, {
        pointerDown: (p, e) => latest.current.pointerDown(p, e),
        doubleClick: () => latest.current.doubleClick(),
        transformed: (r) => latest.current.transformed(r),
        wheel: (p, factor) => latest.current.zoomBy(factor, p),
      });
    } else {
      stage.current.resize(size.width, size.height);
    }
    setZoom(1);
  }, [picture, size?.width, size?.height]);

  useEffect(() => () => stage.current?.destroy(), []);

  function draw() {
    const g = gesture.current;
    let active: Region | null = sel ? regions[sel.index]! : null;
    if (active && g?.kind === 'move' && (g.delta.x !== 0 || g.delta.y !== 0)) active = moveRegion(active, g.delta.x, g.delta.y, sel?.point);
    const shownDraft: Draft | null =
      g?.kind === 'rect' ? { kind: 'rect', a: g.a, b: g.b } : draft?.kind === 'path' ? { ...draft, hover: cursor ?? hover.current } : null;
    const others = group?.others ?? [];
    stage.current?.render({ control, others, regions, selection: sel, active, draft: shownDraft, cursor, transforming: g?.kind !== 'move' });
  }
  useEffect(draw);

  const commit = (next: Region[]) => onChange(writeRegions(control, next));
  const replace = (index: number, r: Region) => commit(regions.map((x, i) => (i === index ? r : x)));
  const tidy = (r: Region): Region =>
    control.type === 'rectangles' ? roundBox(r as Box, control.rotation) : 'points' in r && control.type !== 'keypoints' ? { ...(r as Shape), points: clampAll((r as Shape).points) } : r;

  function place(p: Pt, select: boolean) {
    const placed = placeKeypoint(regions, instance, label, p);
    commit(placed.regions);
    setSelection(select ? { index: placed.index, point: label } : null);
    const after = nextKeypointLabel(control.labels, placed.regions[placed.index] as Instance, label);
    setInstance(after === null ? null : placed.index);
    setLabel(after ?? control.labels[0] ?? '');
  }

  function finishPath() {
    if (draft?.kind !== 'path') return;
    const vp = stage.current?.viewport ?? fitViewport(1, 1);
    // A double click drops two points on one spot: keep one.
    const points = draft.points.filter((p, i, all) => {
      if (i === 0) return true;
      const a = percentToStage(vp, all[i - 1]!);
      const b = percentToStage(vp, p);
      return Math.hypot(a.x - b.x, a.y - b.y) >= 4;
    });
    if (points.length < (control.type === 'polygons' ? 3 : 2)) {
      setDraft({ ...draft, points });
      return;
    }
    commit([...regions, { points: points.map(roundPoint), label }]);
    setDraft(null);
    setCursor(null);
  }

  // Konva reports quick clicks in different places as double clicks too; only two clicks on one
  // spot (the second dropped a point onto the first) end a shape.
  function doubleClick() {
    if (draft?.kind !== 'path' || draft.points.length < 2 || !stage.current) return;
    const vp = stage.current.viewport;
    const a = percentToStage(vp, draft.points[draft.points.length - 1]!);
    const b = percentToStage(vp, draft.points[draft.points.length - 2]!);
    if (Math.hypot(a.x - b.x, a.y - b.y) < 4) finishPath();
  }

  function addPathPoint(p: Pt, stagePoint: Pt | null) {
    if (draft?.kind !== 'path') return;
    const vp = stage.current!.viewport;
    const first = draft.points[0];
    if (control.type === 'polygons' && first && draft.points.length >= 3) {
      const f = percentToStage(vp, first);
      const s = stagePoint ?? percentToStage(vp, p);
      if (Math.hypot(f.x - s.x, f.y - s.y) <= TOLERANCE + 2) {
        finishPath();
        return;
      }
    }
    setDraft({ ...draft, points: [...draft.points, p] });
  }

  function pointerDown(s: Pt, e: MouseEvent) {
    wrap.current?.focus({ preventScroll: true });
    const st = stage.current;
    if (disabled || !st) return;
    const vp = st.viewport;
    const p = stageToPercent(vp, s);
    if (e.button === 1 || (e.button === 0 && space.current)) {
      e.preventDefault();
      follow({ kind: 'pan', last: s });
      return;
    }
    if (e.button !== 0) return;
    if (draft?.kind === 'path') {
      addPathPoint(p, s);
      return;
    }
    const { shapes, owners } = hitShapes(control, regions, vp);
    // The selected region is tried first, so an overlapped one stays grabbable.
    const mine = owners.map((o, i) => (sel && o.index === sel.index && o.point === sel.point ? i : -1)).filter((i) => i >= 0);
    const onMine = mine.length > 0 && regionAt(stageToBase(vp, s), mine.map((i) => shapes[i]!), TOLERANCE / vp.zoom) >= 0;
    const hit = onMine ? mine[0]! : regionAt(stageToBase(vp, s), shapes, TOLERANCE / vp.zoom);
    if (hit >= 0) {
      const owner = owners[hit]!;
      setSelection(owner);
      follow({ kind: 'move', sel: owner, start: p, delta: { x: 0, y: 0 } });
      return;
    }
    if (sel) {
      setSelection(null);
      return;
    }
    if (control.type === 'rectangles') follow({ kind: 'rect', a: p, b: p });
    else if (control.type === 'keypoints') place(p, false);
    else {
      setCursor(null);
      setDraft({ kind: 'path', points: [p], hover: null });
    }
  }

  // Follows the mouse on the window until the button is released.
  function follow(g: Gesture) {
    gesture.current = g;
    const move = (e: MouseEvent) => {
      const st = stage.current;
      const cur = gesture.current;
      if (!st || !cur) return;
      const s = st.pointer(e);
      if (cur.kind === 'pan') {
        st.setViewport(panBy(st.viewport, s.x - cur.last.x, s.y - cur.last.y));
        cur.last = s;
        return;
      }
      const p = stageToPercent(st.viewport, s);
      if (cur.kind === 'rect') cur.b = p;
      else cur.delta = { x: p.x - cur.start.x, y: p.y - cur.start.y };
      latest.current.draw();
    };
    const up = () => {
      window.removeEventListener('mousemove', move);
      window.removeEventListener('mouseup', up);
      const cur = gesture.current;
      gesture.current = null;
      if (cur) latest.current.endGesture(cur);
    };
    window.addEventListener('mousemove', move);
    window.addEventListener('mouseup', up);
  }

  function endGesture(g: Gesture) {
    const vp = stage.current?.viewport;
    if (g.kind === 'rect' && vp) {
      const r = normalizeRect(g.a, g.b);
      // Less than 4 screen pixels a side is a click, not a box.
      if ((r.width * vp.width * vp.zoom) / 100 >= 4 && (r.height * vp.height * vp.zoom) / 100 >= 4) {
        commit([...regions, roundBox({ ...r, label, ...(control.type === 'rectangles' && control.rotation ? { rotation: 0 } : {}) }, rectRotation())]);
      }
    } else if (g.kind === 'move' && (g.delta.x !== 0 || g.delta.y !== 0)) {
      const r = regions[g.sel.index];
      if (r) replace(g.sel.index, tidy(moveRegion(r, g.delta.x, g.delta.y, g.sel.point)));
    }
    draw();
  }

  const rectRotation = () => control.type === 'rectangles' && control.rotation;

  function transformed(r: Region) {
    if (!sel) return;
    const old = regions[sel.index] as Box | Shape;
    replace(sel.index, tidy({ ...r, label: old.label } as Region));
  }

  function zoomBy(factor: number, about?: Pt) {
    const st = stage.current;
    if (!st) return;
    const vp = st.viewport;
    const next = factor === 0 ? fitViewport(vp.width, vp.height) : zoomAbout(vp, about ?? { x: vp.width / 2, y: vp.height / 2 }, vp.zoom * factor);
    st.setViewport(next);
    setZoom(next.zoom);
  }

  function chooseLabel(l: string) {
    setLabel(l);
    if (sel && control.type !== 'keypoints') replace(sel.index, { ...(regions[sel.index] as Box | Shape), label: l });
  }

  function onKeyDown(e: KeyboardEvent) {
    if (disabled || e.isComposing) return;
    const use = (fn: () => void) => {
      e.preventDefault();
      fn();
    };
    const vp = stage.current?.viewport ?? fitViewport(1, 1);
    const step = ((e.shiftKey ? 10 : 1) * STEP) / vp.zoom;
    const arrow = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] }[e.key];
    const labelAt = keys.findIndex((k) => matchesKey(k, e));
    if (labelAt >= 0) return use(() => chooseLabel(control.labels[labelAt]!));
    if (e.ctrlKey || e.metaKey) return;
    const k = e.key.length === 1 ? e.key.toLowerCase() : e.key;
    if (arrow) {
      const [dx, dy] = arrow as [number, number];
      if (cursor) return use(() => setCursor(roundPointPt({ x: cursor.x + dx * step, y: cursor.y + dy * step })));
      if (!sel) return;
      const r = regions[sel.index]!;
      if (e.altKey) {
        if (control.type === 'rectangles') use(() => replace(sel.index, tidy(resizeBox(r as Box, dx * step, dy * step))));
        return;
      }
      return use(() => replace(sel.index, tidy(moveRegion(r, dx * step, dy * step, sel.point))));
    }
    if (e.altKey) return;
    if (group && k === 't') return use(() => group.onTool(cycleTool(group.tools, control.name, e.shiftKey ? -1 : 1).name));
    switch (k) {
      case 'a':
        return use(() => {
          if (control.type === 'rectangles') {
            commit([...regions, centredBox(label, control.rotation)]);
            setSelection({ index: regions.length });
          } else if (control.type === 'keypoints') {
            place({ x: 50, y: 50 }, true);
          } else {
            setSelection(null);
            setDraft({ kind: 'path', points: [], hover: null });
            setCursor({ x: 50, y: 50 });
          }
        });
      case 'n':
        if (control.type !== 'keypoints') return;
        return use(() => {
          setInstance(null);
          setLabel(control.labels[0] ?? '');
          setSelection(null);
        });
      case 'o': {
        if (control.type !== 'keypoints' || sel?.point === undefined) return;
        const inst = regions[sel.index] as Instance;
        return use(() =>
          replace(sel.index, {
            points: inst.points.map((p) => {
              if (p.label !== sel.point) return p;
              const { occluded, ...rest } = p;
              return occluded ? rest : { ...rest, occluded: true };
            }),
          }),
        );
      }
      case ' ':
        if (cursor && draft?.kind === 'path') return use(() => addPathPoint(cursor, null));
        space.current = true;
        return use(() => undefined);
      case 'Enter':
        if (draft?.kind === 'path') return use(finishPath);
        return;
      case 'Escape':
        if (draft || cursor) {
          return use(() => {
            setDraft(null);
            setCursor(null);
          });
        }
        if (sel) return use(() => setSelection(null));
        return;
      case 'Delete':
      case 'Backspace':
        if (draft?.kind === 'path' && draft.points.length > 0) return use(() => setDraft({ ...draft, points: draft.points.slice(0, -1) }));
        if (!sel) return;
        return use(() => {
          commit(removeSelected(regions, sel));
          setSelection(null);
        });
      case 'Tab':
        if (!sel) return;
        return use(() => setSelection(cycleSelection(selectables(control, regions), sel, e.shiftKey ? -1 : 1)));
      case ']':
      case '[':
        return use(() => setSelection(cycleSelection(selectables(control, regions), sel, k === ']' ? 1 : -1)));
      case '+':
      case '=':
        return use(() => zoomBy(1.25));
      case '-':
        return use(() => zoomBy(1 / 1.25));
      case '0':
        return use(() => zoomBy(0));
    }
  }

  const latest = useRef({ pointerDown, doubleClick, transformed, zoomBy, draw, endGesture });
  latest.current = { pointerDown, doubleClick, transformed, zoomBy, draw, endGesture };

  const [one, many] = NOUN[control.type];
  const selected = sel ? regions[sel.index] : null;
  return (
    <div class="image-regions">
      {group ? <ToolBar tools={group.tools} active={control.name} onTool={group.onTool} /> : null}
      <div class="image-toolbar">
        <fieldset class="image-labels" disabled={disabled}>
          <legend>{control.instruction || control.name}</legend>
          {control.labels.map((l, i) => (
            <button
              type="button"
              key={l}
              class={l === label ? 'choice chosen' : 'choice'}
              aria-pressed={l === label}
              aria-keyshortcuts={keys[i] || undefined}
              onClick={() => chooseLabel(l)}
            >
              <span class="swatch" style={{ background: colorOf(control, l) }} />
              {keys[i] ? <kbd>{keys[i]}</kbd> : null}
              <span>{l}</span>
            </button>
          ))}
        </fieldset>
        <span class="image-zoom">
          <button type="button" onClick={() => zoomBy(1 / 1.25)} aria-label="Zoom out">
            − <kbd>-</kbd>
          </button>
          <button type="button" onClick={() => zoomBy(0)} aria-label="Fit the image">
            {Math.round(zoom * 100)}% <kbd>0</kbd>
          </button>
          <button type="button" onClick={() => zoomBy(1.25)} aria-label="Zoom in">
            + <kbd>+</kbd>
          </button>
        </span>
      </div>
      <div
        class="image-stage"
        ref={wrap}
        tabIndex={0}
        role="application"
        aria-label={`The ${control.to} to label with ${many}; press A to add one`}
        aria-describedby={keysId}
        onKeyDown={onKeyDown}
        onKeyUp={(e) => {
          if (e.key === ' ') space.current = false;
        }}
        onMouseMove={(e) => {
          if (draft?.kind !== 'path' || cursor || !stage.current) return;
          hover.current = stageToPercent(stage.current.viewport, stage.current.pointer(e));
          draw();
        }}
        onContextMenu={(e) => e.preventDefault()}
      >
        {failed ? <p class="error">The image could not be loaded.</p> : picture ? null : <p class="muted">Loading the image…</p>}
        <div ref={holder} class="image-holder" />
      </div>
      <p class="image-status small" aria-live="polite" data-testid={`image-status-${control.name}`}>
        {status(control, regions.length, one, many, label, sel, selected, draft, cursor, instance)}
      </p>
      <details class="image-keys small" id={keysId}>
        <summary>Keys</summary>
        <KeysHelp control={control} tools={group !== undefined} />
      </details>
    </div>
  );
}

const roundPointPt = (p: Pt): Pt => {
  const [x, y] = roundPoint(p);
  return { x, y };
};

function validSelection(control: ImageControl, regions: Region[], s: Selection | null): Selection | null {
  if (!s) return null;
  const r = regions[s.index];
  if (!r) return null;
  if (control.type === 'keypoints' && !(r as Instance).points.some((p) => p.label === s.point)) return null;
  return s;
}

// The picture fits the width, and at most 70 % of the window's height.
function displaySize(picture: HTMLImageElement | null, width: number): { width: number; height: number } | null {
  if (!picture || width <= 0 || picture.naturalWidth === 0) return null;
  const aspect = picture.naturalHeight / picture.naturalWidth;
  const maxHeight = Math.max(200, window.innerHeight * 0.7);
  let w = width;
  if (w * aspect > maxHeight) w = maxHeight / aspect;
  return { width: Math.floor(w), height: Math.floor(w * aspect) };
}
