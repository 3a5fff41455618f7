// A spans control (NER): the data field's text with its labelled spans drawn as (nested)
// highlights, a palette of labels, and the list of spans.
// Mouse: select text, then press a label's key or click the label. Click a highlight to pick
// that span. Keyboard (focus on the text): ←/→ move a caret (Ctrl: by word, Home/End: to the
// ends), Shift+←/→ extends a selection, a label key labels the selection (or relabels the
// picked span when nothing is selected), [ and ] pick the previous/next span, Delete or
// Backspace removes the picked span, Esc clears. Offsets are stored in code points (spans.ts).
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { dataText } from '../interface_builder';
import type { SpansControl } from './controls';
import { labelKeys, matchesKey } from './label_keys';
import { removeRegion } from './relations';
import {
  addSpan,
  codePointLength,
  relabelSpan,
  removeSpan,
  segmentsOf,
  coveredText,
  spansInReadingOrder,
  spansOf,
  trimRange,
  utf16ToCodePoint,
  wordLeft,
  wordRight,
  type Outcome,
  type Span,
} from './spans';
import type { ViewProps } from './view';

const HUES = [210, 30, 130, 280, 0, 175, 50, 320, 95, 250];
const hue = (labels: string[], label: string) => HUES[Math.max(0, labels.indexOf(label)) % HUES.length]!;
export const labelColor = (labels: string[], label: string) => `hsl(${hue(labels, label)}, 65%, 38%)`;
const labelFill = (labels: string[], label: string) => `hsla(${hue(labels, label)}, 85%, 60%, 0.3)`;

interface Caret {
  anchor: number; // Code points; the selection is [min, max) of anchor and caret.
  caret: number;
  mode: 'none' | 'mouse' | 'keys'; // 'keys' draws its own caret and selection; the mouse's is the browser's.
}

// The UTF-16 offset of DOM point (node, offset) in `root`'s text: only the task text is text
// inside root (label names are CSS generated content), so a range's string length is the offset.
function offsetIn(root: HTMLElement, node: Node, offset: number): number {
  const range = document.createRange();
  range.setStart(root, 0);
  range.setEnd(node, offset);
  return range.toString().length;
}

