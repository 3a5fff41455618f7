// Which view shows which control type. Adding a control type to the studio is one view file
// and one line here. `ownsData` types show their data field themselves (a text to mark, an
// image to draw on, outputs to compare), so the page does not show it again above them.
import type { FunctionComponent } from 'preact';
import { AudioSegmentsView } from './audio_segments_view';
import { restoreChoices } from './choices';
import { ChoicesView } from './choices_view';
import type { Answer, ControlValue } from './answer';
import type { StudioControl } from './controls';
import { ImageRegionsView } from './image_view';
import { NumberView } from './number_view';
import { PairwiseView } from './pairwise_view';
import { RankingView } from './ranking_view';
import { RatingView } from './rating_view';
import { RelationsView } from './relations_view';
import { SpansView } from './spans_view';
import { TextView } from './text_view';
import { VideoSegmentsView } from './video_segments_view';
import { VideoTracksView } from './video_tracks_view';
import type { ViewProps } from './view';

type Type = StudioControl['type'];
type ViewOf<T extends Type> = FunctionComponent<ViewProps<Extract<StudioControl, { type: T }>>>;

const views: { [T in Type]?: ViewOf<T> } = {
  choices: ChoicesView,
  rating: RatingView,
  number: NumberView,
  text: TextView,
  pairwise: PairwiseView,
  ranking: RankingView,
  spans: SpansView,
  relations: RelationsView,
  rectangles: ImageRegionsView,
  polygons: ImageRegionsView,
  polylines: ImageRegionsView,
  keypoints: ImageRegionsView,
  audio_segments: AudioSegmentsView,
  video_segments: VideoSegmentsView,
  video_tracks: VideoTracksView,
};

const ownsData = new Set<Type>(['pairwise', 'ranking', 'spans', 'rectangles', 'polygons', 'polylines', 'keypoints', 'audio_segments', 'video_segments', 'video_tracks']);

export function hasView(control: StudioControl): boolean {
  return views[control.type] !== undefined;
}

export function showsItsData(control: StudioControl): boolean {
  return ownsData.has(control.type);
}

export function ControlView(props: ViewProps) {
  const View = views[props.control.type] as FunctionComponent<ViewProps> | undefined;
  if (!View) {
    return (
      <p class="error" role="alert">
        The control “{props.control.name}” ({props.control.type === 'unknown' ? props.control.declared : props.control.type})
        cannot be shown in this version of the studio.
      </p>
    );
  }
  return <View {...props} />;
}

// The value a saved draft holds for `control`, or undefined when it is unusable.
export function restoreValue(saved: unknown, control: StudioControl): ControlValue | undefined {
  if (control.type === 'choices') return restoreChoices(saved, control);
  if (saved === null || typeof saved !== 'object' || Array.isArray(saved)) return undefined;
  return saved as ControlValue;
}

// The answer a stored result (a draft, an annotation under review) stands for, keeping only
// what the current controls can use.
export function restoreAnswer(result: unknown, controls: StudioControl[]): Answer {
  const restored: Answer = {};
  if (result === null || typeof result !== 'object') return restored;
  for (const control of controls) {
    const value = restoreValue((result as Record<string, unknown>)[control.name], control);
    if (value !== undefined) restored[control.name] = value;
  }
  return restored;
}
