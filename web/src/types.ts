// The JSON shapes of the Chorus API (/api/v1) that the web app uses. docs/openapi.yaml is
// the contract; keep these in step with it.
import type { PayPolicy } from './pay/pay';
import type { WellbeingHold, WellbeingPolicy } from './wellbeing/wellbeing';
import type { DiversityPolicy } from './diversity/diversity';
import type { DraftPolicy } from './drafts/draft_policy';

export type Id = number | string;

export interface User {
  id: Id;
  email: string;
  display_name?: string;
  role: 'admin' | 'manager' | 'reviewer' | 'annotator' | string;
  tier?: string;
}

// An account as the user list and GET/PATCH /api/v1/users/{id} answer it (admins, managers).
export interface Account extends User {
  display_name: string;
  role: Role;
  tier: Tier;
  // Self-reported, e.g. region, language: shown to administrators and managers only.
  attributes: Record<string, string>;
  pay_rate_cents_per_hour: number | null;
  disabled: boolean;
  created_at: number; // Unix milliseconds.
  version: number;
}

// PATCH /api/v1/users/{id}: `version` is the one read (409 when stale); absent fields stay.
export interface UserPatch {
  version: number;
  role?: Role;
  tier?: Tier;
  attributes?: Record<string, string>; // Replaces them all.
  pay_rate_cents_per_hour?: number | null;
  disabled?: boolean;
}

export interface UserPage {
  users: Account[];
  next_cursor: string | null;
}

// A member of a project (administrators see every project; everyone else only their own).
export interface ProjectMember {
  project_id: Id;
  user_id: Id;
  added_by: Id | null; // null: carried over when membership was introduced.
  added_at: number;
  user: { id: Id; email: string; display_name: string; role: string; disabled: boolean };
}

export interface MemberPage {
  members: ProjectMember[];
  next_cursor: string | null;
}

export interface LoginResponse {
  user: User;
  csrf_token: string;
  expires_at: string;
}

export interface ChoicesControl {
  type: 'choices';
  name: string;
  to: string;
  options: string[];
  multiple: boolean;
  ambiguous?: boolean; // {"ambiguous": true} is an answer instead of options.
}

// Other control types exist (issue 5); the shell only labels choices and shows the rest
// as unsupported.
export interface OtherControl {
  type: string;
  name: string;
  to?: string;
  [key: string]: unknown;
}

export type Control = ChoicesControl | OtherControl;

export interface LabelInterface {
  controls: Control[];
}

export interface Project {
  id: Id;
  name: string;
  description: string;
  label_interface: LabelInterface;
  overlap: number;
  created_at: string;
  version: number;
  task_count?: number;
  submitted_count?: number;
  gold?: GoldPolicy & Partial<QualificationPolicy>; // Older servers leave it out.
  routing?: RoutingPolicy; // Older servers leave it out.
  pay?: PayPolicy; // Older servers leave it out.
  wellbeing?: WellbeingPolicy; // Older servers leave it out.
  diversity?: DiversityPolicy; // Older servers leave it out.
  drafts?: DraftPolicy; // Older servers leave it out.
}

// Tiers and dynamic overlap (docs/openapi.yaml RoutingPolicy; routing/routing.ts has the defaults).
export interface RoutingPolicy {
  required_tier: Tier; // the lowest tier allowed to label (crowd < expert < gold_maker)
  dynamic: boolean;
  max_overlap: number; // at least the project's overlap
  agree_at: number; // 0.5..1
  stop_confidence: number; // 0.5..1; 1 never stops early
  min_labels: number;
  prior_skill: number; // 0..1
  control: string; // "" = the first single choice control
}

// The qualification part of a project's gold policy: a new annotator's first
// `qualification_items` tasks are gold items, passed with at least `qualification_pass` right.
export interface QualificationPolicy {
  qualification_items: number; // 0: no qualification
  qualification_pass: number; // fraction 0..1
  qualification_attempts: number;
}

// Where the caller stands in a project's qualification (the attempt under way, or the last one).
export interface Qualification {
  status: 'in_progress' | 'passed' | 'failed';
  attempt: number;
  answered: number; // answers in this attempt
  correct: number; // right ones among them
  items: number; // answers an attempt takes
}

// What a calibration answer gets back: whether it was right, the reference and why.
export interface CalibrationFeedback {
  correct: boolean;
  reference: AnnotationResult;
  rationale: string;
  qualification: Qualification;
}

