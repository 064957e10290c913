// Keyboard only: Tab reaches every control of a widget, Space/Enter/arrow keys operate them, the
// plan changes as the reader asked, and the focused control always shows a visible focus ring.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, openPage, widgetsReady, assertNoProblems } from './harness.mjs';

let server;
let browser;
before(async () => {
  [server, browser] = await Promise.all([startServer(), launch()]);
});
after(async () => {
  await browser?.close();
  await server?.close();
});

/** The focused element (through shadow roots), described, with how its focus shows. */
function focused() {
  let el = document.activeElement;
  let host = null;
  while (el?.shadowRoot?.activeElement) {
    host = el;
    el = el.shadowRoot.activeElement;
  }
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  // HTML controls: an outline; the drawing's vmknics: a thicker focus-coloured box.
  const box = el.querySelector?.(':scope > .vmk-box');
  const ring = box
    ? parseFloat(getComputedStyle(box).strokeWidth) >= 3
    : style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
  const widgets = [...document.querySelectorAll('vmk-path')];
  return {
    widget: host ? widgets.indexOf(host) : -1,
    tag: el.localName,
    control: el.dataset.control ?? el.dataset.action ?? (el.dataset.panel ? `panel:${el.dataset.panel}` : el.dataset.step != null ? 'step' : el.dataset.vmk ? `vmk:${el.dataset.host}/${el.dataset.vmk}` : el.dataset.finding != null ? 'finding' : el.dataset.selectFlow != null ? 'select-flow' : ''),
    text: (el.getAttribute('aria-label') ?? el.textContent).trim().slice(0, 40),
    visible: el.matches(':focus-visible') && ring,
  };
}

const plan = (page, i) =>
  page.evaluate((i) => {
    const el = document.querySelectorAll('vmk-path')[i];
    const memory = el.plan.flows.filter((f) => f.traffic === 'memory');
    return {
      memory: memory.map((f) => `${f.source.vmk}->${f.destination.vmk}`).join(' '),
      drawn: [...el.shadowRoot.querySelectorAll('[data-traffic="memory"][data-source-vmk]')].map((p) => p.dataset.sourceVmk).join(' '),
    };
  }, i);

