//! What if: for each finding the engine can fix, the fix in words and both durations, and a
//! button that shows the fixed scenario (with the old paths as ghosts and the changes listed),
//! then back. The fixes and figures come from the core: the scenario's `what_ifs`, computed when
//! the panel is first drawn or a fix is asked for (`lazy.rs`), once per scenario shown.

use super::{Back, Origin, State, Widget};
use crate::html::esc;
use vmkpath_core::timing::human_duration;
use wasm_bindgen::prelude::*;

impl State {
    pub(super) fn render_what_if(&self) {
        let markup = if let (Origin::WhatIf(change), Some(_)) = (&self.origin, &self.back) {
            format!(
                "<h3>What if?</h3><p>Showing the fixed scenario. {}. Any path it changed is listed above, and the old one fades out as a ghost.</p><button type=\"button\" data-action=\"what-if-back\">Back to the scenario before the fix</button>",
                esc(change)
            )
        } else {
            let fixes = self.what_ifs();
            if fixes.is_empty() {
                String::new()
            } else {
                let mut items = String::new();
                for (k, f) in fixes.iter().enumerate() {
                    items.push_str(&format!(
                            "<li><strong>{}</strong>: {} The whole migration: {} → {}. <button type=\"button\" data-what-if=\"{k}\">Show this fix</button></li>",
                            esc(&f.change),
                            esc(&f.sentence),
                            esc(&human_duration(f.before_s)),
                            esc(&human_duration(f.after_s)),
                        ));
                }
                format!("<h3>What if?</h3><p class=\"model\">Durations are estimates from our timing model.</p><ul>{items}</ul>")
            }
        };
        self.set_html(".what-if", &markup);
    }
}

#[wasm_bindgen]
impl Widget {
    /// Show the scenario with fix `k` of the current what-if list applied.
    #[wasm_bindgen(js_name = showWhatIf)]
    #[inline(never)]
    pub fn show_what_if(&mut self, k: usize) -> Result<(), JsError> {
        let (fix, before) = {
            let s = self.state.borrow();
            let Some(fix) = s.what_ifs().get(k).cloned() else {
                return Err(self.fail(&format!("no what-if fix number {k} here")));
            };
            (
                fix,
                Back {
                    scenario: s.scenario.clone(),
                    origin: s.origin.clone(),
                    base: s.base.clone(),
                },
            )
        };
        self.state.borrow_mut().back = Some(before);
        let told = format!(
            "{} {} Whole migration: {} before, {} after",
            fix.change,
            fix.sentence,
            human_duration(fix.before_s),
            human_duration(fix.after_s)
        );
        self.show(fix.scenario, Origin::WhatIf(told));
        Ok(())
    }

    /// Back from a what-if to the scenario it was made from.
    #[wasm_bindgen(js_name = whatIfBack)]
    #[inline(never)]
    pub fn what_if_back(&mut self) {
        let back = self.state.borrow_mut().back.take();
        if let Some(back) = back {
            self.show(back.scenario, back.origin);
            // The controls edit what they edited before the fix.
            self.state.borrow_mut().base = back.base;
            self.state.borrow().sync_controls();
        }
    }
}
