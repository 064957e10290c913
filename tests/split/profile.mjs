// The reading profile that decides how the wasm is split (`cargo xtask build`, xtask/src/split.rs).
// Usage: node tests/split/profile.mjs ROOT OUT. ROOT is a copy of www/ whose pkg/ holds the
// module instrumented by `wasm-split --instrument`; OUT receives the profile it writes.
//
// It does what every reader of a page of built-in widgets does: draw, animate and change. It
// mounts every widget of index.html, embed.html and csp.html (and permalinks in frame.html,
// every built-in as a bare picture and with the version control and the panel row), plays,
// steps, restarts, changes the speed, sets every control to every value (the scenario picker to
// every built-in, and every control on each), with mouse and keyboard, and moves the focus over
// the drawing's paths and vmknics (a keyboard reader tabbing through it; a click on a path
// focuses it first). What it never does is what only some readers use: open a panel (findings,
// "Why this path?" with its traces, what-ifs, the steps), pick a path, a vmknic or a step, the
// host check, the tour, predict, copy link. Every function this profile never calls goes into
// the secondary module, loaded when first used (the shell holds the click that needs it until
// it is linked: www/vmk-path.js).
import { writeFile } from 'node:fs/promises';
import { startServer, launch, openPage, widgetsReady } from '../e2e/harness.mjs';

const [root, out] = process.argv.slice(2);
if (!root || !out) throw new Error('usage: node tests/split/profile.mjs ROOT OUT');

/** In the page: exercise every widget as a reader of built-ins does. */
async function read() {
  const settle = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  const lessons = /^(host-|predict|tour|copy-link)/;
  let played = false;
  for (const el of document.querySelectorAll('vmk-path')) {
    const root = el.shadowRoot;
    const all = (sel) => [...root.querySelectorAll(sel)];
    const click = (node) => node.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
    const key = (node, k) => node.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, composed: true }));
    const change = (node) => node.dispatchEvent(new Event('change', { bubbles: true }));
    const player = () => all('[data-action]').filter((b) => !lessons.test(b.dataset.action));
    const focus = (node) => node.dispatchEvent(new FocusEvent('focusin', { bubbles: true, composed: true }));
    for (const b of player()) if (b.tagName === 'BUTTON') click(b);
    for (const b of player()) if (b.tagName === 'BUTTON') click(b);
    for (const s of all('select[data-action=speed]')) for (const o of s.options) (s.value = o.value), change(s);
    for (const c of all('input[data-action=reduced-motion]')) for (let i = 0; i < 2; i++) (c.checked = !c.checked), change(c);
    // A keyboard reader: focus and keys on the controls (Enter on a button is its click).
    for (const n of [...player(), ...all('[data-control]')]) focus(n), key(n, 'Tab'), key(n, 'Enter');
    await settle();
    // The focus over the drawing only marks what "Why this path?" would explain (its panel is
    // closed: nothing is drawn or traced).
    const focusDrawing = async () => {
      for (const sel of ['[data-flow]', '[data-vmk]']) for (const n of all(sel).slice(0, 3)) focus(n), key(n, 'Tab');
    };
    await focusDrawing();
    for (const control of all('[data-control]')) {
      if (control.tagName === 'SELECT') {
        const start = control.value;
        for (const o of [...control.options]) {
          if (o.disabled) continue;
          control.value = o.value;
          change(control);
          await settle();
        }
        if (control.dataset.control === 'builtin') {
          // Every control on every built-in: a control can read, disable or gate differently
          // (a 5.x version on a scenario with the vMotion stack, say).
          for (const o of [...control.options]) {
            control.value = o.value;
            change(control);
            for (const other of all('[data-control]')) {
              if (other === control) continue;
              if (other.tagName === 'SELECT') {
                for (const v of [...other.options]) if (!v.disabled) (other.value = v.value), change(other);
              } else for (let i = 0; i < 2; i++) (other.checked = !other.checked), change(other);
            }
          }
          await focusDrawing();
        }
        control.value = start;
        change(control);
      } else {
        for (let i = 0; i < 2; i++) (control.checked = !control.checked), change(control);
      }
      await settle();
    }
    await focusDrawing();
    // Playing for real: the clock's tick once a second and the narration moving on to its next
    // step, also after a change of scenario while playing (each waited for, not timed).
    const playButton = all('[data-action=play]')[0];
    if (playButton && el.widget && !played) {
      played = true;
      // The fastest speed, so that the narration moves on soon.
      for (const s of all('select[data-action=speed]')) (s.value = s.options[s.options.length - 1].value), change(s);
      const advanced = async () => {
        const [step, seconds] = [el.widget.currentStep(), el.widget.simulatedSeconds()];
        for (let i = 0; i < 600 && el.widget.currentStep() === step; i++) await settle();
        return el.widget.simulatedSeconds() !== seconds;
      };
      if (!el.widget.isPlaying()) click(playButton);
      await advanced();
      const control = all('select[data-control]')[0];
      if (control) {
        const start = control.value;
        control.value = [...control.options].find((o) => o.value !== start && !o.disabled)?.value ?? start;
        change(control);
        await advanced();
        control.value = start;
        change(control);
      }
      el.widget.pause();
    }
    for (const b of all('[data-action=reset]')) click(b);
    // The shell's own messages (a file, or the rest of the wasm, that cannot load) come through
    // showError: it must work while the rest is missing.
    el.widget.showError('');
    for (const b of player()) if (b.tagName === 'BUTTON') click(b);
    el.widget?.pause();
    await settle();
  }
}

