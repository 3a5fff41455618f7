#!/usr/bin/env node
// The audio and video controls in a real browser, with media made here (no network, no
// ffmpeg): a 4 s sine WAV written in JS and a WebM recorded from a canvas with MediaRecorder,
// both uploaded through POST /api/v1/projects/{p}/media. Audio: a segment drawn with the mouse
// on the waveform (with a transcription) and one made by keys ([ ] and seeking). Video: a
// segment by mouse and one by keys, and a track with a box drawn at 0 s, moved at a later time
// (a second keyframe) and marked out of view there by keys (K, O). The export must hold exactly
// those results; a label holding markup stays text.
//
// A 160×120, 2 s recording is used: Chrome's MediaRecorder left the duration out of a longer,
// larger one (duration Infinity), which no real upload does.
// The server answers media without Range support, so Chrome cannot seek a <video> from it
// (seekable is [0, 0]); the video part reaches later times by playing and pausing, and reads
// the paused time from the page. Audio is decoded and played through Web Audio, which seeks.
//
// Usage: node tests/e2e/studio_av.spec.mjs [PATH/TO/chorus]   (CHORUS_SCREENSHOTS=1 saves
// docs/images/studio-av.png).
import { join } from 'node:path';
import { assert, log, root, runBrowserTest } from './harness.mjs';

const XSS = '<img src=x onerror=window.__xss=1>';

// A mono 16-bit PCM WAV of a 440 Hz sine, `seconds` long.
function sineWav(seconds, rate = 8000) {
  const n = seconds * rate;
  const buf = Buffer.alloc(44 + n * 2);
  buf.write('RIFF', 0);
  buf.writeUInt32LE(36 + n * 2, 4);
  buf.write('WAVE', 8);
  buf.write('fmt ', 12);
  buf.writeUInt32LE(16, 16); // fmt chunk size
  buf.writeUInt16LE(1, 20); // PCM
  buf.writeUInt16LE(1, 22); // mono
  buf.writeUInt32LE(rate, 24);
  buf.writeUInt32LE(rate * 2, 28); // bytes per second
  buf.writeUInt16LE(2, 32); // block align
  buf.writeUInt16LE(16, 34); // bits per sample
  buf.write('data', 36);
  buf.writeUInt32LE(n * 2, 40);
  for (let i = 0; i < n; i++) buf.writeInt16LE(Math.round(Math.sin((2 * Math.PI * 440 * i) / rate) * 12000), 44 + i * 2);
  return buf;
}

// A WebM of a moving square, recorded in the page from a canvas (about `ms` long).
async function recordWebm(page, ms) {
  const bytes = await page.evaluate(async (length) => {
    const canvas = document.createElement('canvas');
    canvas.width = 160;
    canvas.height = 120;
    const g = canvas.getContext('2d');
    const recorder = new MediaRecorder(canvas.captureStream(25), { mimeType: 'video/webm;codecs=vp8' });
    const chunks = [];
    recorder.ondataavailable = (e) => chunks.push(e.data);
    recorder.start(100);
    const t0 = performance.now();
    await new Promise((done) => {
      const frame = () => {
        const t = performance.now() - t0;
        g.fillStyle = '#223';
        g.fillRect(0, 0, 160, 120);
        g.fillStyle = '#fc0';
        g.fillRect((t / 20) % 140, 40, 20, 20);
        if (t < length) requestAnimationFrame(frame);
        else done();
      };
      frame();
    });
    recorder.stop();
    await new Promise((done) => (recorder.onstop = done));
    return Array.from(new Uint8Array(await new Blob(chunks).arrayBuffer()));
  }, ms);
  return Buffer.from(bytes);
}

// JSON with keys sorted: the server stores results with their keys in its own order.
const canon = (v) => JSON.stringify(v, (_, x) => (x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort()) : x));
const near = (a, b, tolerance) => typeof a === 'number' && Math.abs(a - b) <= tolerance;

