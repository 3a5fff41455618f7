// A rating control: a radio group from min to max (arrow keys move along it, as radios do).
import type { RatingControl } from './controls';
import type { ViewProps } from './view';

export function RatingView({ control, value, disabled, onChange }: ViewProps<RatingControl>) {
  const points = [];
  for (let p = control.min; p <= control.max; p++) points.push(p);
  return (
    <fieldset class="rating" disabled={disabled}>
      <legend>{control.instruction || control.name}</legend>
      {points.map((p) => (
        <label class="rating-point" key={p}>
          <input
            type="radio"
            name={`rating-${control.name}`}
            value={p}
            checked={value?.rating === p}
            onChange={() => onChange({ rating: p })}
          />
          {p}
        </label>
      ))}
    </fieldset>
  );
}
