// The wasm in two parts (www/vmk-path-split.js, xtask/src/split.rs): a page of built-in widgets
// loads only the primary module, and draws, plays and changes with it alone; the rest (the panels
// that explain, with the traces and what-ifs they need; host check, tour, predict) loads on first
// use, a click that needs it waiting for it; everything works when the rest arrives late, and a
// placeholder hit before it has been compiled links it on the spot.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT, startServer, launch, openPage, widgetsReady, assertNoProblems } from './harness.mjs';

const PRIMARY = 'pkg/vmkpath_wasm_bg.wasm';
const REST = 'pkg/vmkpath_wasm_bg_rest.wasm';
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

const wasmRequests = (requests) => requests.map((r) => r.url).filter((u) => u.endsWith('.wasm')).map((u) => u.split('/some/sub/path/')[1]);

/** How the rest was linked, as the loader (vmk-path-split.js, inside the glue) reports it. */
const restState = (page) =>
  page.evaluate(async () => {
    const { restState } = await import(new URL('pkg/vmkpath_wasm.js', document.baseURI).href);
    return { ...restState };
  });

/**
 * Hold the first request for the rest (the background prefetch) until `release()`; answer
 * later ones (a placeholder's request on the spot) at once, or with 404 when `refuse`.
 */
async function holdRest(page, { refuse = false } = {}) {
  const held = [];
  let seen = 0;
  let arrived;
  const first = new Promise((resolve) => (arrived = resolve));
  await page.route(`**/${REST}`, (route) => {
    seen += 1;
    if (seen === 1) held.push(route), arrived();
    else if (refuse) route.fulfill({ status: 404, body: 'refused by the test' });
    else route.continue();
  });
  return {
    first,
    count: () => seen,
    release: () => Promise.all(held.splice(0).map((r) => r.continue())),
  };
}

test('a page of built-in widgets loads the primary only; it draws, plays and changes with it alone', async () => {
  const { context, page, problems, requests } = await openPage(browser);
  try {
    const rest = await holdRest(page, { refuse: true });
    await page.goto(server.url('index.html'));
    await widgetsReady(page);
    assert.deepEqual(wasmRequests(requests), [PRIMARY], 'mounting every widget needs the primary only');
    assert.deepEqual(await restState(page), { requested: false, linked: null });

    // The reader uses the widgets: the rest starts loading in the background, but is never
    // delivered here, and nothing this reader does needs it (a placeholder hit would ask again,
    // be refused, and fail the page). Focus moving over the drawing only marks what "Why this
    // path?" would explain; the Step button too, while that panel is closed.
    const first = page.locator('#shared-subnet vmk-path');
    for (const vmk of (await first.locator('svg g[data-vmk]').all()).slice(0, 3)) await vmk.focus();
    await page.keyboard.press('Tab');
    const widget = page.locator('#since-6 vmk-path');
    await widget.locator('[data-action=play]').click();
    await widget.locator('[data-action=step]').click();
    await widget.locator('[data-action=restart]').click();
    await widget.locator('select[data-action=speed]').selectOption('2');
    await widget.locator('input[data-action=reduced-motion]').check();
    for (const select of await widget.locator('select[data-control]').all()) {
      for (const value of await select.locator('option:not([disabled])').evaluateAll((os) => os.map((o) => o.value))) {
        // A control that another one disabled (encryption before 6.5, say) is skipped.
        if (await select.isEnabled()) await select.selectOption(value);
      }
    }
    const answer = await widget.evaluate((el) => el.shadowRoot.querySelector('.answer').textContent);
    assert.ok(answer.length > 20, answer);
    assert.equal(rest.count(), 1, 'the rest was asked for once, in the background');
    assert.deepEqual(await restState(page), { requested: true, linked: null }, 'and never needed');
    assertNoProblems(assert, problems, 'index.html without the rest');
  } finally {
    await context.close();
  }
});

