// <vmk-path>: the custom element shell around the Rust widget. wasm-bindgen cannot subclass
// HTMLElement, so this file only wires the element's life cycle, attributes and properties to
// the Rust `Widget`; every decision (plan, layout, controls, animation) is made in Rust.
// One wasm module is shared by every widget on the page, in two parts: what a widget needs to
// draw, animate and change a built-in scenario, and the rest, loaded on first use by the loader
// of vmk-path-split.js, which the build puts into the glue (xtask/src/split.rs).
import init, { Mounting, prefetchRest, restReady, restState } from './pkg/vmkpath_wasm.js';

let modulePromise;
/** Load and instantiate the wasm module once per page. */
export function loadVmkpath() {
  modulePromise ??= init({ module_or_path: new URL('./pkg/vmkpath_wasm_bg.wasm', import.meta.url) });
  return modulePromise;
}

const STYLESHEET = new URL('./vmk-path.css', import.meta.url).href;

// The rest of the wasm (the panels that explain, the host check, the TOML reader, the tour,
// predict) is fetched and compiled in the background on the reader's first touch of a widget (a
// press, a key, focus), so a reader who only reads never downloads it, and it is ready by the
// time a click needs it. A click on what surely needs it (a panel, a path or vmknic of the
// drawing, host check, tour, predict) waits for it before the widget sees the click, and so do
// Enter and Space on a path or vmknic; anything else links it on the spot (vmk-path-split.js).
// Buttons and shapes only: a checkbox's click cannot be given again without toggling it twice.
const PICKS = '[data-flow], [data-vmk]';
const NEEDS_REST = ['[data-panel]', '[data-action^="host-"]', '[data-action^="predict"]', '[data-action="tour"]', '[data-chapter]', '[data-guess]']
  .map((hook) => `button${hook}`)
  .concat(PICKS)
  .join(', ');
const prefetch = () => prefetchRest().catch(() => {});
// A permalink to a reader's own scenario (`json=`) may need more than a built-in does.
if (/[#&:]json=/.test(location.hash)) prefetch();

function loadRestOnUse(container, failed) {
  for (const kind of ['pointerdown', 'keydown', 'focusin']) container.addEventListener(kind, prefetch, { capture: true, once: true });
  for (const kind of ['click', 'keydown']) {
    const key = kind === 'keydown';
    container.addEventListener(
      kind,
      (event) => {
        if (restState.linked || (key && event.key !== 'Enter' && event.key !== ' ')) return;
        const target = event.target.closest?.(key ? PICKS : NEEDS_REST);
        if (!target) return;
        // Held back (a Space would scroll the page meanwhile), and given again once the rest is linked.
        event.stopImmediatePropagation();
        if (key) event.preventDefault();
        const again = () => new (key ? KeyboardEvent : MouseEvent)(kind, { key: event.key, bubbles: true, composed: true });
        restReady().then(() => target.dispatchEvent(again()), failed);
      },
      { capture: true },
    );
  }
}

// Mounting a widget (planning, laying out and drawing it) takes some tens of ms, so a page of
// widgets must not mount them in one go: that is one long task that freezes the page (ten
// widgets: 0.8 s). Widgets mount one at a time, each after a frame has been painted: first the
// ones on or near the screen (an IntersectionObserver with a margin of a screen height), in
// document order, then the others in idle time, so that a widget far down the page is ready
// before the reader scrolls to it but never delays what is on screen. A mount itself is five
// phases, each a task of its own (widget/mount.rs): read the options and decode the scenario,
// analyse it, draw it into the container (kept out of layout), put it in the poster's place,
// and a frame later start its packets. A widget whose container is not rendered (in a closed
// <details>, say) mounts too and measures itself (as narrow) until it is shown.
const queued = new Map(); // element -> mount(): Promise
const near = new Set(); // queued elements on or near the screen
let watcher = null;
let pumping = false;

/** After the next frame is painted (a task of its own, so a mount never lengthens a frame). */
const afterPaint = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
/** A new task: the browser may handle input and paint before it runs. */
const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));
/** When the main thread is idle (Safari has no requestIdleCallback: after a paint then). */
const whenIdle = () =>
  typeof requestIdleCallback === 'function'
    ? new Promise((resolve) => requestIdleCallback(resolve, { timeout: 1000 }))
    : afterPaint();