test('keyboard only: reach, operate and see every control of a widget', async () => {
  const { page, context, problems } = await openPage(browser, { reducedMotion: 'reduce' });
  try {
    await page.goto(server.url('index.html#shared-subnet'));
    await widgetsReady(page);
    // The widget of section 2: controls="shared-subnet multi-nic".
    const W = await page.evaluate(() => [...document.querySelectorAll('vmk-path')].findIndex((el) => el.getAttribute('scenario') === 'shared-subnet'));
    assert.ok(W >= 0);
    await page.evaluate(() => {
      let plans = 0;
      addEventListener('vmkpath:plan', () => (window.__plans = ++plans));
    });

    // Tab from the top of the page to the widget's first control; every stop shows its focus.
    const stops = [];
    let at = null;
    for (let i = 0; i < 400; i++) {
      await page.keyboard.press('Tab');
      at = await page.evaluate(focused);
      if (at) stops.push(at);
      if (at?.widget === W && at.control === 'shared-subnet') break;
    }
    assert.equal(at?.control, 'shared-subnet', `Tab reaches the shared-subnet checkbox (stops: ${stops.length})`);
    const hidden = stops.filter((s) => s.widget >= 0 && !s.visible);
    assert.deepEqual(hidden, [], 'every focus stop in a widget shows a focus ring');

    // Space on the checkbox: the memory stream moves off the management vmknic.
    const before = await plan(page, W);
    assert.match(before.memory, /^vmk0->vmk1$/, 'shared subnet: memory leaves on vmk0');
    await page.keyboard.press('Space');
    await page.waitForFunction(() => window.__plans >= 1);
    const afterSpace = await plan(page, W);
    assert.equal(afterSpace.memory, 'vmk1->vmk1', 'own subnet: memory leaves on the vMotion vmknic');
    assert.equal(afterSpace.drawn, 'vmk1', 'and the drawing follows');

    // Tab to the Multi-NIC select; the arrow key picks the next option: two memory streams.
    await page.keyboard.press('Tab');
    assert.equal((await page.evaluate(focused)).control, 'multi-nic');
    await page.keyboard.press('ArrowDown');
    await page.waitForFunction(() => window.__plans >= 2);
    const multi = await plan(page, W);
    assert.equal(multi.memory.split(' ').length, 2, `Multi-NIC: two memory streams (${multi.memory})`);

    // The player: Enter plays, Space pauses; Step moves the narration.
    // Playwright's locators pierce the open shadow root.
    const widget = page.locator('vmk-path').nth(W);
    const pressed = () => widget.locator('[data-action=play]').getAttribute('aria-pressed');
    const current = () => widget.locator('.events li').evaluateAll((lis) => lis.findIndex((li) => li.getAttribute('aria-current') === 'step'));
    await page.keyboard.press('Tab');
    // The controls changed the scenario: "Back to this example" is offered after them.
    assert.equal((await page.evaluate(focused)).control, 'reset');
    await page.keyboard.press('Tab');
    assert.equal((await page.evaluate(focused)).control, 'play');
    await page.keyboard.press('Enter');
    assert.equal(await pressed(), 'true');
    await page.keyboard.press('Space');
    assert.equal(await pressed(), 'false');
    await page.keyboard.press('Tab');
    assert.equal((await page.evaluate(focused)).control, 'step');
    const step0 = await current();
    await page.keyboard.press('Space');
    assert.equal(await current(), step0 + 1, 'Step moves the narration on');

    // On through the rest: Restart, speed, reduced motion, the drawing's vmknics, the panels.
    const rest = [];
    for (let i = 0; i < 60; i++) {
      await page.keyboard.press('Tab');
      const s = await page.evaluate(focused);
      if (!s || s.widget !== W) break;
      rest.push(s);
      // The panels are one click away: Enter opens each, and Tab goes on into it (once it is
      // open: the shell gives the click when the rest of the wasm, which draws it, is linked).
      if (s.control.startsWith('panel:')) {
        await page.keyboard.press('Enter');
        await widget.locator(`[data-panel="${s.control.slice('panel:'.length)}"][aria-expanded=true]`).waitFor();
      }
    }
    const kinds = new Set(rest.map((s) => s.control.replace(/^vmk:.*/, 'vmk')));
    for (const kind of ['restart', 'speed', 'reduced-motion', 'vmk', 'panel:findings', 'finding', 'step'])
      assert.ok(kinds.has(kind), `Tab reaches ${kind} (reached: ${[...kinds]})`);
    assert.deepEqual(rest.filter((s) => !s.visible), [], 'every focus stop shows a focus ring');

    // A vmknic of the drawing explains itself on focus; a narration step is picked with Enter.
    await page.keyboard.press('Shift+Tab');
    let back = await page.evaluate(focused);
    for (let i = 0; i < 60 && !back.control.startsWith('vmk:'); i++) {
      await page.keyboard.press('Shift+Tab');
      back = await page.evaluate(focused);
    }
    assert.ok(back.control.startsWith('vmk:'), 'Shift+Tab goes back to a vmknic');
    const vmk = back.control.split('/')[1];
    assert.match(await widget.locator('.explain h3').textContent(), new RegExp(`^${vmk} on `));
    for (let i = 0; i < 60 && back.control !== 'step'; i++) {
      await page.keyboard.press('Tab');
      back = await page.evaluate(focused);
    }
    assert.equal(back.control, 'step', 'a narration step is reachable');
    const steps = await widget.locator('.events li').count();
    // Tab to the last step and pick it.
    for (let i = 1; i < steps; i++) await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    assert.equal(await current(), steps - 1, 'Enter on a step makes it current');
    assertNoProblems(assert, problems, 'index.html keyboard run');
  } finally {
    await context.close();
  }
});
