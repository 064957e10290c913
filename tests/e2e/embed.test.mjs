// Hosting and embedding: dist/ from a sub-path with nothing fetched elsewhere, the no-JS poster,
// ten widgets sharing one wasm module, and the iframe embed telling its parent its height.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { DIST, artifactsDir, startServer, launch, openPage, widgetsReady, assertNoProblems } from './harness.mjs';

let server;
let browser;
before(async () => {
  [server, browser] = await Promise.all([startServer(), launch()]);
});
after(async () => {
  await browser?.close();
  await server?.close();
});

function files(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)],
  );
}

test('dist/ loads resources by relative URLs only', () => {
  const loaded = [];
  for (const file of files(DIST).filter((f) => /\.(html|css|js)$/.test(f))) {
    // Code shown to readers (<pre>) and comments are not loaded.
    const text = readFileSync(file, 'utf8')
      .replace(/<pre[^>]*>[\s\S]*?<\/pre>/g, '')
      .replace(/^\s*\/\/.*$/gm, '');
    // What a page or stylesheet loads (links to read are fine anywhere): src=, <link href=,
    // url(), @import and import specifiers (static and dynamic, as written or minified) must
    // not start with a scheme, "//" or "/".
    const patterns = [
      /\ssrc="([^"]*)"/g,
      /<link[^>]*\shref="([^"]*)"/g,
      /url\(\s*['"]?([^'")]*)/g,
      /@import\s*['"]([^'"]*)/g,
      /^\s*import\s[^'"]*['"]([^'"]*)['"]/gm,
      /\bfrom\s*['"]([^'"]*)['"]/g,
      /\bimport\s*\(\s*['"]([^'"]*)['"]/g,
    ];
    for (const pattern of patterns)
      for (const [, url] of text.matchAll(pattern)) if (/^([a-z]+:|\/)/i.test(url) && !url.startsWith('#')) loaded.push(`${path.relative(DIST, file)}: ${url}`);
  }
  assert.deepEqual(loaded, []);
  const names = files(DIST).map((f) => path.relative(DIST, f));
  for (const needed of ['index.html', 'embed.html', 'frame.html', 'csp.html', 'vmk-path.js', 'frame-host.js', 'vmkpath-poster.css', 'pkg/vmkpath_wasm_bg.wasm', 'pkg/vmkpath_wasm_bg_rest.wasm'])
    assert.ok(names.includes(needed), `dist/ has ${needed}`);
  assert.ok(!names.some((n) => n.startsWith('bench.')), 'the benchmark page stays out of dist/');
});

test('the test server really serves a sub-path (a root-relative URL would be a 404)', async () => {
  const root = await fetch(`${server.origin}/index.html`);
  const sub = await fetch(server.url('index.html'));
  assert.equal(root.status, 404);
  assert.equal(sub.status, 200);
  assert.equal(sub.headers.get('content-security-policy')?.includes("style-src 'self'"), true);
});

test('the guard catches a request that leaves 127.0.0.1', async () => {
  const { context, page, problems } = await openPage(browser);
  try {
    await page.goto(server.url('csp.html'));
    // A navigation is not subject to the page's CSP; the guard records it and aborts it.
    await page.goto('http://example.invalid/').catch(() => {});
    assert.ok(problems.includes('request leaves 127.0.0.1: http://example.invalid/'), problems.join('\n'));
  } finally {
    await context.close();
  }
});

