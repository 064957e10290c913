// Shared by screenshots-*.test.mjs: screenshots of every built-in at 390 px (a phone), 680 px (a blog column) and 1280 px, light and
// dark, compared with the committed references in tests/e2e/screenshots/, so that a change to the
// picture is seen in review. Only the widget element is taken, halved and reduced to a palette
// of 252 colours (one byte a pixel) so the references stay small; the comparison is tolerant (a few
// pixels of antialiasing may differ). `cargo xtask e2e --update` rewrites the references; a
// failing comparison writes the new image and a diff to tests/artifacts/screenshots/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { crc32, deflateSync } from 'node:zlib';
import { ROOT, startServer, launch, openPage, artifactsDir, assertNoProblems } from './harness.mjs';

const REFERENCES = path.join(ROOT, 'tests/e2e/screenshots');
const UPDATE = process.env.VMKPATH_UPDATE_SCREENSHOTS === '1';
/** A pixel differs when a channel moves by more than this (of 255) after posterizing. */
const CHANNEL = 48;
/** At most this share of the pixels may differ. */
const SHARE = 0.004;

let server;
let browser;
let reducer;
before(async () => {
  [server, browser] = await Promise.all([startServer(), launch()]);
  // A blank page (no CSP, nothing loaded) decodes, reduces and compares the images.
  const context = await browser.newContext();
  reducer = await context.newPage();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

/** Halve a PNG (base64) and reduce it to at most 6 x 7 x 6 = 252 colours: { width, height,
 * rgba (base64) }. */
function reduce(png) {
  return (async () => {
    const blob = await (await fetch(`data:image/png;base64,${png}`)).blob();
    const bitmap = await createImageBitmap(blob);
    const canvas = new OffscreenCanvas(Math.ceil(bitmap.width / 2), Math.ceil(bitmap.height / 2));
    const g = canvas.getContext('2d');
    g.imageSmoothingQuality = 'high';
    g.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    const image = g.getImageData(0, 0, canvas.width, canvas.height);
    const levels = [6, 7, 6];
    for (let i = 0; i < image.data.length; i += 4) {
      for (let c = 0; c < 3; c++) {
        const n = levels[c] - 1;
        image.data[i + c] = Math.round((Math.round((image.data[i + c] / 255) * n) / n) * 255);
      }
      image.data[i + 3] = 255;
    }
    let text = '';
    for (const b of image.data) text += String.fromCharCode(b);
    return { width: canvas.width, height: canvas.height, rgba: btoa(text) };
  })();
}

/** An indexed-colour PNG (one byte a pixel, a palette of the image's colours): small files. */
function indexedPng({ width, height, rgba }) {
  const pixels = Buffer.from(rgba, 'base64');
  const palette = new Map();
  const rows = Buffer.alloc((width + 1) * height);
  for (let y = 0; y < height; y++) {
    rows[y * (width + 1)] = 0; // filter: none (best for palette images)
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      const key = (pixels[i] << 16) | (pixels[i + 1] << 8) | pixels[i + 2];
      if (!palette.has(key)) palette.set(key, palette.size);
      rows[y * (width + 1) + 1 + x] = palette.get(key);
    }
  }
  if (palette.size > 256) throw new Error(`${palette.size} colours do not fit a palette`);
  const chunk = (type, data) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 3, 0, 0, 0], 8); // 8-bit indices, colour type 3 (palette)
  const plte = Buffer.alloc(palette.size * 3);
  for (const [key, index] of palette) plte.set([key >> 16, (key >> 8) & 255, key & 255], index * 3);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('PLTE', plte),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Compare a reduced image ({ width, height, rgba }) with a reference PNG (base64):
 * { differing (share of pixels), diff (PNG base64) }. */
