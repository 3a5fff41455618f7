// One way to edit a project's policy (gold, routing, pay, wellbeing, diversity, drafts): the form's state, saving the policy
// whole with the project's version read (409 when someone saved since), and the server's error
// shown beside the field it names ("routing.control") or above the form.
import { useEffect, useState } from 'preact/hooks';
import { ApiError } from './api';
import { api, messageOf } from './session';
import type { NewProject, Project } from './types';

export type PolicyKey = 'gold' | 'routing' | 'pay' | 'wellbeing' | 'diversity' | 'drafts';
export type BuiltPolicyOf<F extends string> = { ok: true; value: unknown } | { ok: false; errors: Partial<Record<F, string>> };

export interface PolicyFormSpec<Form, F extends string> {
  key: PolicyKey; // The project field the policy is saved as.
  toForm: (project: Project) => Form;
  build: (form: Form) => BuiltPolicyOf<F>; // The policy to send, or errors per field.
  fieldOf: (serverField: string) => F | null; // The form field a server error names, if any.
}

export function usePolicyForm<Form, F extends string>(
  project: Project,
  onSaved: (p: Project) => void,
  spec: PolicyFormSpec<Form, F>,
) {
  const [form, setForm] = useState<Form>(() => spec.toForm(project));
  const [errors, setErrors] = useState<Partial<Record<F, string>>>({});
  const [error, setError] = useState('');
  const [saved, setSaved] = useState('');
  const [busy, setBusy] = useState(false);

  useEffect(() => setForm(spec.toForm(project)), [project.id, project.version]);

  const change = (patch: Partial<Form>) => {
    setForm({ ...form, ...patch });
    setSaved('');
  };

  async function save(event: Event) {
    event.preventDefault();
    setSaved('');
    setError('');
    const built = spec.build(form);
    if (!built.ok) {
      setErrors(built.errors);
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      const change = { version: project.version, [spec.key]: built.value } as Partial<NewProject> & { version: number };
      const updated = await api.updateProject(project.id, change);
      setSaved(`Saved (project version ${updated.version}).`);
      onSaved(updated);
    } catch (e) {
      const field = e instanceof ApiError && e.field ? spec.fieldOf(e.field) : null;
      if (field) setErrors({ [field]: messageOf(e) } as Partial<Record<F, string>>);
      else if (e instanceof ApiError && e.status === 409) setError('Someone changed this project since you opened it; reload the page and try again.');
      else setError(e instanceof ApiError && e.field ? `${e.field}: ${e.message}` : messageOf(e));
    } finally {
      setBusy(false);
    }
  }

  return { form, change, errors, error, saved, busy, save };
}
