// Autosaves one task's work in progress as the annotator's draft (PUT /tasks/{id}/draft):
// changes are saved a moment after the last one, one save at a time, each sending the version
// the previous one returned. A 409 means another tab saved meanwhile: the saver reads the
// current version and saves again, so the newest answer on this page wins. A failed save
// never blocks labelling; the page says so and the submission still carries the answer.
import { ApiError } from './api';
import type { Annotation, DraftSave, Id } from './types';

export interface DraftApi {
  saveDraft(taskId: Id, draft: DraftSave): Promise<Annotation>;
  getDraft(taskId: Id): Promise<Annotation | null>;
}

export type DraftContent = Omit<DraftSave, 'version'>;

const versionOf = (annotation: Annotation | null) =>
  annotation !== null && typeof annotation.version === 'number' ? annotation.version : undefined;

export class DraftSaver {
  private version: number | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private queued: DraftContent | null = null;
  private chain: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(
    private readonly api: DraftApi,
    private readonly taskId: Id,
    private readonly onNote: (note: string) => void,
    private readonly delayMs = 800,
  ) {}

  // Continues from `draft`, the task's saved draft that came with it (or null): later saves
  // send its version.
  resume(draft: Annotation | null): void {
    this.version = versionOf(draft);
    if (draft) this.onNote('Your saved draft is back.');
  }

  // Saves `content` once no newer change arrives for a moment.
  schedule(content: DraftContent): void {
    if (this.stopped) return;
    this.queued = content;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), this.delayMs);
  }

  // Saves what is queued now (after any save in flight); resolves when it is done.
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.chain = this.chain.then(() => this.saveQueued());
    return this.chain;
  }

  // No more saves: the task was submitted or skipped (the server turns the draft into it).
  stop(): void {
    this.stopped = true;
    this.queued = null;
    clearTimeout(this.timer);
  }

  private async saveQueued(): Promise<void> {
    const content = this.queued;
    this.queued = null;
    if (content !== null && !this.stopped) await this.save(content, true);
  }

  private async save(content: DraftContent, retryOnConflict: boolean): Promise<void> {
    try {
      const saved = await this.api.saveDraft(this.taskId, { ...content, ...(this.version ? { version: this.version } : {}) });
      this.version = versionOf(saved) ?? this.version;
      if (!this.stopped) this.onNote('Draft saved.');
    } catch (error) {
      if (retryOnConflict && error instanceof ApiError && error.status === 409 && error.field === 'version') {
        try {
          this.version = versionOf(await this.api.getDraft(this.taskId));
        } catch {
          // Saved again below with the version known; a second conflict is reported.
        }
        return this.save(content, false);
      }
      if (!this.stopped) this.onNote('The draft could not be saved; your answer is still here.');
    }
  }
}
