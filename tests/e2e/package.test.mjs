// The npm package as a CDN serves it: `npm pack` of target/package/vmkpath, the tarball installed
// into an empty folder, that folder served on a second loopback origin under
// /npm/vmkpath@VERSION/ with CORS, and a page on the first origin that embeds the README's CDN
// snippet (two widgets, one module script) under the README's CDN policy: 'self' and that
// origin only. Also: the package's vmk-path.d.ts compiles a strict usage file (tsc --noEmit)
// against the installed package, and its declared members are the element's at run time.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ts from 'typescript';
import { ROOT, startServer, launch, openPage, widgetsReady, assertNoProblems } from './harness.mjs';
import { cdnBase } from './snippets.mjs';
import { packAndInstall, startCdn, cdnPage } from './package.mjs';

let work;
let installed; // the installed package's folder
let version;
let cdn;
let site;
let browser;
let realData; // every built-in scenario and plan as the element gives them (read in the browser)

before(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'vmkpath-cdn-'));
  installed = packAndInstall(work);
  ({ version } = JSON.parse(readFileSync(path.join(installed.folder, 'package.json'), 'utf8')));
  cdn = await startCdn(installed.folder, version);
  const page = cdnPage(cdn.origin, version);
  const pages = path.join(work, 'pages');
  mkdirSync(pages, { recursive: true });
  writeFileSync(path.join(pages, 'post.html'), page.html);
  [site, browser] = await Promise.all([startServer({ root: pages, prefix: '/blog/', csp: page.csp }), launch()]);
});
after(async () => {
  await browser?.close();
  await site?.close();
  await cdn?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

test('the packed package holds the element, the wasm, both CSS files, the types, the templates and both licences', () => {
  const names = readdirSync(installed.folder, { recursive: true }).map(String).sort();
  for (const needed of ['vmk-path.js', 'vmk-path.d.ts', 'vmk-path.css', 'vmkpath-poster.css', 'pkg/vmkpath_wasm.js', 'pkg/vmkpath_wasm_bg.wasm', 'pkg/vmkpath_wasm_bg_rest.wasm', 'hugo/layouts/shortcodes/vmkpath.html', 'jekyll/_includes/vmkpath.html', 'README.md', 'LICENSE-MIT', 'LICENSE-APACHE', 'package.json'])
    assert.ok(names.includes(needed), `the package has ${needed} (it has ${names.join(', ')})`);
  const pkg = JSON.parse(readFileSync(path.join(installed.folder, 'package.json'), 'utf8'));
  assert.equal(pkg.name, 'vmkpath');
  assert.equal(pkg.license, 'MIT OR Apache-2.0');
  assert.match(readFileSync(path.join(installed.folder, 'LICENSE-APACHE'), 'utf8'), /Apache License\s+Version 2\.0/);
  assert.match(readFileSync(path.join(installed.folder, 'LICENSE-MIT'), 'utf8'), /Permission is hereby granted, free of charge/);
  // The templates name this version's CDN path, not a placeholder.
  for (const template of ['hugo/layouts/shortcodes/vmkpath.html', 'jekyll/_includes/vmkpath.html', 'README.md'])
    assert.ok(readFileSync(path.join(installed.folder, template), 'utf8').includes(cdnBase(version)), `${template} loads ${cdnBase(version)}`);
});

test('a page on another origin embeds two widgets from the CDN with one module script, under a policy allowing only that origin', async () => {
  const { context, page, problems, requests } = await openPage(browser);
  try {
    const wasm = page.waitForResponse((r) => r.url().endsWith('.wasm'));
    await page.goto(site.url('post.html'));
    await widgetsReady(page, 2);
    const response = await wasm;
    assert.equal(response.headers()['content-type'], 'application/wasm');
    assert.equal(response.headers()['access-control-allow-origin'], '*');
    const scripts = await page.locator('script').evaluateAll((all) => all.map((s) => [s.type, s.src]));
    assert.deepEqual(scripts, [['module', `${cdn.url('vmk-path.js')}`]], 'the page has only the one module script');
    // Everything but the page came from the CDN, under its versioned path.
    const elsewhere = requests.map((r) => r.url).filter((u) => u !== site.url('post.html') && !u.startsWith(cdn.url()));
    assert.deepEqual(elsewhere, [], 'only the page from the first origin');
    assert.equal(requests.filter((r) => r.url.endsWith('.wasm')).length, 1, 'one wasm fetch for two widgets');
    for (let i = 0; i < 2; i++) {
      const drawn = await page.locator('vmk-path').nth(i).locator('svg.vmkpath-scene path').count();
      assert.ok(drawn > 0, `widget ${i} draws its paths`);
    }
    // The policy really is the strict one: the page's own origin and the CDN's, nothing else.
    const csp = await page.evaluate(async () => (await fetch(location.href)).headers.get('content-security-policy'));
    assert.ok(csp.includes(`script-src 'self' ${cdn.origin} 'wasm-unsafe-eval'`), csp);
    assertNoProblems(assert, problems, 'CDN page');
  } finally {
    await context.close();
  }
});

test('the same page under a policy without the CDN loads nothing from it (the policy check can fail)', async () => {
  const { html } = cdnPage(cdn.origin, version);
  const pages = path.join(work, 'strict');
  mkdirSync(pages, { recursive: true });
  writeFileSync(path.join(pages, 'post.html'), html);
  const strict = await startServer({ root: pages, prefix: '/blog/' }); // 'self' only
  const { context, page, problems } = await openPage(browser);
  try {
    const refused = page.waitForEvent('console', (m) => /Content Security Policy/.test(m.text()));
    await page.goto(strict.url('post.html'));
    await refused;
    await page.waitForLoadState('load');
    assert.ok(problems.some((p) => /CSP|Content Security Policy/.test(p)), problems.join('\n'));
    assert.equal(await page.evaluate(() => customElements.get('vmk-path')), undefined);
  } finally {
    await context.close();
    await strict.close();
  }
});

/** Member names declared on a class or interface of the d.ts (TypeScript's own parser). */
function declared(source, name) {
  const file = ts.createSourceFile('vmk-path.d.ts', source, ts.ScriptTarget.Latest, true);
  const members = new Set();
  let literals = [];
  const visit = (node) => {
    if ((ts.isClassDeclaration(node) || ts.isInterfaceDeclaration(node)) && node.name?.text === name)
      for (const m of node.members) {
        const isStatic = m.modifiers?.some((k) => k.kind === ts.SyntaxKind.StaticKeyword);
        if (m.name && !ts.isConstructorDeclaration(m) && !isStatic) members.add(m.name.getText(file));
      }
    if (ts.isTypeAliasDeclaration(node) && node.name.text === name && ts.isUnionTypeNode(node.type))
      literals = node.type.types.filter((t) => ts.isLiteralTypeNode(t)).map((t) => t.literal.text);
    ts.forEachChild(node, visit);
  };
  visit(file);
  return { members: [...members].sort(), literals: literals.sort() };
}

test("vmk-path.d.ts declares exactly the element's and the widget's members, attributes and built-ins", async () => {
  const dts = readFileSync(path.join(installed.folder, 'vmk-path.d.ts'), 'utf8');
  const { context, page, problems } = await openPage(browser);
  try {
    await page.goto(site.url('post.html'));
    await widgetsReady(page, 2);
    const runtime = await page.evaluate(async (glue) => {
      const { Widget, builtins, builtinScenario, planScenario } = await import(glue);
      const El = customElements.get('vmk-path');
      const own = (proto) =>
        Object.getOwnPropertyNames(proto).filter((n) => n !== 'constructor' && !n.startsWith('__'));
      return {
        widget: own(Widget.prototype).sort(),
        element: own(El.prototype).sort(),
        attributes: [...El.observedAttributes].sort(),
        builtins: builtins().map((b) => b.name).sort(),
        scenarios: builtins().map((b) => builtinScenario(b.name)),
        plans: [...document.querySelectorAll('vmk-path')].map((el) => el.plan).concat(builtins().map((b) => planScenario(builtinScenario(b.name)))),
      };
    }, cdn.url('pkg/vmkpath_wasm.js'));
    assert.deepEqual(declared(dts, 'Widget').members, runtime.widget, 'Widget methods');
    const element = declared(dts, 'VmkPathElement').members.filter((n) => !/EventListener$/.test(n));
    assert.deepEqual(element, runtime.element, 'element members');
    assert.deepEqual(declared(dts, 'VmkPathAttributes').members, runtime.attributes, 'observed attributes');
    assert.deepEqual(declared(dts, 'BuiltinName').literals, runtime.builtins, 'built-in scenario names');
    realData = { scenarios: runtime.scenarios, plans: runtime.plans };
    assertNoProblems(assert, problems, 'd.ts check page');
  } finally {
    await context.close();
  }
});

test('tsc --noEmit compiles a strict usage file and every built-in scenario and plan against the installed package (and rejects misuse)', () => {
  const types = path.join(ROOT, 'tests/types');
  cpSync(types, installed.consumer, { recursive: true });
  // The real objects the element hands out, as literals: tsc rejects a missing required field and
  // (excess property checks) a field the types do not declare.
  assert.ok(realData?.scenarios.length > 0 && realData.plans.length > 0, 'the previous test read the built-ins');
  writeFileSync(
    path.join(installed.consumer, 'data.ts'),
    `import type { Plan, Scenario } from 'vmkpath';\nexport const scenarios: Scenario[] = ${JSON.stringify(realData.scenarios)};\nexport const plans: Plan[] = ${JSON.stringify(realData.plans)};\n`,
  );
  const config = path.join(installed.consumer, 'tsconfig.json');
  const json = JSON.parse(readFileSync(config, 'utf8'));
  writeFileSync(config, JSON.stringify({ ...json, files: [...json.files, 'data.ts'] }));
  const tsc = path.join(ROOT, 'tests/node_modules/typescript/bin/tsc');
  const compile = (...flags) => execFileSync(process.execPath, [tsc, '-p', path.join(installed.consumer, 'tsconfig.json'), ...flags], { encoding: 'utf8' });
  compile(); // throws with tsc's messages on any error
  // The companion: a use the types must reject fails the same command (the standard library's
  // declarations, checked above, are skipped here to halve the time).
  const usage = path.join(installed.consumer, 'usage.ts');
  writeFileSync(usage, `${readFileSync(usage, 'utf8')}\ndocument.createElement('vmk-path').widget?.set_speed(2);\n`);
  assert.throws(() => compile('--skipLibCheck'), (e) => /set_speed/.test(String(e.stdout)));
});
