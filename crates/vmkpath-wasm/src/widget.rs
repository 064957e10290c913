//! The live widget: mounts the chrome into the element's shadow root, draws the core's Scene,
//! keeps the state (toggles or a loaded scenario, its plan, the narration step, playback) and
//! answers the reader's clicks, keys and control changes through a few delegated listeners.

mod clock;
mod events;
mod lesson;
mod link;
mod what_if;

use crate::playback::{playback, Playback};
use crate::{animate, controls, html, packets, scenario_from_js, to_js};
use std::cell::RefCell;
use std::rc::{Rc, Weak};
use vmkpath_core::format::{PlanFile, QuestionFile, ScenarioFile};
use vmkpath_core::narrate::{events, Event as Step};
use vmkpath_core::plan::{plan_timed, Plan, Side};
use vmkpath_core::predict::Question;
use vmkpath_core::scenarios::{builtin, builtins};
use vmkpath_core::scene::{layout, to_svg, LayoutOptions, SvgOptions};
use vmkpath_core::timing::Timeline;
use vmkpath_core::toggles::Toggles;
use vmkpath_core::{decode_scenario, Scenario};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Animation, Document, Element, Event};

/// Narrower than this (CSS px), the hosts are stacked instead of side by side.
const COMPACT_BELOW: f64 = 600.0;

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

