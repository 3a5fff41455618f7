// Screens the annotate page shows instead of a task.
import type { ComponentChildren } from 'preact';

// Labelling in the project is closed to the annotator (paused after failing gold, or below the
// project's tier): why, who can change it, and the way back.
export function RefusalScreen(props: {
  back: ComponentChildren;
  cardClass: string;
  testId: string;
  title: string;
  message: string;
  hint: string;
}) {
  return (
    <section>
      <p>{props.back}</p>
      <div class={props.cardClass} role="alert" data-testid={props.testId}>
        <h1>{props.title}</h1>
        <p>{props.message}</p>
        <p>{props.hint}</p>
        <p>
          <a href="#/projects">Back to the projects</a>
        </p>
      </div>
    </section>
  );
}

// Every task the project has for the annotator is done; `done` of them in this session.
export function NothingLeft({ back, done }: { back: ComponentChildren; done: number }) {
  return (
    <section>
      <p>{back}</p>
      <h1 data-testid="nothing-left">Nothing left to label</h1>
      <p>You have labelled every task this project has for you{done > 0 ? ` (${done} this session)` : ''}. Thank you!</p>
    </section>
  );
}

// Something failed (loading, or an answer refused for good): what, and a way on.
export function ErrorScreen(props: { back: ComponentChildren; message: string; onNext: () => void }) {
  return (
    <section>
      <p>{props.back}</p>
      <p class="error" role="alert">
        {props.message}
      </p>
      <button type="button" onClick={props.onNext}>
        Next task
      </button>
    </section>
  );
}
