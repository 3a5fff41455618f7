// The project's Datasheet page (#/projects/{id}/datasheet; admins and managers): the datasheet
// the server writes (after Gebru et al., "Datasheets for Datasets"), shown through the
// guidelines' Markdown renderer (raw HTML stays text), with downloads as Markdown, HTML and JSON.
import { datasheetMarkdown, datasheetUrl } from '../datasheet/datasheet_api';
import { Markdown } from '../markdown';
import { api } from '../session';
import type { Id, User } from '../types';
import { useLoaded } from '../use_loaded';
import { useManagedProject } from './managed_project';

export function DatasheetPage({ id, user }: { id: Id; user: User }) {
  const { project, back, instead } = useManagedProject(id, user, 'Datasheets are for administrators and managers.');
  const { value: markdown, error } = useLoaded(() => datasheetMarkdown(api, id), [id]);
  if (instead || !project) return instead;
  return (
    <section class="datasheet-page">
      <p>{back}</p>
      <p class="muted">
        What Chorus knows about how this dataset was made, from its tasks, labels, people and settings. Questions only
        your team can answer are marked “To fill in”: download the Markdown, answer them, and ship it with the data.
      </p>
      <p>
        <a class="button" href={datasheetUrl(id, 'markdown')} download>
          Download Markdown
        </a>{' '}
        <a class="button" href={datasheetUrl(id, 'html')} download>
          Download HTML
        </a>{' '}
        <a class="button" href={datasheetUrl(id, 'json')} download>
          Download JSON
        </a>
      </p>
      {error ? (
        <p class="error" role="alert">
          {error}
        </p>
      ) : null}
      {markdown === null && !error ? <p class="muted">Writing the datasheet…</p> : null}
      {markdown ? (
        <article class="card datasheet" data-testid="datasheet">
          <Markdown source={markdown} />
        </article>
      ) : null}
    </section>
  );
}
