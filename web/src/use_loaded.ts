// A value a component reads from the server, read again whenever `deps` change; an answer that
// arrives after the component moved on (unmounted, or other deps) is dropped.
import { useEffect, useState } from 'preact/hooks';
import { messageOf } from './session';

export interface Loaded<T> {
  value: T|null;
  error: string;
}

export function useLoaded<T>(load: () => Promise<T>, deps: unknown[]): Loaded<T> {
  const [value, setValue] = useState<T | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    let live = true;
    load().then(
      (v) => live && (setValue(() => v), setError('')),
      (e: unknown) => live && setError(messageOf(e)),
    );
    return () => {
      live = false;
    };
  }, deps);
  return { value, error };
}
