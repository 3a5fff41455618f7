// The project's Drafts page (#/projects/{id}/drafts; admins and managers): the draft policy
// (on/off, model version, blind share), the model backend that makes drafts, the anchoring
// report of drafted against blind labels, auto-labelling (preview, then apply) and the
// validation of machine labels against people's.
import { useState } from 'preact/hooks';
import { DraftsFormPanel } from '../drafts/policy_form';
import { AnchoringReportPanel } from '../drafts/anchoring_report';
import { ModelBackendPanel } from '../drafts/model_backend_panel';
import { AutoLabelPanel, ValidationPanel } from '../drafts/machine_labels_panel';
import type { Id, User } from '../types';
import { useManagedProject } from './managed_project';

export function DraftsPage({ id, user }: { id: Id; user: User }) {
  const { project, back, instead, refresh, saved } = useManagedProject(id, user, 'Drafts are for administrators and managers.');
  const [applied, setApplied] = useState(0); // auto labels applied: the validation reads again
  if (instead || !project) return instead;
  return (
    <section class="drafts-page">
      <p>{back}</p>
      <h1>Model drafts</h1>
      <p class="muted">
        Pre-fill annotators' answers with a model's predictions, keep a blind share without them, and check whether the drafts
        pull labels toward the model.
      </p>
      <DraftsFormPanel project={project} onSaved={saved} />
      <ModelBackendPanel projectId={project.id} />
      <AnchoringReportPanel projectId={project.id} refresh={refresh} />
      <AutoLabelPanel projectId={project.id} onApplied={() => setApplied((n) => n + 1)} />
      <ValidationPanel projectId={project.id} refresh={refresh + applied} />
    </section>
  );
}
