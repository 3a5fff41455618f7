// The project's Gold page (#/projects/{id}/gold; admins and managers): the gold policy form,
// each annotator's accuracy on gold with its verdict, and the gold tasks with their
// references, to edit or unmark. Tasks are marked gold from the reviewer view.
import { useEffect, useState } from 'preact/hooks';
import { AccuracyTable } from '../gold/accuracy_table';
import { GoldItems } from '../gold/gold_items';
import { PolicyFormPanel } from '../gold/policy_form';
import { projectHash, reviewHash } from '../router';
import { api, messageOf } from '../session';
import { studioControls } from '../studio/controls';
import type { Id, Project, User } from '../types';
import { canManage } from './projects';

export function GoldPage({ id, user }: { id: Id; user: User }) {
  const [project, setProject] = useState<Project | null>(null);
  const [error, setError] = useState('');
  // Bumped when the policy or the gold set changes, so the accuracy table reads again.
  const [refresh, setRefresh] = useState(0);

  useEffect(() => {
    if (!canManage(user)) return;
    api.getProject(id).then(setProject, (e: unknown) => setError(messageOf(e)));
  }, [id]);

  const back = <a href={projectHash(id)}>← {project ? project.name : 'Project'}</a>;
  if (!canManage(user)) {
    return (
      <section>
        <p>{back}</p>
        <p class="error" role="alert">
          Gold tasks are for administrators and managers.
        </p>
      </section>
    );
  }
  if (error) {
    return (
      <section>
        <p>{back}</p>
        <p class="error" role="alert">
          {error}
        </p>
      </section>
    );
  }
  if (!project) return <p class="muted">Loading…</p>;
  return (
    <section class="gold-page">
      <p>{back}</p>
      <h1>Gold tasks and accuracy</h1>
      <p class="muted">
        Gold tasks have a known answer and are mixed into annotators’ queues unannounced; each annotator’s answers to them measure
        their accuracy. Mark a task gold in the <a href={reviewHash(id)}>reviewer view</a>.
      </p>
      <PolicyFormPanel
        project={project}
        onSaved={(p) => {
          setProject(p);
          setRefresh((n) => n + 1);
        }}
      />
      <AccuracyTable projectId={project.id} refresh={refresh} />
      <GoldItems projectId={project.id} controls={studioControls(project.label_interface)} onChanged={() => setRefresh((n) => n + 1)} />
    </section>
  );
}
