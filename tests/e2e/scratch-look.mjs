import { startServer, launch, openPage, widgetsReady } from './harness.mjs';
const server = await startServer();
const browser = await launch();
const out = '/tmp/widget-shots';
for (const [width, scheme] of [[1280, 'light'], [712, 'light'], [712, 'dark'], [390, 'light']]) {
  const { context, page, problems } = await openPage(browser, { viewport: { width, height: 1000 }, colorScheme: scheme });
  await page.addInitScript(() => {
    window.__cls = 0;
    new PerformanceObserver((l) => { for (const e of l.getEntries()) if (!e.hadRecentInput) window.__cls += e.value; }).observe({ type: 'layout-shift', buffered: true });
  });
  for (const file of ['index.html', 'embed.html']) {
    await page.goto(server.url(file));
    await widgetsReady(page);
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    const cls = await page.evaluate(() => window.__cls);
    const h = await page.evaluate(() => [...document.querySelectorAll('vmk-path')].map((e) => Math.round(e.getBoundingClientRect().height)));
    console.log(width, scheme, file, 'CLS', cls.toFixed(3), 'heights', h.join(','), problems.join(' | '));
  }
  await page.goto(server.url('index.html'));
  await widgetsReady(page);
  for (const id of ['hot-cold', 'shared-subnet', 'since-6']) {
    await page.locator(`#${id} vmk-path`).screenshot({ path: `${out}/${id}-${width}-${scheme}.png` });
  }
  await context.close();
}
await browser.close();
await server.close();
