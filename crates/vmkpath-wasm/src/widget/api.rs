//! The widget's JavaScript API: the `#[wasm_bindgen]` methods the `<vmk-path>` shell and
//! embedding pages call (load a scenario, read the plan, change a control, play, pause, step),
//! and `show`, which every change of scenario after mounting goes through: its story told once
//! (`analysis::story`; traces and what-ifs when a panel needs them, `lazy.rs`), drawn, and
//! announced to the page (`on_plan`).

use super::{q, Origin, Widget};
use crate::playback::playback;
use crate::{scenario_from_js, to_js};
use vmkpath_core::edit;
use vmkpath_core::error::cold;
use vmkpath_core::format::{PlanFile, ScenarioFile};
use vmkpath_core::scenarios::builtin;
use vmkpath_core::{decode_scenario, story, Scenario};
use wasm_bindgen::prelude::*;
use web_sys::Element;

#[wasm_bindgen]
impl Widget {
    /// Show a built-in scenario by name, as the section's example (the page named it); ""
    /// goes back to the example.
    #[wasm_bindgen(js_name = loadBuiltin)]
    pub fn load_builtin(&mut self, name: &str) -> Result<(), JsError> {
        if name.is_empty() {
            self.reset();
            return Ok(());
        }
        self.show_builtin(name, true)
    }

    /// Show a scenario written as TOML or JSON; on error the current state is kept.
    #[wasm_bindgen(js_name = loadText)]
    pub fn load_text(&mut self, text: &str, label: &str) -> Result<(), JsError> {
        match decode_scenario(text) {
            Ok(scenario) => {
                self.show(scenario, Origin::Custom);
                self.make_example();
                Ok(())
            }
            Err(e) => Err(cold(|| {
                self.fail(&if label.is_empty() {
                    e.to_string()
                } else {
                    format!("{label}: {e}")
                })
            })),
        }
    }

    /// Show a scenario object; on error the current state is kept and the error shown.
    #[wasm_bindgen(js_name = setScenario)]
    pub fn set_scenario(&mut self, value: JsValue) -> Result<(), JsError> {
        match scenario_from_js(value) {
            Ok(scenario) => {
                self.show(scenario, Origin::Custom);
                self.make_example();
                Ok(())
            }
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
        to_js(&PlanFile::with_timeline(
            &s.scenario,
            &s.story.plan,
            &s.story.timeline,
        ))
    }

    /// Change one control as the reader would (`name` from the `data-control` names): only
    /// that setting of the scenario on screen changes. A control the scenario cannot express is
    /// an error, and the scenario stays.
    #[wasm_bindgen(js_name = setControl)]
    pub fn set_control(&mut self, name: &str, value: &str) -> Result<(), JsError> {
        if name == "builtin" {
            // The reader's choice of scenario; the section's example stays what it was.
            return if value.is_empty() {
                self.reset();
                Ok(())
            } else {
                self.show_builtin(value, false)
            };
        }
        let edited = {
            let s = self.state.borrow();
            edit::edit(&s.base, &s.scenario, name, value)
        };
        match edited {
            Ok(scenario) => {
                self.show_edited(scenario);
                Ok(())
            }
            Err(e) => {
                // The control shows the scenario's value again, not the refused one.
                self.state.borrow().sync_controls();
                Err(self.fail(&e))
            }
        }
    }

    /// Back to the section's own example (what the element named), undoing every control.
    pub fn reset(&mut self) {
        let (scenario, origin) = self.state.borrow().example.clone();
        self.show(scenario, origin);
    }

    #[wasm_bindgen(js_name = setOption)]
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
        let next = (s.step + 1) % s.story.narration.len().max(1);
        s.select_step(next);
    }

    pub fn restart(&mut self) {
        self.state.borrow_mut().seek_step(0);
    }

    #[wasm_bindgen(js_name = setSpeed)]
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

    #[wasm_bindgen(js_name = setReducedMotion)]
    pub fn set_reduced_motion(&mut self, on: bool) {
        self.state.borrow_mut().reduced_motion = on;
        self.state.borrow_mut().render(None);
    }