// Drags with the mouse from (x0, y0) to (x1, y1), fractions of `locator`'s box.
async function drag(page, locator, [x0, y0], [x1, y1]) {
  await locator.scrollIntoViewIfNeeded();
  const box = await locator.boundingBox();
  await page.mouse.move(box.x + box.width * x0, box.y + box.height * y0);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * ((x0 + x1) / 2), box.y + box.height * ((y0 + y1) / 2), { steps: 4 });
  await page.mouse.move(box.x + box.width * x1, box.y + box.height * y1, { steps: 4 });
  await page.mouse.up();
  return box;
}

async function pausedTime(editor) {
  return Number(await editor.getByTestId('av-time').getAttribute('data-time'));
}

// Plays for about `ms`, pauses with Space, and answers the time the view shows.
async function playFor(page, editor, ms) {
  const before = await pausedTime(editor);
  await page.keyboard.press(' ');
  await page.waitForTimeout(ms);
  await page.keyboard.press(' ');
  await editor.getByRole('button', { name: /^Play/ }).waitFor();
  const after = await pausedTime(editor);
  assert(after > before, `playing did not move the video (${before} → ${after})`);
  return after;
}

async function submitAndExport(page, exportedAnnotations, projectId) {
  const taskId = await page.locator('[data-task-id]').getAttribute('data-task-id');
  await page.getByRole('button', { name: /^Submit/ }).click();
  await page.waitForFunction(
    (previous) =>
      document.querySelector('[data-testid="nothing-left"]') !== null ||
      document.querySelector('[data-task-id]')?.getAttribute('data-task-id') !== previous,
    taskId,
  );
  const annotations = (await exportedAnnotations(projectId)).filter((x) => x.taskId === taskId);
  assert(annotations.length === 1, `task ${taskId} has ${annotations.length} annotations in the export`);
  return annotations[0].a.result;
}

