// Each annotator's accuracy on gold (GET /projects/{p}/gold/accuracy): answers, correct ones,
// accuracy with its Wilson 95% interval drawn as a bar, the verdict under the policy as a
// coloured badge, and per reference label rows behind a disclosure button. Names come from the
// account list, which managers may read; without it a row says "Annotator #id".
import { useEffect, useState } from 'preact/hooks';
import { api, messageOf } from '../session';
import type { Id } from '../types';
import { goldAccuracy, type AccuracyReport, type AnnotatorAccuracy } from './gold_api';
import { IntervalBar } from './interval_bar_view';
import { verdictBadge } from './interval_bar';
import { percentLabel } from './policy';

const MAX_USER_PAGES = 20;

// Display names of the accounts among `ids`, read page by page until all are found.
async function namesOf(ids: Id[]): Promise<Map<string, string>> {
  const wanted = new Set(ids.map(String));
  const names = new Map<string, string>();
  let cursor: string | null = null;
  for (let page = 0; page < MAX_USER_PAGES && names.size < wanted.size; page++) {
    const users = await api.listUsers(cursor, 200);
    for (const u of users.users) if (wanted.has(String(u.id))) names.set(String(u.id), u.display_name || u.email);
    cursor = users.next_cursor;
    if (!cursor) break;
  }
  return names;
}

export function VerdictBadge({ verdict }: { verdict: string }) {
  const badge = verdictBadge(verdict);
  return (
    <span class={`badge badge-${badge.tone}`} data-verdict={verdict}>
      {badge.text}
    </span>
  );
}

export function AccuracyTable({ projectId, refresh }: { projectId: Id; refresh: number }) {
  const [report, setReport] = useState<AccuracyReport | null>(null);
  const [names, setNames] = useState<Map<string, string>>(new Map());
  const [open, setOpen] = useState<Set<string>>(new Set());
  const [error, setError] = useState('');

  useEffect(() => {
    let cancelled = false;
    (async () => {
      try {
        const loaded = await goldAccuracy(api, projectId);
        if (cancelled) return;
        setReport(loaded);
        setError('');
        // Names are a nicety: without them rows say "Annotator #id".
        namesOf(loaded.annotators.map((a) => a.annotator_id)).then(
          (found) => !cancelled && setNames(found),
          () => {},
        );
      } catch (e) {
        if (!cancelled) setError(messageOf(e));
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [projectId, refresh]);

  const toggle = (id: string) =>
    setOpen((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const nameOf = (a: AnnotatorAccuracy) => names.get(String(a.annotator_id)) ?? `Annotator #${String(a.annotator_id)}`;

  return (
    <section class="card" aria-labelledby="gold-accuracy-heading">
      <h2 id="gold-accuracy-heading">Annotator accuracy on gold</h2>
      {error ? (
        <p class="error" role="alert">
          {error}
        </p>
      ) : null}
      {!report && !error ? <p class="muted">Loading…</p> : null}
      {report && report.annotators.length === 0 ? (
        <p class="muted">Nobody has answered a gold task yet ({report.gold_items} gold tasks).</p>
      ) : null}
      {report && report.annotators.length > 0 ? (
        <div class="table-scroll">
          <table class="gold-accuracy">
            <caption class="muted small">
              {report.gold_items} gold tasks. The bar is the 95% interval on 0–100%; its lines are the pause (red) and warn (amber) levels.
            </caption>
            <thead>
              <tr>
                <th scope="col">Annotator</th>
                <th scope="col">Answers</th>
                <th scope="col">Correct</th>
                <th scope="col">Accuracy</th>
                <th scope="col">Verdict</th>
              </tr>
            </thead>
            {report.annotators.map((a) => {
              const id = String(a.annotator_id);
              const expanded = open.has(id);
              return (
                <tbody key={id} data-annotator-id={id}>
                  <tr class="gold-annotator">
                    <th scope="row">
                      {a.labels.length > 0 ? (
                        <button type="button" class="link" aria-expanded={expanded ? 'true' : 'false'} onClick={() => toggle(id)}>
                          {expanded ? '▾' : '▸'} {nameOf(a)}
                        </button>
                      ) : (
                        nameOf(a)
                      )}
                    </th>
                    <td class="num">{a.answers}</td>
                    <td class="num">{a.correct}</td>
                    <td class="gold-accuracy-cell">
                      <span class="num">{percentLabel(a.accuracy)}</span> <IntervalBar interval={a.ci95} accuracy={a.accuracy} policy={report.policy} />
                    </td>
                    <td>
                      <VerdictBadge verdict={a.verdict} />
                    </td>
                  </tr>
                  {expanded
                    ? a.labels.map((l) => (
                        <tr class="gold-label-row" key={`${l.control}/${l.label}`}>
                          <td>
                            <span class="muted">{l.control}:</span> {l.label}
                          </td>
                          <td class="num">{l.answers}</td>
                          <td class="num">{l.correct}</td>
                          <td class="gold-accuracy-cell">
                            <span class="num">{l.answers > 0 ? percentLabel(l.correct / l.answers) : '—'}</span>{' '}
                            <IntervalBar interval={l.ci95} accuracy={l.answers > 0 ? l.correct / l.answers : null} />
                          </td>
                          <td />
                        </tr>
                      ))
                    : null}
                </tbody>
              );
            })}
          </table>
        </div>
      ) : null}
    </section>
  );
}
