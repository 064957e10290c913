// The longest main-thread tasks of a page load by wall time and by the renderer main thread's
// own CPU time (trace events' `tdur`), over traced fresh loads. On a shared machine a task's
// wall time includes the time other processes held the CPU; its thread time does not, so this
// tells a long task the page causes from one the machine causes. Tracing slows the page a little.
//
//   node tests/bench/task-cpu.mjs RUNS URL...   (e.g. the pages of target/bench-web/, served;
//   several URLs are loaded in turn, RUNS times, so two builds are compared under the same load)
//
// Prints per URL: the longest task (wall and CPU ms) of each load, their medians, and the tasks
// of each load that took over 50 ms of CPU.

import { chromium } from 'playwright-core';

const [runsArg, ...urls] = process.argv.slice(2);
const RUNS = Number(runsArg);
if (!RUNS || !urls.length) {
  console.error('usage: node tests/bench/task-cpu.mjs RUNS URL...');
  process.exit(2);
}
const SETTLE_MS = 3000;
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

async function tracedLoad(browser, url) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    const events = [];
    cdp.on('Tracing.dataCollected', (e) => events.push(...e.value));
    const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
    await cdp.send('Tracing.start', { traceConfig: { includedCategories: ['toplevel', 'devtools.timeline', 'blink', 'loading'] }, transferMode: 'ReportEvents' });
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForTimeout(SETTLE_MS);
    await cdp.send('Tracing.end');
    await complete;
    // The page's renderer main thread: the one that parsed its HTML (other renderers, such as
    // the browser's own pages, run long tasks of their own in the same trace).
    const parse = events.find((e) => e.name === 'ParseHTML' && e.args?.beginData?.url === url);
    if (!parse) throw new Error(`${url}: no ParseHTML of it in the trace`);
    const tasks = events.filter((e) => e.pid === parse.pid && e.tid === parse.tid && e.ph === 'X' && e.name === 'ThreadControllerImpl::RunTask');
    const thread = tasks[0] ? events.filter((e) => e.pid === tasks[0].pid && e.tid === tasks[0].tid && e.ph === 'X') : [];
    // What a task ran: its longest event one level down (a timer, a parse, a frame's update).
    const what = (t) =>
      thread
        .filter((e) => e !== t && e.name !== t.name && e.ts >= t.ts && e.ts + e.dur <= t.ts + t.dur)
        .sort((a, b) => b.dur - a.dur)[0]?.name ?? '?';
    return tasks.map((t) => ({ wall: t.dur / 1000, cpu: (t.tdur ?? 0) / 1000, what: t.tdur > 50000 ? what(t) : '' }));
  } finally {
    await context.close();
  }
}

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
try {
  const results = new Map(urls.map((u) => [u, []]));
  for (let i = 0; i < RUNS; i++) for (const url of urls) results.get(url).push(await tracedLoad(browser, url));
  for (const [url, loads] of results) {
    const wall = loads.map((tasks) => Math.max(0, ...tasks.map((t) => t.wall)));
    const cpu = loads.map((tasks) => Math.max(0, ...tasks.map((t) => t.cpu)));
    const over = loads.map((tasks) => tasks.filter((t) => t.cpu > 50));
    console.log(
      `${url}: longest task wall ${wall.map((x) => x.toFixed(0)).join(', ')} ms (median ${median(wall).toFixed(0)}); ` +
        `CPU ${cpu.map((x) => x.toFixed(0)).join(', ')} ms (median ${median(cpu).toFixed(0)}); tasks over 50 ms of CPU per load: ${over.map((o) => (o.length ? o.map((t) => `${t.cpu.toFixed(0)} ${t.what}`).join(' + ') : '0')).join('; ')}`,
    );
  }
} finally {
  await browser.close();
}