export function SpansView({ control, task, value, disabled, onChange, answer, controls, onAnswer }: ViewProps<SpansControl>) {
  const text = dataText(task.data, control.to);
  const spans = spansOf(value);
  const keys = labelKeys(control.labels, control.hotkeys);
  const [sel, setSel] = useState<Caret>({ anchor: 0, caret: 0, mode: 'none' });
  const [picked, setPicked] = useState<number | null>(null);
  const [message, setMessage] = useState('');
  const rootRef = useRef<HTMLDivElement>(null);
  // Unique per instance: the reviewer view shows the same control once per annotation.
  const helpId = `spans-help-${control.name}-${useId()}`;
  const length = codePointLength(text);

  // A new task starts with nothing selected.
  useEffect(() => {
    setSel({ anchor: 0, caret: 0, mode: 'none' });
    setPicked(null);
    setMessage('');
  }, [task.id]);

  // The browser's selection (mouse, or a script) inside the text becomes ours, in code points.
  useEffect(() => {
    function onSelection() {
      const root = rootRef.current;
      const s = document.getSelection();
      if (!root || !s || s.rangeCount === 0 || !s.anchorNode || !s.focusNode) return;
      if (!root.contains(s.anchorNode) || !root.contains(s.focusNode)) return;
      const anchor = utf16ToCodePoint(text, offsetIn(root, s.anchorNode, s.anchorOffset));
      const caret = utf16ToCodePoint(text, offsetIn(root, s.focusNode, s.focusOffset));
      setSel({ anchor, caret, mode: 'mouse' });
    }
    document.addEventListener('selectionchange', onSelection);
    return () => document.removeEventListener('selectionchange', onSelection);
  }, [text]);

  const save = (next: Span[]) => onChange({ spans: next });
  const report = (outcome: Outcome, after: (s: Span[]) => void) => {
    if ('error' in outcome) setMessage(outcome.error);
    else {
      setMessage('');
      after(outcome.spans);
    }
  };

  // Our own selection only: the browser's would be drawn twice, or left over a re-render.
  const dropBrowserSelection = () => {
    const s = document.getSelection();
    const root = rootRef.current;
    if (s && root && s.anchorNode && root.contains(s.anchorNode)) s.removeAllRanges();
  };

  function applyLabel(label: string) {
    if (disabled) return;
    const { anchor, caret } = sel;
    if (anchor !== caret) {
      const range = trimRange(text, Math.min(anchor, caret), Math.max(anchor, caret));
      if (!range) {
        setMessage('Only spaces are selected.');
        return;
      }
      report(addSpan(spans, text, range.start, range.end, label, control.overlap), (next) => {
        dropBrowserSelection();
        save(next);
        setPicked(next.length - 1);
        setSel({ anchor: range.end, caret: range.end, mode: 'keys' });
      });
    } else if (picked !== null && spans[picked]) {
      report(relabelSpan(spans, picked, label), save);
    } else {
      setMessage('Select some text first (drag over it, or Shift+→ from the caret).');
    }
  }

  function remove(index: number) {
    if (disabled || !spans[index]) return;
    // Through the whole answer when the page allows it: relations over these spans are reindexed.
    if (onAnswer && controls) onAnswer(removeRegion(answer, controls, control.name, index));
    else save(removeSpan(spans, index));
    setPicked(null);
    setMessage('');
  }

  function pickNext(step: 1 | -1) {
    const order = spansInReadingOrder(spans);
    if (order.length === 0) return;
    const at = picked === null ? -1 : order.indexOf(picked);
    const next = at === -1 ? (step === 1 ? 0 : order.length - 1) : (at + step + order.length) % order.length;
    const index = order[next]!;
    setPicked(index);
    dropBrowserSelection();
    setSel({ anchor: spans[index]!.end, caret: spans[index]!.end, mode: 'keys' });
  }

  function onKeyDown(event: KeyboardEvent) {
    if (disabled || event.isComposing) return;
    const { key } = event;
    const label = keys.find((k) => matchesKey(k.key, event));
    const move = (to: number, extend: boolean) => {
      dropBrowserSelection();
      const caret = Math.max(0, Math.min(length, to));
      setSel({ anchor: extend ? sel.anchor : caret, caret, mode: 'keys' });
    };
    if (label) applyLabel(label.label);
    else if (key === 'ArrowLeft' || key === 'ArrowRight') {
      const right = key === 'ArrowRight';
      const to = event.ctrlKey || event.altKey ? (right ? wordRight(text, sel.caret) : wordLeft(text, sel.caret)) : sel.caret + (right ? 1 : -1);
      move(to, event.shiftKey);
    } else if (key === 'Home' || key === 'End') move(key === 'Home' ? 0 : length, event.shiftKey);
    else if (key === '[' || key === ']') pickNext(key === ']' ? 1 : -1);
    else if ((key === 'Delete' || key === 'Backspace') && picked !== null) remove(picked);
    else if (key === 'Escape') {
      dropBrowserSelection();
      setPicked(null);
      setMessage('');
      setSel({ anchor: sel.caret, caret: sel.caret, mode: 'none' });
    } else return;
    event.preventDefault();
  }

  // A click (not a drag) on a highlight picks its innermost span.
  function onClick(event: MouseEvent) {
    if (disabled || !document.getSelection()?.isCollapsed) return;
    const mark = (event.target as Element | null)?.closest?.('[data-span]');
    if (mark) setPicked(Number(mark.getAttribute('data-span')));
  }

  const keysMode = sel.mode === 'keys';
  const lo = Math.min(sel.anchor, sel.caret);
  const hi = Math.max(sel.anchor, sel.caret);
  const segments = segmentsOf(text, spans, keysMode ? [lo, hi] : []);
  const selected = lo < hi ? trimRange(text, lo, hi) : null;

  return (
    <div class="spans" data-spans={control.name}>
      {control.instruction ? <p class="spans-instruction">{control.instruction}</p> : null}
      <div
        ref={rootRef}
        class="spans-text task-text"
        tabIndex={disabled ? -1 : 0}
        aria-label={`Text to label (${control.name})`}
        aria-describedby={helpId}
        onKeyDown={onKeyDown}
        onClick={onClick}
        onMouseDown={() => {
          // The mouse takes over: our drawn caret and selection go before the browser's starts.
          if (sel.mode === 'keys') setSel({ ...sel, mode: 'mouse' });
        }}
      >
        {segments.map((segment) => {
          const inSelection = keysMode && lo < hi && lo <= segment.start && segment.end <= hi;
          let inner = inSelection ? <span class="spans-selection">{segment.text}</span> : <>{segment.text}</>;
          // Innermost first, so the outermost span's element ends up outside.
          const covering = segment.covering;
          for (let level = covering.length - 1; level >= 0; level--) {
            const index = covering[level]!;
            const span = spans[index]!;
            const ends = span.end === segment.end;
            inner = (
              <mark
                class={`span-mark${ends ? ' span-end' : ''}${picked === index ? ' picked' : ''}`}
                data-span={String(index)}
                data-label={ends ? span.label : undefined}
                title={span.label}
                style={{
                  backgroundColor: labelFill(control.labels, span.label),
                  borderBottomColor: labelColor(control.labels, span.label),
                  paddingBottom: `${(covering.length - 1 - level) * 4 + 1}px`,
                }}
              >
                {inner}
              </mark>
            );
          }
          const caretHere = keysMode && sel.anchor === sel.caret && sel.caret === segment.start;
          return (
            <span key={`${segment.start}`}>
              {caretHere ? <span class="spans-caret" aria-hidden="true" /> : null}
              {inner}
            </span>
          );
        })}
        {keysMode && sel.anchor === sel.caret && sel.caret === length ? <span class="spans-caret" aria-hidden="true" /> : null}
      </div>
      <div class="spans-palette" role="group" aria-label={`Labels of ${control.name}`}>
        {keys.map(({ label, key }) => (
          <button
            type="button"
            key={label}
            class="span-label"
            disabled={disabled}
            aria-keyshortcuts={key || undefined}
            style={{ borderColor: labelColor(control.labels, label) }}
            onMouseDown={(e) => e.preventDefault() /* Keeps the text's focus and selection. */}
            onClick={() => applyLabel(label)}
          >
            {key ? <kbd>{key}</kbd> : null}
            <span>{label}</span>
          </button>
        ))}
      </div>
      <p id={helpId} class="muted small spans-help">
        Select text with the mouse or <kbd>Shift</kbd>+<kbd>←</kbd>/<kbd>→</kbd>, then press a label key. <kbd>[</kbd>{' '}
        <kbd>]</kbd> pick a span, <kbd>Delete</kbd> removes it, <kbd>Esc</kbd> clears.
        {selected ? ` Selected: “${coveredText(text, selected.start, selected.end)}”.` : ''}
      </p>
      <p class="error small" role="status">
        {message}
      </p>
      {spans.length > 0 ? (
        <ol class="spans-list" aria-label={`Spans of ${control.name}`}>
          {spans.map((span, index) => (
            <li key={`${span.start}-${span.end}-${span.label}`} class={picked === index ? 'picked' : undefined}>
              <button type="button" class="link" onClick={() => setPicked(index)} disabled={disabled}>
                <span class="span-chip" style={{ borderColor: labelColor(control.labels, span.label) }}>
                  {span.label}
                </span>{' '}
                “{coveredText(text, span.start, span.end)}”
              </button>
              <button
                type="button"
                class="span-remove"
                aria-label={`Remove span ${index + 1} (${span.label} “${coveredText(text, span.start, span.end)}”)`}
                disabled={disabled}
                onClick={() => remove(index)}
              >
                ×
              </button>
            </li>
          ))}
        </ol>
      ) : null}
    </div>
  );
}
