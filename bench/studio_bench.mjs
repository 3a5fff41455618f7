#!/usr/bin/env node
// The annotation studio's speed in a real browser (Debian's chromium through playwright-core)
// against the real server on loopback, measured inside the page so the test driver's own
// latency is not counted:
//   - first task on screen after signing in (from the Sign in click to the frame that shows it);
//   - submit to the next task on screen (a key press to the frame showing the next task), over
//     many tasks: median and 95th percentile;
//   - the page's JavaScript heap after a garbage collection, sampled as tasks are labelled; the
//     growth per task over the second half (after the first half has warmed the JIT) means a
//     leak, and the objects that grew between the two halves' heap snapshots say which;
//   - frame times while dragging one box among 1,000 on one image (the animation frames the
//     page paints during 120 pointer moves).
// Usage: node bench/studio_bench.mjs PATH/TO/chorus [--tasks 1000] [--markdown OUT.md] [--json OUT.json]
// (CHORUS_WEB_DIR serves a freshly built web/dist through --web-dir.) Figures only; it fails
// only when the browser flow itself fails.
import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { admin, log, runBrowserTest } from '../tests/e2e/harness.mjs';

const args = process.argv.slice(3);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const taskCount = Number(option('--tasks', '1000'));
const markdownPath = option('--markdown', '');
const jsonPath = option('--json', '');

const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
const mib = (bytes) => (bytes / 1048576).toFixed(2);

// Self size and count per (node type, name) of a heap snapshot taken after a garbage collection.
async function heapByConstructor(cdp) {
  const chunks = [];
  const onChunk = (event) => chunks.push(event.chunk);
  cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
  const { snapshot, nodes, strings } = JSON.parse(chunks.join(''));
  const fields = snapshot.meta.node_fields;
  const [type, name, size] = ['type', 'name', 'self_size'].map((f) => fields.indexOf(f));
  const byKey = new Map();
  for (let i = 0; i < nodes.length; i += fields.length) {
    const key = `${snapshot.meta.node_types[0][nodes[i + type]]}:${String(strings[nodes[i + name]]).slice(0, 50)}`;
    const entry = byKey.get(key) ?? { count: 0, bytes: 0 };
    entry.count += 1;
    entry.bytes += nodes[i + size];
    byKey.set(key, entry);
  }
  return byKey;
}

// The five kinds of object whose total size grew most from `before` to `after`.
function topGrowth(before, after) {
  const grown = [];
  for (const [key, b] of after) {
    const a = before.get(key) ?? { count: 0, bytes: 0 };
    if (b.bytes > a.bytes) grown.push({ key, count: b.count - a.count, bytes: b.bytes - a.bytes });
  }
  return grown.sort((x, y) => y.bytes - x.bytes).slice(0, 5);
}

