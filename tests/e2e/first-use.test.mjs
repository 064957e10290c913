// First use (issue 12 item 8): a reader who has never seen the widget sees where to start; a
// keyboard user can jump past a widget's stops in one key; "Copy link" says it worked where the
// reader looks, not only to screen readers; a copied link opens at its widget, not at the top.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, openPage, widgetsReady, deepActiveElement, assertNoProblems } from './harness.mjs';

let server;
let browser;
before(async () => {
  [server, browser] = await Promise.all([startServer(), launch()]);
});
after(async () => {
  await browser?.close();
  await server?.close();
});

/** Index of the first widget on the page showing `scenario`. */
const widgetIndex = (page, scenario) =>
  page.evaluate((s) => [...document.querySelectorAll('vmk-path')].findIndex((el) => el.getAttribute('scenario') === s), scenario);

/** Whether an element of the widget's shadow root is painted: a box of some size, not clipped away. */
function painted(el, selector) {
  const node = el.shadowRoot.querySelector(selector);
  if (!node) return false;
  const r = node.getBoundingClientRect();
  const style = getComputedStyle(node);
  return r.width > 20 && r.height > 8 && style.display !== 'none' && style.visibility !== 'hidden' && style.clipPath !== 'inset(50%)';
}

test('the start cue is on screen until the reader does something, then goes', async () => {
  const { context, page, problems } = await openPage(browser);
  try {
    await page.goto(server.url('embed.html'));
    await widgetsReady(page);
    const el = page.locator('vmk-path').first();
    assert.ok(await el.evaluate(painted, '.start-cue'), 'the cue is painted at load');
    assert.match(await el.evaluate((el) => el.shadowRoot.querySelector('.start-cue').textContent), /Press Play/);
    await el.evaluate((el) => el.shadowRoot.querySelector('[data-action="step"], [data-action="play"]').click());
    assert.equal(await el.evaluate(painted, '.start-cue'), false, 'the cue goes once the reader acts');
    assertNoProblems(assert, problems, 'start cue');
  } finally {
    await context.close();
  }
});

test('"Skip past this widget" shows on focus and moves focus past every stop of the widget', async () => {
  const { context, page, problems } = await openPage(browser);
  try {
    await page.goto(server.url('index.html'));
    await widgetsReady(page);
    const W = await widgetIndex(page, 'shared-subnet');
    assert.ok(W >= 0);
    // Focus what comes just before the widget, then Tab once: the skip button is the first stop.
    await page.evaluate((W) => {
      const el = document.querySelectorAll('vmk-path')[W];
      const before = document.createElement('button');
      before.textContent = 'before';
      before.id = 'before-widget';
      el.before(before);
      before.focus();
    }, W);
    await page.keyboard.press('Tab');
    const skip = await page.evaluateHandle(deepActiveElement).then((a) =>
      a.evaluate((a) => {
        const r = a.getBoundingClientRect();
        return { action: a.dataset.action, text: a.textContent, width: r.width, height: r.height };
      }),
    );
    assert.equal(skip.action, 'skip', JSON.stringify(skip));
    assert.match(skip.text, /Skip past this widget/);
    assert.ok(skip.width > 40 && skip.height > 10, `the focused skip button is visible: ${JSON.stringify(skip)}`);
    await page.keyboard.press('Enter');
    const after = await page.evaluate((W) => {
      const widget = document.querySelectorAll('vmk-path')[W];
      const active = document.activeElement;
      // Focus is outside the widget and after it in document order.
      return {
        inside: active === widget || widget.contains(active),
        after: Boolean(widget.compareDocumentPosition(active) & Node.DOCUMENT_POSITION_FOLLOWING),
        tag: active.localName,
      };
    }, W);
    assert.equal(after.inside, false, JSON.stringify(after));
    assert.equal(after.after, true, JSON.stringify(after));
    // And the next Tab goes on from there, not back into the widget.
    await page.keyboard.press('Tab');
    const next = await page.evaluate((W) => document.querySelectorAll('vmk-path')[W] === document.activeElement, W);
    assert.equal(next, false, 'Tab after the skip does not land back in the widget');
    assertNoProblems(assert, problems, 'skip');
  } finally {
    await context.close();
  }
});

test('"Copy link" confirms on the button itself, and the copied link opens scrolled to its widget', async () => {
  const first = await openPage(browser);
  let link;
  let W;
  try {
    await first.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url('') });
    await first.page.goto(server.url('index.html'));
    await widgetsReady(first.page);
    // A widget far down the page, so "at its widget" and "at the top" differ.
    W = await widgetIndex(first.page, 'multi-nic-fix');
    assert.ok(W >= 0);
    const el = first.page.locator('vmk-path').nth(W);
    await el.scrollIntoViewIfNeeded();
    await el.evaluate((el) => el.widget.setControl('multi-nic', 'one-nic'));
    const button = el.locator('[data-action="copy-link"]');
    await button.click();
    await first.page.waitForFunction(
      (W) => /copied/i.test(document.querySelectorAll('vmk-path')[W].shadowRoot.querySelector('[data-action="copy-link"]').textContent),
      W,
      { timeout: 5_000 },
    );
    assert.ok(await button.isVisible(), 'the confirmation is on a visible button');
    link = await el.evaluate((el) => el.shadowRoot.querySelector('.link input').value);
    const clipboard = await first.page.evaluate(() => navigator.clipboard.readText());
    assert.equal(clipboard, link, 'the clipboard holds the link shown');
    assertNoProblems(assert, first.problems, 'copy link');
  } finally {
    await first.context.close();
  }
  const second = await openPage(browser);
  try {
    await second.page.goto(link);
    await widgetsReady(second.page);
    // The link's widget is scrolled to (its top near the viewport's top), the page is not at 0.
    await second.page.waitForFunction(
      (W) => {
        const r = document.querySelectorAll('vmk-path')[W].getBoundingClientRect();
        return window.scrollY > 200 && Math.abs(r.top) < 120;
      },
      W,
      { timeout: 5_000 },
    );
    const control = await second.page
      .locator('vmk-path')
      .nth(W)
      .evaluate((el) => el.shadowRoot.querySelector('[data-control="multi-nic"]').value);
    assert.equal(control, 'one-nic', 'and it shows the state the link was copied in');
    assertNoProblems(assert, second.problems, 'opened link');
  } finally {
    await second.context.close();
  }
});
