// The README's "Embed it" snippets: in the promised order, each shown the same on embed.html, the
// iframe one being embed.html's live iframe, and the self-hosting one working as written (dist/
// under /vmkpath/). The CDN, WordPress and Hugo snippets are embedded by package.test.mjs,
// wordpress.test.mjs and hugo.test.mjs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DIST, startServer, launch, openPage, widgetsReady, assertNoProblems } from './harness.mjs';
import { README, readmeSnippet, readmeSnippets } from './snippets.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const unescape = (html) =>
  html.replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&quot;', '"').replaceAll('&#x27;', "'").replaceAll('&amp;', '&');

test('"Embed it" shows the CDN tag first, then WordPress, Hugo, Jekyll, the iframe and self-hosting', () => {
  const text = readFileSync(README, 'utf8');
  const section = text.slice(text.indexOf('## Embed it\n'), text.indexOf('\n## ', text.indexOf('## Embed it\n') + 1));
  const headings = [...section.matchAll(/^### (.*)$/gm)].map((m) => m[1]);
  assert.deepEqual(headings.slice(0, 6), ['From a CDN: one tag', 'WordPress: the plugin', 'Hugo: a shortcode', 'Jekyll: an include', 'An iframe', 'Self-hosting']);
  const names = [...readmeSnippets().keys()];
  assert.deepEqual(names, ['cdn', 'cdn-csp', 'wordpress', 'hugo', 'hugo-config', 'jekyll', 'jekyll-config', 'iframe', 'self-host']);
  // Every snippet lies inside "Embed it".
  for (const name of names) assert.ok(section.includes(`<!-- snippet: ${name} -->`), name);
});

test('embed.html shows every README snippet as written there, and its live iframe is the snippet', () => {
  const page = readFileSync(path.join(DIST, 'embed.html'), 'utf8');
  const shown = new Map([...page.matchAll(/<pre data-snippet="([a-z0-9-]+)"><code>([\s\S]*?)<\/code><\/pre>/g)].map((m) => [m[1], unescape(m[2])]));
  assert.deepEqual([...shown.keys()].sort(), [...readmeSnippets().keys()].sort(), 'embed.html shows each snippet once');
  for (const [name, text] of shown) assert.equal(`${text}\n`, readmeSnippet(name), `embed.html's ${name} snippet is README's`);
  const snippetSrc = readmeSnippet('iframe').match(/src="([^"]*frame\.html[^"]*)"/)[1];
  const liveSrc = page.match(/<iframe class="vmkpath-frame"[^>]*\ssrc="([^"]*)"/)[1];
  assert.equal(unescape(liveSrc), unescape(snippetSrc).replace('/vmkpath/', ''), 'the live iframe is the snippet, relative');
  // Sensible defaults: the snippet names its controls and panels rather than showing everything.
  const fragment = new URLSearchParams(unescape(snippetSrc).split('#')[1]);
  assert.ok(fragment.get('controls') && fragment.get('controls') !== 'all', 'the iframe snippet names its controls');
  assert.ok(fragment.get('panels'), 'the iframe snippet names its panels');
});

test('the self-hosting snippet works as written, with dist/ copied to /vmkpath/', async () => {
  const work = mkdtempSync(path.join(tmpdir(), 'vmkpath-self-'));
  const site = path.join(work, 'vmkpath');
  cpSync(DIST, site, { recursive: true });
  writeFileSync(
    path.join(site, 'post.html'),
    `<!doctype html>\n<html lang="en">\n<head><meta charset="utf-8"><title>Self-hosted</title></head>\n<body>\n${readmeSnippet('self-host')}</body>\n</html>\n`,
  );
  const server = await startServer({ root: site, prefix: '/vmkpath/' });
  const { context, page, problems } = await openPage(browser);
  try {
    await page.goto(server.url('post.html'));
    await widgetsReady(page, 1);
    assert.equal(await page.locator('vmk-path').getAttribute('controls'), 'shared-subnet multi-nic');
    assertNoProblems(assert, problems, 'self-hosted snippet');
  } finally {
    await context.close();
    await server.close();
    rmSync(work, { recursive: true, force: true });
  }
});
