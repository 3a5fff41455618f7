// The label interface as the studio reads it: one typed control per entry of
// `label_interface.controls`, with the defaults docs/label-interface.md gives filled in, so a
// view never guesses. The server validated the interface when it was saved; a control this
// file cannot read (a newer type, a broken field) becomes `unknown` and is shown as such.
import type { LabelInterface } from '../types';
import { DEFAULT_FPS } from './media_time';

interface Base {
  name: string;
  instruction: string;
  required: boolean;
}
interface Regions extends Base {
  to: string;
  labels: string[];
  hotkeys: string[]; // Empty, or one per label.
}

export interface ChoicesControl extends Base {
  type: 'choices';
  to: string;
  options: string[];
  multiple: boolean;
  ambiguous: boolean; // {"ambiguous": true} is an answer instead of options.
  hotkeys: string[];
}
export interface SpansControl extends Regions {
  type: 'spans';
  overlap: boolean;
}
export interface RelationsControl extends Base {
  type: 'relations';
  between: string;
  labels: string[];
  directed: boolean;
}
export interface RectanglesControl extends Regions {
  type: 'rectangles';
  rotation: boolean;
}
export interface PolygonsControl extends Regions {
  type: 'polygons';
}
export interface PolylinesControl extends Regions {
  type: 'polylines';
}
export interface KeypointsControl extends Regions {
  type: 'keypoints';
  skeleton: [number, number][];
}
export interface AudioSegmentsControl extends Regions {
  type: 'audio_segments';
  transcription: boolean;
}
export interface VideoSegmentsControl extends Regions {
  type: 'video_segments';
  frame_rate: number; // Frames per second, for frame steps (browsers do not expose it).
}
export interface VideoTracksControl extends Regions {
  type: 'video_tracks';
  rotation: boolean;
  frame_rate: number;
}
export interface PairwiseControl extends Base {
  type: 'pairwise';
  to: [string, string];
  prompt: string; // '' when there is none.
  allow_tie: boolean;
  allow_both_bad: boolean;
}
export interface RankingControl extends Base {
  type: 'ranking';
  to: string;
  prompt: string;
}
export interface RatingControl extends Base {
  type: 'rating';
  to: string; // '' when the control reads no field.
  min: number;
  max: number;
}
export interface NumberControl extends Base {
  type: 'number';
  to: string;
  min: number | null;
  max: number | null;
  integer: boolean;
}
export interface TextControl extends Base {
  type: 'text';
  to: string;
  max_length: number;
}
export interface UnknownControl extends Base {
  type: 'unknown';
  declared: string; // The type the interface gave.
}

export type StudioControl =
  | ChoicesControl
  | SpansControl
  | RelationsControl
  | RectanglesControl
  | PolygonsControl
  | PolylinesControl
  | KeypointsControl
  | AudioSegmentsControl
  | VideoSegmentsControl
  | VideoTracksControl
  | PairwiseControl
  | RankingControl
  | RatingControl
  | NumberControl
  | TextControl
  | UnknownControl;

type Raw = Record<string, unknown>;
const str = (v: unknown, fallback = '') => (typeof v === 'string' ? v : fallback);
const bool = (v: unknown, fallback = false) => (typeof v === 'boolean' ? v : fallback);
const strings = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);
// The server refuses rates outside 1..1000 frames per second; 25 when the interface names none.
const frameRate = (v: unknown) => {
  const rate = num(v);
  return rate !== null && rate >= 1 && rate <= 1000 ? rate : DEFAULT_FPS;
};

function readControl(raw: Raw): StudioControl {
  const base: Base = { name: str(raw.name), instruction: str(raw.instruction), required: bool(raw.required) };
  const regions = { ...base, to: str(raw.to), labels: strings(raw.labels), hotkeys: strings(raw.hotkeys) };
  switch (raw.type) {
    case 'choices':
      return { ...base, type: 'choices', to: str(raw.to), options: strings(raw.options), multiple: bool(raw.multiple), ambiguous: bool(raw.ambiguous), hotkeys: strings(raw.hotkeys) };
    case 'spans':
      return { ...regions, type: 'spans', overlap: bool(raw.overlap) };
    case 'relations':
      return { ...base, type: 'relations', between: str(raw.between), labels: strings(raw.labels), directed: bool(raw.directed, true) };
    case 'rectangles':
      return { ...regions, type: 'rectangles', rotation: bool(raw.rotation) };
    case 'polygons':
      return { ...regions, type: 'polygons' };
    case 'polylines':
      return { ...regions, type: 'polylines' };
    case 'keypoints': {
      const edges = Array.isArray(raw.skeleton) ? raw.skeleton : [];
      const skeleton = edges.filter(
        (e): e is [number, number] => Array.isArray(e) && e.length === 2 && e.every((i) => Number.isInteger(i)),
      );
      return { ...regions, type: 'keypoints', skeleton };
    }
    case 'audio_segments':
      return { ...regions, type: 'audio_segments', transcription: bool(raw.transcription) };
    case 'video_segments':
      return { ...regions, type: 'video_segments', frame_rate: frameRate(raw.frame_rate) };
    case 'video_tracks':
      return { ...regions, type: 'video_tracks', rotation: bool(raw.rotation), frame_rate: frameRate(raw.frame_rate) };
    case 'pairwise': {
      const to = strings(raw.to);
      if (to.length !== 2) break;
      return {
        ...base,
        type: 'pairwise',
        to: [to[0]!, to[1]!],
        prompt: str(raw.prompt),
        allow_tie: bool(raw.allow_tie),
        allow_both_bad: bool(raw.allow_both_bad),
      };
    }
    case 'ranking':
      return { ...base, type: 'ranking', to: str(raw.to), prompt: str(raw.prompt) };
    case 'rating':
      return { ...base, type: 'rating', to: str(raw.to), min: num(raw.min) ?? 1, max: num(raw.max) ?? 5 };
    case 'number':
      return { ...base, type: 'number', to: str(raw.to), min: num(raw.min), max: num(raw.max), integer: bool(raw.integer) };
    case 'text':
      return { ...base, type: 'text', to: str(raw.to), max_length: num(raw.max_length) ?? 10_000 };
  }
  return { ...base, type: 'unknown', declared: str(raw.type, '(none)') };
}

// The interface's controls in display order.
export function studioControls(labelInterface: LabelInterface | null | undefined): StudioControl[] {
  const controls = labelInterface?.controls;
  if (!Array.isArray(controls)) return [];
  return (controls as unknown[])
    .filter((c): c is Raw => c !== null && typeof c === 'object')
    .map(readControl);
}

// The data fields a control shows the annotator (each field once, in this order).
export function fieldsOf(control: StudioControl): string[] {
  switch (control.type) {
    case 'relations':
    case 'unknown':
      return [];
    case 'pairwise':
      return [...(control.prompt ? [control.prompt] : []), ...control.to];
    case 'ranking':
      return [...(control.prompt ? [control.prompt] : []), control.to];
    default:
      return control.to ? [control.to] : [];
  }
}