test('without JavaScript every widget shows its poster and explanation, with an accessible name', async () => {
  const { context, page, problems } = await openPage(browser, { javaScriptEnabled: false, colorScheme: 'dark' });
  try {
    await page.goto(server.url('index.html'));
    // Themed like the widget by vmkpath-poster.css (the core's CSS): dark here.
    const backdrop = await page.locator('vmk-path .vmkpath-poster .backdrop').first().evaluate((r) => getComputedStyle(r).fill);
    assert.equal(backdrop, 'rgb(13, 17, 23)');
    const widgets = page.locator('vmk-path');
    const count = await widgets.count();
    assert.ok(count >= 4);
    for (let i = 0; i < count; i++) {
      const el = widgets.nth(i);
      const poster = el.locator('figure.vmkpath-poster');
      assert.ok(await poster.isVisible(), `widget ${i} shows its poster`);
      assert.ok(await poster.locator('figcaption ol li').count() > 0, `widget ${i} explains the steps`);
      // Wide here; the stacked drawing waits for a narrow column.
      const svg = poster.locator('svg[role="img"][data-layout="wide"]');
      assert.ok(await svg.isVisible(), `widget ${i}: the wide drawing shows`);
      assert.ok(!(await poster.locator('svg[data-layout="compact"]').isVisible()), `widget ${i}: the compact one does not`);
      assert.equal(await poster.locator('[style]').count(), 0);
      // The accessible name comes from the scene's <title>.
      const titleId = (await svg.getAttribute('aria-labelledby')).split(' ')[0];
      const title = await page.locator(`[id="${titleId}"]`).textContent();
      assert.ok(title.length > 10);
      const name = new RegExp(`^${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} vSphere`);
      assert.ok(await el.getByRole('img', { name }).isVisible(), `poster ${i} is named "${title} …"`);
    }
    // On a phone the posters scale down and the page does not scroll sideways.
    await page.setViewportSize({ width: 360, height: 800 });
    const compact = widgets.first().locator('svg[data-layout="compact"]');
    assert.ok(await compact.isVisible(), 'a narrow column shows the stacked drawing');
    assert.ok(!(await widgets.first().locator('svg[data-layout="wide"]').isVisible()));
    const box = await compact.boundingBox();
    assert.ok(box.width > 300 && box.x + box.width <= 360, `the poster fits the page (${JSON.stringify(box)})`);
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 360);
    await widgets.first().screenshot({ path: path.join(artifactsDir('no-js'), 'index-first-360-dark.png') });
    assertNoProblems(assert, problems, 'index.html without JS');
  } finally {
    await context.close();
  }
});

test('with JavaScript the shadow root replaces the poster', async () => {
  const { context, page, problems } = await openPage(browser);
  try {
    await page.goto(server.url('index.html'));
    await widgetsReady(page);
    const hidden = await page.evaluate(() =>
      [...document.querySelectorAll('vmk-path')].map((el) => ({
        poster: el.querySelector('.vmkpath-poster')?.checkVisibility() ?? null,
        live: el.shadowRoot.querySelector('svg.vmkpath-scene').checkVisibility(),
      })),
    );
    for (const h of hidden) assert.deepEqual(h, { poster: false, live: true });
    assertNoProblems(assert, problems, 'index.html');
  } finally {
    await context.close();
  }
});

test('a widget in a closed <details> still mounts, and draws for its width once opened', async () => {
  const { context, page, problems } = await openPage(browser);
  try {
    await page.goto(server.url('embed.html'));
    await widgetsReady(page);
    // Widgets mount after layout (one measurement for the page); one that is not rendered gets
    // no measurement and must still mount, so that el.plan and vmkpath:plan work.
    const plan = await page.evaluate(async () => {
      const details = document.createElement('details');
      details.innerHTML = '<summary>Diagram</summary>';
      const el = document.createElement('vmk-path');
      el.setAttribute('scenario', 'multi-nic-fix');
      el.setAttribute('controls', 'none');
      details.append(el);
      document.querySelector('main').append(details);
      await new Promise((resolve) => el.addEventListener('vmkpath:plan', resolve, { once: true }));
      return el.plan;
    });
    assert.ok(plan?.flows?.length > 0, 'the hidden widget has a plan');
    const shown = await page.evaluate(async () => {
      const details = document.querySelector('main details:last-of-type');
      details.open = true;
      const el = details.querySelector('vmk-path');
      await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
      const svg = el.shadowRoot.querySelector('svg.vmkpath-scene');
      return { width: svg.getBoundingClientRect().width, view: Number(svg.getAttribute('viewBox').split(' ')[2]) };
    });
    assert.ok(shown.width > 0, 'drawn once shown');
    // Hidden, it measured itself as narrow (stacked hosts); opened in a wide column it lays out anew.
    assert.ok(shown.view > 640, `laid out for its real width once opened (viewBox width ${shown.view})`);
    assertNoProblems(assert, problems, 'widget in a closed details');
  } finally {
    await context.close();
  }
});

