//! What only some readers ask for, computed and drawn on first need (issue 14 item 3): the
//! traces ("why this vmknic?", step by step) and the what-ifs of the scenario on screen, and the
//! three panels that show them or explain the plan (findings, "Why this path?", "What if?").
//!
//! A mount or a change of scenario computes only the story (`analysis::story`: plan, timeline,
//! narration) and draws only the panels that are open; a closed one is left empty. So what these
//! panels run is never on the way to drawing, animating or changing a scenario, and the wasm
//! split leaves it in the rest (`tests/split/profile.mjs` opens no panel), which the shell links
//! before a reader's click that needs it reaches the widget (`www/vmk-path.js`). The traces and
//! what-ifs, once computed, are kept until the scenario changes (`State::set_story` replaces
//! them with it); a core test holds the parts equal to `analysis::analyze`.

use super::{clock, q, State};
use crate::{html, teach};
use std::cell::OnceCell;
use vmkpath_core::analysis::{traces, what_ifs};
use vmkpath_core::plan::{Side, Trace};
use vmkpath_core::timing::WhatIf;
use vmkpath_core::{Scenario, Story};

/// The scenario's traces and what-ifs, each computed when first asked for.
#[derive(Default)]
pub(super) struct Lazy {
    traces: OnceCell<Vec<Trace>>,
    what_ifs: OnceCell<Vec<WhatIf>>,
}

/// What "Why this path?" explains: the prompt until the reader picks a flow (a path, a step) or
/// a vmknic. Kept while the panel is closed, so opening it shows the last pick.
#[derive(Debug, Clone, PartialEq, Default)]
pub(super) enum Why {
    #[default]
    Prompt,
    Flow(usize),
    Vmk(Side, String),
}

/// The panels drawn on need: name (as in `panels::ALL`) and the selector of their section.
const DRAWN_ON_NEED: [(&str, &str); 3] = [
    ("findings", ".findings"),
    ("why", ".explain"),
    ("what-if", ".what-if"),
];

const PROMPT: &str = "Select a path, a vmknic or a step to see why.";

impl State {
    /// The new scenario and its story on screen; the traces and what-ifs of the old one go with
    /// it. Returns the old scenario and story (what changed is pointed out from them).
    pub(super) fn set_story(&mut self, scenario: Scenario, story: Story) -> (Scenario, Story) {
        self.lazy = Lazy::default();
        (
            std::mem::replace(&mut self.scenario, scenario),
            std::mem::replace(&mut self.story, story),
        )
    }

    pub(super) fn traces(&self) -> &[Trace] {
        self.lazy
            .traces
            .get_or_init(|| traces(&self.scenario, &self.story))
    }

    pub(super) fn what_ifs(&self) -> &[WhatIf] {
        self.lazy
            .what_ifs
            .get_or_init(|| what_ifs(&self.scenario, &self.story))
    }

    /// After a redraw: each panel drawn on need drawn if open, emptied if closed (what it said
    /// may be of the scenario before).
    pub(super) fn draw_panels(&self) {
        for (name, _) in DRAWN_ON_NEED {
            self.draw_panel(name);
        }
    }

    /// Draw panel `name` if it is one drawn on need and open; empty it if it is closed.
    pub(super) fn draw_panel(&self, name: &str) {
        let Some((name, selector)) = DRAWN_ON_NEED.into_iter().find(|(n, _)| *n == name) else {
            return;
        };
        if !self.panels.is_open(name) {
            self.set_html(selector, "");
            return;
        }
        self.draw_open_panel(name, selector);
    }

    /// An open panel drawn. Never inlined into `draw_panel`, which every redraw calls to empty
    /// the closed ones: this way a widget whose panels stay closed never calls the drawing of
    /// findings, traces and what-ifs, and the split leaves all of it in the wasm's rest.
    #[inline(never)]
    fn draw_open_panel(&self, name: &str, selector: &str) {
        match name {
            "findings" => {
                self.set_html(selector, &html::findings(&self.scenario, &self.story.plan))
            }
            "why" => self.draw_why(),
            _ => self.render_what_if(),
        }
    }

    /// Explain `why` in "Why this path?" (drawn if the panel is open); `open`: open it first (a
    /// click, not a focus). A flow explained stands out in the drawing.
    pub(super) fn explain(&mut self, why: Why, open: bool) {
        if let Why::Flow(i) = why {
            self.highlight(&[i]);
        }
        self.why = why;
        if open && !self.panels.is_open("why") {
            self.panels.show("why");
            self.sync_panels();
        }
        self.draw_panel("why");
    }

    /// The open "Why this path?" panel, saying what `why` holds. It is a live region: the
    /// prompt is not written again when it is already there, so a redraw is not read out again.
    fn draw_why(&self) {
        let markup = match &self.why {
            Why::Prompt => {
                if q(&self.root, ".explain p")
                    .and_then(|p| p.text_content())
                    .as_deref()
                    == Some(PROMPT)
                {
                    return;
                }
                format!("<h3>Why this path?</h3><p>{PROMPT}</p>")
            }
            Why::Flow(i) => {
                html::flow_explanation(&self.scenario, &self.story.plan, *i)
                    + &clock::flow_time(&self.story.timeline, *i)
                    + &teach::trace_markup(&self.scenario, self.traces(), *i)
            }
            Why::Vmk(side, name) => {
                html::vmk_explanation(&self.scenario, &self.story.plan, *side, name)
            }
        };
        self.set_html(".explain", &markup);
    }
}