/// Where the shown scenario comes from.
#[derive(Debug, Clone, PartialEq)]
enum Origin {
    Toggles,
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
    toggles: Toggles,
    origin: Origin,
    scenario: Scenario,
    plan: Plan,
    steps: Vec<Step>,
    step: usize,
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
    /// The timing model's timeline of `plan`, and how it plays.
    timeline: Timeline,
    playback: Playback,
    /// The simulated clock's stopwatch and the cycle it was last seen in.
    clock: clock::Clock,
    cycle: u64,
    /// The scenario a what-if was made from, to go back to.
    back: Option<(Scenario, Origin)>,
    /// Watches the widget's width: re-lays out across the compact threshold, re-fits packets.
    resize: Option<(web_sys::ResizeObserver, Closure<dyn FnMut(js_sys::Array)>)>,
    /// Packets run only while the widget is on screen (a page of ten widgets animates the ones
    /// in view); the clock keeps time either way.
    onscreen: bool,
    visibility: Option<(
        web_sys::IntersectionObserver,
        Closure<dyn FnMut(js_sys::Array)>,
    )>,
}

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
    /// autoplay}`; `on_plan` is called with the plan object after every recomputation.
    #[wasm_bindgen(constructor)]
    pub fn new(
        container: Element,
        options: JsValue,
        on_plan: Option<js_sys::Function>,
    ) -> Result<Widget, JsError> {
        let doc = container
            .owner_document()
            .ok_or_else(|| JsError::new("the container is not in a document"))?;
        let shown = controls::shown(&opt_str(&options, "controls"));
        let list: Vec<(String, String)> = builtins()
            .map(|b| (b.name.to_string(), b.title()))
            .collect();
        container.set_inner_html(&skeleton(&controls::markup(&shown, &list)));
        crate::host_panel::mount(&container, &opt_str(&options, "controls"));
        let toggles = Toggles::default();
        // The first drawing is the scenario the element names (`options.scenario`), so that
        // mounting does not plan and draw the controls' scenario only to replace it at once.
        let named = opt_str(&options, "scenario");
        let start = builtin(&named).and_then(|b| b.scenario().ok());
        let (scenario, origin) = match start {
            Some(scenario) => (scenario, Origin::Builtin(named.clone())),
            None => (
                toggles
                    .scenario()
                    .map_err(|e| JsError::new(&e.to_string()))?,
                Origin::Toggles,
            ),
        };
        let (plan, timeline) = plan_timed(&scenario);
        let steps = events(&scenario, &plan);
        let playback = playback(&timeline, &steps);
        let width = container.client_width().max(320) as f64;
        let state = Rc::new(RefCell::new(State {
            doc,
            root: container.clone(),
            shown,
            toggles,
            origin,
            steps,
            scenario,
            plan,
            step: 0,
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

    /// Show a built-in scenario by name; "" shows the toggles' scenario.
    pub fn load_builtin(&mut self, name: &str) -> Result<(), JsError> {
        if name.is_empty() {
            let scenario = self
                .state
                .borrow()
                .toggles
                .scenario()
                .map_err(|e| JsError::new(&e.to_string()))?;
            return Ok(self.show(scenario, Origin::Toggles));
        }
        let Some(b) = builtin(name) else {
            let message = format!("no built-in scenario \"{name}\"");
            self.show_error(&message);
            return Err(JsError::new(&message));
        };
        match b.scenario() {
            Ok(scenario) => Ok(self.show(scenario, Origin::Builtin(name.to_string()))),
            Err(e) => Err(self.fail(&e.to_string())),
        }
    }

    /// Show a scenario written as TOML or JSON; on error the current state is kept.
    pub fn load_text(&mut self, text: &str, label: &str) -> Result<(), JsError> {
        match decode_scenario(text) {
            Ok(scenario) => Ok(self.show(scenario, Origin::Custom)),
            Err(e) => Err(self.fail(&if label.is_empty() {
                e.to_string()
            } else {
                format!("{label}: {e}")
            })),
        }
    }

    /// Show a scenario object; on error the current state is kept and the error shown.
    pub fn set_scenario(&mut self, value: JsValue) -> Result<(), JsError> {
        match scenario_from_js(value) {
            Ok(scenario) => Ok(self.show(scenario, Origin::Custom)),
            Err(e) => Err(self.fail(&e)),
        }
    }

    /// The shown scenario as a plain object.
    pub fn scenario(&self) -> Result<JsValue, JsError> {
        to_js(&ScenarioFile::from(&self.state.borrow().scenario))
    }

    /// The current plan as a plain object.
    pub fn plan(&self) -> Result<JsValue, JsError> {
        let s = self.state.borrow();
        to_js(&PlanFile::new(&s.scenario, &s.plan))
    }

    /// Change one control as the reader would (`name` from the `data-control` names).
    pub fn set_control(&mut self, name: &str, value: &str) -> Result<(), JsError> {
        if name == "builtin" {
            return self.load_builtin(value);
        }
        let toggles = controls::apply(&self.state.borrow().toggles, name, value)
            .map_err(|e| self.fail(&e))?;
        match toggles.scenario() {
            Ok(scenario) => {
                self.state.borrow_mut().toggles = toggles;
                Ok(self.show(scenario, Origin::Toggles))
            }
            Err(e) => Err(self.fail(&e.to_string())),
        }
    }

    pub fn set_option(&mut self, name: &str, value: &str) {
        if name == "autoplay" {
            if value.is_empty() {
                self.pause()
            } else {
                self.play()
            }
        }
    }

    pub fn play(&mut self) {
        self.state.borrow_mut().set_playing(true);
        self.sync_timer();
    }

    pub fn pause(&mut self) {
        self.state.borrow_mut().set_playing(false);
        self.sync_timer();
    }

    /// Next narration step (pauses, so the reader controls the pace).
    pub fn step(&mut self) {
        self.pause();
        let mut s = self.state.borrow_mut();
        let next = (s.step + 1) % s.steps.len().max(1);
        s.seek_step(next);
    }

    pub fn restart(&mut self) {
        self.state.borrow_mut().seek_step(0);
    }

    pub fn set_speed(&mut self, speed: f64) {
        if speed.is_finite() && speed > 0.0 && speed <= 8.0 {
            let mut s = self.state.borrow_mut();
            s.speed = speed;
            for a in &s.animations {
                a.set_playback_rate(speed);
            }
            s.clock.set_rate(speed);
            drop(s);
            self.sync_timer();
        }
    }

    pub fn set_reduced_motion(&mut self, on: bool) {
        self.state.borrow_mut().reduced_motion = on;
        self.state.borrow_mut().render(None);
    }

    /// Show a message (for errors that happen in the JS shell, such as a failed fetch).
    pub fn show_error(&self, message: &str) {
        if let Some(el) = q(&self.state.borrow().root, ".error") {
            el.set_text_content(Some(message));
        }
    }

    pub fn is_playing(&self) -> bool {
        self.state.borrow().playing
    }

    pub fn current_step(&self) -> usize {
        self.state.borrow().step
    }
}

impl Widget {
    fn fail(&self, message: &str) -> JsError {
        self.show_error(message);
        JsError::new(message)
    }

    fn show(&mut self, scenario: Scenario, origin: Origin) {
        {
            let mut s = self.state.borrow_mut();
            let (new_plan, timeline) = plan_timed(&scenario);
            let previous = std::mem::replace(&mut s.plan, new_plan);
            s.timeline = timeline;
            let previous_scenario = std::mem::replace(&mut s.scenario, scenario);
            // Point out changed paths only when the reader edited the scenario they were looking
            // at, or stepped into or out of a what-if.
            let what_if =
                matches!(origin, Origin::WhatIf(_)) || matches!(s.origin, Origin::WhatIf(_));
            let edited = (s.origin == Origin::Toggles && origin == Origin::Toggles) || what_if;
            if !matches!(origin, Origin::WhatIf(_)) {
                s.back = None;
            }
            s.origin = origin;
            s.steps = events(&s.scenario, &s.plan);
            s.playback = playback(&s.timeline, &s.steps);
            s.step = 0;
            // The mode first: the redraw ends by drawing the lesson for it.
            s.mode_after_change();
            s.render(edited.then_some((&previous_scenario, &previous)));
        }
        self.sync_timer();
        self.notify();
    }

    fn notify(&self) {
        let Some(callback) = &self.on_plan else {
            return;
        };
        if let Ok(plan) = self.plan() {
            let _ = callback.call1(&JsValue::NULL, &plan);
        }
    }

    /// The narration timer runs only while playing.
    fn sync_timer(&mut self) {
        self.state.borrow_mut().schedule_tick();
    }
}

impl State {
    fn set_html(&self, selector: &str, markup: &str) {
        if let Some(el) = q(&self.root, selector) {
            el.set_inner_html(markup);
        }
    }

    fn set_text(&self, selector: &str, text: &str) {
        if let Some(el) = q(&self.root, selector) {
            el.set_text_content(Some(text));
        }
    }

    fn set_playing(&mut self, playing: bool) {
        self.playing = playing;
        for a in &self.animations {
            let _ = if playing && self.onscreen {
                a.play()
            } else {
                a.pause()
            };
        }
        if playing {
            self.clock.play();
        } else {
            self.clock.pause();
        }
        if let Some(button) = q(&self.root, "[data-action=play]") {
            let _ = button.set_attribute("aria-pressed", if playing { "true" } else { "false" });
            button.set_text_content(Some(if playing { "Pause" } else { "Play" }));
        }
    }

    /// The widget's width changed: a new layout when it crosses the phone/page threshold,
    /// otherwise only the packet layer's scale.
    fn resized(&mut self) {
        let width = f64::from(self.root.client_width().max(320));
        if (width < COMPACT_BELOW) != (self.width < COMPACT_BELOW) {
            self.width = width;
            self.render(None);
        } else if let (Some(svg), Some(layer)) = (
            q(&self.root, ".diagram svg"),
            q(&self.root, ".diagram .packets"),
        ) {
            packets::fit(&svg, &layer);
        }
    }

    /// Redraw everything after the scenario changed; `previous` points out what changed.
    fn render(&mut self, previous: Option<(&Scenario, &Plan)>) {
        self.set_html(".error", "");
        let origin = match &self.origin {
            Origin::Toggles => "built from the controls".to_string(),
            Origin::Builtin(name) => format!("built-in scenario {name}"),
            Origin::Custom => "your scenario".to_string(),
            Origin::Host => "your hosts (from the pasted output)".to_string(),
            Origin::WhatIf(_) => "what if: the fix below".to_string(),
        };
        let mut status = format!(
            "vSphere {} · {} migration of {} · {}",
            self.scenario.version,
            self.scenario.migration.kind.as_str(),
            self.scenario.vm.name,
            origin
        );
        status.push_str(&clock::duration_note(
            self.timeline.duration_s,
            self.timeline.stun_ms,
        ));
        if let Some((old_s, old)) = previous {
            let changes = changed_paths(old_s, old, &self.scenario, &self.plan);
            if !changes.is_empty() {
                status.push_str(&format!(" · {}", changes.join("; ")));
            }
        }
        self.set_text(".status", &status);
        let compact = self.width < COMPACT_BELOW;
        let scene = layout(
            &self.scenario,
            &self.plan,
            &LayoutOptions {
                width: self.width,
                compact,
            },
        );
        let before = match (previous.is_some(), q(&self.root, ".diagram svg")) {
            (true, Some(svg)) => animate::flow_paths(&svg),
            _ => Vec::new(),
        };
        self.set_html(
            ".diagram",
            &to_svg(&scene, &SvgOptions { standalone: false }),
        );
        if let Some(svg) = q(&self.root, ".diagram svg") {
            let _ = animate::ghosts(&svg, &before);
            let _ = animate::morph(&svg, &before, !self.reduced_motion);
        }
        self.set_html(".findings", &html::findings(&self.scenario, &self.plan));
        self.render_what_if();
        self.set_html(
            ".topology",
            &crate::topology::topology(&self.scenario, &self.plan),
        );
        // The explanation panel is a live region: only rewrite it when it says something else,
        // so a redraw is not read out again.
        const PROMPT: &str = "Select a path, a vmknic or a step to see why.";
        if q(&self.root, ".explain p")
            .and_then(|p| p.text_content())
            .as_deref()
            != Some(PROMPT)
        {
            self.set_html(
                ".explain",
                &format!("<h3>Why this path?</h3><p>{PROMPT}</p>"),
            );
        }
        self.sync_controls();
        if let Some(root) = q(&self.root, ".diagram") {
            let _ = root
                .class_list()
                .toggle_with_force("reduced-motion", self.reduced_motion);
        }
        // Script animations outlive their removed targets: cancel them, or every redraw would
        // leave the old packets ticking on the main thread.
        for a in self.animations.drain(..) {
            a.cancel();
        }
        if !self.reduced_motion {
            if let (Some(diagram), Some(svg)) =
                (q(&self.root, ".diagram"), q(&self.root, ".diagram svg"))
            {
                self.animations = packets::start(
                    &self.doc,
                    &diagram,
                    &svg,
                    &self.playback,
                    self.playing && self.onscreen,
                    self.speed,
                )
                .unwrap_or_default();
            }
        }
        self.start_clock();
        let step = self.step;
        self.seek_step(step);
        self.render_lesson();
    }

    fn sync_controls(&self) {
        for name in &self.shown {
            let Some(el) = q(&self.root, &format!("[data-control=\"{name}\"]")) else {
                continue;
            };
            if *name == "builtin" {
                let value = match &self.origin {
                    Origin::Builtin(n) => n.clone(),
                    _ => String::new(),
                };
                let _ = js_sys::Reflect::set(&el, &"value".into(), &value.into());
                continue;
            }
            let value = controls::value(&self.toggles, name);
            match el.dyn_ref::<web_sys::HtmlInputElement>() {
                Some(input) if input.type_() == "checkbox" => input.set_checked(value == "true"),
                _ => {
                    let _ = js_sys::Reflect::set(&el, &"value".into(), &value.into());
                }
            }
            let reason = controls::disabled_reason(self.toggles.version, name);
            let _ = js_sys::Reflect::set(&el, &"disabled".into(), &reason.is_some().into());
            if let Some(label) = q(
                &self.root,
                &format!("[data-for=\"{name}\"] .disabled-reason"),
            ) {
                label
                    .set_text_content(Some(&reason.map(|r| format!(" ({r})")).unwrap_or_default()));
            }
        }
    }

    /// Move the narration to step `i`: highlight its flows, mark it in the list, say it once.
    fn go_to(&mut self, i: usize) {
        self.step = i.min(self.steps.len().saturating_sub(1));
        self.set_html(
            ".events",
            &html::events(&self.steps, self.step, &self.playback.steps),
        );
        let flows = self
            .steps
            .get(self.step)
            .map(|s| s.flows.clone())
            .unwrap_or_default();
        self.highlight(&flows);
        let text = self
            .steps
            .get(self.step)
            .map(|s| format!("Step {}: {}", self.step + 1, s.text))
            .unwrap_or_default();
        // The live region hears each step once: a redraw of the same step says nothing new.
        if q(&self.root, ".narration")
            .and_then(|n| n.text_content())
            .as_deref()
            != Some(&text)
        {
            self.set_text(".narration", &text);
        }
    }

    /// Dim every flow not in `flows` (none dimmed when `flows` is empty).
    fn highlight(&self, flows: &[usize]) {
        let Ok(paths) = self.root.query_selector_all("[data-flow]") else {
            return;
        };
        for k in 0..paths.length() {
            let Some(el) = paths.item(k).and_then(|n| n.dyn_into::<Element>().ok()) else {
                continue;
            };
            let i: usize = el
                .get_attribute("data-flow")
                .and_then(|v| v.parse().ok())
                .unwrap_or(usize::MAX);
            let _ = el
                .class_list()
                .toggle_with_force("dim", !flows.is_empty() && !flows.contains(&i));
        }
    }

    fn explain_flow(&self, i: usize) {
        self.set_html(
            ".explain",
            &(html::flow_explanation(&self.scenario, &self.plan, i)
                + &clock::flow_time(&self.timeline, i)
                + &crate::teach::trace_markup(&self.scenario, &self.plan, i)),
        );
        self.highlight(&[i]);
    }
}

/// For the "Check your host" panel (host_panel.rs).
impl Widget {
    pub(crate) fn root(&self) -> Element {
        self.state.borrow().root.clone()
    }

    pub(crate) fn show_scenario(&mut self, scenario: Scenario) {
        self.show(scenario, Origin::Host);
    }
}

/// What changed between the last plan and this one, in sentences (computed by the core).
fn changed_paths(old_s: &Scenario, old: &Plan, new_s: &Scenario, new: &Plan) -> Vec<String> {
    vmkpath_core::compare::changed_flows(old_s, old, new_s, new)
        .into_iter()
        .map(|c| c.text)
        .collect()
}

fn skeleton(controls: &str) -> String {
    format!(
        r#"<div class="controls" role="group" aria-label="Scenario">{controls}</div>
<div class="player" role="group" aria-label="Animation">
<button type="button" data-action="play" aria-pressed="false">Play</button>
<button type="button" data-action="step">Step</button>
<button type="button" data-action="restart">Restart</button>
<span class="clock" role="timer" aria-live="off"></span>
<label>Speed <select data-action="speed"><option value="0.5">½×</option><option value="1" selected>1×</option><option value="2">2×</option><option value="4">4×</option></select></label>
<label><input type="checkbox" data-action="reduced-motion"> Reduce motion</label>
<button type="button" data-action="predict" aria-pressed="false">Predict</button>
<button type="button" data-action="tour" aria-pressed="false">Tour</button>
<button type="button" data-action="copy-link">Copy link</button>
</div>
<p class="link hidden"><label>Link to this state <input type="text" readonly></label> <output aria-live="polite"></output></p>
<p class="fragment-notice" role="status"></p>
<p class="error" role="alert"></p>
<p class="status"></p>
<section class="lesson" aria-live="polite"></section>
<div class="diagram"></div>
<div class="panels">
<section class="panel explain" aria-live="polite"></section>
<section class="panel findings"></section>
<section class="panel what-if"></section>
<section class="panel events"></section>
<section class="panel topology"></section>
</div>
<p class="sr-only narration" aria-live="polite"></p>"#
    )
}