await runBrowserTest({ passed: 'audio and video segments and a video track labelled by mouse and keys, exported exactly' }, async (t) => {
  const { page, base, apiCall, exportedAnnotations } = t;

  // ---- Audio: one project, its task referencing a WAV uploaded to it.
  const audioControls = [{ type: 'audio_segments', name: 'speakers', to: 'audio', labels: ['alice', XSS], transcription: true }];
  const audioProject = await apiCall('POST', 'api/v1/projects', {
    data: { name: 'E2E audio', description: 'audio segments', overlap: 1, label_interface: { controls: audioControls } },
  });
  const audioId = audioProject.id ?? audioProject.project?.id;
  const wav = await apiCall('POST', `api/v1/projects/${audioId}/media?name=sine.wav`, {
    headers: { 'Content-Type': 'audio/wav' },
    data: sineWav(4),
  });
  await apiCall('POST', `api/v1/projects/${audioId}/imports`, {
    headers: { 'Content-Type': 'application/x-ndjson' },
    data: JSON.stringify({ audio: wav.url }) + '\n',
  });
  await page.goto(`${base}#/projects/${audioId}/annotate`);
  const audio = page.locator('[data-control="speakers"] .av-editor');
  await audio.locator('canvas.av-waveform').waitFor();
  await audio.getByText('0:00.000 / 0:04.000').waitFor();

  // Mouse: drag from 1 s to 2 s on the waveform with the first label chosen.
  const timeline = audio.locator('.av-timeline');
  const bar = await drag(page, timeline, [0.25, 0.5], [0.5, 0.5]);
  // One pixel of the timeline is 4 s / width; the mouse lands on whole or half pixels, and a
  // result is rounded to the millisecond.
  const pixel = 4 / bar.width + 0.001;
  await audio.getByRole('textbox', { name: 'Transcription of segment 1' }).fill('hello');

  // Keys: Esc unselects the new segment (else q would relabel it), q chooses the second label
  // (its first character is no letter, so it gets the first free one),
  // → ×3 seeks to 3 s, [ marks it, Shift+→ seeks 5 s (clamped at the end, 4 s), ] ends there.
  await audio.focus();
  for (const key of ['Escape', 'q', 'ArrowRight', 'ArrowRight', 'ArrowRight', '[', 'Shift+ArrowRight', ']']) await page.keyboard.press(key);
  await audio.locator('.av-list li').nth(1).waitFor();
  // The markup label is text: shown as written, never an element.
  await audio.locator('.av-label', { hasText: XSS }).waitFor();
  assert((await page.locator('[data-control="speakers"] img').count()) === 0, 'a label became an <img> element');
  if (process.env.CHORUS_SCREENSHOTS === '1') {
    await page.screenshot({ path: join(root, 'docs/images/studio-av.png'), fullPage: true });
    log('screenshot saved to docs/images/studio-av.png');
  }
  const audioResult = await submitAndExport(page, exportedAnnotations, audioId);
  const segs = audioResult?.speakers?.segments;
  assert(Array.isArray(segs) && segs.length === 2, `audio result: ${JSON.stringify(audioResult)}`);
  assert(
    near(segs[0].start, 1, pixel) && near(segs[0].end, 2, pixel) && segs[0].label === 'alice' && segs[0].text === 'hello' && Object.keys(segs[0]).length === 4,
    `the mouse segment exported as ${JSON.stringify(segs[0])}, expected about {start: 1, end: 2, label: alice, text: hello} (±${pixel.toFixed(4)} s)`,
  );
  assert(
    canon(segs[1]) === canon({ start: 3, end: 4, label: XSS }),
    `the keyboard segment exported as ${JSON.stringify(segs[1])}, expected exactly {start: 3, end: 4, label: ${XSS}}`,
  );
  assert((await page.evaluate(() => window.__xss)) === undefined, 'the markup label ran script');
  log(`audio: ${JSON.stringify(segs)}`);

  // ---- Video: segments and a track on a recorded WebM.
  const videoControls = [
    { type: 'video_segments', name: 'scenes', to: 'video', labels: ['intro', 'action'] },
    { type: 'video_tracks', name: 'tracks', to: 'video', labels: ['car', 'person'] },
  ];
  const videoProject = await apiCall('POST', 'api/v1/projects', {
    data: { name: 'E2E video', description: 'video segments and tracks', overlap: 1, label_interface: { controls: videoControls } },
  });
  const videoId = videoProject.id ?? videoProject.project?.id;
  const webm = await apiCall('POST', `api/v1/projects/${videoId}/media?name=square.webm`, {
    headers: { 'Content-Type': 'video/webm' },
    data: await recordWebm(page, 2000),
  });
  await apiCall('POST', `api/v1/projects/${videoId}/imports`, {
    headers: { 'Content-Type': 'application/x-ndjson' },
    data: JSON.stringify({ video: webm.url }) + '\n',
  });
  await page.goto(`${base}#/projects/${videoId}/annotate`);
  const scenes = page.locator('[data-control="scenes"] .av-editor');
  await page.waitForFunction(() => {
    const times = [...document.querySelectorAll('[data-testid="av-time"]')];
    return times.length === 2 && times.every((e) => Number(e.getAttribute('data-duration')) > 0);
  });
  // The duration the view maps the timeline with (Chrome may revise a recording's as it reads on).
  const duration = Number(await scenes.getByTestId('av-time').getAttribute('data-duration'));
  assert(duration > 1.5, `the recorded video is ${duration} s long`);

  // Segments, mouse: 10 %–40 % of the timeline with "intro".
  const sceneBar = await drag(page, scenes.locator('.av-timeline'), [0.1, 0.5], [0.4, 0.5]);
  const scenePixel = duration / sceneBar.width + 0.001;
  // Segments, keys: "action" (a, its initial), [ at 0 s, play a little, ] at the paused time.
  await scenes.focus();
  await page.keyboard.press('Escape'); // Unselect the new segment, else a relabels it.
  await page.keyboard.press('a');
  await page.keyboard.press('[');
  const sceneEnd = await playFor(page, scenes, 600);
  await page.keyboard.press(']');
  await scenes.locator('.av-list li').nth(1).waitFor();

  // Track: draw a box at 0 s (10,10)–(30,40) %, play, drag it by (+20, +10) % there (second
  // keyframe), play on, K pins a keyframe and O marks the object out of view from it.
  const tracks = page.locator('[data-control="tracks"] .av-editor');
  const overlay = tracks.locator('.av-overlay');
  const stage = await drag(page, overlay, [0.1, 0.1], [0.3, 0.4]);
  await tracks.locator('.av-box').waitFor();
  await tracks.focus();
  const t1 = await playFor(page, tracks, 500);
  await drag(page, overlay, [0.2, 0.25], [0.4, 0.35]);
  await tracks.locator('.av-keyframe').nth(1).waitFor();
  const played = await playFor(page, tracks, 400);
  // Step one frame with '.': a seek leaves the playhead exactly where it says, while a pause can
  // still settle a few milliseconds back, under the keyframe K would pin (seen under ASan).
  await page.keyboard.press('.');
  let t2 = played;
  for (let i = 0; i < 50 && t2 === played; i++) {
    await page.waitForTimeout(20);
    t2 = await pausedTime(tracks);
  }
  assert(t2 > played, `'.' did not step the video (${played} → ${t2})`);
  await page.keyboard.press('k');
  await page.keyboard.press('o');
  await tracks.getByText(/\(out\)/).waitFor();
  // The overlay follows the playhead on its next frame, so wait for the box to go.
  const gone = await tracks.locator('.av-box').waitFor({ state: 'detached', timeout: 5000 }).then(() => true, () => false);
  assert(gone, 'the box is still shown after O');

  const videoResult = await submitAndExport(page, exportedAnnotations, videoId);
  log(`video: ${JSON.stringify(videoResult)}`);
  const sceneSegs = videoResult?.scenes?.segments;
  assert(Array.isArray(sceneSegs) && sceneSegs.length === 2, `video segments: ${JSON.stringify(videoResult?.scenes)}`);
  // Sorted by start: the keyboard one starts at 0 s.
  assert(
    canon(sceneSegs[0]) === canon({ start: 0, end: Math.round(sceneEnd * 1000) / 1000, label: 'action' }),
    `the keyboard video segment is ${JSON.stringify(sceneSegs[0])}, expected {start: 0, end: ${sceneEnd}, label: action}`,
  );
  assert(
    near(sceneSegs[1].start, duration * 0.1, scenePixel) && near(sceneSegs[1].end, duration * 0.4, scenePixel) && sceneSegs[1].label === 'intro',
    `the mouse video segment is ${JSON.stringify(sceneSegs[1])}, expected about ${duration * 0.1}–${duration * 0.4} intro`,
  );
  const trackList = videoResult?.tracks?.tracks;
  assert(Array.isArray(trackList) && trackList.length === 1 && trackList[0].label === 'car', `tracks: ${JSON.stringify(videoResult?.tracks)}`);
  const [k0, k1, k2, ...rest] = trackList[0].keyframes;
  assert(rest.length === 0 && k2, `the track has ${trackList[0].keyframes.length} keyframes, expected 3`);
  // One pixel of the stage in percent, plus the result's rounding to 1/1000 %.
  const px = 100 / Math.min(stage.width, stage.height) + 0.001;
  const boxNear = (k, x, y, w, h) => near(k.x, x, px) && near(k.y, y, px) && near(k.width, w, px) && near(k.height, h, px);
  assert(k0.time === 0 && boxNear(k0, 10, 10, 20, 30) && !('outside' in k0) && !('rotation' in k0), `keyframe 0: ${JSON.stringify(k0)}`);
  assert(near(k1.time, t1, 0.001) && boxNear(k1, 30, 20, 20, 30) && !('outside' in k1), `keyframe 1: ${JSON.stringify(k1)} (t1 ${t1})`);
  assert(near(k2.time, t2, 0.001) && boxNear(k2, 30, 20, 20, 30) && k2.outside === true, `keyframe 2: ${JSON.stringify(k2)} (t2 ${t2})`);
  assert(Object.keys(k2).sort().join() === 'height,outside,time,width,x,y', `keyframe 2 has keys ${Object.keys(k2)}`);
});
