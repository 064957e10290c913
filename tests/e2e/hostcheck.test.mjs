// "Check your host" on the real page: paste one host's output, press Check, and the first line
// answers the article's question for that host; the diagram and plan follow; the pasted text
// leaves the page by no request, storage or address.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT, startServer, launch, openPage, widgetsReady, assertNoProblems } from './harness.mjs';

// esx55a: vmk0 (management) and vmk1 (vMotion) share 10.0.0.0/24, the article's case.
const SHARED_55 = readFileSync(
  path.join(ROOT, 'crates/vmkpath-core/tests/fixtures/hostcheck/full-host.busybox-esxi55.txt'),
  'utf8',
);

let server;
let browser;
before(async () => {
  [server, browser] = await Promise.all([startServer(), launch()]);
});
after(async () => {
  await browser?.close();
  await server?.close();
});

test('check your host: one Check gives the verdict first, draws the host, sends nothing', async () => {
  const { page, context, problems, requests } = await openPage(browser, { reducedMotion: 'reduce' });
  try {
    await page.goto(server.url('index.html#your-hosts'));
    await widgetsReady(page);
    const W = await page.evaluate(() =>
      [...document.querySelectorAll('vmk-path')].findIndex((el) => el.getAttribute('controls') === 'host'),
    );
    assert.ok(W >= 0, 'the page has a host-check widget');
    const widget = page.locator('vmk-path').nth(W);
    const address = await page.evaluate(() => location.href);
    await widget.locator('details.hostcheck > summary').click();
    assert.equal(await widget.locator('.hostcheck button').count(), 1, 'one action');
    await widget.locator('[data-action=host-mirror]').check();
    await widget.locator('textarea[data-paste=source]').fill(SHARED_55);
    const asked = requests.length;
    await widget.locator('[data-action=host-check]').click();

    const verdict = widget.locator('.hostcheck-verdict');
    await verdict.waitFor({ state: 'visible' });
    const line = await verdict.textContent();
    assert.match(
      line,
      /^Your vMotion leaves esx55a \(source\) on vmk0, the management vmknic, though vmk1 is tagged for vMotion/,
    );
    assert.match(line, /vmk0 and vmk1 share 10\.0\.0\.0\/24 and vmk0 owns the route/);
    assert.equal(await widget.locator('.hostcheck-error').textContent(), '');
    // The verdict is above the questions, which ask the version: answered 5.5 in advance, as the
    // pasted `vmware -v` says (the widget's own 5.1 otherwise), and saying so.
    const order = await widget.locator('.hostcheck').evaluate((panel) => {
      const v = panel.querySelector('.hostcheck-verdict');
      const q = panel.querySelector('.hostcheck-questions');
      return v.compareDocumentPosition(q) & Node.DOCUMENT_POSITION_FOLLOWING;
    });
    assert.ok(order, 'the verdict comes first');
    assert.equal(await widget.locator('[data-answer="source.version"]').inputValue(), '5.5');
    assert.match(await widget.locator('.hostcheck-read').textContent(), /the output says ESXi 5\.5\.0 \(build 1331820\)/);

    const state = await page.evaluate((W) => {
      const el = document.querySelectorAll('vmk-path')[W];
      return {
        memory: el.plan.flows.filter((f) => f.traffic === 'memory').map((f) => `${f.source.host}/${f.source.vmk}`),
        version: el.scenario.source.version,
        drawn: !!el.shadowRoot.querySelector('svg [data-host="esx55a (source)"][data-vmk="vmk1"]'),
      };
    }, W);
    assert.deepEqual(state.memory, ['esx55a (source)/vmk0']);
    assert.equal(state.version, '5.5');
    assert.ok(state.drawn, 'the diagram shows the pasted host');

    // Nothing of the paste left the page.
    assert.equal(requests.length, asked, `no request after the paste: ${requests.slice(asked).map((r) => r.url)}`);
    const kept = await page.evaluate(() => ({
      href: location.href,
      local: localStorage.length,
      session: sessionStorage.length,
      cookie: document.cookie,
    }));
    assert.deepEqual(kept, { href: address, local: 0, session: 0, cookie: '' });
    assertNoProblems(assert, problems, 'host check');
  } finally {
    await context.close();
  }
});
