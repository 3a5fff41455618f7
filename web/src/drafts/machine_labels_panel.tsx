// Managers' section of the Drafts page for machine labels: auto-labelling with a guarantee
// (preview, then apply) and the validation of machine labels against people's before anyone
// trains on them. Model versions, verdicts and option names are user data: text nodes only.
import { useState } from 'preact/hooks';
import { api, messageOf } from '../session';
import type { Id } from '../types';
import { useLoaded } from '../use_loaded';
import {
  accuracyText,
  autoLabel,
  shareFromPercent,
  sourceName,
  validationReport,
  validationUrl,
  type AutoLabelReport,
  type ValidationReport,
} from './machine_labels_api';

function AutoLabelResult({ report }: { report: AutoLabelReport }) {
  return (
    <div data-testid="auto-label-result">
      <p data-testid="auto-label-summary">{report.summary}</p>
      <dl class="anchoring-figures">
        <dt>Threshold</dt>
        <dd data-testid="auto-label-threshold">{report.threshold === null ? 'none meets the target' : report.threshold.toFixed(3)}</dd>
        <dt>Calibration items (gold, blind)</dt>
        <dd>{`${report.calibration_items} (${report.calibration_gold}, ${report.calibration_blind})`}</dd>
        <dt>Estimated accuracy above the threshold</dt>
        <dd>{accuracyText(report.estimated_accuracy, report.wilson95)}</dd>
        <dt>{report.applied ? 'Auto-labelled' : 'Would be auto-labelled'}</dt>
        <dd data-testid="auto-label-count">{`${report.applied ? report.auto_labelled : report.eligible} of ${report.open_tasks} open tasks`}</dd>
      </dl>
    </div>
  );
}

export function AutoLabelPanel({ projectId, onApplied }: { projectId: Id; onApplied: () => void }) {
  const [model, setModel] = useState('');
  const [target, setTarget] = useState('98');
  const [confidence, setConfidence] = useState('95');
  const [report, setReport] = useState<AutoLabelReport | null>(null);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const run = async (apply: boolean) => {
    const targetShare = shareFromPercent(target);
    const confidenceShare = shareFromPercent(confidence);
    if (targetShare === null || confidenceShare === null) {
      setError('Give the target accuracy and the confidence as percentages between 0 and 100.');
      return;
    }
    setBusy(true);
    setError('');
    try {
      const answer = await autoLabel(api, projectId, { model_version: model.trim(), target_accuracy: targetShare, confidence: confidenceShare, apply });
      setReport(answer);
      if (apply) onApplied();
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };
  const previewed = report !== null && !report.applied && report.threshold !== null && report.eligible > 0;
  return (
    <section class="card" aria-labelledby="auto-label-heading" data-testid="auto-label">
      <h2 id="auto-label-heading">Auto-labelling</h2>
      <p class="muted small">
        Accept the model's labels where its score clears a threshold calibrated on gold items and blind labels, so that they meet the
        target accuracy with the stated confidence. The rest stay with people. Auto labels are marked as the model's for good.
      </p>
      <label>
        Model to auto-label <input value={model} onInput={(e) => setModel(e.currentTarget.value)} data-testid="auto-label-model" />
      </label>{' '}
      <label>
        Target accuracy (%) <input value={target} size={5} onInput={(e) => setTarget(e.currentTarget.value)} data-testid="auto-label-target" />
      </label>{' '}
      <label>
        Confidence (%) <input value={confidence} size={5} onInput={(e) => setConfidence(e.currentTarget.value)} data-testid="auto-label-confidence" />
      </label>
      <p>
        <button type="button" disabled={busy} onClick={() => void run(false)} data-testid="auto-label-preview">
          Preview
        </button>{' '}
        <button type="button" disabled={busy || !previewed} onClick={() => void run(true)} data-testid="auto-label-apply">
          Apply
        </button>
      </p>
      {error ? (
        <p class="error" role="alert">
          {error}
        </p>
      ) : null}
      {report ? <AutoLabelResult report={report} /> : null}
    </section>
  );
}

function ValidationTable({ report }: { report: ValidationReport }) {
  return (
    <table class="data-table" data-testid="validation-table">
      <thead>
        <tr>
          <th>Source</th>
          <th>Labels</th>
          <th>Compared</th>
          <th>Accuracy (95% interval)</th>
          <th>Confusion (rows: people; columns: machine)</th>
          <th>Verdict</th>
        </tr>
      </thead>
      <tbody>
        {report.sources.map((s) => (
          <tr key={sourceName(s)} data-fit={s.fit_to_train ? 'yes' : 'no'}>
            <td>{sourceName(s)}</td>
            <td>{String(s.labels)}</td>
            <td>{String(s.compared)}</td>
            <td>{accuracyText(s.accuracy, s.wilson95)}</td>
            <td>{s.confusion.map((row, i) => `${report.options[i]}: ${row.join(' / ')}`).join('; ')}</td>
            <td class={s.fit_to_train ? 'ok' : 'error'}>{s.verdict}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function ValidationPanel({ projectId, refresh }: { projectId: Id; refresh: number }) {
  const [bar, setBar] = useState('90');
  const minAccuracy = shareFromPercent(bar) ?? 0.9;
  const { value: report, error } = useLoaded(() => validationReport(api, projectId, minAccuracy), [projectId, refresh, minAccuracy]);
  return (
    <section class="card" aria-labelledby="validation-heading" data-testid="validation">
      <h2 id="validation-heading">Machine labels against people's</h2>
      <p class="muted small">
        Each model's predictions and auto labels and each rule set's labels, compared with people's labels given without a draft in
        view (and gold). Do not train on a source until its interval clears the bar.
      </p>
      <label>
        Bar (%) <input value={bar} size={5} onInput={(e) => setBar(e.currentTarget.value)} data-testid="validation-bar" />
      </label>{' '}
      <a href={validationUrl(projectId, minAccuracy)}>JSON</a>
      {error ? (
        <p class="error" role="alert">
          {error}
        </p>
      ) : null}
      {report && report.sources.length === 0 ? <p class="muted">No predictions or machine labels yet.</p> : null}
      {report && report.sources.length > 0 ? <ValidationTable report={report} /> : null}
    </section>
  );
}
