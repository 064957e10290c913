//! Drawing the state into the shadow root: the status line, the diagram (with path morphs,
//! ghosts and packets), the panels and the control values after every change, the narration
//! step and its highlight, and the chrome's skeleton the widget mounts once.

use super::lazy::Why;
use super::{clock, index_attr, q, Origin, State};
use crate::{animate, html, packets};
use vmkpath_core::edit;
use vmkpath_core::lists::Joined;
use vmkpath_core::plan::Plan;
use vmkpath_core::scene::{layout, to_svg, Arrangement, LayoutOptions, SvgOptions};
use vmkpath_core::Scenario;
use wasm_bindgen::JsCast;
use wasm_bindgen::JsValue;
use web_sys::Element;

/// The widget's padding either side of the diagram (`.vmkpath { padding: 12px }` in
/// vmk-path.css): the diagram is drawn this much narrower than the width the widget reads, so it
/// shows at its own size (a drawing laid out 24 px too wide is scaled to 0.96, and its 11 px
/// texts render at 10.6 CSS px).
const PADDING: f64 = 24.0;

impl State {
    /// The width of the diagram, in CSS px: the widget's, inside its padding.
    fn diagram_width(width: f64) -> f64 {
        width - PADDING
    }

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

    /// The widget's width changed: a new layout when it calls for another arrangement (phone,
    /// blog column, wide page), otherwise only the packet layer's scale.
    pub(super) fn resized(&mut self) {
        let width = f64::from(self.root.client_width().max(320));
        let arrangement = |w| Arrangement::for_width(Self::diagram_width(w));
        if arrangement(width) != arrangement(self.width) {
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
    pub(super) fn observe_size(&self) {
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
        let mut origin = match &self.origin {
            Origin::Default => "the controls' default scenario".to_string(),
            Origin::Builtin(name) => format!("built-in scenario {name}"),
            Origin::Custom => "your scenario".to_string(),
            Origin::Host => "your hosts (from the pasted output)".to_string(),
            Origin::WhatIf(_) => "what if: the fix below".to_string(),
        };
        if self.scenario != self.base {
            origin.push_str(", edited by the controls");
        }
        let mut status = format!(
            "vSphere {} · {} migration of {} · {}",
            self.scenario.version,
            self.scenario.migration.kind.as_str(),
            self.scenario.vm.name,
            origin
        );
        status.push_str(&clock::duration_note(
            self.story.timeline.duration_s,
            self.story.timeline.stun_ms,
        ));
        if let Some((old_s, old)) = previous {
            let changes = changed_paths(old_s, old, &self.scenario, &self.story.plan);
            if !changes.is_empty() {
                status.push_str(&format!(" · {}", changes.joined("; ")));
            }
        }
        self.set_text(".status", &status);
        let verdict = vmkpath_core::verdict::verdict(&self.scenario, &self.story.plan);
        self.set_text(
            ".answer",
            &if self.origin == Origin::Host {
                verdict.for_your_hosts()
            } else {
                verdict.sentence()
            },
        );
        let scene = layout(
            &self.scenario,
            &self.story.plan,
            &LayoutOptions::for_width(Self::diagram_width(self.width)),
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
        self.set_html(
            ".topology",
            &crate::topology::topology(&self.scenario, &self.story.plan),
        );
        // A redraw starts "Why this path?" over; the panels drawn on need are drawn if open.
        self.why = Why::Prompt;
        self.draw_panels();
        self.sync_controls();
        self.sync_panels();
        if let Some(root) = q(&self.root, ".diagram") {
            let _ = root
                .class_list()
                .toggle_with_force("reduced-motion", self.reduced_motion);
        }
        // While mounting, the packets wait for the last phase (widget/mount.rs).
        if self.mounted {
            self.start_packets();
        }
        self.observe_size();
        self.start_clock();
        let step = self.step;
        self.seek_step(step);
        self.render_lesson();
    }

    /// The packets on the drawn paths (the previous ones cancelled).
    pub(super) fn start_packets(&mut self) {
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
    }

    /// Every control shows what the scenario on screen says, disabled with the reason where the
    /// scenario cannot express it; "Back to this example" shows while it differs from the example.
    pub(super) fn sync_controls(&self) {
        let set = |el: &Element, key: &str, value: JsValue| animate::set_prop(el, key, &value);
        if let Some(reset) = q(&self.root, "[data-action=reset]") {
            let _ = reset.toggle_attribute_with_force("hidden", self.scenario == self.example.0);
        }
        for name in &self.shown {
            let Some(el) = q(&self.root, &format!("[data-control=\"{name}\"]")) else {
                continue;
            };
            if *name == "builtin" {
                let value = match &self.origin {
                    Origin::Builtin(n) if self.scenario == self.base => n.clone(),
                    _ => String::new(),
                };
                set(&el, "value", value.into());
                continue;
            }
            let Some(reading) = edit::read(&self.scenario, name) else {
                continue;
            };
            match el.dyn_ref::<web_sys::HtmlInputElement>() {
                Some(input) if input.type_() == "checkbox" => {
                    input.set_checked(reading.value == "true")
                }
                _ => {
                    // A value the choices lack (a 2.5 GbE link, seven snapshots) is shown as
                    // it is, never replaced by the nearest choice.
                    let selector = format!("option[value=\"{}\"]", html::esc(&reading.value));
                    if q(&el, &selector).is_none() {
                        let _ = el.insert_adjacent_html(
                            "beforeend",
                            &format!(
                                "<option value=\"{0}\" disabled>{0}</option>",
                                html::esc(&reading.value)
                            ),
                        );
                    }
                    set(&el, "value", reading.value.clone().into());
                }
            }
            set(&el, "disabled", reading.disabled.is_some().into());
            if let Some(label) = q(
                &self.root,
                &format!("[data-for=\"{name}\"] .disabled-reason"),
            ) {
                label.set_text_content(Some(
                    &reading
                        .disabled
                        .map(|r| format!(" ({r})"))
                        .unwrap_or_default(),
                ));
            }
        }
    }

    /// After a reader's change (a control, "Show this fix", back), bring the changed diagram into
    /// view if it left the window (a fix is chosen far below it). Called only on those actions:
    /// reading the diagram's position is a layout.
    pub(super) fn keep_diagram_in_view(&self) {
        let Some(diagram) = q(&self.root, ".diagram") else {
            return;
        };
        let target: JsValue = diagram.into();
        let Ok(rect) = animate::call(&target, "getBoundingClientRect", &[]) else {
            return;
        };
        let height = web_sys::window()
            .and_then(|w| w.inner_height().ok())
            .and_then(|h| h.as_f64())
            .unwrap_or(0.0);
        let Some(top) = animate::prop(&rect, "top").and_then(|n| n.as_f64()) else {
            return;
        };
        // Its top above the window, or too low in it to see the change.
        if top < 0.0 || top > height * 0.8 {
            scroll_into_view(&target, "start");
        }
    }

    /// Show the open panels, hide the others (the text version is only visually hidden, so it
    /// stays in the accessibility tree), and keep the buttons' state and counts current.
    pub(super) fn sync_panels(&self) {
        for (name, class, _) in crate::panels::ALL {
            let open = self.panels.is_open(name);
            if let Some(section) = q(&self.root, &format!(".panels > .{class}")) {
                if name == "text" {
                    let _ = section.class_list().toggle_with_force("sr-only", !open);
                } else {
                    let _ = section.toggle_attribute_with_force("hidden", !open);
                }
            }
            if let Some(button) = q(&self.root, &format!("[data-panel=\"{name}\"]")) {
                let _ = button.set_attribute("aria-expanded", if open { "true" } else { "false" });
            }
        }
        let problems = html::finding_group_count(&self.story.plan);
        self.set_text(
            "[data-panel=findings] .count",
            &if problems == 0 {
                String::new()
            } else {
                format!(" ({problems})")
            },
        );
    }

    /// Move the narration to step `i`: highlight its flows, mark it in the list, say it once.
    pub(super) fn go_to(&mut self, i: usize) {
        self.step = i.min(self.story.narration.len().saturating_sub(1));
        self.set_html(
            ".events",
            &html::events(&self.story.narration, self.step, &self.playback.steps),
        );
        let flows = self
            .story
            .narration
            .get(self.step)
            .filter(|_| self.playing || self.selected)
            .map(|s| s.flows.clone())
            .unwrap_or_default();
        self.highlight(&flows);
        let text = self
            .story
            .narration
            .get(self.step)
            .map(|s| {
                format!(
                    "Step {} of {}: {}",
                    self.step + 1,
                    self.story.narration.len(),
                    s.text
                )
            })
            .unwrap_or_default();
        // The caption under the diagram narrates the step; as a live region it hears each step
        // once: a redraw of the same step says nothing new.
        if q(&self.root, ".step-caption")
            .and_then(|n| n.text_content())
            .as_deref()
            != Some(&text)
        {
            self.set_text(".step-caption", &text);
        }
    }

    /// Dim every flow not in `flows` (none dimmed when `flows` is empty).
    pub(super) fn highlight(&self, flows: &[usize]) {
        self.mark_flows("dim", &|i| !flows.is_empty() && !flows.contains(&i));
    }

    /// Give every drawn flow element (`[data-flow]`) `class` where `on` says so for its index,
    /// and take it away elsewhere. `on` is a `dyn Fn`: one copy of the walk for every caller.
    pub(super) fn mark_flows(&self, class: &str, on: &dyn Fn(usize) -> bool) {
        let Ok(paths) = self.root.query_selector_all("[data-flow]") else {
            return;
        };
        for k in 0..paths.length() {
            let Some(el) = paths.item(k).and_then(|n| n.dyn_into::<Element>().ok()) else {
                continue;
            };
            let i = index_attr(&el, "data-flow").unwrap_or(usize::MAX);
            let _ = el.class_list().toggle_with_force(class, on(i));
        }
    }

    /// The reader selected step `i`: its flows stand out and "Why this path?" explains the
    /// first of them.
    pub(super) fn select_step(&mut self, i: usize) {
        self.selected = true;
        self.seek_step(i);
        let flows = self
            .story
            .narration
            .get(self.step)
            .map(|s| s.flows.clone())
            .unwrap_or_default();
        if let Some(first) = flows.first() {
            self.explain(Why::Flow(*first), false);
            self.highlight(&flows);
        }
    }
}

/// `element.scrollIntoView({block})`, by name (no web-sys feature for the options).
pub(super) fn scroll_into_view(element: &JsValue, block: &str) {
    if let Ok(options) = animate::object(&[("block", block.into())]) {
        let _ = animate::call(element, "scrollIntoView", &[options.into()]);
    }
}

/// What changed between the last plan and this one, in sentences (computed by the core).
fn changed_paths(old_s: &Scenario, old: &Plan, new_s: &Scenario, new: &Plan) -> Vec<String> {
    vmkpath_core::compare::changed_flows(old_s, old, new_s, new)
        .into_iter()
        .map(|c| c.text)
        .collect()
}

/// The chrome the widget mounts once; `render` and the other modules fill its parts. By default
/// a reader sees the verdict, the controls, the diagram and the caption that narrates it; the
/// panels are one click away (`more`, the `panels` attribute).
pub(super) fn skeleton(controls: &str, more: &str, player: bool) -> String {
    // The bar stays when empty (hidden by CSS): the host panel is placed after it.
    let controls =
        format!("<div class=\"controls\" role=\"group\" aria-label=\"Scenario\">{controls}</div>");
    let player = if player {
        r#"<div class="player" role="group" aria-label="Animation">
<button type="button" data-action="play" aria-pressed="false">Play</button>
<button type="button" data-action="step">Step</button>
<button type="button" data-action="restart">Restart</button>
<span class="clock" role="timer" aria-live="off"></span>
<label>Speed <select data-action="speed"><option value="0.5">½×</option><option value="1" selected>1×</option><option value="2">2×</option><option value="4">4×</option></select></label>
<label><input type="checkbox" data-action="reduced-motion"> Reduce motion</label>
<button type="button" data-action="predict" aria-pressed="false">Predict</button>
<button type="button" data-action="tour" aria-pressed="false">Tour</button>
<button type="button" data-action="copy-link">Copy link</button>
</div>"#
    } else {
        ""
    };
    format!(
        r#"<button type="button" class="skip sr-only" data-action="skip">Skip past this widget</button>
<p class="answer"></p>
{controls}
{player}
<p class="link hidden"><label>Link to this state <input type="text" readonly></label> <output aria-live="polite"></output></p>
<p class="fragment-notice" role="status"></p>
<p class="error" role="alert"></p>
<section class="lesson" aria-live="polite"></section>
<p class="start-cue">Press Play to watch the migration step by step, or click a path to see why it goes that way.</p>
<div class="diagram"></div>
<p class="step-caption" aria-live="polite"></p>
<p class="status"></p>
{more}
<div class="panels">
<section class="panel findings" hidden></section>
<section class="panel explain" aria-live="polite" hidden></section>
<section class="panel what-if" hidden></section>
<section class="panel events" hidden></section>
<section class="panel topology sr-only"></section>
</div>"#
    )
}