test('ten widgets on one page all render and share one wasm module', async () => {
  const { context, page, problems, requests } = await openPage(browser);
  try {
    await page.goto(server.url('embed.html'));
    await widgetsReady(page);
    const names = ['shared-subnet', 'multi-nic-fix', 'compute-only', 'cold-migration', 'udt-8', 'gateway-override', 'encrypted-vmotion', 'no-snapshots', 'vmotion-stack-routed', 'provisioning-routed'];
    const added = await page.evaluate((names) => {
      const have = document.querySelectorAll('vmk-path').length;
      for (const name of names.slice(0, Math.max(0, 10 - have))) {
        const el = document.createElement('vmk-path');
        el.setAttribute('scenario', name);
        el.setAttribute('controls', 'none');
        document.querySelector('main').append(el);
      }
      return 10 - have;
    }, names);
    assert.ok(added > 0, 'the test adds widgets to those of the page');
    await widgetsReady(page, 10);
    const distinct = await page.evaluate(() => {
      const all = [...document.querySelectorAll('vmk-path')];
      return {
        status: new Set(all.map((el) => el.shadowRoot.querySelector('.status').textContent)).size,
        diagrams: all.filter((el) => el.shadowRoot.querySelector('svg.vmkpath-scene [data-vmk]')).length,
      };
    });
    assert.equal(distinct.diagrams, 10);
    assert.ok(distinct.status >= 8, `the widgets show their own scenarios (${distinct.status} distinct)`);
    const wasm = requests.filter((r) => r.url.endsWith('.wasm') && r.frame === page.mainFrame());
    assert.equal(wasm.length, 1, `one wasm fetch for ten widgets: ${wasm.map((r) => r.url).join(', ')}`);
    assertNoProblems(assert, problems, 'embed.html with ten widgets');
  } finally {
    await context.close();
  }
});

test('the iframe embed shows its scenario and the parent resizes it to the height it reports', async () => {
  const { context, page, problems } = await openPage(browser, { viewport: { width: 800, height: 900 } });
  try {
    await page.goto(server.url('embed.html'));
    const iframe = page.locator('iframe.vmkpath-frame');
    const frame = await (await iframe.elementHandle()).contentFrame();
    await widgetsReady(frame);
    assert.match(await frame.locator('vmk-path').evaluate((el) => el.shadowRoot.querySelector('.status').textContent), /multi-nic-fix/);
    // The first height (page.css) is a guess; the reported one is the widget's.
    await page.waitForFunction(() => {
      const f = document.querySelector('iframe.vmkpath-frame');
      const body = f.contentDocument?.body;
      if (!body || !f.contentDocument.querySelector('vmk-path')?.plan) return false;
      const want = Math.ceil(body.getBoundingClientRect().height);
      return want > 300 && Math.abs(f.getBoundingClientRect().height - want) < 1;
    }, null, { timeout: 10_000 });
    const sizes = await iframe.evaluate((f) => ({
      frame: f.getBoundingClientRect().height,
      set: f.style.getPropertyValue('height'),
      scroll: f.contentDocument.documentElement.scrollHeight,
    }));
    assert.notEqual(sizes.set, '', 'frame-host.js set the height');
    assert.ok(sizes.scroll <= sizes.frame + 1, `no scroll bar inside the iframe (${JSON.stringify(sizes)})`);
    // A change of the frame's fragment picks another scenario; the height follows.
    await frame.evaluate(() => (location.hash = 'scenario=blocked-no-vmotion'));
    await frame.waitForFunction(() => /blocked-no-vmotion/.test(document.querySelector('vmk-path').shadowRoot.querySelector('.status').textContent));
    await page.waitForFunction(() => {
      const f = document.querySelector('iframe.vmkpath-frame');
      return Math.abs(f.getBoundingClientRect().height - Math.ceil(f.contentDocument.body.getBoundingClientRect().height)) < 1;
    });
    assertNoProblems(assert, problems, 'embed.html iframe');
  } finally {
    await context.close();
  }
});
