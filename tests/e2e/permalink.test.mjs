// Permalinks: the first widget's state (controls and narration step) goes into a link with
// "Copy link", and opening that link in a fresh page shows the same state; a hostile fragment
// gives a notice (text, not markup) and the widget's own scenario, and nothing runs.
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

const state = (el) => ({
  scenario: JSON.stringify(el.scenario),
  step: el.widget.currentStep(),
  snapshots: el.shadowRoot.querySelector('[data-control="snapshots"]')?.value ?? null,
});

test('a copied link round-trips the controls and the step through the fragment', async () => {
  const first = await openPage(browser);
  let link;
  let expected;
  try {
    await first.page.goto(server.url('embed.html'));
    await widgetsReady(first.page);
    const el = first.page.locator('vmk-path').first();
    await el.evaluate((el) => {
      el.widget.loadBuiltin('');
      el.widget.setControl('multi-nic', 'one-nic');
      el.widget.setControl('snapshots', '4');
      el.widget.step();
      el.widget.step();
    });
    await el.evaluate((el) => el.shadowRoot.querySelector('[data-action="copy-link"]').click());
    link = await el.evaluate((el) => el.shadowRoot.querySelector('.link input').value);
    expected = await el.evaluate(state);
    assert.match(link, /#.*multi-nic=one-nic/, link);
    assert.ok(link.includes('step=3'), link);
    assertNoProblems(assert, first.problems, 'copy link');
  } finally {
    await first.context.close();
  }
  const second = await openPage(browser);
  try {
    await second.page.goto(link);
    await widgetsReady(second.page);
    const got = await second.page.locator('vmk-path').first().evaluate(state);
    assert.deepEqual(got, expected);
    assertNoProblems(assert, second.problems, 'opened link');
  } finally {
    await second.context.close();
  }
});

test('a scenario named while the widget is drawn wins over the permalink it opened with', async () => {
  const { context, page, problems } = await openPage(browser);
  try {
    // Name another built-in as soon as the drawing is in the shadow root (the draw phase),
    // before the mount's last phase applies the fragment.
    await page.addInitScript(() => {
      customElements.whenDefined('vmk-path').then(() => {
        const el = document.querySelector('vmk-path');
        const seen = new MutationObserver(() => {
          if (!el.shadowRoot?.querySelector('svg.vmkpath-scene')) return;
          seen.disconnect();
          window.__renamedBeforeMounted = !el.widget;
          el.setAttribute('scenario', 'multi-nic-fix');
        });
        const watch = () => (el.shadowRoot ? seen.observe(el.shadowRoot, { childList: true, subtree: true }) : setTimeout(watch, 0));
        watch();
      });
    });
    await page.goto(server.url('frame.html#scenario=shared-subnet&controls=version%20shared-subnet'));
    await page.waitForFunction(() => document.querySelector('vmk-path')?.widget);
    assert.equal(await page.evaluate(() => window.__renamedBeforeMounted), true, 'the name came before the mount ended');
    await page.waitForFunction(
      () => document.querySelector('vmk-path').shadowRoot.querySelector('.status')?.textContent.includes('built-in scenario multi-nic-fix'),
      null,
      { timeout: 5000 },
    );
    assertNoProblems(assert, problems, 'renamed while drawn');
  } finally {
    await context.close();
  }
});

test('a hostile fragment gives a notice and the default scenario, and injects nothing', async () => {
  const { context, page, problems } = await openPage(browser);
  let dialogs = 0;
  page.on('dialog', (d) => {
    dialogs += 1;
    d.dismiss();
  });
  try {
    const hostile = encodeURIComponent('<img src=x onerror=alert(1)>');
    await page.goto(`${server.url('embed.html')}#scenario=${hostile}&step=2`);
    await widgetsReady(page);
    const el = page.locator('vmk-path').first();
    const seen = await el.evaluate((el) => ({
      notice: el.shadowRoot.querySelector('.fragment-notice').textContent,
      markup: el.shadowRoot.querySelectorAll('.fragment-notice *, img').length,
      scenario: el.getAttribute('scenario'),
      status: el.shadowRoot.querySelector('.status').textContent,
    }));
    assert.match(seen.notice, /could not be read/);
    assert.equal(seen.markup, 0, 'the fragment is shown as text');
    if (seen.scenario) assert.ok(seen.status.includes(seen.scenario), seen.status);
    assert.equal(dialogs, 0);
    assertNoProblems(assert, problems, 'hostile fragment');
  } finally {
    await context.close();
  }
});

test('an ordinary anchor is left alone', async () => {
  const { context, page, problems } = await openPage(browser);
  try {
    await page.goto(`${server.url('embed.html')}#snippets`);
    await widgetsReady(page);
    const notice = await page
      .locator('vmk-path')
      .first()
      .evaluate((el) => el.shadowRoot.querySelector('.fragment-notice').textContent);
    assert.equal(notice, '');
    assertNoProblems(assert, problems, 'anchor');
  } finally {
    await context.close();
  }
});
