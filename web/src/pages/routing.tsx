// The project's Routing page (#/projects/{id}/routing; admins and managers): the routing policy
// (the tier required to label and dynamic overlap) and the report of what it did, as a table and
// charts. A task's own tier is set where a manager looks at the task (reviewer view, data browser).
import { RoutingFormPanel } from '../routing/policy_form';
import { RoutingReportPanel } from '../routing/report';
import { adjudicationHash, reviewHash, tasksHash } from '../router';
import type { Id, User } from '../types';
import { useManagedProject } from './managed_project';

export function RoutingPage({ id, user }: { id: Id; user: User }) {
  const { project, back, instead, refresh, saved } = useManagedProject(id, user, 'Routing is for administrators and managers.');
  if (instead || !project) return instead;
  return (
    <section class="routing-page">
      <p>{back}</p>
      <h1>Routing: tiers and dynamic overlap</h1>
      <p class="muted">
        Who may label this project, and how many labels each task gets. Set one task’s tier in the{' '}
        <a href={reviewHash(id)}>reviewer view</a> or the <a href={tasksHash(id)}>data browser</a>. Escalated tasks wait in
        the <a href={adjudicationHash(id)}>Adjudication queue</a>.
      </p>
      <RoutingFormPanel project={project} onSaved={saved} />
      <RoutingReportPanel projectId={project.id} refresh={refresh} />
    </section>
  );
}
