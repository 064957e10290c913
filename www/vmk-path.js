// <vmk-path>: the custom element shell around the Rust widget. wasm-bindgen cannot subclass
// HTMLElement, so this file only wires the element's life cycle, attributes and properties to
// the Rust `Widget`; every decision (plan, layout, controls, animation) is made in Rust.
// One wasm module is shared by every widget on the page.
import init, { Widget } from './pkg/vmkpath_wasm.js';

let modulePromise;
/** Load and instantiate the wasm module once per page. */
export function loadVmkpath() {
  modulePromise ??= init({ module_or_path: new URL('./pkg/vmkpath_wasm_bg.wasm', import.meta.url) });
  return modulePromise;
}

const STYLESHEET = new URL('./vmk-path.css', import.meta.url).href;

// Widgets mount from one ResizeObserver callback, after layout: every container's width is read
// before any widget draws, so a page of widgets costs one layout instead of one forced layout per
// widget (each drawing dirties the page for the next one's measurement). The callback runs before
// paint, so the diagrams are in the first frame that shows the containers.
const waiting = new Map(); // container -> mount(width)
let sizer = null;
function mountNow(container, width) {
  const mount = waiting.get(container);
  if (!mount) return;
  waiting.delete(container);
  sizer.unobserve(container);
  mount(width);
}
function mountAfterLayout(container, mount) {
  sizer ??= new ResizeObserver((entries) => {
    const ready = entries.filter((e) => waiting.has(e.target) && e.contentRect.width > 0).map((e) => e.target);
    const widths = ready.map((c) => c.clientWidth); // all reads first: the layout is clean here
    ready.forEach((c, i) => mountNow(c, widths[i]));
  });
  waiting.set(container, mount);
  sizer.observe(container);
  // A container that is not rendered (in a closed <details>, say) gets no observation: it still
  // mounts, a frame later, and the widget measures itself (as narrow) until it is shown.
  requestAnimationFrame(() => requestAnimationFrame(() => mountNow(container, undefined)));
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
        mountAfterLayout(this.#container, (width) => {
          try {
            this.#mount(width);
          } catch (error) {
            this.#fail(error);
          }
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
      try {
        this.#widget.goToChapter(chapter);
      } catch {
        // The widget shows the message; the reader gets its default scenario.
      }
    } else if (src) {
      fetch(new URL(src, document.baseURI))
        .then((r) => (r.ok ? r.text() : Promise.reject(new Error(`${src}: HTTP ${r.status}`))))
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
