// One line of text that sums up a task's data for a list row: each field as "name: value",
// whitespace collapsed, cut at `max` characters. Text only; the caller renders it as a text node.
export function previewOf(data: unknown, max = 160): string {
  let text: string;
  if (data !== null && typeof data === 'object' && !Array.isArray(data)) {
    const entries = Object.entries(data as Record<string, unknown>);
    // A lone field needs no name: most tasks are {"text": "…"}.
    text = entries.length === 1 ? valueText(entries[0]![1]) : entries.map(([k, v]) => `${k}: ${valueText(v)}`).join(' · ');
  } else {
    text = valueText(data);
  }
  return truncate(text.replace(/\s+/g, ' ').trim(), max);
}

function valueText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined) return '';
  return JSON.stringify(value) ?? '';
}

// Cuts at a code point boundary so no half surrogate pair is shown.
export function truncate(text: string, max: number): string {
  const points = Array.from(text);
  return points.length <= max ? text : `${points.slice(0, max - 1).join('')}…`;
}

// The full data as indented JSON, for the detail panel.
export function prettyJson(data: unknown): string {
  return JSON.stringify(data, null, 2) ?? '';
}

// "5,000" whatever the browser's language, so counts read the same in tests and docs.
export function formatCount(n: number): string {
  return new Intl.NumberFormat('en-US').format(n);
}
