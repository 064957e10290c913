// The widget as a blog reader meets it: one lesson at a glance (the verdict, the controls, the
// diagram and its caption; the panels one click away), a bare `controls="none"` picture, and the
// article's shared-subnet widget short enough for a 680 px blog column.
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

/** What a reader sees of one widget: its height and which parts are rendered. */
function glance(selector) {
  const el = document.querySelector(selector);
  const root = el.shadowRoot;
  const shown = (sel) => [...root.querySelectorAll(sel)].some((n) => n.getClientRects().length > 0 && !n.closest('.sr-only'));
  return {
    height: el.getBoundingClientRect().height,
    answer: root.querySelector('.answer')?.textContent ?? '',
    caption: root.querySelector('.step-caption')?.textContent ?? '',
    controls: shown('[data-control]'),
    player: shown('.player'),
    panels: shown('.panels > .panel'),
    more: shown('.more button'),
    text: root.querySelector('.topology')?.textContent.length ?? 0,
  };
}

test('the shared-subnet widget at a 680 px column: the lesson at a glance, at most 900 px tall', async () => {
  // page.css pads the body by 16 px: a 712 px window is a 680 px column.
  const { context, page, problems } = await openPage(browser, { viewport: { width: 712, height: 1000 } });
  try {
    await page.goto(server.url('index.html'));
    await widgetsReady(page);
    const g = await page.evaluate(glance, '#shared-subnet vmk-path');
    assert.match(g.answer, /^Memory leaves esx01 on vmk0, the management vmknic, though vmk1 is tagged for vMotion/);
    assert.match(g.caption, /^Step 1 of \d+: /);
    assert.ok(g.controls && g.player && g.more, JSON.stringify(g));
    assert.equal(g.panels, false, 'the panels are closed until asked for');
    assert.ok(g.text > 100, 'the text version is in the page (for screen readers) while closed');
    assert.ok(g.height <= 900, `the widget is ${Math.round(g.height)} px tall at a 680 px column`);
    // One click opens a panel; the findings name each problem once, with a plain title. The
    // panel is drawn when opened, with the rest of the wasm (the shell gives the click once it
    // is linked): wait for it.
    const widget = page.locator('#shared-subnet vmk-path');
    await widget.locator('[data-panel=findings]').click();
    await widget.locator('.findings li').first().waitFor();
    const findings = await widget.locator('.findings li').evaluateAll((lis) => lis.map((li) => li.dataset.code));
    assert.equal(new Set(findings).size, findings.length, `one finding per problem: ${findings}`);
    assert.ok(findings.includes('vmotion-egress-mismatch'));
    assertNoProblems(assert, problems, 'index.html at 680 px');
  } finally {
    await context.close();
  }
});

test('on a 390 px phone the open panels stay inside the widget (a trace table scrolls in its own box)', async () => {
  const { context, page, problems } = await openPage(browser, { viewport: { width: 390, height: 900 } });
  try {
    await page.goto(server.url('index.html'));
    await widgetsReady(page);
    const widget = page.locator('#shared-subnet vmk-path');
    await widget.locator('[data-panel=findings]').click();
    await widget.locator('.findings li').first().waitFor();
    // A path picked: "Why this path?" opens with its routing tables, wider than a phone. (The
    // widget's own drawing: the poster's three stay in the element's light DOM, unrendered.)
    await widget.locator('.vmkpath svg [data-flow]').first().dispatchEvent('click');
    await widget.locator('.explain .trace table').first().waitFor();
    const out = await widget.evaluate((el) => {
      const edge = el.shadowRoot.querySelector('.vmkpath').getBoundingClientRect().right + 0.5;
      return [...el.shadowRoot.querySelectorAll('.panel:not([hidden]), .panel:not([hidden]) li')]
        .filter((e) => e.getBoundingClientRect().right > edge)
        .map((e) => `${e.localName}.${e.className} ends at ${Math.round(e.getBoundingClientRect().right)} px, the widget at ${Math.round(edge)}`);
    });
    assert.deepEqual(out, [], 'every open panel and its items end inside the widget');
    const table = await widget.locator('.explain .trace table').first().evaluate((t) => t.scrollWidth > t.clientWidth);
    assert.ok(table, 'the routing table is wider than the phone: it scrolls in its own box');
    assertNoProblems(assert, problems, 'index.html at 390 px, panels open');
  } finally {
    await context.close();
  }
});

