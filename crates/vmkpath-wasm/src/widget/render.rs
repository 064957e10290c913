//! Drawing the state into the shadow root: the status line, the diagram (with path morphs,
//! ghosts and packets), the panels and the control values after every change, the narration
//! step and its highlight, and the chrome's skeleton the widget mounts once.

use super::{clock, q, Origin, State};
use crate::{animate, controls, html, packets};
use vmkpath_core::plan::Plan;
use vmkpath_core::scene::{layout, to_svg, LayoutOptions, SvgOptions};
use vmkpath_core::Scenario;
use wasm_bindgen::JsCast;
use web_sys::Element;

/// Narrower than this (CSS px), the hosts are stacked instead of side by side.
const COMPACT_BELOW: f64 = 600.0;

impl State {
    pub(super) fn set_html(&self, selector: &str, markup: &str) {
        if let Some(el) = q(&self.root, selector) {
            el.set_inner_html(markup);
        }
    }

    pub(super) fn set_text(&self, selector: &str, text: &str) {
        if let Some(el) = q(&self.root, selector) {
            el.set_text_content(Some(text));
        }
    }

    /// The widget's width changed: a new layout when it crosses the phone/page threshold,
    /// otherwise only the packet layer's scale.
    pub(super) fn resized(&mut self) {
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

    /// Watch the widget and its new drawing: the observer fits the packet layer to the drawn
    /// size after layout (a first observation comes with the next frame), so drawing never
    /// forces a layout of its own.
    fn observe_size(&self) {
        if let Some((observer, _)) = &self.resize {
            observer.disconnect();
            observer.observe(&self.root);
            if let Some(svg) = q(&self.root, ".diagram svg") {
                observer.observe(&svg);
            }
        }
    }

    /// Redraw everything after the scenario changed; `previous` points out what changed.
    pub(super) fn render(&mut self, previous: Option<(&Scenario, &Plan)>) {
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
        self.observe_size();
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
    pub(super) fn go_to(&mut self, i: usize) {
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
    pub(super) fn highlight(&self, flows: &[usize]) {
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

    pub(super) fn explain_flow(&self, i: usize) {
        self.set_html(
            ".explain",
            &(html::flow_explanation(&self.scenario, &self.plan, i)
                + &clock::flow_time(&self.timeline, i)
                + &crate::teach::trace_markup(&self.scenario, &self.traces, i)),
        );
        self.highlight(&[i]);
    }
}

/// What changed between the last plan and this one, in sentences (computed by the core).
fn changed_paths(old_s: &Scenario, old: &Plan, new_s: &Scenario, new: &Plan) -> Vec<String> {
    vmkpath_core::compare::changed_flows(old_s, old, new_s, new)
        .into_iter()
        .map(|c| c.text)
        .collect()
}

/// The chrome the widget mounts once; `render` and the other modules fill its parts.
pub(super) fn skeleton(controls: &str) -> String {
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