/** In the page: the instrumented module's profile (8 bytes of module hash, 4 per function). */
async function writeProfile() {
  const { loadVmkpath } = await import(new URL('vmk-path.js', document.baseURI).href);
  const wasm = await loadVmkpath();
  const size = 1 << 20; // far more than 8 + 4 per function
  const at = wasm.__wbindgen_malloc(size, 8);
  const written = wasm.__write_profile(at, size);
  return [...new Uint8Array(wasm.memory.buffer, at, written)];
}

/**
 * Each page has its own instance, so its own profile: merged as wasm-split's --merge-profiles
 * does, a function counts as called when any page called it (the earliest first-call time).
 */
function merge(profiles) {
  const out = Uint8Array.from(profiles[0]);
  const view = new DataView(out.buffer);
  for (const p of profiles.slice(1)) {
    if (p.length !== out.length || p.slice(0, 8).some((b, i) => b !== out[i])) throw new Error('profiles of different modules');
    const other = new DataView(Uint8Array.from(p).buffer);
    for (let at = 8; at + 4 <= out.length; at += 4) {
      const [mine, theirs] = [view.getUint32(at, true), other.getUint32(at, true)];
      if (theirs && (!mine || theirs < mine)) view.setUint32(at, theirs, true);
    }
  }
  return out;
}

const [server, browser] = await Promise.all([startServer({ root, csp: null }), launch()]);
try {
  const { context, page } = await openPage(browser, { reducedMotion: 'no-preference' });
  const errors = [];
  const profiles = [];
  page.on('pageerror', (e) => errors.push(e.message));
  // Permalinks and iframe embeds: a built-in with changed controls and a step, the embedding
  // page's keys, a bare picture, an ordinary anchor.
  for (const fragment of [
    'scenario=multi-nic-fix&controls=all',
    'scenario=shared-subnet&version=6.7&multi-nic=2&step=3',
    'scenario=multi-nic-fix&controls=multi-nic&panels=findings+why',
    'scenario=udt-8&controls=none',
    'top',
  ]) {
    await page.goto(server.url(`frame.html#${fragment}`));
    await widgetsReady(page);
    await page.evaluate(read);
    profiles.push(await page.evaluate(writeProfile));
  }
  await page.goto(server.url('csp.html'));
  await widgetsReady(page);
  await page.evaluate(read);
  profiles.push(await page.evaluate(writeProfile));
  // embed.html's widgets, then every built-in mounted as a bare picture and with the version
  // control and every panel offered (closed).
  await page.goto(server.url('embed.html'));
  await widgetsReady(page);
  const added = await page.evaluate(async () => {
    const { builtins } = await import(new URL('pkg/vmkpath_wasm.js', document.baseURI).href);
    const names = builtins().map((b) => b.name);
    for (const [controls, panels] of [['none', 'none'], ['version', 'all']]) {
      for (const name of names) {
        const el = document.createElement('vmk-path');
        el.setAttribute('scenario', name);
        el.setAttribute('controls', controls);
        el.setAttribute('panels', panels);
        document.querySelector('main').append(el);
      }
    }
    return document.querySelectorAll('vmk-path').length;
  });
  await widgetsReady(page, added);
  await page.evaluate(read);
  profiles.push(await page.evaluate(writeProfile));
  await page.goto(server.url('index.html'));
  await widgetsReady(page);
  await page.evaluate(read);
  profiles.push(await page.evaluate(writeProfile));
  const profile = merge(profiles);
  if (errors.length) throw new Error(`the profile run failed: ${errors.join('; ')}`);
  await writeFile(out, profile);
  await context.close();
  const called = [...new Uint32Array(profile.buffer.slice(8))].filter(Boolean).length;
  console.log(`profile of ${profiles.length} pages: ${called} of ${(profile.length - 8) / 4} functions called -> ${out}`);
} finally {
  await browser.close();
  await server.close();
}