function compare([current, b, channel]) {
  return (async () => {
    const raw = atob(current.rgba);
    const pixels = new Uint8ClampedArray(raw.length);
    for (let i = 0; i < raw.length; i++) pixels[i] = raw.charCodeAt(i);
    const a = new ImageData(pixels, current.width, current.height);
    const decode = async (png) => {
      const bitmap = await createImageBitmap(await (await fetch(`data:image/png;base64,${png}`)).blob());
      const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
      const g = canvas.getContext('2d');
      g.drawImage(bitmap, 0, 0);
      return g.getImageData(0, 0, bitmap.width, bitmap.height);
    };
    const [x, y] = [a, await decode(b)];
    if (x.width !== y.width || x.height !== y.height)
      return { size: `${x.width}x${x.height} vs ${y.width}x${y.height}`, differing: 1 };
    const canvas = new OffscreenCanvas(x.width, x.height);
    const g = canvas.getContext('2d');
    const diff = g.createImageData(x.width, x.height);
    let differing = 0;
    for (let i = 0; i < x.data.length; i += 4) {
      const d = Math.max(...[0, 1, 2].map((c) => Math.abs(x.data[i + c] - y.data[i + c])));
      const bad = d > channel;
      differing += bad ? 1 : 0;
      diff.data.set(bad ? [255, 0, 0, 255] : [x.data[i], x.data[i + 1], x.data[i + 2], 60], i);
    }
    g.putImageData(diff, 0, 0);
    const bytes = new Uint8Array(await (await canvas.convertToBlob({ type: 'image/png' })).arrayBuffer());
    let text = '';
    for (const v of bytes) text += String.fromCharCode(v);
    return { differing: differing / (x.width * x.height), diff: btoa(text) };
  })();
}

/** The tests of one width (one file per width, so each stays within the runner's timeout). */
export function screenshotTests(width) {
  for (const colorScheme of ['light', 'dark']) {
    test(`every built-in looks as its reference at ${width} px, ${colorScheme}`, async () => {
      const { context, page, problems } = await openPage(browser, {
        viewport: { width, height: 900 },
        colorScheme,
        reducedMotion: 'reduce',
      });
      const failed = [];
      try {
        await page.goto(server.url('frame.html#scenario=shared-subnet&controls=version%20shared-subnet%20multi-nic%20provisioning'));
        await page.waitForFunction(() => document.querySelector('vmk-path')?.shadowRoot?.querySelector('svg.vmkpath-scene'));
        const names = await page.evaluate(async () => {
          const { builtins } = await import(new URL('pkg/vmkpath_wasm.js', document.baseURI).href);
          return builtins().map((b) => b.name);
        });
        mkdirSync(REFERENCES, { recursive: true });
        for (const name of names) {
          await page.evaluate((name) => document.querySelector('vmk-path').setAttribute('scenario', name), name);
          await page.waitForFunction(
            (name) => document.querySelector('vmk-path').shadowRoot.querySelector('.status')?.textContent.includes(`built-in scenario ${name}`),
            name,
          );
          const shot = (await page.locator('vmk-path').screenshot({ animations: 'disabled' })).toString('base64');
          const reduced = await reducer.evaluate(reduce, shot);
          const file = path.join(REFERENCES, `${name}-${width}-${colorScheme}.png`);
          if (UPDATE) {
            writeFileSync(file, indexedPng(reduced));
            continue;
          }
          if (!existsSync(file)) {
            failed.push(`${name}: no reference (run cargo xtask e2e --update)`);
            continue;
          }
          const reference = readFileSync(file).toString('base64');
          const result = await reducer.evaluate(compare, [reduced, reference, CHANNEL]);
          if (result.differing > SHARE) {
            const dir = artifactsDir('screenshots');
            writeFileSync(path.join(dir, `${name}-${width}-${colorScheme}.png`), indexedPng(reduced));
            if (result.diff) writeFileSync(path.join(dir, `${name}-${width}-${colorScheme}-diff.png`), Buffer.from(result.diff, 'base64'));
            failed.push(`${name}: ${result.size ?? `${(result.differing * 100).toFixed(2)}% of the pixels differ`}`);
          }
        }
        assert.deepEqual(failed, [], `the picture changed (tests/artifacts/screenshots/; cargo xtask e2e --update accepts it):\n${failed.join('\n')}`);
        assertNoProblems(assert, problems, `screenshots at ${width} px, ${colorScheme}`);
      } finally {
        await context.close();
      }
    });
  }
}
