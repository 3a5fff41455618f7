#!/usr/bin/env node
// The image controls in a real browser: a project with rectangles (rotation allowed, labels car
// and person on the keys c and x), polygons (one label is an XSS payload) and keypoints (nose,
// left_eye, right_eye with a skeleton) on the demo picture the app serves itself. The three
// share one picture with a tool per control (switched by the tool bar or T). With the mouse
// it draws and moves a box, draws a polygon and places a keypoint instance; with the keyboard
// alone it adds a box (A, arrows, Alt+arrows), switches tools (T) and adds a polygon (A,
// arrows, Space, Enter). Then it submits and checks the exported result in percent of the
// image. The payload label must show as text, and the harness fails on any console error or
// CSP violation.
//
// Usage: CHORUS_WEB_DIR=web/dist node tests/e2e/studio_image.spec.mjs PATH/TO/chorus
// (CHORUS_SCREENSHOTS=1 also saves docs/images/studio-image.png).
import { join } from 'node:path';
import { assert, log, root, runBrowserTest } from './harness.mjs';

const xss = '<img src=x onerror="window.__xss=1">';
const controls = [
  { type: 'rectangles', name: 'boxes', to: 'image', labels: ['car', 'person'], hotkeys: ['c', 'x'], rotation: true },
  { type: 'polygons', name: 'masks', to: 'image', labels: ['road', xss], instruction: `Outline ${xss}` },
  { type: 'keypoints', name: 'pose', to: 'image', labels: ['nose', 'left_eye', 'right_eye'], skeleton: [[0, 1], [0, 2]] },
];

// The shared picture's stage: its top-left on the page and its displayed size (the picture's).
const picture = '[data-control="boxes masks pose"]';
async function stageOf(page, name) {
  // The mouse reaches only what is in the viewport.
  await page.locator(`${picture} .image-stage`).scrollIntoViewIfNeeded();
  const box = await page.locator(`${picture} .konvajs-content`).boundingBox();
  assert(box && box.width > 50, `the ${name} stage is not shown (${JSON.stringify(box)})`);
  // A point given in percent of the picture, on the page.
  return { ...box, at: (px, py) => [box.x + (px / 100) * box.width, box.y + (py / 100) * box.height] };
}

// JSON with sorted keys: the export does not keep the order keys were sent in.
const canonical = (v) => JSON.stringify(v, (_, x) => (x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort()) : x));

function near(actual, expected, tolerance, what) {
  assert(typeof actual === 'number' && Math.abs(actual - expected) <= tolerance, `${what} is ${actual}, expected ${expected} ± ${tolerance.toFixed(3)}`);
}

