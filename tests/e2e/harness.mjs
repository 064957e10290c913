// Shared by the end-to-end tests: a static server for dist/ (what authors host) under a sub-path
// with the strict CSP header on every response, Debian's Chromium through playwright-core, and a
// guard on every page that records what must never happen: a request leaving 127.0.0.1, a failed
// or 4xx/5xx request, a CSP violation, a page error or a console error.
import { chromium } from 'playwright-core';
import { createServer } from 'node:http';
import { mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const DIST = process.env.VMKPATH_DIST ?? path.join(ROOT, 'dist');
export const ARTIFACTS = path.join(ROOT, 'tests/artifacts');
/** Served under a sub-path, so that any root-relative URL in dist/ is a 404 (and a failure). */
export const PREFIX = '/some/sub/path/';
/** The policy the README promises is enough. */
export const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.toml': 'text/plain; charset=utf-8',
};

/**
 * Serve `root` on a random loopback port under `prefix`, with `csp` (null: none) and any extra
 * `headers` on every response (a CDN's CORS headers, say).
 */
export async function startServer({ root = DIST, prefix = PREFIX, csp = CSP, headers = {} } = {}) {
  const base = path.resolve(root);
  const server = createServer(async (req, res) => {
    const pathname = decodeURIComponent(new URL(req.url, 'http://localhost').pathname);
    const notFound = () => {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
    };
    if (!pathname.startsWith(prefix)) return notFound();
    let rel = pathname.slice(prefix.length);
    if (rel === '' || rel.endsWith('/')) rel += 'index.html';
    const file = path.resolve(base, rel);
    if (!file.startsWith(base + path.sep)) return notFound();
    try {
      const body = await readFile(file);
      res.writeHead(200, {
        'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
        ...(csp ? { 'content-security-policy': csp } : {}),
        'cache-control': 'no-cache',
        ...headers,
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch {
      notFound();
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    origin: `http://127.0.0.1:${port}`,
    url: (page = '') => `http://127.0.0.1:${port}${prefix}${page}`,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

export function launch() {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** Reports CSP violations from every frame (installed before any page script). */
function cspProbe() {
  addEventListener('securitypolicyviolation', (e) =>
    window.__vmkpathReport?.(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || e.sample || '(inline)'}`),
  );
}

/**
 * A fresh context and page with the guard installed. `options`: Playwright context options
 * (viewport, colorScheme, reducedMotion, javaScriptEnabled). Returns { context, page, problems,
 * requests } where `problems` collects everything the guard saw and `requests` every URL asked for.
 */
export async function openPage(browser, options = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
  const page = await context.newPage();
  const problems = [];
  const requests = [];
  await context.exposeBinding('__vmkpathReport', (_source, text) => problems.push(text));
  await context.addInitScript(cspProbe);
  // Anything not on the loopback is recorded (a failure) and answered at once, never fetched.
  await context.route(
    (url) => !isLocal(url.href),
    (route) => route.abort('blockedbyclient'),
  );
  page.on('request', (request) => {
    requests.push({ url: request.url(), frame: request.frame() });
    if (!isLocal(request.url())) problems.push(`request leaves 127.0.0.1: ${request.url()}`);
  });
  page.on('requestfailed', (request) => {
    if (isLocal(request.url())) problems.push(`request failed: ${request.url()} (${request.failure()?.errorText})`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    const text = message.text();
    if (message.type() === 'error' || /Content Security Policy/i.test(text)) problems.push(`console ${message.type()}: ${text}`);
  });
  return { context, page, problems, requests };
}

function isLocal(href) {
  const url = new URL(href);
  if (['data:', 'blob:', 'about:'].includes(url.protocol)) return true;
  return url.hostname === '127.0.0.1';
}

/** Wait until `count` (default: every) <vmk-path> on the page has drawn its diagram and has a plan. */
export async function widgetsReady(page, count) {
  await page.waitForFunction(
    (count) => {
      const all = [...document.querySelectorAll('vmk-path')];
      const ready = all.filter((el) => el.shadowRoot?.querySelector('svg.vmkpath-scene') && el.plan);
      return ready.length > 0 && ready.length === all.length && (count == null || ready.length === count);
    },
    count,
    { timeout: 20_000 },
  );
}

/** The focused element, through shadow roots. */
export function deepActiveElement() {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

export function artifactsDir(sub) {
  const dir = path.join(ARTIFACTS, sub);
  mkdirSync(dir, { recursive: true });
  return dir;
}

export function assertNoProblems(assert, problems, what) {
  assert.deepEqual(problems, [], `${what}: ${problems.join('\n')}`);
}
