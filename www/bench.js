// The animation benchmark page's script (www/bench.html): adds autoplaying <vmk-path> widgets
// until at least `?packets=` (default 200) `.packet` elements are in flight, and exposes
// `window.vmkBench` for tests/bench/page-bench.mjs: quiet windows (long tasks only), frame
// counting by requestAnimationFrame, and the page's long tasks. It measures nothing by itself.
import './vmk-path.js';

const params = new URLSearchParams(location.search);
const target = Number(params.get('packets') ?? 200);
const scenario = params.get('scenario') ?? 'multi-nic-fix';
const grid = document.getElementById('widgets');
const summary = document.getElementById('summary');

// Every long task of the page, from the start (buffered).
const longTasks = [];
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) longTasks.push({ start: e.startTime, duration: e.duration });
}).observe({ type: 'longtask', buffered: true });

const nextFrame = () => new Promise((resolve) => requestAnimationFrame(resolve));
const widgets = () => [...grid.querySelectorAll('vmk-path')];
const packets = () => widgets().flatMap((el) => [...(el.shadowRoot?.querySelectorAll('.packet') ?? [])]);

async function addWidget() {
  const el = document.createElement('vmk-path');
  el.setAttribute('scenario', scenario);
  el.setAttribute('controls', 'none');
  el.setAttribute('autoplay', '');
  grid.append(el);
  // The widget mounts once the shared wasm module is ready: wait for its packets (10 s at most).
  for (let i = 0; i < 600 && !el.shadowRoot?.querySelector('.packet'); i++) await nextFrame();
  if (!el.shadowRoot?.querySelector('.packet')) {
    const error = el.shadowRoot?.querySelector('.error')?.textContent;
    throw new Error(`widget ${widgets().length} drew no packets${error ? `: ${error}` : ''}`);
  }
}

async function setup() {
  if (!(target > 0)) throw new Error(`bad ?packets=${params.get('packets')}`);
  while (packets().length < target) {
    if (widgets().length >= 200) throw new Error(`200 widgets and still < ${target} packets`);
    await addWidget();
  }
  await nextFrame();
  const info = describe();
  summary.textContent = `${info.widgets} × ${scenario}: ${info.packets} packets, ${info.running} running`;
  return info;
}

/** Widgets, packets, running packet animations, and packets inside the viewport. */
function describe() {
  const all = packets();
  const running = widgets()
    .flatMap((el) => el.shadowRoot.getAnimations())
    .filter((a) => a.playState === 'running' && a.effect?.target?.classList?.contains('packet')).length;
  const inViewport = all.filter((p) => {
    const r = p.getBoundingClientRect();
    return r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth;
  }).length;
  return {
    scenario,
    widgets: widgets().length,
    packets: all.length,
    running,
    inViewport,
    viewport: `${innerWidth}x${innerHeight}`,
  };
}

let counter = null;

window.vmkBench = {
  ready: setup(),
  describe,
  playAll() {
    for (const el of widgets()) el.widget.play();
  },
  pauseAll() {
    for (const el of widgets()) el.widget.pause();
  },
  /** Start a window that adds no work of its own (no requestAnimationFrame): long tasks only. */
  startWindow() {
    counter = { since: performance.now() };
  },
  /** End it: its length and the long tasks in it. */
  stopWindow() {
    const tasks = longTasks.filter((t) => t.start >= counter.since);
    return {
      windowMs: performance.now() - counter.since,
      longTasks: tasks.length,
      longTaskMaxMs: Math.max(0, ...tasks.map((t) => t.duration)),
      longTaskTotalMs: tasks.reduce((sum, t) => sum + t.duration, 0),
    };
  },
  /** Start counting animation frames (requestAnimationFrame callbacks). */
  startFrames() {
    const c = { stamps: [], since: performance.now(), stopped: false };
    const tick = (t) => {
      if (c.stopped) return;
      c.stamps.push(t);
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    counter = c;
  },
  /** Stop counting: frames, their span, frame intervals, and the long tasks since the start. */
  stopFrames() {
    const c = counter;
    c.stopped = true;
    const s = c.stamps;
    const intervals = s.slice(1).map((t, i) => t - s[i]).sort((a, b) => a - b);
    const pick = (q) => intervals[Math.min(intervals.length - 1, Math.floor(q * intervals.length))] ?? 0;
    const tasks = longTasks.filter((t) => t.start >= c.since);
    return {
      frames: s.length,
      spanMs: s.length > 1 ? s[s.length - 1] - s[0] : 0,
      windowMs: performance.now() - c.since,
      medianIntervalMs: pick(0.5),
      p95IntervalMs: pick(0.95),
      maxIntervalMs: intervals[intervals.length - 1] ?? 0,
      longTasks: tasks.length,
      longTaskMaxMs: Math.max(0, ...tasks.map((t) => t.duration)),
      longTaskTotalMs: tasks.reduce((sum, t) => sum + t.duration, 0),
    };
  },
};
