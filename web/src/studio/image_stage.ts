// The Konva side of the image view: one stage with an image layer, a static layer holding every
// region but the selected one, and an active layer holding the selected region, its Transformer
// and whatever is being drawn. Only the active layer redraws while a region is dragged or a
// shape is drawn, so a thousand boxes stay smooth; the static layer and the image do not listen
// to the pointer (hit tests are geometry.ts's, not Konva's hit canvas). The view (image_view.tsx)
// owns the state; this file only draws it and reports pointer gestures.
import Konva from 'konva';
import { baseToPercent, fitViewport, normalizeDegrees, percentToBase, type Pt, type Viewport } from './geometry';
import type { Box, ImageControl, Instance, Region, Selection, Shape } from './image_regions';

export const COLORS = ['#e6194b', '#3cb44b', '#4363d8', '#f58231', '#911eb4', '#0fa3b1', '#f032e6', '#9a6324', '#808000', '#000075'];
export const colorOf = (control: ImageControl, label: string) => COLORS[Math.max(0, control.labels.indexOf(label)) % COLORS.length]!;

export type Draft =
  | { kind: 'rect'; a: Pt; b: Pt } // Percent corners of a box being dragged out.
  | { kind: 'path'; points: Pt[]; hover: Pt | null }; // A polygon or polyline being clicked in.

// Another control's regions on the same picture: drawn faded, not editable.
export interface Underlay {
  control: ImageControl;
  regions: Region[];
}

export interface StageState {
  control: ImageControl;
  others: Underlay[]; // The other tools' regions (image_group.ts); [] when the picture has one.
  regions: Region[];
  selection: Selection | null;
  active: Region | null; // The selected region as it is drawn now (moved while dragging).
  draft: Draft | null;
  cursor: Pt | null; // The keyboard's crosshair while a shape is drawn by keys.
  transforming: boolean; // Whether the Transformer may show (not while moving by mouse).
}

export interface StageHandlers {
  pointerDown: (stage: Pt, event: MouseEvent) => void;
  doubleClick: (stage: Pt) => void;
  transformed: (region: Region) => void;
  wheel: (stage: Pt, factor: number) => void; // Zoom by `factor` about that stage point.
}

// What a page-level benchmark reads (window.__chorusStudioStats): how many Konva shapes each
// layer holds and how often the static layer was rebuilt.
interface Stats {
  regions: number;
  staticShapes: number;
  activeShapes: number;
  staticBuilds: number;
}
declare global {
  interface Window {
    __chorusStudioStats?: Stats;
  }
}

const STROKE = 2;
const POINT_RADIUS = 5;

export class ImageStage {
  private stage: Konva.Stage;
  private image: Konva.Image;
  private staticLayer = new Konva.Layer({ listening: false });
  private activeLayer = new Konva.Layer();
  private imageLayer = new Konva.Layer({ listening: false });
  private underLayer = new Konva.Layer({ listening: false, opacity: 0.45 });
  private lastOthers: Underlay[] = [];
  private lastUnderKey: number[] = [];
  private transformer: Konva.Transformer;
  private vp: Viewport;
  private lastStatic: unknown[] = [];
  private lastRegions: Region[] = [];
  private stats: Stats = { regions: 0, staticShapes: 0, activeShapes: 0, staticBuilds: 0 };

  constructor(container: HTMLDivElement, picture: HTMLImageElement, width: number, height: number, private handlers: StageHandlers) {
    this.vp = fitViewport(width, height);
    this.stage = new Konva.Stage({ container, width, height });
    this.image = new Konva.Image({ image: picture, width, height, listening: false });
    this.imageLayer.add(this.image);
    this.transformer = new Konva.Transformer({
      keepRatio: false,
      flipEnabled: false,
      ignoreStroke: true,
      anchorSize: 9,
      borderStroke: '#1a73e8',
      anchorStroke: '#1a73e8',
      // A box never shrinks below 3 pixels on screen.
      boundBoxFunc: (old, next) => (Math.abs(next.width) < 3 || Math.abs(next.height) < 3 ? old : next),
    });
    this.transformer.on('transformend', () => this.onTransformEnd());
    this.stage.add(this.imageLayer, this.underLayer, this.staticLayer, this.activeLayer);
    this.stage.on('mousedown', (e) => {
      if (this.inTransformer(e.target)) return;
      handlers.pointerDown(this.pointer(e.evt), e.evt);
    });
    this.stage.on('dblclick', (e) => handlers.doubleClick(this.pointer(e.evt)));
    this.stage.on('wheel', (e) => {
      e.evt.preventDefault();
      handlers.wheel(this.pointer(e.evt), e.evt.deltaY < 0 ? 1.2 : 1 / 1.2);
    });
    window.__chorusStudioStats = this.stats;
  }

  get viewport(): Viewport {
    return this.vp;
  }

  // The stage point of a mouse event (CSS pixels from the stage's top-left).
  pointer(e: MouseEvent): Pt {
    const box = this.stage.content.getBoundingClientRect();
    return { x: e.clientX - box.left, y: e.clientY - box.top };
  }

