// The project's Diversity page (#/projects/{id}/diversity; admins and managers): the questions
// annotators are asked about themselves with the label quota, and the report of label
// distributions and agreement per group, in aggregate only.
import { DiversityFormPanel } from '../diversity/policy_form';
import { DiversityReportPanel } from '../diversity/report';
import type { Id, User } from '../types';
import { useManagedProject } from './managed_project';

export function DiversityPage({ id, user }: { id: Id; user: User }) {
  const { project, back, instead, refresh, saved } = useManagedProject(id, user, 'Diversity is for administrators and managers.');
  if (instead || !project) return instead;
  return (
    <section class="diversity-page">
      <p>{back}</p>
      <h1>Annotator diversity</h1>
      <p class="muted">
        Ask annotators optional questions about themselves (region, language…) and, if you like, require each item to get labels
        from several groups. Tasks then keep their free slots for the groups they still need.
      </p>
      <DiversityFormPanel project={project} onSaved={saved} />
      <DiversityReportPanel projectId={project.id} refresh={refresh} heading="Report by group" />
    </section>
  );
}