// Frame intervals (ms) while one box among 1,000 is dragged across the image.
async function dragFrames(base, page, apiCall, createProject) {
  const id = await createProject('Studio benchmark: 1,000 boxes', [{ type: 'rectangles', name: 'boxes', to: 'image', labels: ['car', 'person'] }], [{ image: '/demo/shapes/picture-02.png' }]);
  const { task } = await apiCall('POST', `api/v1/projects/${id}/next`);
  const boxes = Array.from({ length: 1000 }, (_, i) => ({ x: (i % 40) * 2.4 + 0.1, y: Math.floor(i / 40) * 3.9 + 0.1, width: 2, height: 3, rotation: 0, label: i % 2 ? 'car' : 'person' }));
  await apiCall('PUT', `api/v1/tasks/${task.id}/draft`, { data: { result: { boxes: { boxes } }, lead_time_ms: 0, active_time_ms: 0 } });
  await page.goto(`${base}#/projects/${id}/annotate`);
  await page.waitForFunction(() => window.__chorusStudioStats?.regions === 1000);
  const stage = page.locator('.konvajs-content');
  await stage.scrollIntoViewIfNeeded();
  const b = await stage.boundingBox();
  const at = (px, py) => [b.x + (px / 100) * b.width, b.y + (py / 100) * b.height];
  await page.mouse.move(...at(1.1, 1.6));
  await page.mouse.down();
  await page.evaluate(() => {
    window.__frames = [];
    let last = performance.now();
    const tick = (t) => {
      window.__frames.push(t - last);
      last = t;
      if (!window.__stopFrames) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  for (let i = 1; i <= 120; i++) await page.mouse.move(...at(1.1 + i * 0.4, 1.6 + i * 0.3));
  const frames = await page.evaluate(() => {
    window.__stopFrames = true;
    return window.__frames.slice(1);
  });
  await page.mouse.up();
  return frames.sort((x, y) => x - y);
}

await runBrowserTest({ timeoutMs: 1_800_000, passed: 'studio benchmark done' }, async ({ base, page, context, apiCall, createProject }) => {
  const tasks = Array.from({ length: taskCount + 10 }, (_, i) => ({ text: `Review ${i}: it arrived on time and works as described.` }));
  const projectId = await createProject('Studio benchmark', [{ type: 'choices', name: 'sentiment', to: 'text', options: ['positive', 'negative', 'neutral'] }], tasks);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  const heap = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    const { metrics } = await cdp.send('Performance.getMetrics');
    return metrics.find((m) => m.name === 'JSHeapUsedSize').value;
  };

  // First task after signing in: sign out, then time from the click to the painted task.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.goto(`${base}#/login?next=${encodeURIComponent(`#/projects/${projectId}/annotate`)}`);
  await page.getByLabel('Email').fill(admin.email);
  await page.getByLabel('Password').fill(admin.password);
  const firstTaskMs = await page.evaluate(
    () =>
      new Promise((resolve) => {
        const t0 = performance.now();
        const seen = () => {
          if (!document.querySelector('[data-task-id]')) return false;
          requestAnimationFrame(() => resolve(performance.now() - t0));
          return true;
        };
        const observer = new MutationObserver(() => seen() && observer.disconnect());
        observer.observe(document.body, { subtree: true, childList: true, attributes: true });
        [...document.querySelectorAll('button')].find((b) => b.textContent === 'Sign in').click();
      }),
  );
  log(`first task on screen ${firstTaskMs.toFixed(1)} ms after Sign in`);

  // One labelled task: press a key, resolve on the frame that shows another task.
  const labelOne = () =>
    page.evaluate(
      () =>
        new Promise((resolve) => {
          const before = document.querySelector('[data-task-id]')?.getAttribute('data-task-id');
          const t0 = performance.now();
          const seen = () => {
            const now = document.querySelector('[data-task-id]')?.getAttribute('data-task-id');
            if (now === before && !document.querySelector('[data-testid="nothing-left"]')) return false;
            requestAnimationFrame(() => resolve(performance.now() - t0));
            return true;
          };
          const observer = new MutationObserver(() => seen() && observer.disconnect());
          observer.observe(document.body, { subtree: true, childList: true, attributes: true });
          window.dispatchEvent(new KeyboardEvent('keydown', { key: String(1 + Math.floor(Math.random() * 3)), bubbles: true }));
        }),
    );
  const latencies = [];
  const half = Math.floor(taskCount / 2);
  let heapAt50 = 0;
  let heapAtHalf = 0;
  let snapshotAtHalf = null;
  for (let i = 1; i <= taskCount; i++) {
    latencies.push(await labelOne());
    if (i === 50) heapAt50 = await heap();
    if (i === half) {
      heapAtHalf = await heap();
      snapshotAtHalf = await heapByConstructor(cdp);
    }
  }
  const heapAtEnd = await heap();
  const growthPerTask = (heapAtEnd - heapAtHalf) / (taskCount - half);
  const grew = topGrowth(snapshotAtHalf, await heapByConstructor(cdp));
  log(`heap ${mib(heapAt50)} → ${mib(heapAtHalf)} → ${mib(heapAtEnd)} MiB; grew most: ${JSON.stringify(grew)}`);
  latencies.sort((a, b) => a - b);
  const frames = await dragFrames(base, page, apiCall, createProject);
  log(`dragging among 1,000 boxes: ${frames.length} frames, median ${quantile(frames, 0.5).toFixed(1)} ms`);
  const result = {
    tasks: taskCount,
    first_task_ms: firstTaskMs,
    next_task_median_ms: quantile(latencies, 0.5),
    next_task_p95_ms: quantile(latencies, 0.95),
    next_task_max_ms: latencies[latencies.length - 1],
    heap_after_50_bytes: heapAt50,
    heap_after_half_bytes: heapAtHalf,
    heap_after_all_bytes: heapAtEnd,
    heap_growth_per_task_second_half_bytes: growthPerTask,
    heap_grew_most_second_half: grew,
    drag_frames: frames.length,
    drag_frame_median_ms: quantile(frames, 0.5),
    drag_frame_p95_ms: quantile(frames, 0.95),
    cores: cpus().length,
    chromium: (await context.browser()?.version()) ?? 'chromium',
  };
  log(JSON.stringify(result));
  if (jsonPath) writeFileSync(jsonPath, JSON.stringify(result, null, 2) + '\n');
  if (markdownPath) {
    const md = [
      '## Annotation studio in the browser',
      '',
      `\`node bench/studio_bench.mjs build/release/chorus --tasks ${taskCount}\`: Debian's chromium (headless, through`,
      'playwright-core) and `chorus serve` (SQLite) on loopback on the same machine, timed inside the page from',
      'the event to the animation frame that shows the result.',
      '',
      '| Measure | Figure | Target (issue 5) |',
      '|---|---|---|',
      `| First task on screen after Sign in | ${firstTaskMs.toFixed(1)} ms | — |`,
      `| Submit (key) → next task on screen, median of ${taskCount} | ${result.next_task_median_ms.toFixed(1)} ms | < 100 ms |`,
      `| … 95th percentile / slowest | ${result.next_task_p95_ms.toFixed(1)} / ${result.next_task_max_ms.toFixed(1)} ms | |`,
      `| JS heap after a GC: after 50 → ${half} → ${taskCount} tasks | ${mib(heapAt50)} → ${mib(heapAtHalf)} → ${mib(heapAtEnd)} MiB | |`,
      `| … growth per task from task ${half} to ${taskCount} | ${growthPerTask.toFixed(0)} bytes | no growth |`,
      `| Dragging one box among 1,000: frame time median / 95th percentile (${frames.length} frames) | ${quantile(frames, 0.5).toFixed(1)} / ${quantile(frames, 0.95).toFixed(1)} ms (${(1000 / quantile(frames, 0.5)).toFixed(0)} fps at the median) | ≥ 50 fps (≤ 20 ms) |`,
      '',
      `What grew most from task ${half} to ${taskCount} (heap snapshots after a GC, self size):`,
      '',
      '| Object | Count | Bytes |',
      '|---|---|---|',
      ...grew.map((g) => `| \`${g.key.replaceAll('|', '\\|')}\` | ${g.count} | ${g.bytes} |`),
      '',
    ].join('\n');
    writeFileSync(markdownPath, md);
  }
});