  setViewport(vp: Viewport) {
    this.vp = vp;
    this.stage.scale({ x: vp.zoom, y: vp.zoom });
    this.stage.position({ x: vp.panX, y: vp.panY });
    this.stage.batchDraw();
  }

  // A new displayed size (the page was resized): zoom and pan start again from fit.
  resize(width: number, height: number) {
    this.stage.size({ width, height });
    this.image.size({ width, height });
    this.lastStatic = [];
    this.lastRegions = [];
    this.lastUnderKey = [];
    this.setViewport(fitViewport(width, height));
  }

  destroy() {
    this.stage.destroy();
    if (window.__chorusStudioStats === this.stats) delete window.__chorusStudioStats;
  }

  render(s: StageState) {
    this.renderOthers(s.others);
    // The static layer changes only with the regions, the selection, the size or the zoom.
    // A region edited while selected (arrows, a drag) leaves the others as they were: no rebuild.
    const key = [s.control, s.selection?.index, s.selection?.point, this.vp.width, this.vp.zoom, s.regions.length];
    const sel = s.control.type === 'keypoints' ? -1 : (s.selection?.index ?? -1);
    const stale =
      key.some((v, i) => v !== this.lastStatic[i]) || s.regions.some((r, i) => i !== sel && r !== this.lastRegions[i]);
    this.lastRegions = s.regions;
    if (stale) {
      this.lastStatic = key;
      this.staticLayer.destroyChildren();
      s.regions.forEach((r, i) => {
        if (s.control.type !== 'keypoints' && i === s.selection?.index) return;
        this.drawRegion(this.staticLayer, s.control, r, false, i === s.selection?.index ? s.selection.point : undefined);
      });
      this.staticLayer.batchDraw();
      this.stats.staticBuilds++;
      this.stats.staticShapes = this.staticLayer.getChildren().length;
    }
    this.transformer.nodes([]);
    this.transformer.remove();
    this.activeLayer.destroyChildren();
    if (s.active && s.selection) {
      const main = this.drawRegion(this.activeLayer, s.control, s.active, true, s.selection.point);
      if (main && s.transforming && s.control.type !== 'keypoints') {
        this.transformer.rotateEnabled(s.control.type !== 'rectangles' || s.control.rotation);
        this.activeLayer.add(this.transformer);
        this.transformer.nodes([main]);
      }
    }
    if (s.draft) this.drawDraft(s.control, s.draft);
    if (s.cursor) this.drawCursor(s.cursor);
    this.activeLayer.batchDraw();
    this.stats.regions = s.regions.length;
    this.stats.activeShapes = this.activeLayer.getChildren().length;
  }

  // The other tools' regions change only when their answers, the tool, the size or the zoom do.
  private renderOthers(others: Underlay[]) {
    const key = [this.vp.width, this.vp.zoom];
    const last = this.lastOthers;
    const same =
      key.every((v, i) => v === this.lastUnderKey[i]) &&
      others.length === last.length &&
      others.every(
        (o, i) => o.control === last[i]!.control && o.regions.length === last[i]!.regions.length && o.regions.every((r, j) => r === last[i]!.regions[j]),
      );
    if (same) return;
    this.lastOthers = others;
    this.lastUnderKey = key;
    this.underLayer.destroyChildren();
    for (const { control, regions } of others) regions.forEach((r) => this.drawRegion(this.underLayer, control, r, false));
    this.underLayer.batchDraw();
  }

  private base(x: number, y: number): Pt {
    return percentToBase(this.vp, { x, y });
  }

  private common(color: string, active: boolean) {
    return {
      stroke: color,
      strokeWidth: active ? STROKE + 1 : STROKE,
      strokeScaleEnabled: false,
      perfectDrawEnabled: false,
      shadowForStrokeEnabled: false,
      listening: false,
    };
  }

  // Draws one region into `layer`; answers the node a Transformer would take.
  private drawRegion(layer: Konva.Layer, control: ImageControl, r: Region, active: boolean, point?: string): Konva.Shape | null {
    if (control.type === 'keypoints') {
      this.drawInstance(layer, control, r as Instance, active, point);
      return null;
    }
    if (control.type === 'rectangles') {
      const b = r as Box;
      const o = this.base(b.x, b.y);
      const far = this.base(b.x + b.width, b.y + b.height);
      const color = colorOf(control, b.label);
      const rect = new Konva.Rect({
        ...this.common(color, active),
        x: o.x,
        y: o.y,
        width: far.x - o.x,
        height: far.y - o.y,
        rotation: b.rotation ?? 0,
        fill: active ? color + '40' : color + '20',
      });
      layer.add(rect);
      if (active) this.drawLabel(layer, b.label, o, b.rotation ?? 0);
      return rect;
    }
    const shape = r as Shape;
    const color = colorOf(control, shape.label);
    const line = new Konva.Line({
      ...this.common(color, active),
      points: shape.points.flatMap(([x, y]) => {
        const p = this.base(x, y);
        return [p.x, p.y];
      }),
      closed: control.type === 'polygons',
      fill: control.type === 'polygons' ? color + (active ? '40' : '20') : undefined,
      lineJoin: 'round',
    });
    layer.add(line);
    if (active && shape.points.length > 0) this.drawLabel(layer, shape.label, this.base(...shape.points[0]!), 0);
    return line;
  }

