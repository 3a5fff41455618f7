// The project's Pay page (#/projects/{id}/pay; admins and managers): the pay policy (per task or
// per hour, rates per tier, hourly floor, budget) and the report of what each annotator earned
// and what the project spent.
import { PayFormPanel } from '../pay/policy_form';
import { PayReportPanel } from '../pay/report';
import type { Id, User } from '../types';
import { useManagedProject } from './managed_project';

export function PayPage({ id, user }: { id: Id; user: User }) {
  const { project, back, instead, refresh, saved } = useManagedProject(id, user, 'Pay is for administrators and managers.');
  if (instead || !project) return instead;
  return (
    <section class="pay-page">
      <p>{back}</p>
      <h1>Pay and budget</h1>
      <p class="muted">
        What each annotator earns per active hour, against the floor you set, and what the project has spent. Active time
        counts only time spent working on the page, so reading away from it is not counted: effective pay may be lower
        than shown.
      </p>
      <PayFormPanel project={project} onSaved={saved} />
      <PayReportPanel projectId={project.id} refresh={refresh} />
    </section>
  );
}