test('controls="none" is the bare picture: no controls, player or panels', async () => {
  const { context, page, problems } = await openPage(browser);
  try {
    await page.goto(server.url('embed.html'));
    await widgetsReady(page);
    const g = await page.evaluate(glance, '#several vmk-path');
    assert.deepEqual(
      { controls: g.controls, player: g.player, panels: g.panels, more: g.more },
      { controls: false, player: false, panels: false, more: false },
    );
    assert.ok(g.answer.length > 20 && g.caption.length > 10, JSON.stringify(g));
    assertNoProblems(assert, problems, 'embed.html');
  } finally {
    await context.close();
  }
});

/** Installed before any page script: the cumulative layout shift not caused by the reader. */
function layoutShift() {
  window.__vmkpathShift = 0;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (!e.hadRecentInput) window.__vmkpathShift += e.value;
  }).observe({ type: 'layout-shift', buffered: true });
}

for (const file of ['index.html', 'embed.html']) {
  test(`no layout shift while ${file} loads: the poster holds the widget's place`, async () => {
    const { context, page, problems } = await openPage(browser);
    try {
      await context.addInitScript(layoutShift);
      await page.goto(server.url(file));
      await widgetsReady(page);
      // Two frames after the last widget drew: any shift its drawing caused has been reported.
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      const shift = await page.evaluate(() => window.__vmkpathShift);
      assert.ok(shift < 0.05, `cumulative layout shift ${shift.toFixed(3)}`);
      assertNoProblems(assert, problems, file);
    } finally {
      await context.close();
    }
  });
}

test('after "Show this fix" the changed diagram is in view', async () => {
  const { context, page, problems } = await openPage(browser, { viewport: { width: 1280, height: 700 } });
  try {
    await page.goto(server.url('index.html'));
    await widgetsReady(page);
    const widget = page.locator('#shared-subnet vmk-path');
    await widget.locator('[data-panel=what-if]').click();
    await widget.locator('[data-what-if]').first().scrollIntoViewIfNeeded();
    await widget.locator('[data-what-if]').first().click();
    const top = await widget.evaluate((el) => el.shadowRoot.querySelector('.diagram').getBoundingClientRect().top);
    assert.ok(top > -2 && top < 700, `the diagram's top is at ${top} px`);
    assertNoProblems(assert, problems, 'index.html what-if');
  } finally {
    await context.close();
  }
});

test('pacing: memory, hot disk and cold data are each seen in some frame of every built-in', async () => {
  const { context, page, problems } = await openPage(browser);
  try {
    await page.goto(server.url('frame.html#scenario=shared-subnet&controls=version'));
    await page.waitForFunction(() => document.querySelector('vmk-path')?.shadowRoot?.querySelector('svg.vmkpath-scene'));
    const names = await page.evaluate(async () => {
      const { builtins } = await import(new URL('pkg/vmkpath_wasm.js', document.baseURI).href);
      return builtins().map((b) => b.name);
    });
    const unseen = [];
    for (const name of names) {
      await page.evaluate((name) => document.querySelector('vmk-path').setAttribute('scenario', name), name);
      await page.waitForFunction(
        (name) => document.querySelector('vmk-path').shadowRoot.querySelector('.status')?.textContent.includes(`built-in scenario ${name}`),
        name,
      );
      // Sample the cycle every 100 ms (the packets' own animations, set to each moment).
      const seen = await page.evaluate(() => {
        const root = document.querySelector('vmk-path').shadowRoot;
        const packets = [...root.querySelectorAll('.packet')];
        const kinds = new Set(packets.map((p) => [...p.classList].find((c) => c.startsWith('packet-'))));
        const cycle = Math.max(...packets.flatMap((p) => p.getAnimations().map((a) => a.effect.getTiming().duration)));
        const shown = new Set();
        for (let t = 0; t < cycle; t += 100) {
          for (const p of packets) {
            for (const a of p.getAnimations()) {
              a.pause();
              a.currentTime = t;
            }
            if (parseFloat(getComputedStyle(p).opacity) > 0.5) shown.add([...p.classList].find((c) => c.startsWith('packet-')));
          }
        }
        return { kinds: [...kinds], shown: [...shown] };
      });
      for (const kind of ['packet-memory', 'packet-hot-disk', 'packet-cold-disk'])
        if (seen.kinds.includes(kind) && !seen.shown.includes(kind)) unseen.push(`${name}: ${kind}`);
    }
    assert.deepEqual(unseen, [], 'never on screen in a whole cycle');
    assertNoProblems(assert, problems, 'pacing');
  } finally {
    await context.close();
  }
});