  private drawLabel(layer: Konva.Layer, label: string, at: Pt, rotation: number) {
    const size = 12 / this.vp.zoom;
    // Konva draws text on the canvas: a label is never parsed as HTML.
    layer.add(new Konva.Text({ x: at.x, y: at.y - size * 1.3, rotation, text: label, fontSize: size, fill: '#fff', stroke: '#000', strokeWidth: 0.3 / this.vp.zoom, listening: false }));
  }

  private drawInstance(layer: Konva.Layer, control: ImageControl & { type: 'keypoints' }, inst: Instance, active: boolean, point?: string) {
    const at = new Map(inst.points.map((p) => [p.label, this.base(p.x, p.y)]));
    for (const [i, j] of control.skeleton) {
      const a = at.get(control.labels[i] ?? '');
      const b = at.get(control.labels[j] ?? '');
      if (a && b) layer.add(new Konva.Line({ ...this.common(active ? '#1a73e8' : '#ffffff', false), points: [a.x, a.y, b.x, b.y], dash: active ? undefined : [4, 3] }));
    }
    const radius = POINT_RADIUS / this.vp.zoom;
    for (const p of inst.points) {
      const c = at.get(p.label)!;
      const selected = active && p.label === point;
      layer.add(
        new Konva.Circle({
          ...this.common(selected ? '#000' : '#fff', selected),
          x: c.x,
          y: c.y,
          radius: selected ? radius * 1.5 : radius,
          fill: colorOf(control, p.label),
          opacity: p.occluded ? 0.45 : 1,
        }),
      );
      if (selected) this.drawLabel(layer, p.label + (p.occluded ? ' (occluded)' : ''), { x: c.x + radius * 2, y: c.y }, 0);
    }
  }

  private drawDraft(control: ImageControl, d: Draft) {
    const color = '#1a73e8';
    if (d.kind === 'rect') {
      const a = this.base(d.a.x, d.a.y);
      const b = this.base(d.b.x, d.b.y);
      this.activeLayer.add(
        new Konva.Rect({ ...this.common(color, true), x: Math.min(a.x, b.x), y: Math.min(a.y, b.y), width: Math.abs(a.x - b.x), height: Math.abs(a.y - b.y), dash: [6, 4] }),
      );
      return;
    }
    const pts = [...d.points, ...(d.hover ? [d.hover] : [])].flatMap((p) => {
      const q = this.base(p.x, p.y);
      return [q.x, q.y];
    });
    this.activeLayer.add(new Konva.Line({ ...this.common(color, true), points: pts, dash: [6, 4], closed: false }));
    const radius = 4 / this.vp.zoom;
    d.points.forEach((p, i) => {
      const q = this.base(p.x, p.y);
      // The first point of a polygon is larger: clicking it closes the shape.
      const r = i === 0 && control.type === 'polygons' ? radius * 1.6 : radius;
      this.activeLayer.add(new Konva.Circle({ ...this.common(color, false), x: q.x, y: q.y, radius: r, fill: '#fff' }));
    });
  }

  private drawCursor(p: Pt) {
    const q = this.base(p.x, p.y);
    const s = 10 / this.vp.zoom;
    const common = { ...this.common('#1a73e8', true) };
    this.activeLayer.add(new Konva.Line({ ...common, points: [q.x - s, q.y, q.x + s, q.y] }));
    this.activeLayer.add(new Konva.Line({ ...common, points: [q.x, q.y - s, q.x, q.y + s] }));
  }

  private inTransformer(node: Konva.Node | null): boolean {
    for (let n: Konva.Node | null = node; n; n = n.getParent()) if (n === this.transformer) return true;
    return false;
  }

  // A resize or rotation by the Transformer, read back from the node into percent.
  private onTransformEnd() {
    const node = this.transformer.nodes()[0];
    if (!node) return;
    if (node instanceof Konva.Rect) {
      const o = baseToPercent(this.vp, { x: node.x(), y: node.y() });
      const far = baseToPercent(this.vp, { x: node.x() + node.width() * node.scaleX(), y: node.y() + node.height() * node.scaleY() });
      this.handlers.transformed({ x: o.x, y: o.y, width: far.x - o.x, height: far.y - o.y, rotation: normalizeDegrees(node.rotation()), label: '' });
      return;
    }
    if (node instanceof Konva.Line) {
      const t = node.getTransform();
      const flat = node.points();
      const points: [number, number][] = [];
      for (let i = 0; i + 1 < flat.length; i += 2) {
        const p = baseToPercent(this.vp, t.point({ x: flat[i]!, y: flat[i + 1]! }));
        points.push([p.x, p.y]);
      }
      this.handlers.transformed({ points, label: '' });
    }
  }
}
