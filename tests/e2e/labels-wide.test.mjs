// Issue 12 item 5, labels fit, the wider half of the sweep (labels.test.mjs has the narrower
// half, the 680 px column's smallest text and the checks failing on purpose).
import { test, before, after } from 'node:test';
import { startServer, launch } from './harness.mjs';
import { WIDTHS, sweep } from './labels-check.mjs';

const WIDE = WIDTHS.filter((w) => w > 960);

let server;
let browser;
before(async () => {
  [server, browser] = await Promise.all([startServer(), launch()]);
});
after(async () => {
  await browser?.close();
  await server?.close();
});

test(`every label inside its box at ${WIDE[0]}..${WIDE.at(-1)} px (steps of 40)`, async () => {
  await sweep(browser, server, WIDE);
});
