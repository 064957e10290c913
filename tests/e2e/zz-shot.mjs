import { startServer, launch, openPage } from './harness.mjs';
const [server, browser] = await Promise.all([startServer(), launch()]);
const shots = process.argv.slice(2);
for (const spec of shots) {
  const [name, width, scheme] = spec.split(':');
  const { context, page } = await openPage(browser, { viewport: { width: Number(width), height: 900 }, colorScheme: scheme ?? 'light', reducedMotion: 'reduce' });
  await page.goto(server.url(`frame.html#scenario=${name}`));
  await page.waitForFunction((name) => document.querySelector('vmk-path')?.shadowRoot?.querySelector('.status')?.textContent.includes(`built-in scenario ${name}`), name);
  await page.locator('vmk-path').evaluate((el) => el.shadowRoot.querySelector('svg.vmkpath-scene').scrollIntoView());
  await page.locator('vmk-path').evaluate(() => 0);
  const svg = page.locator('vmk-path svg.vmkpath-scene');
  await svg.screenshot({ path: `/tmp/labels-${name}-${width}-${scheme ?? 'light'}.png` });
  await context.close();
}
await browser.close(); await server.close();