// How a project uses gold (control) items; fractions 0..1 (the UI shows percents).
export interface GoldPolicy {
  rate: number; // share of each queue that is gold, at most 0.5
  max_exposures: number; // annotators each gold task is shown to, at most
  warn_below: number; // accuracy under which an annotator is flagged
  pause_below: number; // accuracy under which their queue closes (0: never); at most warn_below
  min_answers: number; // judged gold answers before any verdict
  qualification_items: number; // gold items a new annotator answers first (0: no qualification)
  qualification_pass: number; // share of them to get right
  qualification_attempts: number; // tries allowed
}

export interface NewProject {
  name: string;
  description: string;
  label_interface: LabelInterface;
  overlap: number;
  gold?: Partial<GoldPolicy>;
  routing?: RoutingPolicy; // Sent whole: fields left out take their defaults.
  pay?: PayPolicy; // Sent whole, in cents (pay/pay.ts).
  wellbeing?: WellbeingPolicy; // Sent whole (wellbeing/wellbeing.ts).
  diversity?: DiversityPolicy; // Sent whole (diversity/diversity.ts).
  drafts?: DraftPolicy; // Sent whole (drafts/draft_policy.ts).
}

export interface ProjectPage {
  projects: Project[];
  next_cursor: string | null;
}

export interface Task {
  id: Id;
  data: Record<string, unknown>;
  external_id?: string | null;
  priority?: number;
  created_at?: string;
  sensitive?: boolean; // Disturbing content: the studio shows a content warning.
  // Only in the data browser's list (GET /projects/{p}/tasks): labels per state.
  label_counts?: { submitted: number; skipped: number };
}

// The data browser's filters (GET /projects/{p}/tasks).
export interface TaskQuery {
  q?: string; // a literal, case-insensitive piece of the data's JSON text
  labels?: 'any' | 'unlabelled' | 'labelled';
  order?: 'id' | '-id'; // oldest or newest first
  offset?: number; // rows skipped after the cursor (a jump)
}

export interface TaskPage {
  tasks: Task[];
  next_cursor: string | null;
}

// The caller's own label that a reviewer rejected, back with them to correct (never who
// rejected it). Correcting means PATCHing `annotation` with its version.
export interface ReturnedLabel {
  annotation: Annotation;
  review_id: Id;
  comment: string;
  returned_at: number; // Unix milliseconds.
}

export interface NextTask {
  task: Task;
  expires_at: string;
  draft: Annotation | null; // The caller's own saved draft of the task, if any.
  calibration?: Qualification; // Only while the caller has not passed the qualification.
  returned?: ReturnedLabel | null; // Set when the task is the caller's rejected work.
  // The model's suggested answer to pre-fill (drafts on); null for none, blind or not.
  model_draft?: AnnotationResult | null;
  wellbeing?: undefined;
}

// No task: the wellbeing policy holds back the sensitive work that is left (nothing reserved).
export interface HeldBack {
  task: null;
  wellbeing: WellbeingHold;
}

// What POST /projects/{p}/next answers with a body.
export type NextAnswer = NextTask | HeldBack;

// One version of a project's guidelines (Markdown); versions count from 1 and never change.
export interface Guideline {
  project_id: Id;
  version: number;
  markdown: string;
  author: Id;
  created_at: number;
}

// GET /projects/{p}/stats/me: one's own submitted and skipped answers and their times.
export interface MyStats {
  submitted: number;
  skipped: number;
  active_time_ms: number;
  lead_time_ms: number;
}

// The acknowledgement of a submission; `next` only when asked for (undefined: not sent).
export interface Submitted {
  annotation: Annotation;
  next?: NextAnswer | null;
  calibration?: CalibrationFeedback; // Only for an answer to a qualification task.
}

export interface ImportDuplicate {
  record: number;
  existing_task_id: Id;
}

// One failed record of an import: `record` counts from 0, `line` from 1 in the file.
export interface RecordError {
  record?: number;
  line?: number;
  field?: string;
  message: string;
}

export interface ImportResult {
  inserted: number;
  duplicate_count: number; // All duplicates; `duplicates` lists the first 1,000.
  duplicates: ImportDuplicate[];
  errors: RecordError[];
}

// POST /api/v1/projects/{id}/imports/label-studio: what moved over and what did not.
export interface LabelStudioImport {
  records: number;
  inserted: number;
  duplicates: number;
  errors: RecordError[];
  interface_set: boolean; // The config became the project's label interface.
  unsupported: string[]; // Config tags not mapped, by name and line.
  skipped: string[]; // Cancelled annotations left out.
  gold: number; // Gold references set from ground_truth annotations.
}

