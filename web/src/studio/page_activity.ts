// Whether the annotator is at the page, for the active-time timer and the page's keys.
import type { RefObject } from 'preact';
import { useEffect } from 'preact/hooks';
import type { ActiveTimer } from '../active_timer';

// Active time counts only while the page is visible and focused.
export const pageActive = () => document.visibilityState === 'visible' && document.hasFocus();

// Keeps `timer` told whether the page is active, for as long as the component is mounted.
export function useTimerFollowsPageActivity(timer: RefObject<ActiveTimer | null>) {
  useEffect(() => {
    const update = () => timer.current?.setActive(pageActive());
    document.addEventListener('visibilitychange', update);
    window.addEventListener('focus', update);
    window.addEventListener('blur', update);
    return () => {
      document.removeEventListener('visibilitychange', update);
      window.removeEventListener('focus', update);
      window.removeEventListener('blur', update);
    };
  }, []);
}

// Whether a key went to a field that takes text. A radio or checkbox takes none, so the page's
// keys (undo, Enter, S) still work on one.
export function typingInto(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target instanceof HTMLInputElement && (target.type === 'radio' || target.type === 'checkbox')) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}