await runBrowserTest({ passed: 'boxes, polygons and keypoints drawn by mouse and by keyboard, exported in percent' }, async (t) => {
  const { base, page, createProject, exportedAnnotations } = t;
  const projectId = await createProject('E2E images', controls, [{ image: '/demo/shapes/picture-01.png' }]);
  await page.goto(`${base}#/projects/${projectId}/annotate`);
  await page.locator(`${picture} .konvajs-content canvas`).first().waitFor();
  assert((await page.locator('.konvajs-content').count()) === 1, 'the three image controls should share one picture');


  // A stage pixel is 100 / width percent; the pointer lands within about a pixel of where it
  // is sent (fractional page offsets round), so two pixels is a fair tolerance.
  const boxes = await stageOf(page, 'boxes');
  const tol = (2 / boxes.width) * 100;
  log(`stage ${boxes.width.toFixed(1)} x ${boxes.height.toFixed(1)} px; tolerance ${tol.toFixed(3)} %`);

  // Mouse: drag a box from (70, 60) to (10, 20) percent (any direction works), then move it
  // 10 % right by dragging its middle.
  await page.mouse.move(...boxes.at(70, 60));
  await page.mouse.down();
  await page.mouse.move(...boxes.at(40, 40), { steps: 4 });
  await page.mouse.move(...boxes.at(10, 20), { steps: 4 });
  await page.mouse.up();
  await page.getByTestId('image-status-boxes').getByText('1 box.').waitFor();
  await page.mouse.move(...boxes.at(40, 40));
  await page.mouse.down();
  await page.mouse.move(...boxes.at(50, 40), { steps: 5 });
  await page.mouse.up();
  await page.getByTestId('image-status-boxes').getByText('Selected: box 1 (car)').waitFor();

  // Keyboard: deselect, choose "person" (x), add a box at the centre, move it and resize it.
  await page.keyboard.press('Escape');
  for (const key of ['x', 'a', 'ArrowRight', 'ArrowRight', 'Shift+ArrowDown', 'Shift+Alt+ArrowRight', 'Alt+ArrowDown']) {
    await page.keyboard.press(key);
  }
  await page.getByTestId('image-status-boxes').getByText('Selected: box 2 (person)').waitFor();
  await page.keyboard.press('Escape');

  // Mouse: the polygon tool, then a polygon with the payload label, closed by clicking its first
  // point. The boxes stay on the picture, faded, and cannot be picked.
  await page.locator('[data-tool="masks"]').click();
  // The payload is a label button's text, never an element.
  await page.getByRole('button', { name: xss }).waitFor();
  assert((await page.locator('img[src="x"]').count()) === 0, 'the XSS label became an <img>');
  await page.getByRole('button', { name: xss }).click();
  const masks = await stageOf(page, 'masks');
  for (const [x, y] of [[20, 20], [60, 20], [40, 70], [20, 20]]) await page.mouse.click(...masks.at(x, y));
  await page.getByTestId('image-status-masks').getByText('1 polygon.').waitFor();

  // Keyboard: T and Shift+T cycle the tools (boxes, masks, pose) and come back to polygons,
  // whose first label is "road"; a polygon from the crosshair (A), Space drops points, Enter
  // closes it.
  await page.locator(`${picture} .image-stage`).focus();
  await page.keyboard.press('t');
  await page.getByTestId('image-status-pose').waitFor();
  await page.keyboard.press('Shift+T');
  await page.getByTestId('image-status-masks').waitFor();
  await page.keyboard.press('Shift+T');
  await page.getByTestId('image-status-boxes').getByText('2 boxes.').waitFor();
  await page.keyboard.press('t');
  await page.getByTestId('image-status-masks').getByText('Label for new polygons: road.').waitFor();
  for (const key of ['a', ' ', 'Shift+ArrowRight', 'Shift+ArrowRight', ' ', 'Shift+ArrowDown', 'Shift+ArrowDown', ' ', 'Enter']) {
    await page.keyboard.press(key);
  }
  await page.getByTestId('image-status-masks').getByText('2 polygons.').waitFor();

  // Mouse: the keypoint tool, one instance, nose then the eyes (the label moves on by itself).
  await page.locator('[data-tool="pose"]').click();
  const pose = await stageOf(page, 'pose');
  for (const [x, y] of [[50, 40], [40, 30], [60, 30]]) await page.mouse.click(...pose.at(x, y));
  await page.getByTestId('image-status-pose').getByText('1 instance.').waitFor();

  if (process.env.CHORUS_SCREENSHOTS === '1') {
    await page.locator('[data-tool="boxes"]').click();
    await page.locator(`${picture} .image-stage`).focus();
    await page.keyboard.press(']');
    await page.locator(picture).screenshot({ path: join(root, 'docs/images/studio-image.png') });
  }

  await page.getByRole('button', { name: /^Submit/ }).click();
  await page.getByTestId('nothing-left').waitFor();
  assert((await page.evaluate(() => window.__xss)) === undefined, 'the XSS payload ran');

  const annotations = await exportedAnnotations(projectId);
  assert(annotations.length === 1, `the export holds ${annotations.length} annotations, expected 1`);
  const result = annotations[0].a.result;
  log(`exported: ${JSON.stringify(result)}`);

  const [mouseBox, keyBox] = result.boxes.boxes;
  assert(result.boxes.boxes.length === 2, `${result.boxes.boxes.length} boxes exported`);
  assert(mouseBox.label === 'car' && mouseBox.rotation === 0, `the mouse box is ${JSON.stringify(mouseBox)}`);
  near(mouseBox.x, 20, tol, 'mouse box x');
  near(mouseBox.y, 20, tol, 'mouse box y');
  near(mouseBox.width, 60, tol, 'mouse box width');
  near(mouseBox.height, 40, tol, 'mouse box height');
  // The keyboard is exact: centre box 40,40,20,20; right 2 × 0.5; down 5; wider 5; taller 0.5.
  const wantKey = { x: 41, y: 45, width: 25, height: 20.5, rotation: 0, label: 'person' };
  assert(canonical(keyBox) === canonical(wantKey), `the keyboard box is ${JSON.stringify(keyBox)}, expected ${JSON.stringify(wantKey)}`);

  const [mousePolygon, keyPolygon] = result.masks.polygons;
  assert(result.masks.polygons.length === 2, `${result.masks.polygons.length} polygons exported`);
  assert(mousePolygon.label === xss && mousePolygon.points.length === 3, `the mouse polygon is ${JSON.stringify(mousePolygon)}`);
  [[20, 20], [60, 20], [40, 70]].forEach(([x, y], i) => {
    near(mousePolygon.points[i][0], x, tol, `polygon point ${i} x`);
    near(mousePolygon.points[i][1], y, tol, `polygon point ${i} y`);
  });
  const wantPolygon = { points: [[50, 50], [60, 50], [60, 60]], label: 'road' };
  assert(canonical(keyPolygon) === canonical(wantPolygon), `the keyboard polygon is ${JSON.stringify(keyPolygon)}`);

  assert(result.pose.instances.length === 1, `${result.pose.instances.length} instances exported`);
  const points = result.pose.instances[0].points;
  assert(points.map((p) => p.label).join() === 'nose,left_eye,right_eye', `the keypoints are ${JSON.stringify(points)}`);
  [[50, 40], [40, 30], [60, 30]].forEach(([x, y], i) => {
    near(points[i].x, x, tol, `${points[i].label} x`);
    near(points[i].y, y, tol, `${points[i].label} y`);
  });
  log('the exported boxes, polygons and keypoints match what was drawn');
});