// The files POST /api/v1/projects/{id}/imports/{format} reads (docs/server.md, "Import formats").
export type LabelledImportFormat =
  | 'coco_json'
  | 'voc_xml'
  | 'yolo_detection'
  | 'yolo_segmentation'
  | 'yolo_pose'
  | 'conll_iob2'
  | 'conll_iobes'
  | 'predictions_jsonl';

// Its answer: tasks added, and the labels they brought as predictions named `model`.
export interface LabelledImport {
  format: LabelledImportFormat;
  model: string;
  records: number;
  inserted: number;
  duplicate_count: number;
  predictions: number;
}

// GET /api/v1/projects/{id}/label-studio-config.
export interface LabelStudioConfig {
  config: string; // Label Studio XML.
  skipped: string[]; // Controls Label Studio has no tag for.
}

// POST /api/v1/projects/{id}/media: where the stored file is, and what its bytes said it is.
export interface MediaUpload {
  url: string; // What task data names to show the file.
  sha256: string;
  bytes: number;
  content_type: string;
  width: number | null; // Images only.
  height: number | null;
}

// Per control name, the control's value: {"choices": [...]}, {"spans": [...]}, {"rating": 4}, ...
// (docs/label-interface.md gives each shape).
export type AnnotationResult = Record<string, Record<string, unknown>>;

export interface AnnotationSubmission {
  result: AnnotationResult;
  lead_time_ms: number;
  active_time_ms: number;
  idempotency_key: string;
  state: 'submitted' | 'skipped';
  skip_reason?: string; // With state skipped only; at most 500 characters.
  // The project version whose label interface the answer was made in (an edit since is named).
  project_version?: number;
}

// A correction of the caller's own annotation (PATCH /annotations/{id}), naming the version read.
export interface AnnotationChange {
  result: AnnotationResult;
  version: number;
  state?: 'submitted' | 'skipped';
  lead_time_ms?: number;
  active_time_ms?: number;
  skip_reason?: string;
}

// Work in progress on a task (PUT /tasks/{task}/draft); `version` is the one last seen.
export interface DraftSave {
  result: AnnotationResult;
  lead_time_ms: number;
  active_time_ms: number;
  version?: number;
}

export interface Annotation {
  id: Id;
  task_id?: Id;
  result: AnnotationResult;
  state?: string;
  version?: number; // Sent back when correcting it (PATCH).
  [key: string]: unknown;
}

export type ExportFormat =
  | 'jsonl'
  | 'json'
  | 'csv'
  | 'conll_iob2'
  | 'conll_iobes'
  | 'spacy_jsonl'
  | 'relations_jsonl'
  | 'dpo_jsonl'
  | 'ranking_jsonl'
  | 'coco_json'
  | 'yolo_detection'
  | 'yolo_segmentation'
  | 'yolo_pose'
  | 'voc_xml'
  | 'audio_segments_jsonl'
  | 'audio_segments_csv'
  | 'asr_manifest'
  | 'hf_jsonl'
  | 'label_studio_json';

// A background job (POST /projects/{p}/exports, GET /jobs/{id}, POST /jobs/{id}/cancel).
export interface Job {
  id: Id;
  kind: 'export' | string;
  project_id: Id;
  state: 'running' | 'succeeded' | 'failed' | 'cancelled';
  cancel_requested: boolean;
  progress: { done: number; total: number };
  created_at: number;
  finished_at: number | null;
  error: string | null;
  // notes: what a training format adjusted or left out, by count (e.g. widened_spans: 3).
  manifest: { format: string; tasks: number; bytes: number; sha256: string; notes?: Record<string, number> } | null;
  download_url: string | null;
}

// A script's credential (Authorization: Bearer); the secret itself is shown once, at creation.
export interface ApiToken {
  id: Id;
  user_id: Id;
  name: string;
  created_at: number; // Unix milliseconds.
  revoked_at: number | null;
}

export interface CreatedToken {
  id: Id;
  name: string;
  created_at: number;
  token: string;
}

export type Role = 'admin' | 'manager' | 'reviewer' | 'annotator';
export type Tier = 'crowd' | 'expert' | 'gold_maker';

export interface NewInvitation {
  email: string;
  role: Role;
  tier: Tier;
}

export interface Invitation {
  id: Id;
  email: string;
  role: Role;
  tier: Tier;
  invited_by: Id;
  created_at: number;
  expires_at: number; // Unix milliseconds.
}

// Only the answer to the creation carries the token.
export interface CreatedInvitation extends Invitation {
  token: string;
}

export interface InvitationPage {
  invitations: Invitation[];
  next_cursor: string | null;
}
