//! The live widget: mounts the chrome into the element's shadow root, draws the core's Scene,
//! keeps the state (the scenario on screen and the one its controls started from, its story, the
//! narration step, playback) and
//! answers the reader's clicks, keys and control changes through a few delegated listeners.
//! This file holds the state's types and the mounting; what the widget does lives in its
//! submodules: `api` (the methods JavaScript calls), `render` (drawing the state), `events`
//! (the delegated listeners), `lazy` (traces, what-ifs and the panels showing them, on first
//! need), `clock`, `lesson`, `link` and `what_if`.

mod api;
mod clock;
mod events;
mod lazy;
mod lesson;
mod link;
mod mount;
mod render;
mod what_if;

pub use mount::Mounting;

use crate::playback::Playback;
use std::cell::RefCell;
use std::rc::Rc;
use vmkpath_core::format::QuestionFile;
use vmkpath_core::predict::Question;
use vmkpath_core::scenarios::{builtin, builtins};
use vmkpath_core::{Scenario, Story};
use wasm_bindgen::prelude::*;
use web_sys::{Animation, Document, Element, Event};

/// What the reader is doing: exploring freely, predicting each flow's vmknic before it is shown,
/// or following the guided tour.
#[derive(Debug, Clone, PartialEq)]
enum Mode {
    Explore,
    Predict(Predicting),
    Tour(&'static str),
}

#[derive(Debug, Clone, PartialEq)]
struct Predicting {
    /// The core's questions (for scoring) and the same as shown (names resolved).
    asked: Vec<Question>,
    questions: Vec<QuestionFile>,
    /// The question being asked (== questions.len(): the score is shown).
    index: usize,
    /// The reader's guesses by vmknic name, per question.
    guesses: Vec<Option<String>>,
}

/// Where the scenario the controls started from (`State::base`) comes from.
#[derive(Debug, Clone, PartialEq)]
enum Origin {
    /// The controls' default scenario (no scenario named).
    Default,
    Builtin(String),
    Custom,
    /// A what-if fix applied to the scenario before it (kept in `back`).
    WhatIf(String),
    /// Built from pasted host output: its names and addresses stay out of links unless the
    /// reader copies one, and then they are told.
    Host,
}

struct State {
    doc: Document,
    root: Element,
    shown: Vec<&'static str>,
    /// The panels under the diagram: which are offered, which are open.
    panels: crate::panels::Panels,
    /// What the controls edit: the last scenario that came from outside them (a built-in, a
    /// file, a link, pasted output, a what-if). The controls read `scenario`, never a copy.
    base: Scenario,
    origin: Origin,
    /// The section's own example (what the element named), for "Back to this example".
    example: (Scenario, Origin),
    scenario: Scenario,
    /// The story of `scenario` (plan, timeline, narration: `analysis::story`), and its traces
    /// and what-ifs once a panel has needed them (`lazy.rs`); both are replaced together with
    /// `scenario` (`set_story`): nothing here re-plans or re-times.
    story: Story,
    lazy: lazy::Lazy,
    /// What "Why this path?" explains (drawn when the panel is open).
    why: lazy::Why,
    step: usize,
    /// The reader chose a step (Step, a click in the list): its flows stand out, the others dim.
    /// At rest every flow is drawn at full strength, as on the poster.
    selected: bool,
    playing: bool,
    speed: f64,
    reduced_motion: bool,
    animations: Vec<Animation>,
    /// False while mounting (`mount.rs`): the drawing has no packets until the last phase.
    mounted: bool,
    /// The pending clock tick (a timeout) and the function it calls.
    timer: Option<i32>,
    tick: Option<js_sys::Function>,
    width: f64,
    /// Which widget of the page a permalink addresses (element id or `vmkpath-N`).
    address: String,
    /// The first widget on the page also takes fragments without an address.
    first: bool,
    /// Exploring, predicting or touring.
    mode: Mode,
    /// How the story's timeline plays.
    playback: Playback,
    /// The simulated clock's stopwatch and the cycle it was last seen in.
    clock: clock::Clock,
    cycle: u64,
    /// The scenario a what-if was made from (and its base), to go back to.
    back: Option<Back>,
    /// Watches the widget's width: re-lays out when the width calls for another arrangement, re-fits packets.
    resize: Option<Observing<web_sys::ResizeObserver>>,
    /// Packets run only while the widget is on screen (a page of ten widgets animates the ones
    /// in view); the clock keeps time either way.
    onscreen: bool,
    visibility: Option<Observing<web_sys::IntersectionObserver>>,
}

impl Drop for State {
    /// A dropped widget (`free()`, the shell's warm-up) stops its observers, its clock tick and
    /// its packets: their callbacks would otherwise call closures dropped with it.
    fn drop(&mut self) {
        if let Some((observer, _)) = &self.resize {
            observer.disconnect();
        }
        if let Some((observer, _)) = &self.visibility {
            observer.disconnect();
        }
        if let (Some(id), Some(window)) = (self.timer.take(), web_sys::window()) {
            window.clear_timeout_with_handle(id);
        }
        for a in self.animations.drain(..) {
            a.cancel();
        }
    }
}

/// A scenario to go back to: what was shown, where its base came from, and that base.
#[derive(Debug, Clone)]
struct Back {
    scenario: Scenario,
    origin: Origin,
    base: Scenario,
}

/// An observer and the callback it calls, kept alive together as long as the widget.
type Observing<O> = (O, Closure<dyn FnMut(js_sys::Array)>);

#[wasm_bindgen]
pub struct Widget {
    state: Rc<RefCell<State>>,
    on_plan: Option<js_sys::Function>,
    _listeners: Vec<Closure<dyn FnMut(Event)>>,
    tick: Rc<Closure<dyn FnMut()>>,
}

fn q(root: &Element, selector: &str) -> Option<Element> {
    root.query_selector(selector).ok().flatten()
}

/// An index the markup carries (`data-flow="3"`); `None` when absent or not a number.
/// One copy of the read and the parse for every listener and redraw that needs one.
#[inline(never)]
fn index_attr(el: &Element, name: &str) -> Option<usize> {
    el.get_attribute(name)
        .and_then(|v| vmkpath_core::integer::parse(&v, 10))
}

/// A string property of a JS object (an option, an input's `value`); "" when it is not one.
fn opt_str(options: &JsValue, key: &str) -> String {
    crate::animate::prop(options, key)
        .and_then(|v| v.as_string())
        .unwrap_or_default()
}

fn opt_bool(options: &JsValue, key: &str) -> bool {
    crate::animate::prop(options, key)
        .and_then(|v| v.as_bool())
        .unwrap_or(false)
}

fn prefers_reduced_motion() -> bool {
    web_sys::window()
        .and_then(|w| {
            w.match_media("(prefers-reduced-motion: reduce)")
                .ok()
                .flatten()
        })
        .map(|m| m.matches())
        .unwrap_or(false)
}

#[wasm_bindgen]
impl Widget {
    /// Mount into `container` (inside the element's shadow root). `options`: `{controls,
    /// autoplay, theme, scenario, address, first, width}` (`width`: the container's width in CSS
    /// pixels, if the caller has measured it); `on_plan` is called with the plan object after
    /// every recomputation.
    #[wasm_bindgen(constructor)]
    pub fn new(
        container: Element,
        options: JsValue,
        on_plan: Option<js_sys::Function>,
    ) -> Result<Widget, JsError> {
        Widget::mount_now(container, options, on_plan)
    }
}
