// The records an import refused, each with where and why, as the server listed them.
import type { RecordError } from '../types';

export function RecordErrors({ errors }: { errors: RecordError[] }) {
  return (
    <table>
      <caption>Records with errors</caption>
      <thead>
        <tr>
          <th scope="col">Record</th>
          <th scope="col">Line</th>
          <th scope="col">Field</th>
          <th scope="col">Problem</th>
        </tr>
      </thead>
      <tbody>
        {errors.map((e, i) => (
          <tr key={i}>
            <td>{e.record ?? ''}</td>
            <td>{e.line ?? ''}</td>
            <td>{e.field ?? ''}</td>
            <td>{e.message}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

// A refused import: why, and the records at fault when the server listed them.
export function ImportFailure({ message, errors }: { message: string; errors: RecordError[] }) {
  return (
    <div role="alert">
      <p class="error">{message}</p>
      {errors.length > 0 ? <RecordErrors errors={errors} /> : null}
    </div>
  );
}
