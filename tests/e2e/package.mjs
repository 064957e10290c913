// The npm package as the tests install and serve it: `npm pack` of target/package/vmkpath, the
// tarball installed into an empty folder, a CDN for it, and the README's CDN page pointed there.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT, startServer } from './harness.mjs';
import { readmeSnippet, cdnBase } from './snippets.mjs';

export const PACKAGE = process.env.VMKPATH_PACKAGE ?? path.join(ROOT, 'target/package/vmkpath');

/** `npm pack` the package, install the tarball into an empty folder; the package's folder there. */
export function packAndInstall(into) {
  const packed = path.join(into, 'packed');
  const consumer = path.join(into, 'consumer');
  for (const dir of [packed, consumer]) mkdirSync(dir, { recursive: true });
  // Its own package.json, so that npm installs here and not into a folder above.
  writeFileSync(path.join(consumer, 'package.json'), '{ "name": "consumer", "private": true }\n');
  const [{ filename }] = JSON.parse(
    execFileSync('npm', ['pack', '--json', '--pack-destination', packed], { cwd: PACKAGE, encoding: 'utf8' }),
  );
  // --offline: a tarball without dependencies needs no registry; nothing may be fetched.
  execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', path.join(packed, path.basename(filename))], {
    cwd: consumer,
    stdio: 'ignore',
  });
  return { consumer, folder: path.join(consumer, 'node_modules/vmkpath') };
}

/** A CDN for the installed package: CORS, immutable versioned path. */
export function startCdn(folder, version) {
  return startServer({
    root: folder,
    prefix: `/npm/vmkpath@${version}/`,
    csp: null,
    headers: { 'access-control-allow-origin': '*', 'cross-origin-resource-policy': 'cross-origin' },
  });
}

/** The README's CDN snippet and policy, pointed at `cdn` instead of the public CDN. */
export function cdnPage(cdnOrigin, version, title = 'vmkpath from a CDN') {
  const snippet = readmeSnippet('cdn');
  assert.ok(snippet.includes(cdnBase(version)), `README's CDN snippet loads ${cdnBase(version)}`);
  const publicOrigin = new URL(cdnBase(version)).origin;
  const html = `<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>${title}</title>\n</head>\n<body>\n<main>\n${snippet.replaceAll(publicOrigin, cdnOrigin)}</main>\n</body>\n</html>\n`;
  const policy = readmeSnippet('cdn-csp').trim().replace(/^Content-Security-Policy:\s*/, '');
  return { html, csp: policy.replaceAll(publicOrigin, cdnOrigin) };
}

