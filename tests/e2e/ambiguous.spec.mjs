#!/usr/bin/env node
// The explicit "ambiguous" answer in a real browser: a manager ticks "Ambiguous" is an answer
// on a choices control in the visual editor (the preview grows the button, which it lacked
// before) and saves; an annotator chooses an option with 1, replaces it by pressing ?, undoes
// and redoes that, reloads (the autosaved draft keeps it) and submits with Enter. The export
// holds {"ambiguous": true}.
//
// Usage: node tests/e2e/ambiguous.spec.mjs [PATH/TO/chorus]   (frame: tests/e2e/harness.mjs)
import { assert, log, runBrowserTest } from './harness.mjs';

await runBrowserTest(
  { passed: 'ambiguous enabled in the editor, answered by key with undo/redo, exported' },
  async ({ base, page, apiCall, createProject, exportedAnnotations }) => {
    const projectId = await createProject(
      'E2E ambiguous',
      [
        { type: 'choices', name: 'mood', to: 'text', options: ['happy', 'sad'], required: true },
        { type: 'text', name: 'note', to: 'text' },
      ],
      [{ text: 'Well, that went about as expected.' }],
    );

    // The manager enables it; the preview follows before anything is saved.
    await page.goto(`${base}#/projects/${projectId}`);
    const preview = page.getByLabel('Preview');
    await preview.getByRole('button', { name: 'happy' }).waitFor();
    assert((await preview.getByRole('button', { name: /Ambiguous/ }).count()) === 0, 'the preview offers Ambiguous before it is allowed');
    await page.getByRole('group', { name: /choices · mood/ }).getByLabel(/"Ambiguous" is an answer/).check();
    await preview.getByRole('button', { name: /Ambiguous/ }).waitFor();
    await page.getByRole('button', { name: 'Save the interface' }).click();
    await page.getByText(/^Saved \(version/).waitFor();
    const project = await apiCall('GET', `api/v1/projects/${projectId}`);
    assert(project.label_interface.controls[0].ambiguous === true, `saved ${JSON.stringify(project.label_interface.controls[0])}`);
    log('the manager allowed the ambiguous answer in the editor; the preview showed its button');

    // The annotator: 1 chooses, ? replaces it, undo brings the option back, redo the mark.
    await page.goto(`${base}#/projects/${projectId}/annotate`);
    await page.locator('[data-task-id]').waitFor();
    const ambiguous = page.getByTestId('ambiguous-mood');
    await ambiguous.waitFor();
    assert((await ambiguous.getAttribute('aria-keyshortcuts')) === '?', 'the Ambiguous button does not show its key');
    // Waits until exactly `names` are pressed among the mood buttons.
    const pressedAre = async (names, what) => {
      const shown = page.locator('fieldset.choices button[aria-pressed="true"] span');
      try {
        await page.waitForFunction(
          (want) => JSON.stringify([...document.querySelectorAll('fieldset.choices button[aria-pressed="true"] span')].map((e) => e.textContent)) === want,
          JSON.stringify(names),
          { timeout: 5_000 },
        );
      } catch {
        throw new Error(`${what}: pressed ${JSON.stringify(await shown.allInnerTexts())}, expected ${JSON.stringify(names)}`);
      }
    };
    await page.keyboard.press('1');
    await pressedAre(['happy'], '1');
    await page.waitForTimeout(1_100); // Changes to one control within 1 s are one undo step.
    await page.keyboard.press('?');
    await pressedAre(['Ambiguous'], '? after 1');
    await page.keyboard.press('Control+z');
    await pressedAre(['happy'], 'undo');
    await page.keyboard.press('Control+Shift+Z');
    await pressedAre(['Ambiguous'], 'redo');
    log('1, ?, undo and redo: the option and the ambiguous mark exclude each other');

    // The autosaved draft keeps the mark across a reload.
    await page.waitForTimeout(1_500); // The draft is saved 0.8 s after the last change.
    await page.getByText('Draft saved.').waitFor();
    await page.reload();
    await page.locator('[data-task-id]').waitFor();
    await page.getByText('Your saved draft is back.').waitFor();
    await pressedAre(['Ambiguous'], 'after a reload');
    await page.locator('[data-task-id]').focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('nothing-left').waitFor();
    const [only] = await exportedAnnotations(projectId);
    assert(JSON.stringify(only?.a.result) === JSON.stringify({ mood: { ambiguous: true } }), `exported ${JSON.stringify(only?.a.result)}`);
    log('the draft kept it; Enter submitted; the export holds {"ambiguous": true}');
  },
);
