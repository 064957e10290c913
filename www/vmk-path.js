// <vmk-path>: the custom element shell around the Rust widget. wasm-bindgen cannot subclass
// HTMLElement, so this file only wires the element's life cycle, attributes and properties to
// the Rust `Widget`; every decision (plan, layout, controls, animation) is made in Rust.
// One wasm module is shared by every widget on the page, in two parts (vmk-path-split.js): what
// a widget needs to draw, animate and change a built-in scenario, and the rest, loaded on first use.
import init, { Widget, builtinScenario, planScenario } from './pkg/vmkpath_wasm.js';
import { prefetchRest, restReady, restState } from './vmk-path-split.js';

let modulePromise;
/** Load and instantiate the wasm module once per page. */
export function loadVmkpath() {
  modulePromise ??= init({ module_or_path: new URL('./pkg/vmkpath_wasm_bg.wasm', import.meta.url) });
  return modulePromise;
}

const STYLESHEET = new URL('./vmk-path.css', import.meta.url).href;

// The rest of the wasm (the host check, the TOML reader, the tour, predict) is fetched and
// compiled in the background on the reader's first touch of a widget (a press, a key, focus), so
// a reader who only reads never downloads it, and it is ready by the time a click needs it. A
// click on what surely needs it (host check, tour, predict) waits for it before the widget sees
// the click; anything else that needs it links it on the spot (vmk-path-split.js).
// Buttons only: a checkbox's click cannot be given again without toggling it twice.
const NEEDS_REST = ['[data-action^="host-"]', '[data-action^="predict"]', '[data-action="tour"]', '[data-chapter]', '[data-guess]']
  .map((hook) => `button${hook}`)
  .join(', ');
const prefetch = () => prefetchRest().catch(() => {});
// A permalink to a reader's own scenario (`json=`) may need more than a built-in does.
if (/[#&:]json=/.test(location.hash)) prefetch();

function loadRestOnUse(container, failed) {
  for (const kind of ['pointerdown', 'keydown', 'focusin']) container.addEventListener(kind, prefetch, { capture: true, once: true });
  container.addEventListener(
    'click',
    (event) => {
      if (restState.linked) return;
      const target = event.target.closest?.(NEEDS_REST);
      if (!target) return;
      // Held back, and given again once the rest is linked.
      event.stopImmediatePropagation();
      restReady().then(
        () => target.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true })),
        (error) => failed(error),
      );
    },
    { capture: true },
  );
}

// Mounting a widget (planning, laying out and drawing it) is one task of some tens of ms, so a
// page of widgets must not mount them in one go: that is one long task that freezes the page
// (ten widgets: 0.8 s). Widgets mount one per task, each after a frame has been painted: first
// the ones on or near the screen (an IntersectionObserver with a margin of a screen height), in
// document order, then the others in idle time, so that a widget far down the page is ready
// before the reader scrolls to it but never delays what is on screen. A widget whose container
// is not rendered (in a closed <details>, say) mounts too and measures itself (as narrow) until
// it is shown.
const queued = new Map(); // element -> mount(width)
const near = new Set(); // queued elements on or near the screen
let watcher = null;
let pumping = false;

/** After the next frame is painted (a task of its own, so a mount never lengthens a frame). */
const afterPaint = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
/** When the main thread is idle (Safari has no requestIdleCallback: after a paint then). */
const whenIdle = () =>
  typeof requestIdleCallback === 'function'
    ? new Promise((resolve) => requestIdleCallback(resolve, { timeout: 1000 }))
    : afterPaint();