test('a panel waits for the rest; then the panels explain', async () => {
  const { context, page, problems } = await openPage(browser, { reducedMotion: 'reduce' });
  try {
    const rest = await holdRest(page);
    await page.goto(server.url('index.html'));
    await widgetsReady(page);
    const widget = page.locator('#shared-subnet vmk-path');
    const findings = widget.locator('[data-panel=findings]');
    // Held (the prefetch is held too): the widget has not seen it yet.
    await findings.click();
    await rest.first;
    assert.equal(await findings.getAttribute('aria-expanded'), 'false', 'the panel waits for the rest');
    assert.equal(await widget.locator('.findings li').count(), 0);
    assert.deepEqual(await restState(page), { requested: true, linked: null }, 'nothing linked it on the spot');

    // The rest arrives: the held click is given again.
    await rest.release();
    await widget.locator('.findings li[data-code=vmotion-egress-mismatch]').waitFor();
    assert.deepEqual(await restState(page), { requested: true, linked: 'prefetched' });

    // The what-ifs, computed on first need: a fix and back.
    await widget.locator('[data-panel=what-if]').click();
    await widget.locator('[data-what-if]').first().click();
    await widget.locator('.status').filter({ hasText: 'what if:' }).waitFor();
    await widget.locator('[data-action=what-if-back]').click();
    await widget.locator('.status').filter({ hasText: 'built-in scenario shared-subnet' }).waitFor();
    assert.equal(rest.count(), 1, 'one fetch of the rest');
    assertNoProblems(assert, problems, 'panels with the rest late');
  } finally {
    await context.close();
  }
});

/**
 * Every text in the widgets (text nodes and attribute values of each shadow root, and the plan
 * the element hands out) and the elements meant to say something that say nothing (the HTML
 * parser drops NULs, so zeroed text that went through markup shows as an empty element).
 */
