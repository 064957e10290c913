// Accessibility: an axe-core scan (WCAG 2.x A/AA, 2.2 AA and best practices) of every page of
// dist/ in the light and the dark theme, through the widgets' open shadow roots. Zero violations.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { startServer, launch, openPage, widgetsReady, assertNoProblems } from './harness.mjs';

// Evaluated through the DevTools protocol rather than added as a <script> (page.addScriptTag),
// which the pages' strict CSP rightly blocks.
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

let server;
let browser;
before(async () => {
  [server, browser] = await Promise.all([startServer(), launch()]);
});
after(async () => {
  await browser?.close();
  await server?.close();
});

/** axe's violations of a loaded page, one line per failing node. */
async function scan(page) {
  await page.evaluate(AXE);
  const violations = await page.evaluate(
    (tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags }, iframes: false, preload: false }).then((r) => r.violations),
    TAGS,
  );
  return violations.flatMap((v) =>
    v.nodes.map((n) => `${v.id} (${v.impact}): ${JSON.stringify(n.target)} ${n.failureSummary.replace(/\s+/g, ' ')}`),
  );
}

for (const file of ['index.html', 'embed.html', 'csp.html', 'frame.html#scenario=multi-nic-fix']) {
  for (const colorScheme of ['light', 'dark']) {
    test(`axe: ${file}, ${colorScheme} theme`, async () => {
      const { context, page, problems } = await openPage(browser, { colorScheme, reducedMotion: 'reduce' });
      try {
        await page.goto(server.url(file));
        await widgetsReady(page);
        const violations = await scan(page);
        assert.deepEqual(violations, [], `${violations.length} axe violations:\n${violations.join('\n')}`);
        assertNoProblems(assert, problems, file);
      } finally {
        await context.close();
      }
    });
  }
}

test('axe: index.html before its script runs (the static posters)', async () => {
  const { context, page, problems } = await openPage(browser);
  try {
    // The element shell never defines <vmk-path>: what a reader without JavaScript gets (axe
    // itself needs JavaScript, so the page keeps it).
    await page.route('**/vmk-path.js', (route) =>
      route.fulfill({ contentType: 'text/javascript', body: '// no widget' }),
    );
    await page.goto(server.url('index.html'));
    assert.ok(await page.locator('vmk-path figure.vmkpath-poster').first().isVisible());
    const violations = await scan(page);
    assert.deepEqual(violations, [], `${violations.length} axe violations:\n${violations.join('\n')}`);
    assertNoProblems(assert, problems, 'index.html without JS');
  } finally {
    await context.close();
  }
});

test('axe is really looking: a page with a known violation fails the scan', async () => {
  const { context, page } = await openPage(browser);
  try {
    await page.goto(server.url('csp.html'));
    await widgetsReady(page);
    await page.evaluate(() => {
      const input = document.createElement('input');
      input.type = 'checkbox';
      document.querySelector('vmk-path').shadowRoot.querySelector('.controls').append(input);
    });
    const violations = await scan(page);
    assert.ok(violations.some((v) => v.startsWith('label')), violations.join('\n'));
  } finally {
    await context.close();
  }
});
