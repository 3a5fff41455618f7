#!/usr/bin/env node
// A manager sets up a label interface on the project page without writing JSON: adds a rating
// control to a choices one, sets its scale, sees the live preview follow and answer as an
// annotator would, gets the server's refusal of a repeated option naming the field, saves; the
// annotate page then asks both questions and the export holds both answers.
//
// Usage: node tests/e2e/interface_editor.spec.mjs [PATH/TO/chorus]   (frame: tests/e2e/harness.mjs)
import { assert, log, runBrowserTest } from './harness.mjs';

await runBrowserTest(
  { passed: 'a rating control added in the editor, previewed, saved, answered and exported' },
  async ({ base, page, apiCall, createProject, exportedAnnotations, allowConsoleError }) => {
    const projectId = await createProject(
      'E2E interface editor',
      [{ type: 'choices', name: 'animal', to: 'text', options: ['cat', 'dog'] }],
      [{ text: 'A small animal that purrs' }],
    );
    await page.goto(`${base}#/projects/${projectId}`);
    await page.getByLabel('Type of the control to add').selectOption('rating');
    await page.getByRole('button', { name: 'Add a control' }).click();
    const card = page.getByRole('group', { name: /rating · rating_1/ });
    await card.getByLabel(/^Highest/).fill('3');
    const preview = page.getByLabel('Preview');
    await preview.getByRole('radio').nth(2).waitFor();
    assert((await preview.getByRole('radio').count()) === 3, 'the preview does not show a 1–3 scale');
    await preview.getByRole('radio', { name: '2' }).check();
    await preview.getByText('The result a submission would send').click();
    assert((await preview.locator('pre').innerText()).includes('"rating": 2'), 'the preview result lacks the rating');

    // A repeated option: the server refuses and names the field; nothing is saved.
    allowConsoleError(/status of 400 .*\/api\/v1\/projects\/\d+\)$/);
    const options = page.getByRole('group', { name: /choices · animal/ }).getByLabel(/^Options/);
    await options.fill('cat, cat');
    await page.getByRole('button', { name: 'Save the interface' }).click();
    const refusal = await page.getByRole('alert').innerText();
    assert(/controls\[0\]\.options/.test(refusal), `the refusal does not name the field: ${refusal}`);
    await options.fill('cat, dog');
    await page.getByRole('button', { name: 'Save the interface' }).click();
    await page.getByText(/^Saved \(version/).waitFor();
    const project = await apiCall('GET', `api/v1/projects/${projectId}`);
    const types = project.label_interface.controls.map((c) => `${c.type}:${c.name}`);
    assert(JSON.stringify(types) === JSON.stringify(['choices:animal', 'rating:rating_1']), `saved ${JSON.stringify(types)}`);
    log('rating control added, previewed and saved; a repeated option was refused by field');

    // The annotate page asks both; Enter submits once both are answered.
    await page.goto(`${base}#/projects/${projectId}/annotate`);
    await page.locator('[data-task-id]').waitFor();
    await page.keyboard.press('1');
    await page.getByRole('radio', { name: '3' }).check();
    await page.getByRole('button', { name: /^Submit/ }).click();
    await page.getByTestId('nothing-left').waitFor();
    const [only] = await exportedAnnotations(projectId);
    const expected = { animal: { choices: ['cat'] }, rating_1: { rating: 3 } };
    assert(JSON.stringify(only?.a.result) === JSON.stringify(expected), `exported ${JSON.stringify(only?.a.result)}`);
    log('the annotate page asked both questions; the export holds both answers');
  },
);
