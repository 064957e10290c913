// Issue 12 item 5, labels fit: for the built-ins the article and the embedding page show, at
// every width from 320 to 1600 px in steps of 40, every text of the drawing lies inside its box
// (the vmknic, badge, uplink, host, datastore or step badge it labels; the drawing for the
// rest), and lane labels cover no box; at a 680 px blog column every text renders at 11 CSS px
// or more. (Packets against labels is a geometry test in the core: scene/label_tests.rs.)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, openPage } from './harness.mjs';
import { WIDTHS, COLUMN, SMALLEST, labelReport, each, sweep } from './labels-check.mjs';

/** The narrower half of the sweep (labels-wide.test.mjs has the rest). */
const NARROW = WIDTHS.filter((w) => w <= 960);

let server;
let browser;
before(async () => {
  [server, browser] = await Promise.all([startServer(), launch()]);
});
after(async () => {
  await browser?.close();
  await server?.close();
});

test(`every label inside its box at ${NARROW[0]}..${NARROW.at(-1)} px (steps of 40)`, async () => {
  await sweep(browser, server, NARROW);
});

test(`at a ${COLUMN} px column every label is at least ${SMALLEST} CSS px`, async () => {
  const small = [];
  await each(browser, server, COLUMN, (name, report) => {
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
