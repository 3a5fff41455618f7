// The project's Wellbeing page (#/projects/{id}/wellbeing; admins and managers): the wellbeing
// policy (caps, breaks, rotation, opt-out) and the report of each annotator's exposure to
// sensitive items.
import { WellbeingFormPanel } from '../wellbeing/policy_form';
import { WellbeingReportPanel } from '../wellbeing/report';
import type { Id, User } from '../types';
import { useManagedProject } from './managed_project';

export function WellbeingPage({ id, user }: { id: Id; user: User }) {
  const { project, back, instead, refresh, saved } = useManagedProject(id, user, 'Wellbeing is for administrators and managers.');
  if (instead || !project) return instead;
  return (
    <section class="wellbeing-page">
      <p>{back}</p>
      <h1>Annotator wellbeing</h1>
      <p class="muted">
        Tasks marked sensitive (on import, or in the data browser) are limited per annotator per day and per session, a run
        of them forces a break, and ordinary items come in between. An item counts once the annotator submits or skips it.
      </p>
      <WellbeingFormPanel project={project} onSaved={saved} />
      <WellbeingReportPanel projectId={project.id} refresh={refresh} />
    </section>
  );
}
