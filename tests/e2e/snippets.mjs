// The README's embedding snippets, as the tests use them: every fenced block that follows a
// `<!-- snippet: NAME -->` comment in README.md. A test that embeds the widget some way takes
// its markup from here, so the snippet a reader copies is the one that was tested.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './harness.mjs';

export const README = path.join(ROOT, 'README.md');

/** Every snippet of README.md: name -> text (without the fences, ending in a newline). */
export function readmeSnippets(file = README) {
  const text = readFileSync(file, 'utf8');
  const found = new Map();
  for (const [, name, body] of text.matchAll(/<!-- snippet: ([a-z0-9-]+) -->\n```[a-z]*\n([\s\S]*?)```\n/g)) {
    if (found.has(name)) throw new Error(`README.md: snippet ${name} appears twice`);
    found.set(name, body);
  }
  return found;
}

/** One snippet by name; a missing one is an error naming what there is. */
export function readmeSnippet(name, file = README) {
  const all = readmeSnippets(file);
  if (!all.has(name)) throw new Error(`README.md has no snippet "${name}" (it has: ${[...all.keys()].join(', ')})`);
  return all.get(name);
}

/** The URL the README's CDN snippets load the package from (the versioned path). */
export function cdnBase(version) {
  return `https://cdn.jsdelivr.net/npm/vmkpath@${version}/`;
}