const widgetTexts = (page) =>
  page.evaluate((saysSomething) => {
    const texts = [];
    const silent = [];
    for (const el of document.querySelectorAll('vmk-path')) {
      const where = el.closest('[id]')?.id ?? 'a widget';
      const walk = document.createTreeWalker(el.shadowRoot, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
      for (let node = walk.nextNode(); node; node = walk.nextNode()) {
        if (node.nodeType === Node.TEXT_NODE) texts.push({ where, text: node.data });
        else for (const a of node.attributes) texts.push({ where: `${where} [${a.name}]`, text: a.value });
      }
      for (const e of el.shadowRoot.querySelectorAll(saysSomething)) {
        if (!e.textContent.trim() && !e.getAttribute('aria-label')) silent.push(`${where}: <${e.localName}> ${e.outerHTML.slice(0, 80)}`);
      }
      // The plan's JSON text is written by the primary (`el.scenario`'s encoder is the rest's).
      texts.push({ where: `${where} plan`, text: JSON.stringify(el.plan) });
    }
    return { texts, silent };
  }, SAYS_SOMETHING);

/** Elements that are there to say something (an icon button says it with its aria-label). */
const SAYS_SOMETHING = 'button, option, summary, h3, h4, label, th, dt, svg text';

test('read without the rest, no widget shows data that moved to it (a NUL where its bytes are zero) or an empty text', async () => {
  // The data only the rest reaches is zeroed in the primary (xtask/src/data_split.rs): primary
  // code that read it would show NULs, or an empty string where a text was due.
  const { context, page, problems } = await openPage(browser);
  try {
    const rest = await holdRest(page, { refuse: true });
    await page.goto(server.url('index.html'));
    await widgetsReady(page);
    // As drawn, then changed: a step, and each control to its last choice (the panels wait for
    // the rest, widget/lazy.rs, so a reader without it sees the drawing, the verdict and the
    // controls).
    const drawn = await widgetTexts(page);
    for (const widget of await page.locator('vmk-path').all()) {
      if (await widget.locator('[data-action=step]').count()) await widget.locator('[data-action=step]').click();
      for (const select of await widget.locator('select[data-control]').all()) {
        const values = await select.locator('option:not([disabled])').evaluateAll((os) => os.map((o) => o.value));
        if (values.length && (await select.isEnabled())) await select.selectOption(values[values.length - 1]);
      }
    }
    const changed = await widgetTexts(page);
    const texts = [...drawn.texts, ...changed.texts];
    const silent = [...drawn.silent, ...changed.silent];
    assert.ok(texts.length > 1000, `${texts.length} texts read`);
    const nul = texts.filter((t) => t.text.includes('\u0000')).map((t) => `${t.where}: ${JSON.stringify(t.text.slice(0, 80))}`);
    assert.deepEqual(nul, [], 'no text holds a NUL');
    assert.deepEqual(silent, [], 'every button, option, heading, label and drawn text says something');
    assert.equal(rest.count(), 1, 'the background prefetch only, held');
    assert.deepEqual(await restState(page), { requested: true, linked: null }, 'all read without the rest');
    assertNoProblems(assert, problems, 'index.html read without the rest');
  } finally {
    await context.close();
  }
});

test('the host check, the tour and predict load the rest on first use', async () => {
  const { context, page, problems, requests } = await openPage(browser, { reducedMotion: 'reduce' });
  try {
    await page.goto(server.url('index.html'));
    await widgetsReady(page);
    assert.deepEqual(wasmRequests(requests), [PRIMARY]);

    const tour = page.locator('#since-6 vmk-path');
    await tour.locator('[data-action=tour]').click();
    await tour.locator('.lesson h3').filter({ hasText: /^Guided tour · chapter 1 of \d+/ }).waitFor();
    assert.deepEqual(wasmRequests(requests), [PRIMARY, REST], 'the rest, fetched once');
    assert.deepEqual(await restState(page), { requested: true, linked: 'prefetched' });
    await tour.locator('.lesson .tour-nav [data-chapter]').last().click();
    await tour.locator('.lesson h3').filter({ hasText: /chapter 2 of/ }).waitFor();

    const predict = page.locator('#multi-nic vmk-path');
    await predict.locator('[data-action=predict]').click();
    await predict.locator('.lesson [data-guess]').first().click();
    await predict.locator('.lesson [data-action=predict-next]').waitFor();

    const host = page.locator('#your-hosts vmk-path');
    await host.locator('details.hostcheck > summary').click();
    await host.locator('[data-action=host-mirror]').check();
    await host.locator('textarea[data-paste=source]').fill(SHARED_55);
    await host.locator('[data-action=host-check]').click();
    const verdict = host.locator('.hostcheck-verdict');
    await verdict.waitFor({ state: 'visible' });
    assert.match(await verdict.textContent(), /^Your vMotion leaves esx55a \(source\) on vmk0/);
    assert.equal(wasmRequests(requests).length, 2, 'still one fetch of each part');
    assertNoProblems(assert, problems, 'lessons and host check');
  } finally {
    await context.close();
  }
});

test('the rest arriving late: a tour click waits for it; a direct call links it on the spot', async () => {
  const { context, page, problems } = await openPage(browser, { reducedMotion: 'reduce' });
  try {
    const rest = await holdRest(page);
    await page.goto(server.url('index.html'));
    await widgetsReady(page);
    const tour = page.locator('#since-6 vmk-path');
    // The click starts the prefetch (held) and waits for it: no tour yet, no error.
    await tour.locator('[data-action=tour]').click();
    await rest.first;
    assert.equal(await tour.locator('.lesson h3').count(), 0, 'the tour waits for the rest');
    assert.equal(rest.count(), 1);

    // Meanwhile a script calls into the rest directly (no shell in between): the placeholder
    // fetches and compiles the rest synchronously, and the call returns its answer.
    const chapter = await page.evaluate(() => {
      const el = document.querySelector('#multi-nic vmk-path');
      el.widget.toggleTour();
      return el.shadowRoot.querySelector('.lesson h3')?.textContent ?? '';
    });
    assert.match(chapter, /^Guided tour · chapter 1 of/);
    assert.deepEqual(await restState(page), { requested: true, linked: 'on the spot' });
    assert.equal(rest.count(), 2, 'the held prefetch and the request on the spot');

    // The held prefetch arrives: the waiting click goes through, once.
    await rest.release();
    await tour.locator('.lesson h3').filter({ hasText: /^Guided tour · chapter 1 of/ }).waitFor();
    assertNoProblems(assert, problems, 'the rest loaded late');
  } finally {
    await context.close();
  }
});

test('companion: a widget whose rest cannot load says so instead of failing silently', async () => {
  const { context, page, problems } = await openPage(browser);
  try {
    await page.route(`**/${REST}`, (route) => route.fulfill({ status: 404, body: 'gone' }));
    await page.goto(server.url('index.html'));
    await widgetsReady(page);
    const tour = page.locator('#since-6 vmk-path');
    await tour.locator('[data-action=tour]').click();
    await tour.locator('.error').filter({ hasText: /^vmkpath could not load: / }).waitFor();
    assert.ok(problems.some((p) => p.includes(REST)), `the guard sees the failed request: ${problems}`);
  } finally {
    await context.close();
  }
});
