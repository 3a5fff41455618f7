// A relations control: links between the regions of its `between` control (spans, boxes or
// polygons of the same answer). Click a region to make it the link's start, another to make
// it the end, choose a label, then Add. Keyboard: Tab to a region, F makes it the start, T
// the end (Enter or Space cycles start/end as a click does), ↑/↓ move between regions; label
// and Add are buttons. Each link has a remove button.
import { useEffect, useState } from 'preact/hooks';
import { dataText } from '../interface_builder';
import type { RelationsControl } from './controls';
import { addRelation, linkIsValid, regionsOf, relationsOf, removeRelation } from './relations';
import { coveredText } from './spans';
import type { ViewProps } from './view';

// How a region reads in the lists: its number, label and (for a span) its text.
function describe(region: Record<string, unknown> | undefined, index: number, text: string): string {
  if (!region) return `${index + 1} (gone)`;
  const label = typeof region.label === 'string' ? region.label : '';
  const quoted =
    Number.isInteger(region.start) && Number.isInteger(region.end)
      ? ` “${typeof region.text === 'string' ? region.text : coveredText(text, region.start as number, region.end as number)}”`
      : '';
  return `${index + 1} ${label}${quoted}`;
}

export function RelationsView({ control, task, value, answer, controls, disabled, onChange }: ViewProps<RelationsControl>) {
  const between = controls?.find((c) => c.name === control.between);
  const text = between && 'to' in between && typeof between.to === 'string' ? dataText(task.data, between.to) : '';
  const { list: regions } = regionsOf(answer[control.between], between?.type);
  const relations = relationsOf(value);
  const [from, setFrom] = useState<number | null>(null);
  const [to, setTo] = useState<number | null>(null);
  const [label, setLabel] = useState(control.labels[0] ?? '');
  const [message, setMessage] = useState('');
  const arrow = control.directed ? '→' : '—';

  useEffect(() => {
    setFrom(null);
    setTo(null);
    setMessage('');
  }, [task.id]);
  // A region removed elsewhere may leave a choice pointing past the list.
  useEffect(() => {
    if (from !== null && from >= regions.length) setFrom(null);
    if (to !== null && to >= regions.length) setTo(null);
  }, [regions.length]);

  function choose(index: number) {
    if (from === null || to !== null) {
      setFrom(index);
      setTo(null);
    } else if (index === from) setFrom(null);
    else setTo(index);
  }

  function add() {
    if (from === null || to === null) {
      setMessage('Choose where the link starts and where it ends.');
      return;
    }
    const outcome = addRelation(relations, { from, to, label }, { directed: control.directed, labels: control.labels, count: regions.length });
    if ('error' in outcome) {
      setMessage(outcome.error);
      return;
    }
    setMessage('');
    onChange({ relations: outcome.relations });
    setFrom(null);
    setTo(null);
  }

  function onRegionKey(event: KeyboardEvent, index: number) {
    const key = event.key.toLowerCase();
    if (key === 'f') {
      setFrom(index);
      if (to === index) setTo(null);
    } else if (key === 't') setTo(index);
    else if (key === 'arrowdown' || key === 'arrowup') {
      const buttons = [...((event.currentTarget as HTMLElement).parentElement?.parentElement?.querySelectorAll('button') ?? [])];
      const at = buttons.indexOf(event.currentTarget as HTMLButtonElement);
      buttons[(at + (key === 'arrowdown' ? 1 : buttons.length - 1)) % buttons.length]?.focus();
    } else return;
    event.preventDefault();
  }

  return (
    <fieldset class="relations" disabled={disabled} data-relations={control.name}>
      <legend>{control.instruction || control.name}</legend>
      {regions.length < 2 ? (
        <p class="muted small">Label at least two regions of “{control.between}” to link them.</p>
      ) : (
        <>
          <ol class="relations-regions" aria-label={`Regions of ${control.between}`}>
            {regions.map((region, index) => {
              const role = index === from ? 'from' : index === to ? 'to' : '';
              return (
                <li key={index}>
                  <button
                    type="button"
                    class={`relation-region ${role}`}
                    aria-pressed={role !== ''}
                    data-region={String(index)}
                    onClick={() => choose(index)}
                    onKeyDown={(e) => onRegionKey(e, index)}
                  >
                    {role ? <span class="relation-role">{role === 'from' ? 'start' : 'end'}</span> : null}
                    {describe(region, index, text)}
                  </button>
                </li>
              );
            })}
          </ol>
          <p class="muted small">
            Region: <kbd>F</kbd> start, <kbd>T</kbd> end, <kbd>↑</kbd>/<kbd>↓</kbd> next. Link:{' '}
            {from === null ? '…' : describe(regions[from], from, text)} {arrow} {to === null ? '…' : describe(regions[to], to, text)}
          </p>
          <div class="relations-add">
            {control.labels.map((l) => (
              <button type="button" key={l} class={l === label ? 'choice chosen' : 'choice'} aria-pressed={l === label} onClick={() => setLabel(l)}>
                {l}
              </button>
            ))}
            <button type="button" class="primary" disabled={from === null || to === null} onClick={add}>
              Add the link
            </button>
          </div>
        </>
      )}
      <p class="error small" role="status">
        {message}
      </p>
      {relations.length > 0 ? (
        <ul class="relations-list" aria-label={`Links of ${control.name}`}>
          {relations.map((r, index) => (
            <li key={`${r.from}-${r.to}-${r.label ?? ''}`}>
              <span>
                {describe(regions[r.from], r.from, text)} {arrow} {describe(regions[r.to], r.to, text)}
                {r.label ? ` (${r.label})` : ''}
              </span>
              {linkIsValid(r, regions.length) ? null : <span class="error small"> points at a region that is gone; remove it</span>}
              <button
                type="button"
                class="span-remove"
                aria-label={`Remove link ${index + 1}`}
                onClick={() => onChange({ relations: removeRelation(relations, index) })}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </fieldset>
  );
}
