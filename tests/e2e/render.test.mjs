// Every built-in scenario renders at 360 px and 1280 px wide, in the light and the dark theme,
// with nothing cut off horizontally: no page scroll, every box of the widget inside the widget,
// every text of the drawing inside its viewBox. Screenshots go to tests/artifacts/render/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { readdirSync } from 'node:fs';
import { ROOT, startServer, launch, openPage, widgetsReady, artifactsDir, assertNoProblems } from './harness.mjs';

let server;
let browser;
before(async () => {
  [server, browser] = await Promise.all([startServer(), launch()]);
});
after(async () => {
  await browser?.close();
  await server?.close();
});

/** What sticks out: of the page, of the widget, of the drawing's viewBox (in CSS px). */
function overflow() {
  const el = document.querySelector('vmk-path');
  const host = el.getBoundingClientRect();
  const out = [];
  const page = document.documentElement.scrollWidth - document.documentElement.clientWidth;
  if (page > 0) out.push(`the page scrolls sideways by ${page}px`);
  const describe = (node) =>
    `${node.localName}${node.className?.baseVal ?? node.className ? `.${String(node.className?.baseVal ?? node.className).split(' ')[0]}` : ''} "${(node.textContent ?? '').trim().slice(0, 40)}"`;
  for (const node of el.shadowRoot.querySelectorAll('*')) {
    if (node.closest('.sr-only, .packets, defs, title, desc, option, marker')) continue;
    const r = node.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    if (r.left < host.left - 1 || r.right > host.right + 1) out.push(`${describe(node)} spans ${Math.round(r.left)}..${Math.round(r.right)} outside ${Math.round(host.left)}..${Math.round(host.right)}`);
    // Content wider than its own box (clipped, or spilling over its neighbours). A <select>
    // shows its chosen option with an ellipsis by design.
    if (!(node instanceof SVGElement) && node.localName !== 'select' && node.scrollWidth > node.clientWidth + 1 && getComputedStyle(node).display !== 'inline')
      out.push(`${describe(node)} holds ${node.scrollWidth}px of content in ${node.clientWidth}px`);
  }
  const svg = el.shadowRoot.querySelector('svg.vmkpath-scene');
  const vb = svg.viewBox.baseVal;
  for (const text of svg.querySelectorAll('text')) {
    const b = text.getBBox();
    if (b.width > 0 && (b.x < vb.x - 1 || b.x + b.width > vb.x + vb.width + 1)) out.push(`${describe(text)} spans ${Math.round(b.x)}..${Math.round(b.x + b.width)} outside the viewBox 0..${vb.width}`);
  }
  return out;
}

async function names(page) {
  return page.evaluate(async () => {
    const { builtins } = await import(new URL('pkg/vmkpath_wasm.js', document.baseURI).href);
    return builtins().map((b) => b.name);
  });
}

for (const width of [360, 1280]) {
  for (const colorScheme of ['light', 'dark']) {
    test(`every built-in scenario at ${width} px, ${colorScheme} theme`, async () => {
      const dir = artifactsDir('render');
      const { context, page, problems } = await openPage(browser, {
        viewport: { width, height: 900 },
        colorScheme,
        reducedMotion: 'reduce', // still pictures
      });
      try {
        await page.goto(server.url('frame.html'));
        await widgetsReady(page);
        const all = await names(page);
        // The module's list is the scenarios/ folder, compiled in.
        const files = readdirSync(path.join(ROOT, 'scenarios')).filter((f) => f.endsWith('.toml')).map((f) => f.slice(0, -5));
        assert.deepEqual([...all].sort(), files.sort());
        const faults = [];
        for (const name of all) {
          await page.evaluate((name) => (location.hash = `scenario=${name}`), name);
          await page.waitForFunction(
            (name) => {
              const root = document.querySelector('vmk-path').shadowRoot;
              return root.querySelector('.status')?.textContent.includes(`built-in scenario ${name}`) && root.querySelector('svg.vmkpath-scene');
            },
            name,
            { timeout: 10_000 },
          );
          const layout = await page.evaluate(() => document.querySelector('vmk-path').shadowRoot.querySelector('svg.vmkpath-scene').dataset.layout);
          assert.equal(layout, width < 600 ? 'compact' : 'wide', `${name}: the layout suits ${width} px`);
          for (const fault of await page.evaluate(overflow)) faults.push(`${name}: ${fault}`);
          await page.locator('vmk-path').screenshot({ path: path.join(dir, `${name}-${width}-${colorScheme}.png`), animations: 'disabled' });
        }
        assert.deepEqual(faults, [], `cut off horizontally:\n${faults.join('\n')}`);
        assertNoProblems(assert, problems, `frame.html at ${width} px`);
      } finally {
        await context.close();
      }
    });
  }
}

test('the overflow check finds a box that sticks out', async () => {
  const { context, page } = await openPage(browser, { viewport: { width: 360, height: 900 } });
  try {
    await page.goto(server.url('frame.html#scenario=shared-subnet'));
    await widgetsReady(page);
    await page.evaluate(() => {
      const wide = document.createElement('p');
      wide.textContent = 'x'.repeat(200);
      document.querySelector('vmk-path').shadowRoot.querySelector('.vmkpath').append(wide);
    });
    const faults = await page.evaluate(overflow);
    assert.ok(faults.some((f) => f.startsWith('p "xxxx')), faults.join('\n'));
  } finally {
    await context.close();
  }
});
