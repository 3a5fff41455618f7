// The draft policy (docs/openapi.yaml DraftPolicy; docs/user-guide.md "Model drafts and blind
// controls") to and from its form: the blind share is edited as a percentage, the model version
// as text ("" = the latest model imported), and the server's field names ("drafts.blind_share")
// map to the form's fields.

export interface DraftPolicy {
  enabled: boolean;
  model_version: string; // "" = the project's most recently imported model
  blind_share: number; // 0..1: (task, annotator) pairs shown without the draft
}

// The server's defaults (domain/draft_policy.h).
export const DEFAULT_DRAFTS: DraftPolicy = { enabled: false, model_version: '', blind_share: 0.1 };

export type DraftField = 'enabled' | 'model_version' | 'blind_share';

export interface DraftForm {
  enabled: boolean;
  model_version: string;
  blind_percent: string; // "10" for 0.1
}

// "12.5" for 0.125: at most two decimals, none when whole.
export const percentOfShare = (share: number) => String(Math.round(share * 10000) / 100);

export function formFromDrafts(policy: Partial<DraftPolicy> | undefined): DraftForm {
  const p = { ...DEFAULT_DRAFTS, ...(policy ?? {}) };
  return { enabled: p.enabled, model_version: p.model_version, blind_percent: percentOfShare(p.blind_share) };
}

export type BuiltDrafts = { ok: true; policy: DraftPolicy } | { ok: false; errors: Partial<Record<DraftField, string>> };

// The policy to send, or an error per field. The model version is sent as typed (trimmed):
// the server checks its length and names the field when it refuses it.
export function draftsFromForm(form: DraftForm): BuiltDrafts {
  const text = form.blind_percent.trim().replace(/%$/, '').trim();
  const percent = Number(text);
  if (text === '' || !/^\d+(\.\d+)?$/.test(text) || !(percent >= 0 && percent <= 100)) {
    return { ok: false, errors: { blind_share: 'Enter a percentage from 0 to 100 (for example 10).' } };
  }
  // Two decimals of a percent at most, so 12.5% is 0.125 exactly and no float noise is sent.
  const blind_share = Math.round(percent * 100) / 10000;
  return { ok: true, policy: { enabled: form.enabled, model_version: form.model_version.trim(), blind_share } };
}

// "drafts.blind_share" -> "blind_share"; null for a field the form does not have.
export function draftsFieldOf(serverField: string): DraftField | null {
  const m = /^drafts\.(enabled|model_version|blind_share)\b/.exec(serverField);
  return m ? (m[1] as DraftField) : null;
}

// A warning to show beside the form, or '' when the policy is sound: drafts with no blind
// controls leave nothing to measure the model or anchoring with.
export function draftsWarning(form: DraftForm): string {
  const built = draftsFromForm(form);
  if (!built.ok || !built.policy.enabled) return '';
  if (built.policy.blind_share === 0) {
    return 'With no blind share, every label has seen the model: the anchoring report has nothing to compare with, and a missing draft would mark gold tasks.';
  }
  return '';
}
