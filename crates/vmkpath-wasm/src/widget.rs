//! The live widget: mounts the chrome into the element's shadow root, draws the core's Scene,
//! keeps the state (the scenario on screen and the one its controls started from, its plan, the
//! narration step, playback) and
//! answers the reader's clicks, keys and control changes through a few delegated listeners.
//! This file holds the state's types and the mounting; what the widget does lives in its
//! submodules: `api` (the methods JavaScript calls), `render` (drawing the state), `events`
//! (the delegated listeners), `clock`, `lesson`, `link` and `what_if`.

mod api;
mod clock;
mod events;
mod lesson;
mod link;
mod render;
mod what_if;

use crate::controls;
use crate::playback::{playback, Playback};
use std::cell::RefCell;
use std::rc::Rc;
use vmkpath_core::format::QuestionFile;
use vmkpath_core::narrate::Event as Step;
use vmkpath_core::plan::{Plan, Trace};
use vmkpath_core::predict::Question;
use vmkpath_core::scenarios::{builtin, builtins};
use vmkpath_core::timing::{Timeline, WhatIf};
use vmkpath_core::toggles::Toggles;
use vmkpath_core::{analyze, Analysis, Scenario};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
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
    /// `plan`, `steps`, `traces`, `what_ifs` and `timeline` are the parts of one `analyze` of
    /// `scenario` (`set_analysis`): nothing here re-plans or re-times.
    plan: Plan,
    steps: Vec<Step>,
    traces: Vec<Trace>,
    what_ifs: Vec<WhatIf>,
    step: usize,
    /// The reader chose a step (Step, a click in the list): its flows stand out, the others dim.
    /// At rest every flow is drawn at full strength, as on the poster.
    selected: bool,
    playing: bool,
    speed: f64,
    reduced_motion: bool,
    animations: Vec<Animation>,
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
    /// The timing model's timeline of `plan` (from the analysis), and how it plays.
    timeline: Timeline,
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

fn opt_str(options: &JsValue, key: &str) -> String {
    js_sys::Reflect::get(options, &key.into())
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_default()
}

fn opt_bool(options: &JsValue, key: &str) -> bool {
    js_sys::Reflect::get(options, &key.into())
        .ok()
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
        let doc = container
            .owner_document()
            .ok_or_else(|| JsError::new("the container is not in a document"))?;
        let controls_attribute = opt_str(&options, "controls");
        let shown = controls::shown(&controls_attribute);
        // `controls="none"` is the bare picture: no control bar, no player, and no panels
        // unless `panels` asks for some.
        let bare = controls_attribute.trim() == "none";
        let panels_attribute = opt_str(&options, "panels");
        let panels = crate::panels::parse(if bare && panels_attribute.trim().is_empty() {
            "none"
        } else {
            &panels_attribute
        });
        let list: Vec<(String, String)> = builtins()
            .map(|b| (b.name.to_string(), b.title()))
            .collect();
        container.set_inner_html(&render::skeleton(
            &controls::markup(&shown, &list),
            &crate::panels::buttons(&panels),
            !bare,
        ));
        crate::host_panel::mount(&container, &opt_str(&options, "controls"));
        // The first drawing is the scenario the element names (`options.scenario`), so that
        // mounting does not plan and draw the controls' scenario only to replace it at once.
        let named = opt_str(&options, "scenario");
        let start = builtin(&named).and_then(|b| b.scenario().ok());
        let (scenario, origin) = match start {
            Some(scenario) => (scenario, Origin::Builtin(named.clone())),
            None => (
                Toggles::default()
                    .scenario()
                    .map_err(|e| JsError::new(&e.to_string()))?,
                Origin::Default,
            ),
        };
        let Analysis {
            plan,
            timeline,
            narration: steps,
            traces,
            what_ifs,
        } = analyze(&scenario);
        let playback = playback(&timeline, &steps);
        // The shell measures every container before any widget draws (one layout for a page of
        // widgets); reading it here would force a layout per widget.
        let width = js_sys::Reflect::get(&options, &"width".into())
            .ok()
            .and_then(|v| v.as_f64())
            .filter(|w| w.is_finite() && *w > 0.0)
            .unwrap_or_else(|| f64::from(container.client_width()))
            .max(320.0);
        let state = Rc::new(RefCell::new(State {
            doc,
            root: container.clone(),
            shown,
            panels,
            base: scenario.clone(),
            example: (scenario.clone(), origin.clone()),
            origin,
            steps,
            traces,
            what_ifs,
            scenario,
            plan,
            step: 0,
            selected: false,
            playing: opt_bool(&options, "autoplay"),
            speed: 1.0,
            reduced_motion: prefers_reduced_motion(),
            animations: Vec::new(),
            timer: None,
            tick: None,
            width,
            address: opt_str(&options, "address"),
            first: opt_bool(&options, "first"),
            resize: None,
            onscreen: true,
            visibility: None,
            mode: Mode::Explore,
            timeline,
            playback,
            clock: clock::Clock::default(),
            cycle: 0,
            back: None,
        }));
        let weak = Rc::downgrade(&state);
        let tick = Rc::new(Closure::<dyn FnMut()>::new(move || {
            if let Some(Ok(mut s)) = weak.upgrade().as_ref().map(|s| s.try_borrow_mut()) {
                s.timer = None;
                s.clock_tick();
                s.schedule_tick();
            }
        }));
        // The state schedules its own next tick; the closure lives as long as the widget.
        state.borrow_mut().tick =
            Some((*tick).as_ref().unchecked_ref::<js_sys::Function>().clone());
        let mut widget = Widget {
            state,
            on_plan,
            _listeners: Vec::new(),
            tick,
        };
        widget.listen(&container)?;
        let weak = Rc::downgrade(&widget.state);
        let on_resize = Closure::<dyn FnMut(js_sys::Array)>::new(move |_| {
            // Observer callbacks run between frames, never inside our own borrow; still, never
            // panic if they did.
            if let Some(Ok(mut s)) = weak.upgrade().as_ref().map(|s| s.try_borrow_mut()) {
                s.resized();
            }
        });
        if let Ok(observer) = web_sys::ResizeObserver::new(on_resize.as_ref().unchecked_ref()) {
            observer.observe(&container);
            widget.state.borrow_mut().resize = Some((observer, on_resize));
        }
        let weak = Rc::downgrade(&widget.state);
        let on_view = Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
            let on = entries
                .iter()
                .last()
                .and_then(|e| e.dyn_into::<web_sys::IntersectionObserverEntry>().ok())
                .map(|e| e.is_intersecting())
                .unwrap_or(true);
            if let Some(Ok(mut s)) = weak.upgrade().as_ref().map(|s| s.try_borrow_mut()) {
                s.set_onscreen(on);
            }
        });
        if let Ok(observer) = web_sys::IntersectionObserver::new(on_view.as_ref().unchecked_ref()) {
            observer.observe(&container);
            widget.state.borrow_mut().visibility = Some((observer, on_view));
        }
        widget.state.borrow_mut().render(None);
        if !named.is_empty() && builtin(&named).is_none() {
            widget.show_error(&format!("no built-in scenario \"{named}\""));
        }
        widget.sync_timer();
        widget.notify();
        Ok(widget)
    }
}
