// Strict CSP: csp.html carries the policy as a <meta> (and the test server sends it as a header
// on every page of every test), and the widget works there: it draws, a control changes the plan,
// and no securitypolicyviolation event or CSP console error is seen.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CSP, DIST, ROOT, startServer, launch, openPage, widgetsReady, assertNoProblems } from './harness.mjs';

let server;
let browser;
before(async () => {
  [server, browser] = await Promise.all([startServer(), launch()]);
});
after(async () => {
  await browser?.close();
  await server?.close();
});

test('csp.html carries exactly the policy the README states', () => {
  const html = readFileSync(path.join(DIST, 'csp.html'), 'utf8');
  assert.ok(html.includes(`<meta http-equiv="Content-Security-Policy" content="${CSP}">`));
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  assert.ok(readme.includes(CSP), 'README states the policy');
});

test('the widget works under the strict policy', async () => {
  const { context, page, problems } = await openPage(browser);
  try {
    const response = await page.goto(server.url('csp.html'));
    assert.equal(response.headers()['content-security-policy'], CSP);
    await widgetsReady(page);
    const el = page.locator('vmk-path').first();
    const before = await el.evaluate((el) => el.plan.flows.length);
    // A control that reshapes the plan: two vMotion vmknics.
    await el.evaluate((el) => {
      const select = el.shadowRoot.querySelector('[data-control="multi-nic"]');
      select.value = 'two-nics';
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
    const after = await el.evaluate((el) => el.plan.flows.filter((f) => f.traffic === 'memory').length);
    assert.equal(after, 2, 'Multi-NIC: two memory streams');
    assert.ok(before > 0);
    // The packets move (Web Animations, not style attributes) while autoplay runs.
    const running = await el.evaluate((el) => el.shadowRoot.getAnimations().filter((a) => a.playState === 'running').length);
    assert.ok(running > 0, 'packets are animated');
    assert.equal(await el.evaluate((el) => el.shadowRoot.querySelectorAll('[style]:not(.packet, .packets)').length), 0, 'no style attributes in the markup');
    assertNoProblems(assert, problems, 'csp.html');
  } finally {
    await context.close();
  }
});

test('the violation detector works: an inline style attribute is reported', async () => {
  const { context, page, problems } = await openPage(browser);
  try {
    await page.goto(server.url('csp.html'));
    await widgetsReady(page);
    const seen = await page.evaluate(
      () =>
        new Promise((resolve) => {
          addEventListener('securitypolicyviolation', (e) => resolve(e.violatedDirective), { once: true });
          const div = document.createElement('div');
          div.innerHTML = '<p style="color: red">blocked</p>';
          document.body.append(div);
        }),
    );
    assert.match(seen, /^style-src/);
    assert.ok(problems.some((p) => p.startsWith('CSP violation')), `violations seen: ${problems.join('\n')}`);
  } finally {
    await context.close();
  }
});
