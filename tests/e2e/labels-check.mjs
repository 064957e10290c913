// The label checks of issue 12 item 5, shared by labels.test.mjs and labels-wide.test.mjs: the
// sweep over widths is two files so that each stays well inside the e2e runner's 90 s per file
// (the whole sweep took 69 s on a quiet machine, over 90 s under load).
import assert from 'node:assert/strict';
import { openPage, assertNoProblems } from './harness.mjs';

/** The built-ins of index.html and embed.html. */
export const SCENARIOS = ['shared-subnet', 'multi-nic-fix', 'multi-nic-one-nic', 'provisioning-same-subnet', 'provisioning-on-vmotion', 'snapshots-hot-cold', 'udt-8'];
/** 320 to 1600 px in steps of 40. */
export const WIDTHS = Array.from({ length: 33 }, (_, i) => 320 + 40 * i);
export const COLUMN = 680;
export const SMALLEST = 11;

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

export async function each(browser, server, width, visit) {
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

/** Every label inside its box at each of `widths`, each built-in. */
export async function sweep(browser, server, widths) {
  const faults = [];
  let checked = 0;
  for (const width of widths) {
    await each(browser, server, width, (name, report) => {
      checked++;
      for (const f of report.faults) faults.push(`${name} at ${width} px (${report.layout}): ${f}`);
    });
  }
  assert.equal(checked, widths.length * SCENARIOS.length);
  assert.deepEqual(faults, [], `${faults.length} labels out of place:\n${faults.slice(0, 40).join('\n')}`);
}
