// A ranking control: the prompt, then the items of the data field as a list, best first.
// Mouse: drag an item to its place. Keys, on a focused item (Tab into the list): Alt+↑/Alt+↓
// or K/J move it up/down, ↑/↓ move the focus. The order is the answer from the first move; an
// untouched list is not (see ranking.ts), "Keep this order" (C in the list) confirms it as is.
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { Output, Prompt } from './chat_transcript';
import type { RankingControl } from './controls';
import { dropPosition, identity, move, orderOf, rankKey, rankingItems } from './ranking';
import type { ViewProps } from './view';

export function RankingView({ control, task, value, disabled, onChange }: ViewProps<RankingControl>) {
  const items = rankingItems(task.data[control.to]);
  const given = orderOf(value, items.length);
  const order = given ?? identity(items.length);
  const [dragging, setDragging] = useState<number | null>(null); // Position being dragged.
  const focusItem = useRef<number | null>(null); // Item to focus once the list is re-rendered.
  const list = useRef<HTMLOListElement>(null);

  // A moved item keeps the focus wherever the re-render put it, before the next key arrives.
  useLayoutEffect(() => {
    if (focusItem.current === null) return;
    list.current?.querySelector<HTMLElement>(`[data-item="${focusItem.current}"]`)?.focus();
    focusItem.current = null;
  });

  if (items.length < 2) {
    return (
      <p class="error" role="alert">
        The field “{control.to}” holds no list of items to rank.
      </p>
    );
  }

  function moveTo(from: number, to: number) {
    const next = move(order, from, to);
    onChange({ order: next });
  }

  function onKeyDown(event: KeyboardEvent, position: number) {
    if (disabled || event.isComposing) return;
    if (!event.altKey && !event.ctrlKey && !event.metaKey && (event.key === 'c' || event.key === 'C')) {
      event.preventDefault();
      onChange({ order: [...order] });
      return;
    }
    const action = rankKey(event);
    if (action === null) return;
    event.preventDefault();
    const item = order[position]!;
    if (action === 'up' || action === 'down') {
      focusItem.current = item;
      moveTo(position, position + (action === 'up' ? -1 : 1));
    } else {
      const to = order[position + (action === 'focus-up' ? -1 : 1)];
      if (to !== undefined) list.current?.querySelector<HTMLElement>(`[data-item="${to}"]`)?.focus();
    }
  }

  return (
    <fieldset class="ranking" disabled={disabled}>
      <legend>{control.instruction || 'Order the answers, best first'}</legend>
      {control.prompt ? <Prompt value={task.data[control.prompt]} /> : null}
      <p class="muted small">
        Drag an item, or focus it and press <kbd>Alt</kbd>+<kbd>↑</kbd>/<kbd>↓</kbd> (or <kbd>K</kbd>/<kbd>J</kbd>) to move
        it; <kbd>↑</kbd>/<kbd>↓</kbd> move the focus. {given ? 'Ranked.' : 'Not ranked yet.'}
      </p>
      <ol class="ranking-list" ref={list} aria-label={`Ranking of ${control.to}, best first`}>
        {order.map((item, position) => (
          <li
            key={item}
            data-item={item}
            class={`ranking-item${dragging === position ? ' dragging' : ''}`}
            tabIndex={disabled ? -1 : 0}
            draggable={!disabled}
            aria-label={`Rank ${position + 1}: item ${item + 1}`}
            aria-keyshortcuts="Alt+ArrowUp Alt+ArrowDown K J"
            onKeyDown={(e) => onKeyDown(e, position)}
            onDragStart={(e) => {
              setDragging(position);
              e.dataTransfer?.setData('text/plain', String(item));
              if (e.dataTransfer) e.dataTransfer.effectAllowed = 'move';
            }}
            onDragEnd={() => setDragging(null)}
            onDragOver={(e) => {
              if (dragging === null) return;
              e.preventDefault(); // Allows the drop here.
              if (e.dataTransfer) e.dataTransfer.dropEffect = 'move';
            }}
            onDrop={(e) => {
              if (dragging === null) return;
              e.preventDefault();
              const box = e.currentTarget.getBoundingClientRect();
              moveTo(dragging, dropPosition(dragging, position, e.clientY < box.top + box.height / 2));
              setDragging(null);
            }}
          >
            <span class="ranking-rank" aria-hidden="true">
              {position + 1}
            </span>
            <div class="ranking-body">
              <Output value={items[item]} label={`Item ${item + 1}`} />
            </div>
          </li>
        ))}
      </ol>
      <button type="button" disabled={disabled} aria-keyshortcuts="C" onClick={() => onChange({ order: [...order] })}>
        <kbd>C</kbd> Keep this order
      </button>
    </fieldset>
  );
}
