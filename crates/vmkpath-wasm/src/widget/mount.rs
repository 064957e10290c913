//! Mounting a widget in phases, each short enough to be a task of its own (issue 14: no task
//! over 50 ms). `Mounting` holds what one phase hands to the next; the shell (`vmk-path.js`)
//! calls, yielding to the browser between them: `new Mounting(options)` (read the options,
//! decode the named scenario), `analyze()` (its story: `analysis::story`; the traces and
//! what-ifs wait for a panel that needs them, `lazy.rs`), `draw(container)` (the
//! skeleton, the controls and the drawing inserted into the container, which the shell keeps
//! out of layout meanwhile), `show(onPlan)` (in the poster's place: listeners and observers) and,
//! a frame later, `finish()` (the packets, the clock, the first `vmkpath:plan`). `Widget::new`
//! runs the five at once. The shell's warm-up draws widgets into detached elements through the
//! same phases, so Chromium compiles the wasm functions a mount calls (on their first call)
//! before any widget the reader sees mounts.

use super::{builtin, builtins, clock, opt_bool, opt_str, prefers_reduced_motion};
use super::{render, Mode, Origin, State, Widget};
use crate::controls;
use crate::playback::playback;
use std::cell::RefCell;
use std::rc::Rc;
use vmkpath_core::error::cold;
use vmkpath_core::{story, Scenario, Story};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::Element;

/// Read from the options in the first phase.
struct Options {
    shown: Vec<&'static str>,
    bare: bool,
    controls: String,
    panels: crate::panels::Panels,
    named: String,
    playing: bool,
    width: Option<f64>,
    address: String,
    first: bool,
}

/// A widget part-way through mounting (see the module comment for the phases).
#[wasm_bindgen]
pub struct Mounting {
    options: Options,
    scenario: Scenario,
    origin: Origin,
    story: Option<Story>,
    widget: Option<Widget>,
}

#[wasm_bindgen]
impl Mounting {
    /// Phase 1: the options (as `new Widget` takes them) and the scenario they name.
    #[wasm_bindgen(constructor)]
    pub fn new(options: JsValue) -> Result<Mounting, JsError> {
        let controls = opt_str(&options, "controls");
        let shown = controls::shown(&controls);
        // `controls="none"` is the bare picture: no control bar, no player, and no panels
        // unless `panels` asks for some.
        let bare = controls.trim() == "none";
        let panels_attribute = opt_str(&options, "panels");
        let panels = crate::panels::parse(if bare && panels_attribute.trim().is_empty() {
            "none"
        } else {
            &panels_attribute
        });
        // The first drawing is the scenario the element names (`options.scenario`), so that
        // mounting does not plan and draw the controls' scenario only to replace it at once.
        let named = opt_str(&options, "scenario");
        let (scenario, origin) = match builtin(&named).and_then(|b| b.scenario().ok()) {
            Some(scenario) => (scenario, Origin::Builtin(named.clone())),
            None => (
                vmkpath_core::scenarios::default_scenario()
                    .map_err(|e| JsError::new(&e.to_string()))?,
                Origin::Default,
            ),
        };
        // The shell measures the container in its own task; reading it here would force a
        // layout per widget.
        let width = crate::animate::prop(&options, "width")
            .and_then(|v| v.as_f64())
            .filter(|w| w.is_finite() && *w > 0.0);
        Ok(Mounting {
            options: Options {
                shown,
                bare,
                controls,
                panels,
                named,
                playing: opt_bool(&options, "autoplay"),
                width,
                address: opt_str(&options, "address"),
                first: opt_bool(&options, "first"),
            },
            scenario,
            origin,
            story: None,
            widget: None,
        })
    }

    /// Phase 2: the scenario's story (plan, timeline, narration), all that drawing and
    /// animating need.
    pub fn analyze(&mut self) {
        if self.story.is_none() {
            self.story = Some(story(&self.scenario));
        }
    }

