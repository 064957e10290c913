// frame.html: one <vmk-path> set from the page's fragment (or query), and its height told to the
// parent page, so an <iframe> embed can be exactly as tall as the widget (see frame-host.js).
import './vmk-path.js';

/** The message frame.html posts to its parent: `{ type, height }` (CSS pixels). */
export const HEIGHT_MESSAGE = 'vmkpath:height';

const PASSED = ['scenario', 'controls', 'panels', 'theme', 'src'];

/**
 * Set the element's attributes from `#scenario=NAME&controls=…` (or `?scenario=…`). Keys that
 * are absent leave the attribute alone: the rest of the fragment belongs to the widget (its
 * permalink state, `fragment` attribute), which may rewrite it.
 */
export function applyParameters(el, url = new URL(location.href)) {
  const params = new URLSearchParams(url.hash.slice(1));
  for (const [key, value] of url.searchParams) if (!params.has(key)) params.set(key, value);
  for (const name of PASSED) {
    const value = params.get(name);
    if (value === null || el.getAttribute(name) === value) continue;
    // A scenario file only from this page's own origin.
    if (name === 'src' && new URL(value, url).origin !== url.origin) continue;
    el.setAttribute(name, value);
  }
  if (params.has('autoplay')) el.toggleAttribute('autoplay', params.get('autoplay') !== 'false');
}

/** Post the document's height to the parent whenever it changes. */
export function reportHeight(target = window.parent) {
  if (target === window) return;
  let last = -1;
  const post = () => {
    const height = Math.ceil(document.body.getBoundingClientRect().height);
    if (height === last) return;
    last = height;
    target.postMessage({ type: HEIGHT_MESSAGE, height }, '*');
  };
  new ResizeObserver(post).observe(document.body);
  post();
}

const el = document.querySelector('vmk-path');
if (el) {
  applyParameters(el);
  addEventListener('hashchange', () => applyParameters(el));
  reportHeight();
}