    /// Show a message (for errors that happen in the JS shell, such as a failed fetch).
    #[wasm_bindgen(js_name = showError)]
    pub fn show_error(&self, message: &str) {
        if let Some(el) = q(&self.state.borrow().root, ".error") {
            el.set_text_content(Some(message));
        }
    }

    #[wasm_bindgen(js_name = isPlaying)]
    pub fn is_playing(&self) -> bool {
        self.state.borrow().playing
    }

    #[wasm_bindgen(js_name = currentStep)]
    pub fn current_step(&self) -> usize {
        self.state.borrow().step
    }
}

impl Widget {
    /// Show built-in `name`; `example`: it becomes the section's example too.
    pub(super) fn show_builtin(&mut self, name: &str, example: bool) -> Result<(), JsError> {
        let Some(b) = builtin(name) else {
            return Err(cold(|| {
                self.fail(&format!("no built-in scenario \"{name}\""))
            }));
        };
        match b.scenario() {
            Ok(scenario) => {
                self.show(scenario, Origin::Builtin(name.to_string()));
                if example {
                    self.make_example();
                }
                Ok(())
            }
            Err(e) => Err(cold(|| self.fail(&e.to_string()))),
        }
    }

    /// What is shown is the section's example ("Back to this example" returns here).
    fn make_example(&mut self) {
        let mut s = self.state.borrow_mut();
        s.example = (s.scenario.clone(), s.origin.clone());
        s.sync_controls();
    }

    #[cold]
    #[inline(never)]
    pub(super) fn fail(&self, message: &str) -> JsError {
        self.show_error(message);
        JsError::new(message)
    }

    /// Show a scenario that came from outside the controls: it becomes what they edit.
    pub(super) fn show(&mut self, scenario: Scenario, origin: Origin) {
        self.show_as(scenario, Some(origin));
    }

    /// Show the scenario a control made from the base.
    pub(super) fn show_edited(&mut self, scenario: Scenario) {
        self.show_as(scenario, None);
    }

    fn show_as(&mut self, scenario: Scenario, origin: Option<Origin>) {
        {
            let mut s = self.state.borrow_mut();
            // The story of the new scenario (its traces and what-ifs wait for a panel that
            // needs them: lazy.rs); everything below reads it.
            let told = story(&scenario);
            let (previous_scenario, previous) = s.set_story(scenario, told);
            // Point out changed paths only when the reader edited the scenario they were looking
            // at, or stepped into or out of a what-if.
            let what_if = matches!(origin, Some(Origin::WhatIf(_)))
                || (origin.is_some() && matches!(s.origin, Origin::WhatIf(_)));
            let edited = origin.is_none() || what_if;
            if let Some(origin) = origin {
                if !matches!(origin, Origin::WhatIf(_)) {
                    s.back = None;
                }
                s.base = s.scenario.clone();
                s.origin = origin;
            }
            s.playback = playback(&s.story.timeline, &s.story.narration);
            s.step = 0;
            s.selected = false;
            // The mode first: the redraw ends by drawing the lesson for it.
            s.mode_after_change();
            s.render(edited.then_some((&previous_scenario, &previous.plan)));
            if edited {
                s.keep_diagram_in_view();
            }
        }
        self.sync_timer();
        self.notify();
    }

    pub(super) fn notify(&self) {
        let Some(callback) = &self.on_plan else {
            return;
        };
        if let Ok(plan) = self.plan() {
            let _ = callback.call1(&JsValue::NULL, &plan);
        }
    }

    /// The narration timer runs only while playing.
    pub(super) fn sync_timer(&mut self) {
        self.state.borrow_mut().schedule_tick();
    }
}

/// For the "Check your host" panel (host_panel.rs).
impl Widget {
    pub(crate) fn root(&self) -> Element {
        self.state.borrow().root.clone()
    }

    /// The version on screen: the default of the panel's version questions.
    pub(crate) fn version(&self) -> vmkpath_core::model::Version {
        self.state.borrow().scenario.version
    }

    pub(crate) fn show_scenario(&mut self, scenario: Scenario) {
        self.show(scenario, Origin::Host);
    }
}