    /// Phase 3: the skeleton, the controls and the drawing, inserted into `container` (which
    /// the caller keeps out of layout until `finish`, so nothing is painted half-built).
    pub fn draw(&mut self, container: Element) -> Result<(), JsError> {
        if self.widget.is_some() {
            return Ok(());
        }
        self.analyze();
        let doc = container
            .owner_document()
            .ok_or_else(|| JsError::new("the container is not in a document"))?;
        let o = &self.options;
        let list: Vec<(String, String)> = builtins()
            .map(|b| (b.name.to_string(), b.title()))
            .collect();
        container.set_inner_html(&render::skeleton(
            &controls::markup(&o.shown, &list),
            &crate::panels::buttons(&o.panels),
            !o.bare,
        ));
        crate::host_panel::mount(&container, &o.controls);
        let story = self.story.take().unwrap_or_else(|| story(&self.scenario));
        let playback = playback(&story.timeline, &story.narration);
        let width = o
            .width
            .unwrap_or_else(|| f64::from(container.client_width()))
            .max(320.0);
        let state = Rc::new(RefCell::new(State {
            doc,
            root: container,
            shown: o.shown.clone(),
            panels: o.panels.clone(),
            base: self.scenario.clone(),
            example: (self.scenario.clone(), self.origin.clone()),
            origin: self.origin.clone(),
            scenario: self.scenario.clone(),
            story,
            lazy: Default::default(),
            why: Default::default(),
            step: 0,
            selected: false,
            playing: o.playing,
            speed: 1.0,
            reduced_motion: prefers_reduced_motion(),
            animations: Vec::new(),
            mounted: false,
            timer: None,
            tick: None,
            width,
            address: o.address.clone(),
            first: o.first,
            resize: None,
            onscreen: true,
            visibility: None,
            mode: Mode::Explore,
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
        // No observers yet: they would measure the container while it is out of layout.
        state.borrow_mut().render(None);
        self.widget = Some(Widget {
            state,
            on_plan: None,
            _listeners: Vec::new(),
            tick,
        });
        Ok(())
    }

    /// Phase 4, once the container is back in layout (the poster gone): the listeners and the
    /// observers (size and visibility). The reader can use the widget from here on.
    pub fn show(&mut self, on_plan: Option<js_sys::Function>) -> Result<(), JsError> {
        let Some(widget) = self.widget.as_mut() else {
            return Err(JsError::new("show() before draw(container)"));
        };
        if widget.on_plan.is_some() || !widget._listeners.is_empty() {
            return Ok(());
        }
        let container = widget.state.borrow().root.clone();
        widget.on_plan = on_plan;
        widget.listen(&container)?;
        widget.observe(&container);
        widget.state.borrow().observe_size();
        let named = &self.options.named;
        if !named.is_empty() && builtin(named).is_none() {
            cold(|| widget.show_error(&format!("no built-in scenario \"{named}\"")));
        }
        Ok(())
    }

    /// Phase 5, a frame after the widget was first painted: the packets (dozens of animated
    /// layers: a frame's work of their own), the clock, and the first `onPlan` call. Returns the
    /// mounted widget.
    pub fn finish(mut self) -> Result<Widget, JsError> {
        let Some(widget) = self.widget.take() else {
            return Err(JsError::new("finish() before draw(container)"));
        };
        {
            let mut state = widget.state.borrow_mut();
            state.mounted = true;
            state.start_packets();
            // Where `render` put the clock (its first step), as a redraw does.
            let at = state.playback.step_ms(state.step);
            for a in &state.animations {
                a.set_current_time(Some(at));
            }
        }
        let mut widget = widget;
        widget.sync_timer();
        widget.notify();
        Ok(widget)
    }
}

impl Widget {
    /// The size observer (re-layout across the compact threshold, packets re-fitted) and the
    /// visibility observer (packets run only on screen).
    fn observe(&mut self, container: &Element) {
        let weak = Rc::downgrade(&self.state);
        let on_resize = Closure::<dyn FnMut(js_sys::Array)>::new(move |_| {
            // Observer callbacks run between frames, never inside our own borrow; still, never
            // panic if they did.
            if let Some(Ok(mut s)) = weak.upgrade().as_ref().map(|s| s.try_borrow_mut()) {
                s.resized();
            }
        });
        if let Ok(observer) = web_sys::ResizeObserver::new(on_resize.as_ref().unchecked_ref()) {
            observer.observe(container);
            self.state.borrow_mut().resize = Some((observer, on_resize));
        }
        let weak = Rc::downgrade(&self.state);
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
            observer.observe(container);
            self.state.borrow_mut().visibility = Some((observer, on_view));
        }
    }

    /// All five phases at once (`new Widget(container, options, onPlan)`).
    pub(super) fn mount_now(
        container: Element,
        options: JsValue,
        on_plan: Option<js_sys::Function>,
    ) -> Result<Widget, JsError> {
        let mut mounting = Mounting::new(options)?;
        mounting.analyze();
        mounting.draw(container)?;
        mounting.show(on_plan)?;
        mounting.finish()
    }
}