function nextToMount() {
  const inOrder = (set) => [...set].sort((a, b) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
  return inOrder(near)[0] ?? inOrder(queued.keys())[0];
}

/** `performance.measure` of one phase (the browser benchmark and DevTools read them). */
function phase(name, run) {
  const start = performance.now();
  try {
    return run();
  } finally {
    performance.measure(`vmkpath:${name}`, { start });
  }
}

// Chromium compiles a wasm function when it is first called, so the page's first mount would
// also compile most of the engine (measured: 50-70 ms, against 13 ms for the next ones). Before
// the first mount, widgets are drawn into detached elements through the same phases, each a
// task of its own: a bare one (decode, analyse, draw, start), then one with every control (its
// panels closed). Compiling is spread over short tasks and the first real mount finds its code
// compiled. Nothing of it is shown; a failure only means the mount compiles instead.
let warmed = false;
async function warmUp(scenario) {
  warmed = true;
  const base = { scenario, width: 800, address: 'vmkpath-warm-up', first: false };
  for (const controls of ['none', 'all']) {
    let mounting = null;
    try {
      mounting = phase('warm-up', () => new Mounting({ ...base, controls }));
      await nextTask();
      phase('warm-up', () => mounting.analyze());
      await nextTask();
      phase('warm-up', () => mounting.draw(document.createElement('div')));
      await nextTask();
      phase('warm-up', () => mounting.show(undefined));
      await nextTask();
      const drawn = mounting;
      mounting = null; // `finish` consumes it
      phase('warm-up', () => drawn.finish().free());
      await nextTask();
    } catch {
      // Only a warm-up: the mount reports any real problem.
    } finally {
      mounting?.free();
    }
  }
}

async function pump() {
  if (pumping) return;
  pumping = true;
  try {
    if (!warmed) {
      await afterPaint();
      await warmUp(nextToMount()?.getAttribute('scenario') || 'shared-subnet');
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
      await mount();
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
        mountInTurn(this, async () => {
          const start = performance.now();
          try {
            await this.#mount();
          } catch (error) {
            this.#fail(error);
          }
          // For the browser benchmark and DevTools: what one mount costs on this machine, from
          // its first phase to its last (other pages' tasks may run in between).
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

  // The five phases of a mount (widget/mount.rs), a task each. The container is measured first
  // (at most one layout: nothing has changed since the frame was painted) and then kept out of
  // layout while the widget is drawn into it, so the poster stays on screen until the widget
  // replaces it, in the same frame (no shift).
  async #mount() {
    if (this.#widget || !this.isConnected) return;
    const gone = () => this.#widget || !this.isConnected;
    let options;
    let mounting = phase('mount-scenario', () => {
      const width = this.#container.clientWidth;
      this.#container.classList.add('mounting');
      options = this.#options(width > 0 ? width : undefined);
      return new Mounting(options);
    });
    try {
      await nextTask();
      if (gone()) return;
      phase('mount-analyze', () => mounting.analyze());
      await nextTask();
      // A panel open from the start is drawn by the rest of the wasm: linked first, not on the spot.
      if (/:open\b/.test(options.panels)) await restReady().catch(() => {});
      if (gone()) return;
      phase('mount-draw', () => mounting.draw(this.#container));
      await nextTask();
      if (gone()) return;
      phase('mount-show', () => this.#show(mounting));
      // The widget is painted in the poster's place before its packets start.
      await afterPaint();
      if (!this.isConnected) return;
      const shown = mounting;
      mounting = null; // `finish` consumes it
      phase('mount-start', () => this.#start(shown, options));
    } finally {
      if (mounting) {
        // Abandoned (the element left the page): a later mount starts from an empty container.
        mounting.free();
        this.#container.classList.remove('mounting');
        this.#container.replaceChildren();
      }
    }
  }

  #options(width) {
    return {
      width,
      controls: this.getAttribute('controls') ?? 'all',
      panels: this.getAttribute('panels') ?? '',
      autoplay: this.hasAttribute('autoplay'),
      theme: this.getAttribute('theme') ?? '',
      // Drawn first, so a plain `scenario="…"` widget is drawn once, not twice.
      scenario: this.getAttribute('scenario') ?? '',
      ...this.#address(),
    };
  }

  /** The drawn widget in the poster's place, in the same frame. */
  #show(mounting) {
    const onPlan = (plan) =>
      this.dispatchEvent(new CustomEvent('vmkpath:plan', { detail: plan, bubbles: true, composed: true }));
    this.#container.classList.remove('mounting');
    this.#poster?.remove();
    this.#poster = null;
    mounting.show(onPlan);
  }

  /** The last phase: packets, clock, the first `vmkpath:plan`; then what changed meanwhile. */
  #start(mounting, options) {
    this.#widget = mounting.finish();
    // `autoplay` changed while it was being drawn (the element ignores attributes until then).
    if (this.hasAttribute('autoplay') !== options.autoplay) this.hasAttribute('autoplay') ? this.#widget.play() : this.#widget.pause();
    if (this.#pendingScenario !== undefined) {
      this.#widget.setScenario(this.#pendingScenario);
      this.#pendingScenario = undefined;
    } else {
      // The named built-in (or the page's permalink) is already shown; a file or a tour chapter
      // still has to be loaded, unless the permalink said otherwise. A scenario named while the
      // widget was being drawn is newer than either, so it is loaded in any case.
      const fragment = this.#widget.applyFragment(location.hash);
      const renamed = (this.getAttribute('scenario') ?? '') !== options.scenario;
      if (renamed || (!fragment && (this.hasAttribute('src') || this.hasAttribute('chapter')))) this.#loadFromAttributes();
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
    this.#container?.classList.remove('mounting');
    this.#container?.replaceChildren(p);
  }
}

if (!customElements.get('vmk-path')) customElements.define('vmk-path', VmkPathElement);
