// The package's Jekyll include, rendered as Jekyll renders includes: Liquid (liquidjs, with its
// Jekyll-style `{% include file.html key="value" %}` and `site` variables), since Ruby's Jekyll is
// not on this machine. A page with the README's include line and the README's _config.yml base,
// the installed package's files in assets/vmkpath/, viewed in Chromium under the strict CSP.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Liquid } from 'liquidjs';
import { startServer, launch, openPage, widgetsReady, assertNoProblems } from './harness.mjs';
import { readmeSnippet, cdnBase } from './snippets.mjs';
import { packAndInstall } from './package.mjs';

let work;
let pkg;
let browser;

/** Jekyll's way: includes from _includes/, parameters under `include`, the site under `site`. */
function render(template, site) {
  const engine = new Liquid({ root: path.join(pkg.folder, 'jekyll/_includes'), jekyllInclude: true, dynamicPartials: false, strictFilters: true });
  return engine.parseAndRenderSync(template, { site });
}

/** The README's _config.yml lines: `vmkpath:` then `  base: VALUE`. */
function configBase() {
  const base = readmeSnippet('jekyll-config').match(/^vmkpath:\n\s+base:\s*(\S+)\s*$/m);
  assert.ok(base, "README's Jekyll config sets vmkpath.base");
  return base[1];
}

before(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'vmkpath-jekyll-'));
  pkg = packAndInstall(work);
  browser = await launch();
});
after(async () => {
  await browser?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

test('the include with the README\'s config draws the widget from assets/vmkpath/', async () => {
  const site = path.join(work, '_site');
  mkdirSync(path.join(site, 'assets'), { recursive: true });
  cpSync(pkg.folder, path.join(site, 'assets/vmkpath'), { recursive: true });
  const body = render(readmeSnippet('jekyll'), { vmkpath: { base: configBase() } });
  writeFileSync(path.join(site, 'post.html'), `<!doctype html>\n<html lang="en">\n<head><meta charset="utf-8"><title>Jekyll</title></head>\n<body><main>\n${body}</main></body>\n</html>\n`);
  const server = await startServer({ root: site, prefix: '/' });
  const { context, page, problems } = await openPage(browser);
  try {
    await page.goto(server.url('post.html'));
    await widgetsReady(page, 1);
    const el = page.locator('vmk-path');
    assert.deepEqual(await el.evaluate((e) => [e.getAttribute('scenario'), e.getAttribute('controls'), e.getAttribute('panels')]), ['multi-nic-fix', 'multi-nic', 'findings why']);
    assertNoProblems(assert, problems, 'Jekyll page');
  } finally {
    await context.close();
    await server.close();
  }
});

test('without the config it loads this version from the CDN, and it escapes its parameters', () => {
  const version = JSON.parse(readFileSync(path.join(pkg.folder, 'package.json'), 'utf8')).version;
  const html = render(`{% include vmkpath.html scenario='x" onload="y' controls="<b>" autoplay="true" %}`, {});
  const [script, element] = html.trim().split('\n');
  assert.equal(script, `<script type="module" src="${cdnBase(version)}vmk-path.js"></script>`);
  // Liquid's escape writes a quote as &#34; (liquidjs) or &quot; (Ruby's Liquid): either way the
  // value stays one attribute.
  assert.match(element, /^<vmk-path scenario="x&(#34|quot); onload=&(#34|quot);y" controls="&lt;b&gt;" autoplay><\/vmk-path>$/);
});
