// The WordPress plugin on a real WordPress: Debian's `wordpress` package (installed by
// `cargo xtask e2e`'s ensure step) copied into a temporary site, MariaDB started by this test on a
// socket in that folder (no network port), PHP's built-in server on a random loopback port. The
// plugin zip of `cargo xtask package` is unpacked by WordPress's own unzip_file() and activated,
// then posts are viewed in Chromium: the README's two shortcodes, the block, and a hostile
// shortcode whose attributes must come out escaped. Everything stops when the test ends.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, cpSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT, artifactsDir, launch, openPage, widgetsReady, assertNoProblems } from './harness.mjs';
import { readmeSnippet } from './snippets.mjs';

const WORDPRESS = '/usr/share/wordpress';
const ZIP = process.env.VMKPATH_WP_ZIP ?? path.join(ROOT, 'target/package/vmkpath-wordpress.zip');
const HOSTILE = `x" onmouseover="window.__owned=1`;
/** The test site's administrator (loopback only, gone with the test). */
const PASSWORD = 'vmkpath-test-admin';

let work;
let db;
let php;
let base;
let posts;
let browser;

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/** Resolves once `check()` is true; polls a condition the child process will make true. */
async function until(what, check, ms = 30_000) {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function config(site, socket, url) {
  const salts = ['AUTH_KEY', 'SECURE_AUTH_KEY', 'LOGGED_IN_KEY', 'NONCE_KEY', 'AUTH_SALT', 'SECURE_AUTH_SALT', 'LOGGED_IN_SALT', 'NONCE_SALT']
    .map((k) => `define('${k}', 'vmkpath-test-${k}');`)
    .join('\n');
  return `<?php
// The test site's configuration (Debian's wp-config.php reads /etc/wordpress; this one reads nothing).
define('DB_NAME', 'wp');
define('DB_USER', 'root');
define('DB_PASSWORD', '');
define('DB_HOST', 'localhost:${socket}');
define('DB_CHARSET', 'utf8mb4');
$table_prefix = 'wp_';
${salts}
define('WP_HOME', '${url}');
define('WP_SITEURL', '${url}');
// Nothing leaves the host from the server side either: no update checks, no cron requests.
define('WP_HTTP_BLOCK_EXTERNAL', true);
define('AUTOMATIC_UPDATER_DISABLED', true);
define('WP_AUTO_UPDATE_CORE', false);
define('DISABLE_WP_CRON', true);
define('FS_METHOD', 'direct');
define('WP_DEBUG', true);
define('WP_DEBUG_DISPLAY', false);
define('WP_DEBUG_LOG', '${path.join(site, '..', 'debug.log')}');
if (!defined('ABSPATH')) define('ABSPATH', __DIR__ . '/');
require_once ABSPATH . 'wp-settings.php';
`;
}

function setup(...args) {
  const out = execFileSync('php', [path.join(ROOT, 'tests/e2e/wordpress/setup.php'), ...args], { encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').pop());
}

before(async () => {
  assert.ok(existsSync(path.join(WORDPRESS, 'wp-load.php')), `${WORDPRESS}: Debian's wordpress package (cargo xtask e2e installs it)`);
  assert.ok(existsSync(ZIP), `${ZIP}: cargo xtask package builds it`);
  work = mkdtempSync(path.join(tmpdir(), 'vmkpath-wp-'));
  const site = path.join(work, 'site');
  const socket = path.join(work, 'mysql.sock');
  // MariaDB: a fresh data folder, listening on its socket only.
  const data = path.join(work, 'db');
  execFileSync('mariadb-install-db', ['--no-defaults', `--datadir=${data}`, '--user=root', '--auth-root-authentication-method=normal', '--skip-test-db'], { stdio: 'ignore' });
  db = spawn('mariadbd', ['--no-defaults', `--datadir=${data}`, `--socket=${socket}`, '--skip-networking', `--pid-file=${path.join(work, 'db.pid')}`, '--user=root', `--log-error=${path.join(work, 'db.err')}`, '--innodb-buffer-pool-size=32M'], { stdio: 'ignore' });
  await until('MariaDB', () => existsSync(socket));
  execFileSync('mariadb', ['--no-defaults', '-S', socket, '-u', 'root', '-e', 'CREATE DATABASE wp']);
  // WordPress: Debian's files, our configuration.
  cpSync(WORDPRESS, site, { recursive: true, dereference: true });
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  writeFileSync(path.join(site, 'wp-config.php'), config(site, socket, base));
  setup('install', site, PASSWORD);
  const content = {
    shortcodes: { title: 'Two shortcodes', content: readmeSnippet('wordpress') },
    block: { title: 'The block', content: '<!-- wp:vmkpath/widget {"scenario":"multi-nic-fix","controls":"none"} /-->\n' },
    hostile: { title: 'Hostile attributes', content: `[vmkpath scenario='${HOSTILE}' controls="<b>none</b>" onload="x" autoplay="true"]\n` },
  };
  writeFileSync(path.join(work, 'posts.json'), JSON.stringify(content));
  const result = setup('content', site, ZIP, path.join(work, 'posts.json'));
  assert.equal(result.active, true, 'the plugin is active');
  const check = setup('check', site);
  // WordPress adds `lock` to every block; the rest are the widget's own.
  assert.deepEqual(check.block?.filter((a) => a !== 'lock').sort(), ['autoplay', 'chapter', 'controls', 'panels', 'scenario', 'src', 'theme'], "the block is registered with the widget's attributes");
  assert.equal(check.shortcode, true, 'the shortcode is registered');
  posts = result.posts;
  // Its own process group: with workers, PHP's server forks, and all of them must stop.
  php = spawn('php', ['-S', `127.0.0.1:${port}`, '-t', site], { stdio: 'ignore', detached: true, env: { ...process.env, PHP_CLI_SERVER_WORKERS: '2' } });
  browser = await launch();
  await until('PHP server', () => {
    try {
      execFileSync('php', ['-r', `exit(@fsockopen('127.0.0.1', ${port}) ? 0 : 1);`]);
      return true;
    } catch {
      return false;
    }
  });
});

after(async () => {
  await browser?.close();
  const stopped = (child) => new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', resolve)));
  if (php) {
    process.kill(-php.pid, 'SIGTERM');
    await stopped(php);
  }
  if (db) {
    db.kill('SIGTERM');
    await stopped(db);
  }
  if (work) rmSync(work, { recursive: true, force: true });
});

test('a post with the README\'s two shortcodes: both widgets draw from the plugin\'s files, nothing requested off the host', async () => {
  const { context, page, problems, requests } = await openPage(browser);
  try {
    const wasm = page.waitForResponse((r) => r.url().endsWith('.wasm'));
    await page.goto(posts.shortcodes);
    await widgetsReady(page, 2);
    const response = await wasm;
    assert.equal(response.headers()['content-type'], 'application/wasm');
    for (let i = 0; i < 2; i++)
      assert.ok((await page.locator('vmk-path').nth(i).locator('svg.vmkpath-scene path').count()) > 0, `widget ${i} draws`);
    const attributes = await page.locator('vmk-path').evaluateAll((all) => all.map((el) => [el.getAttribute('scenario'), el.getAttribute('controls')]));
    assert.deepEqual(attributes, [['shared-subnet', 'shared-subnet multi-nic'], ['multi-nic-fix', 'multi-nic']]);
    // One module script, from the plugin's folder; the widget's files from there too.
    const modules = await page.locator('script[src*="vmk-path.js"]').evaluateAll((all) => all.map((s) => [s.type, s.src]));
    assert.equal(modules.length, 1, JSON.stringify(modules));
    assert.equal(modules[0][0], 'module');
    const assets = `${base}/wp-content/plugins/vmkpath/assets/`;
    assert.ok(modules[0][1].startsWith(`${assets}vmk-path.js`), modules[0][1]);
    for (const file of ['vmk-path.css', 'pkg/vmkpath_wasm.js', 'pkg/vmkpath_wasm_bg.wasm'])
      assert.ok(requests.some((r) => r.url.startsWith(assets + file)), `${file} from the plugin`);
    assert.ok(requests.every((r) => r.url.startsWith(base) || /^(data|blob|about):/.test(r.url)), 'every request to the WordPress host');
    await page.screenshot({ path: path.join(artifactsDir('wordpress'), 'two-shortcodes.png'), fullPage: true });
    assertNoProblems(assert, problems, 'WordPress post with two shortcodes');
  } finally {
    await context.close();
  }
});

test('the block renders the same element', async () => {
  const { context, page, problems } = await openPage(browser);
  try {
    await page.goto(posts.block);
    await widgetsReady(page, 1);
    assert.equal(await page.locator('vmk-path').getAttribute('scenario'), 'multi-nic-fix');
    assert.equal(await page.locator('vmk-path').getAttribute('controls'), 'none');
    assertNoProblems(assert, problems, 'WordPress post with the block');
  } finally {
    await context.close();
  }
});

test('in the block editor the block is offered, inserts with its attributes and saves as a dynamic block', async () => {
  const { context, page } = await openPage(browser);
  try {
    await page.goto(`${base}/wp-login.php`);
    await page.fill('#user_login', 'admin');
    await page.fill('#user_pass', PASSWORD);
    await Promise.all([page.waitForURL(/wp-admin/), page.click('#wp-submit')]);
    await page.goto(`${base}/wp-admin/post-new.php`);
    await page.waitForFunction(() => window.wp?.blocks?.getBlockType?.('vmkpath/widget') && window.wp.data.select('core/block-editor'), null, { timeout: 60_000 });
    const saved = await page.evaluate(() => {
      const type = wp.blocks.getBlockType('vmkpath/widget');
      const block = wp.blocks.createBlock('vmkpath/widget', { scenario: 'udt-8', controls: 'none' });
      wp.data.dispatch('core/block-editor').insertBlocks(block);
      return { title: type.title, category: type.category, markup: wp.blocks.serialize(wp.data.select('core/block-editor').getBlocks()) };
    });
    assert.deepEqual([saved.title, saved.category], ['vmkpath', 'embed']);
    // Dynamic: only the attributes that differ from block.json's defaults are saved, no markup.
    assert.equal(saved.markup.trim(), '<!-- wp:vmkpath/widget {"scenario":"udt-8","controls":"none"} /-->');
    await page.getByText('vmkpath widget: udt-8').waitFor();
  } finally {
    await context.close();
  }
});

test('every shortcode attribute is escaped and unknown ones are dropped', async () => {
  const html = await (await fetch(posts.hostile)).text();
  const element = html.match(/<vmk-path[^>]*>/)?.[0];
  assert.equal(element, `<vmk-path scenario="x&quot; onmouseover=&quot;window.__owned=1" controls="&lt;b&gt;none&lt;/b&gt;" autoplay>`);
  const { context, page } = await openPage(browser);
  try {
    await page.goto(posts.hostile);
    const el = page.locator('vmk-path');
    assert.equal(await el.getAttribute('scenario'), HOSTILE, 'the value arrives whole, as one attribute');
    assert.equal(await el.getAttribute('onmouseover'), null);
    assert.equal(await el.getAttribute('onload'), null);
    await el.hover();
    assert.equal(await page.evaluate(() => window.__owned), undefined);
  } finally {
    await context.close();
  }
});

test('the plugin logged no PHP notice, warning or error', () => {
  const log = path.join(work, 'debug.log');
  const lines = existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter((l) => l.includes('/plugins/vmkpath/')) : [];
  assert.deepEqual(lines, []);
});
