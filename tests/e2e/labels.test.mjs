// Issue 12 item 5, labels fit: for the built-ins the article and the embedding page show, at
// every width from 320 to 1600 px in steps of 40, every text of the drawing lies inside its box
// (the vmknic, badge, uplink, host, datastore or step badge it labels; the drawing for the
// rest), and lane labels cover no box; at a 680 px blog column every text renders at 11 CSS px
// or more. (Packets against labels is a geometry test in the core: scene/label_tests.rs.)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, openPage, assertNoProblems } from './harness.mjs';

/** The built-ins of index.html and embed.html. */
const SCENARIOS = ['shared-subnet', 'multi-nic-fix', 'multi-nic-one-nic', 'provisioning-same-subnet', 'provisioning-on-vmotion', 'snapshots-hot-cold', 'udt-8'];
const WIDTHS = Array.from({ length: 33 }, (_, i) => 320 + 40 * i);
const COLUMN = 680;
const SMALLEST = 11;

let server;
let browser;
before(async () => {
  [server, browser] = await Promise.all([startServer(), launch()]);
});
after(async () => {
  await browser?.close();
  await server?.close();
});

/** In the page: { faults, smallest: [size, text], layout } of the widget's drawing. */
export function labelReport() {
  const svg = document.querySelector('vmk-path').shadowRoot.querySelector('svg.vmkpath-scene');
  const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
  const faults = [];
  const name = (t) => `${t.getAttribute('class') ?? 'text'} "${t.textContent.trim().slice(0, 40)}"`;
  // The element a text labels: the box of its group, or the drawing.
  const boxOf = (t) => {
    const g = t.parentElement;
    if (t.classList.contains('portgroup')) return svg.querySelector(`.host[data-side="${g.dataset.side}"] .host-frame`);
    for (const [group, box] of [['.badge', '.badge-box'], ['.step-badge', 'circle'], ['.uplink', '.uplink-box'], ['.datastore', '.datastore-box'], ['.vmk', '.vmk-box'], ['.host', '.host-frame']]) {
      if (g.matches(group)) return g.querySelector(box);
    }
    return svg;
  };
  const inside = (a, b) => a.left >= b.left - 0.5 && a.right <= b.right + 0.5 && a.top >= b.top - 0.5 && a.bottom <= b.bottom + 0.5;
  const meets = (a, b) => a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;
  const round = (r) => `${Math.round(r.left)},${Math.round(r.top)}..${Math.round(r.right)},${Math.round(r.bottom)}`;
  const boxes = [...svg.querySelectorAll('.host-frame, .vmk-box, .uplink-box, .datastore-box, .badge-box')];
  let smallest = [Infinity, ''];
  for (const t of svg.querySelectorAll('text')) {
    if (t.closest('defs, title, desc')) continue;
    const r = t.getBoundingClientRect();
    if (r.width === 0) continue;
    const box = boxOf(t);
    const b = box.getBoundingClientRect();
    if (!inside(r, b)) faults.push(`${name(t)} at ${round(r)} is outside its ${box.getAttribute('class') ?? 'drawing'} ${round(b)}`);
    if (t.classList.contains('lane-label')) {
      for (const other of boxes) {
        if (!other.classList.contains('host-frame') && meets(r, other.getBoundingClientRect())) faults.push(`${name(t)} covers a ${other.getAttribute('class')}`);
        if (other.classList.contains('host-frame') && meets(r, other.getBoundingClientRect())) faults.push(`${name(t)} covers a host`);
      }
    }
    for (const part of [t, ...t.querySelectorAll('tspan')]) {
      const size = parseFloat(getComputedStyle(part).fontSize) * scale;
      if (size < smallest[0]) smallest = [size, name(part)];
    }
  }
  return { faults, smallest, layout: svg.dataset.layout };
}

async function each(width, visit) {
  const { context, page, problems } = await openPage(browser, { viewport: { width, height: 900 }, reducedMotion: 'reduce' });
  try {
    for (const name of SCENARIOS) {
      await page.goto(server.url(`frame.html#scenario=${name}`));
      await page.waitForFunction(
        (name) => document.querySelector('vmk-path')?.shadowRoot?.querySelector('.status')?.textContent.includes(`built-in scenario ${name}`),
        name,
        { timeout: 10_000 },
      );
      await visit(name, await page.evaluate(labelReport));
    }
    assertNoProblems(assert, problems, `labels at ${width} px`);
  } finally {
    await context.close();
  }
}

test(`every label inside its box at ${WIDTHS[0]}..${WIDTHS.at(-1)} px (steps of 40)`, async () => {
  const faults = [];
  let checked = 0;
  for (const width of WIDTHS) {
    await each(width, (name, report) => {
      checked++;
      for (const f of report.faults) faults.push(`${name} at ${width} px (${report.layout}): ${f}`);
    });
  }
  assert.equal(checked, WIDTHS.length * SCENARIOS.length);
  assert.deepEqual(faults, [], `${faults.length} labels out of place:\n${faults.slice(0, 40).join('\n')}`);
});

test(`at a ${COLUMN} px column every label is at least ${SMALLEST} CSS px`, async () => {
  const small = [];
  await each(COLUMN, (name, report) => {
    const [size, text] = report.smallest;
    if (!(size >= SMALLEST - 0.01)) small.push(`${name}: ${text} at ${size.toFixed(1)} px`);
  });
  assert.deepEqual(small, [], small.join('\n'));
});

test('the label checks can fail: a vmknic name moved out of its box, a 7 px text', async () => {
  const { context, page } = await openPage(browser, { viewport: { width: COLUMN, height: 900 } });
  try {
    await page.goto(server.url('frame.html#scenario=shared-subnet'));
    // The mount finished (its last phase sets the plan) and a frame went by: a drawing changed
    // earlier could still be replaced by the mount's own.
    await page.waitForFunction(() => {
      const el = document.querySelector('vmk-path');
      return el?.plan && el.shadowRoot?.querySelector('.status')?.textContent.includes('built-in scenario shared-subnet');
    });
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    await page.evaluate(() => {
      const svg = document.querySelector('vmk-path').shadowRoot.querySelector('svg.vmkpath-scene');
      const name = svg.querySelector('.vmk-name');
      name.setAttribute('x', String(Number(name.getAttribute('x')) + 400));
      svg.querySelector('.uplink-speed').setAttribute('font-size', '3');
    });
    const report = await page.evaluate(labelReport);
    assert.ok(report.faults.some((f) => f.includes('vmk-name')), report.faults.join('\n'));
    assert.ok(report.smallest[0] < SMALLEST, `${report.smallest}`);
  } finally {
    await context.close();
  }
});
