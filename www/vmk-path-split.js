// The wasm in two parts (issue 14): `pkg/vmkpath_wasm_bg.wasm`, the primary module, holds what a
// widget needs to draw, animate and change a built-in scenario; `pkg/vmkpath_wasm_bg_rest.wasm`
// holds the rest (the panels that explain: findings, "Why this path?" with its traces, what-ifs;
// the host check, the TOML reader, the tour, predict, error paths), cut out by binaryen's
// wasm-split from a reading profile (`cargo xtask build`, xtask/src/split.rs).
//
// In the primary, each function that went to the rest is a slot of the function table holding a
// placeholder import (`p.N`, N the slot: split.rs names the namespace `p`). The first call of one links the rest: its
// instantiation writes the real functions into their slots, and the placeholder calls slot N.
// That must happen synchronously, in the middle of a wasm call: `prefetchRest` compiles the rest
// in the background (streaming, off the main thread) and `restReady` awaits it, so linking is then
// only `new WebAssembly.Instance`; a placeholder hit before the compile has finished still works,
// by fetching and compiling it on the spot (a synchronous request: slow, but correct).
//
// Not shipped as a file of its own: `cargo xtask build` puts this text at the top of the glue
// (`pkg/vmkpath_wasm.js`, xtask/src/split.rs), which exports these functions to vmk-path.js.
const REST = new URL('./pkg/vmkpath_wasm_bg_rest.wasm', import.meta.url);

let primaryExports = null; // () => the primary instance's exports (set by the glue)
let compiling = null; // Promise<WebAssembly.Module>
let compiled = null; // WebAssembly.Module
let linked = false;

/** For tests and DevTools: how the rest was linked, if it was ('prefetched' or 'on the spot'). */
export const restState = { requested: false, linked: null };

/**
 * The placeholder import namespace (`p`) of the primary (the glue calls this with a function that
 * returns the primary's exports once it is instantiated).
 */
export function placeholders(exportsOf) {
  primaryExports = exportsOf;
  const made = new Map();
  return new Proxy(
    {},
    {
      get(_, name) {
        if (typeof name !== 'string') return undefined;
        if (!made.has(name)) {
          const slot = Number(name);
          made.set(name, (...args) => {
            link('on the spot');
            return primaryExports().table.get(slot)(...args);
          });
        }
        return made.get(name);
      },
    },
  );
}

/** Start fetching and compiling the rest (once); resolves to the compiled module. */
export function prefetchRest() {
  restState.requested = true;
  compiling ??= (async () => {
    const response = fetch(REST).then((r) => (r.ok ? r : Promise.reject(new Error(`${REST}: HTTP ${r.status}`))));
    try {
      compiled = await WebAssembly.compileStreaming(response);
    } catch {
      // A host that does not send application/wasm: compile the bytes instead.
      compiled ??= await WebAssembly.compile(await (await fetch(REST)).arrayBuffer());
    }
    return compiled;
  })();
  compiling.catch(() => {
    compiling = null;
  });
  return compiling;
}

/** The rest compiled and linked; `loadVmkpath()` must have resolved first. */
export async function restReady() {
  if (!linked) await prefetchRest();
  link('prefetched');
}

function link(how) {
  if (linked) return;
  const module = compiled ?? compileOnTheSpot();
  // The rest's imports, namespace `p`: the primary's exports by name, and its functions by
  // their slot in the function table (`p."1234"`: xtask/src/table_links.rs).
  const exports = primaryExports();
  const p = new Proxy(exports, { get: (e, name) => (name in e ? e[name] : e.table.get(Number(name))) });
  new WebAssembly.Instance(module, { p });
  linked = true;
  restState.linked = how;
}

/** A synchronous fetch and compile, for a placeholder hit before `prefetchRest` finished. */
function compileOnTheSpot() {
  restState.requested = true;
  const request = new XMLHttpRequest();
  request.open('GET', REST, false);
  // A synchronous request in a page cannot ask for an ArrayBuffer: read bytes as x-user-defined.
  request.overrideMimeType('text/plain; charset=x-user-defined');
  request.send();
  if (request.status !== 200) throw new Error(`${REST}: HTTP ${request.status}`);
  const text = request.responseText;
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i) & 0xff;
  compiled = new WebAssembly.Module(bytes);
  return compiled;
}