function nextToMount() {
  const inOrder = (set) => [...set].sort((a, b) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
  return inOrder(near)[0] ?? inOrder(queued.keys())[0];
}

// Chromium compiles a wasm function when it is first called, so the page's first mount also
// compiles most of the engine: measured 50-70 ms against 13 ms for the next ones. Planning one
// built-in first, in a task of its own, splits that cost in two tasks that each stay short.
let warmed = false;
function warmUp() {
  warmed = true;
  const start = performance.now();
  try {
    planScenario(builtinScenario('shared-subnet'));
  } catch {
    // Only a warm-up: the mount reports any real problem.
  }
  performance.measure('vmkpath:warm-up', { start });
}

async function pump() {
  if (pumping) return;
  pumping = true;
  try {
    if (!warmed) {
      await afterPaint();
      warmUp();
    }
    while (queued.size) {
      // The observer reports in the rendering step, before this paint; none near: idle time.
      await afterPaint();
      if (!near.size) await whenIdle();
      const element = nextToMount();
      if (!element) break;
      const mount = queued.get(element);
      queued.delete(element);
      near.delete(element);
      watcher.unobserve(element);
      mount();
    }
  } finally {
    pumping = false;
  }
}

function mountInTurn(element, mount) {
  watcher ??= new IntersectionObserver(
    (entries) => {
      for (const e of entries) if (queued.has(e.target)) e.isIntersecting ? near.add(e.target) : near.delete(e.target);
      pump();
    },
    { rootMargin: '100% 0px' },
  );
  queued.set(element, mount);
  watcher.observe(element);
  pump();
}

export class VmkPathElement extends HTMLElement {
  static observedAttributes = ['scenario', 'src', 'chapter', 'controls', 'panels', 'autoplay', 'theme'];

  #widget = null;
  #container = null;
  #pendingScenario = undefined;
  #styled = null;
  #poster = null;

  connectedCallback() {
    if (!this.shadowRoot) {
      // Until the widget mounts, a <slot> keeps the light DOM (the static poster `cargo xtask
      // dist` writes for readers without JavaScript) on screen, so the page does not collapse
      // and grow again; the widget replaces it in place, in the same frame (#mount).
      const root = this.attachShadow({ mode: 'open' });
      const link = document.createElement('link');
      link.rel = 'stylesheet';
      link.href = STYLESHEET;
      this.#poster = document.createElement('slot');
      this.#container = document.createElement('div');
      this.#container.className = 'vmkpath';
      root.append(link, this.#poster, this.#container);
      loadRestOnUse(this.#container, (error) => this.#widget?.showError(`vmkpath could not load: ${error?.message ?? error}`));
      // Mount once the stylesheet applies: packets animated before their CSS exists are inline
      // boxes, which the compositor cannot move, and their animations stay on the main thread.
      this.#styled = new Promise((resolve) => {
        link.addEventListener('load', resolve, { once: true });
        link.addEventListener('error', resolve, { once: true });
      });
    }
    window.addEventListener('hashchange', this.#onHashChange);
    Promise.all([loadVmkpath(), this.#styled]).then(
      () =>
        mountInTurn(this, () => {
          const start = performance.now();
          try {
            // Its own task: reading the width forces at most this one layout.
            const width = this.#container.clientWidth;
            this.#mount(width > 0 ? width : undefined);
          } catch (error) {
            this.#fail(error);
          }
          // For the browser benchmark and DevTools: what one mount costs on this machine.
          performance.measure('vmkpath:mount', { start });
        }),
      (error) => this.#fail(error),
    );
  }

  disconnectedCallback() {
    this.#widget?.pause();
    window.removeEventListener('hashchange', this.#onHashChange);
  }

  attributeChangedCallback(name, oldValue, value) {
    if (!this.#widget || oldValue === value) return;
    if (name === 'scenario' || name === 'src' || name === 'chapter') this.#loadFromAttributes();
    else this.#widget.setOption(name, value ?? '');
  }

  /** The current scenario as a plain object (scenario-format.md shape). */
  get scenario() {
    return this.#widget ? this.#widget.scenario() : this.#pendingScenario;
  }
  set scenario(value) {
    if (this.#widget) this.#widget.setScenario(value);
    else this.#pendingScenario = value;
  }

  /** The current plan (read-only, scenario-format.md shape). */
  get plan() {
    return this.#widget ? this.#widget.plan() : null;
  }

  /** The Rust widget, for tests and advanced embedding. */
  get widget() {
    return this.#widget;
  }

  #mount(width) {
    if (this.#widget || !this.isConnected) return;
    const options = {
      width,
      controls: this.getAttribute('controls') ?? 'all',
      panels: this.getAttribute('panels') ?? '',
      autoplay: this.hasAttribute('autoplay'),
      theme: this.getAttribute('theme') ?? '',
      // Drawn first, so a plain `scenario="…"` widget is drawn once, not twice.
      scenario: this.getAttribute('scenario') ?? '',
      ...this.#address(),
    };
    const onPlan = (plan) =>
      this.dispatchEvent(new CustomEvent('vmkpath:plan', { detail: plan, bubbles: true, composed: true }));
    this.#widget = new Widget(this.#container, options, onPlan);
    this.#poster?.remove();
    this.#poster = null;
    if (this.#pendingScenario !== undefined) {
      this.#widget.setScenario(this.#pendingScenario);
      this.#pendingScenario = undefined;
    } else if (!this.#widget.applyFragment(location.hash)) {
      // The named built-in is already shown; a file or a tour chapter still has to be loaded.
      if (this.hasAttribute('src') || this.hasAttribute('chapter')) this.#loadFromAttributes();
    }
  }

  // A permalink addresses a widget by its id, or `vmkpath-N` for the N-th on the page; the first
  // widget also takes fragments without an address (Rust decides what a fragment means).
  #address() {
    const index = [...document.querySelectorAll('vmk-path')].indexOf(this);
    return { address: this.id || `vmkpath-${Math.max(index, 0)}`, first: index <= 0 };
  }

  #onHashChange = () => {
    this.#widget?.applyFragment(location.hash);
  };

  #loadFromAttributes() {
    const src = this.getAttribute('src');
    const chapter = this.getAttribute('chapter');
    if (chapter) {
      // The tour is in the rest of the wasm.
      restReady().then(
        () => {
          try {
            this.#widget.goToChapter(chapter);
          } catch {
            // The widget shows the message; the reader gets its default scenario.
          }
        },
        (error) => this.#widget.showError(`vmkpath could not load the tour: ${error?.message ?? error}`),
      );
    } else if (src) {
      // A file may be TOML, whose reader is in the rest of the wasm: both load side by side.
      Promise.all([fetch(new URL(src, document.baseURI)), restReady()])
        .then(([r]) => (r.ok ? r.text() : Promise.reject(new Error(`${src}: HTTP ${r.status}`))))
        .then((text) => this.#widget.loadText(text, src))
        .catch((error) => this.#widget.showError(String(error.message ?? error)));
    } else {
      this.#widget.loadBuiltin(this.getAttribute('scenario') ?? '');
    }
  }

  #fail(error) {
    const p = document.createElement('p');
    p.className = 'error';
    p.textContent = `vmkpath could not start: ${error?.message ?? error}`;
    this.#container?.replaceChildren(p);
  }
}

if (!customElements.get('vmk-path')) customElements.define('vmk-path', VmkPathElement);
