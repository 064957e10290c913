//! One analysis per scenario: the plan, its timeline, the narration, the traces and the
//! what-ifs, computed once and in one direction (plan -> timing -> the rest). The CLI, the plan
//! JSON and text, and the widget all read an [`Analysis`]; nothing downstream re-plans or
//! re-times. `analyze` is pure and deterministic like its parts.
//!
//! The analysis comes in two parts. The [`Story`] (plan, timeline, narration) is what drawing and
//! animating a scenario need, and the plan JSON reads only it; the traces and the what-ifs are
//! what a reader asks for ("why this vmknic?", "what if?"). The widget computes the story at every
//! change of scenario and the other two only when a panel needs them (issue 14: the wasm a widget
//! draws with is its smaller part); [`traces`] and [`what_ifs`] compute them from the story, so
//! both ways give the same values as [`analyze`].

use crate::model::Scenario;
use crate::narrate::{events, Event};
use crate::plan::{trace, Plan, Trace};
use crate::timing::{timed, what_if, Timeline, WhatIf};

#[derive(Debug, Clone, PartialEq)]
pub struct Analysis {
    /// The plan, with the findings only the timeline can give (`sdps`, `low-bandwidth` under
    /// 250 Mbit/s) merged into its findings in the plan's order.
    pub plan: Plan,
    /// When each flow of `plan` runs (empty for a blocked plan).
    pub timeline: Timeline,
    /// The plan told as ordered steps (`narrate::events`).
    pub narration: Vec<Event>,
    /// "Why this vmknic?" for every flow, in flow order (`plan::trace`).
    pub traces: Vec<Trace>,
    /// The fixes the engine can apply, each planned and timed (`timing::what_if`).
    pub what_ifs: Vec<WhatIf>,
}

/// What drawing and animating a scenario need: the analysis without its traces and what-ifs.
#[derive(Debug, Clone, PartialEq)]
pub struct Story {
    /// As [`Analysis::plan`]: with the timing findings.
    pub plan: Plan,
    pub timeline: Timeline,
    pub narration: Vec<Event>,
}

/// The plan (timed, with its timing findings), its timeline and its narration.
pub fn story(s: &Scenario) -> Story {
    let (plan, timeline) = timed(s);
    let narration = events(s, &plan);
    Story {
        plan,
        timeline,
        narration,
    }
}

/// "Why this vmknic?" for every flow of the story's plan.
pub fn traces(s: &Scenario, story: &Story) -> Vec<Trace> {
    trace(s, &story.plan)
}

/// The fixes of the story's plan, each timed with `timing::timed`, never with `analyze` (a fix
/// has no what-ifs of its own).
pub fn what_ifs(s: &Scenario, story: &Story) -> Vec<WhatIf> {
    what_if(s, &story.plan, &story.timeline)
}

/// Everything there is to say about a scenario: its story, then the traces and what-ifs of it.
pub fn analyze(s: &Scenario) -> Analysis {
    let story = story(s);
    let traces = traces(s, &story);
    let what_ifs = what_ifs(s, &story);
    let Story {
        plan,
        timeline,
        narration,
    } = story;
    Analysis {
        plan,
        timeline,
        narration,
        traces,
        what_ifs,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenarios::builtins;
    use crate::toggles::cross_product;

    /// The widget builds its analysis in parts (the story at once, traces and what-ifs when a
    /// panel asks): the parts must be exactly what `analyze` gives, on every built-in and on the
    /// controls' scenarios (every 7th of the toggle cross product).
    #[test]
    fn the_story_and_its_traces_and_what_ifs_are_the_analysis() {
        let controls = cross_product();
        let scenarios = builtins()
            .map(|b| b.scenario().expect("every built-in validates"))
            .chain(controls.iter().step_by(7).filter_map(|t| t.scenario().ok()));
        let mut checked = 0;
        for s in scenarios {
            let story = story(&s);
            let parts = Analysis {
                traces: traces(&s, &story),
                what_ifs: what_ifs(&s, &story),
                plan: story.plan,
                timeline: story.timeline,
                narration: story.narration,
            };
            assert_eq!(parts, analyze(&s), "{}", s.vm.name);
            checked += 1;
        }
        assert!(checked > 20, "only {checked} scenarios checked");
    }

    /// Companion: the comparison above sees a difference in the lazy parts (a story of another
    /// scenario's traces is not its analysis).
    #[test]
    fn companion_a_wrong_part_is_seen() {
        let a = builtins()
            .find_map(|b| b.scenario().ok())
            .expect("a built-in");
        let b = builtins()
            .filter_map(|b| b.scenario().ok())
            .find(|s| trace(s, &timed(s).0) != trace(&a, &timed(&a).0))
            .expect("two built-ins with other traces");
        let story_a = story(&a);
        let mixed = Analysis {
            traces: traces(&b, &story(&b)),
            what_ifs: what_ifs(&a, &story_a),
            plan: story_a.plan,
            timeline: story_a.timeline,
            narration: story_a.narration,
        };
        assert_ne!(mixed, analyze(&a));
    }
}
