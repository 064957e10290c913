// The package's Hugo shortcode in a real `hugo` build (Debian's hugo, installed by `cargo xtask
// e2e`'s ensure step): a small site with the README's two shortcodes, the installed package's
// files in static/vmkpath/ and the README's hugo.toml lines; the built page viewed in Chromium
// under the strict CSP. Without those lines the shortcode loads this version from the CDN.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startServer, launch, openPage, widgetsReady, assertNoProblems } from './harness.mjs';
import { readmeSnippet, cdnBase } from './snippets.mjs';
import { packAndInstall } from './package.mjs';

let work;
let pkg;
let browser;

const SITE_CONFIG = `baseURL = "http://127.0.0.1/"
title = "vmkpath in Hugo"
disableKinds = ["home", "section", "taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]
`;
const LAYOUT = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body><main>{{ .Content }}</main></body>
</html>
`;

/** A Hugo site using the package's shortcode, built into its public/. */
function build(name, config) {
  const site = path.join(work, name);
  mkdirSync(path.join(site, 'layouts/_default'), { recursive: true });
  mkdirSync(path.join(site, 'content/posts'), { recursive: true });
  writeFileSync(path.join(site, 'hugo.toml'), config);
  writeFileSync(path.join(site, 'layouts/_default/single.html'), LAYOUT);
  // As the README says: the shortcode file copied from the package.
  cpSync(path.join(pkg.folder, 'hugo/layouts'), path.join(site, 'layouts'), { recursive: true });
  writeFileSync(path.join(site, 'content/posts/vmkpath.md'), `---\ntitle: "Two widgets"\n---\n\nWhich vmknic?\n\n${readmeSnippet('hugo')}`);
  execFileSync('hugo', ['--quiet', '--source', site, '--destination', path.join(site, 'public')], { stdio: ['ignore', 'ignore', 'inherit'] });
  return path.join(site, 'public');
}

before(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'vmkpath-hugo-'));
  pkg = packAndInstall(work);
  browser = await launch();
});
after(async () => {
  await browser?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

test('hugo builds a post with two shortcodes; both widgets draw from static/vmkpath/ under the strict CSP', async () => {
  const site = path.join(work, 'self');
  mkdirSync(path.join(site, 'static'), { recursive: true });
  cpSync(pkg.folder, path.join(site, 'static/vmkpath'), { recursive: true });
  const publicDir = build('self', `${SITE_CONFIG}\n${readmeSnippet('hugo-config')}`);
  const html = readFileSync(path.join(publicDir, 'posts/vmkpath/index.html'), 'utf8');
  assert.equal(html.match(/<vmk-path[\s>]/g)?.length, 2, html);
  const server = await startServer({ root: publicDir, prefix: '/' });
  const { context, page, problems } = await openPage(browser);
  try {
    await page.goto(server.url('posts/vmkpath/'));
    await widgetsReady(page, 2);
    const attributes = await page.locator('vmk-path').evaluateAll((all) => all.map((el) => [el.getAttribute('scenario'), el.getAttribute('controls'), el.getAttribute('panels')]));
    assert.deepEqual(attributes, [['shared-subnet', 'shared-subnet multi-nic', 'findings why'], ['multi-nic-fix', 'none', null]]);
    for (let i = 0; i < 2; i++)
      assert.ok((await page.locator('vmk-path').nth(i).locator('svg.vmkpath-scene path').count()) > 0, `widget ${i} draws`);
    assertNoProblems(assert, problems, 'Hugo post');
  } finally {
    await context.close();
    await server.close();
  }
});

test('without the base setting the shortcode loads this version from the CDN, and escapes its parameters', () => {
  const version = JSON.parse(readFileSync(path.join(pkg.folder, 'package.json'), 'utf8')).version;
  const publicDir = build('cdn', SITE_CONFIG);
  const html = readFileSync(path.join(publicDir, 'posts/vmkpath/index.html'), 'utf8');
  assert.ok(html.includes(`<script type="module" src="${cdnBase(version)}vmk-path.js"></script>`), html);
  // Hugo's templates escape for the attribute: a quote in a parameter cannot end it.
  writeFileSync(path.join(work, 'cdn/content/posts/hostile.md'), `---\ntitle: "Hostile"\n---\n\n{{< vmkpath scenario="x&quot; onload=&quot;y" controls="a\\" b" >}}\n`);
  execFileSync('hugo', ['--quiet', '--source', path.join(work, 'cdn'), '--destination', publicDir], { stdio: ['ignore', 'ignore', 'inherit'] });
  const hostile = readFileSync(path.join(publicDir, 'posts/hostile/index.html'), 'utf8').match(/<vmk-path[^>]*>/)[0];
  // With every quote escaped, the tag splits into exactly the attributes the author named.
  const names = [...hostile.matchAll(/\s([a-z-]+)(?:="[^"]*")?/g)].map((m) => m[1]);
  assert.deepEqual(names, ['scenario', 'controls'], hostile);
});
