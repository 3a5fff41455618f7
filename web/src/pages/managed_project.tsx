// What a manager's project page (routing, pay) starts from: the project, read once, a refresh
// count that a saved policy bumps so the page's report reads again, and the page to show
// instead when the user may not manage it or the read failed.
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { projectHash } from '../router';
import { api, messageOf } from '../session';
import type { Id, Project, User } from '../types';
import { canManage } from './projects';

export function useManagedProject(id: Id, user: User, refusal: string) {
  const [project, setProject] = useState<Project | null>(null);
  const [error, setError] = useState('');
  const [refresh, setRefresh] = useState(0);

  useEffect(() => {
    if (!canManage(user)) return;
    api.getProject(id).then(setProject, (e: unknown) => setError(messageOf(e)));
  }, [id]);

  const back = <a href={projectHash(id)}>← {project ? project.name : 'Project'}</a>;
  let instead: ComponentChildren = null;
  if (!canManage(user) || error) {
    instead = (
      <section>
        <p>{back}</p>
        <p class="error" role="alert">
          {error || refusal}
        </p>
      </section>
    );
  } else if (!project) {
    instead = <p class="muted">Loading…</p>;
  }
  // A saved policy: the new project, and the report reads again.
  const saved = (p: Project) => {
    setProject(p);
    setRefresh((n) => n + 1);
  };
  return { project, back, instead, refresh, saved };
}
