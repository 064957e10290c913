//! One analysis per scenario: the plan, its timeline, the narration, the traces and the
//! what-ifs, computed once and in one direction (plan -> timing -> the rest). The CLI, the plan
//! JSON and text, and the widget all read an [`Analysis`]; nothing downstream re-plans or
//! re-times. `analyze` is pure and deterministic like its parts.

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

/// Everything there is to say about a scenario. The what-ifs time their fixed scenarios with
/// `timing::timed`, never with `analyze` (a fix has no what-ifs of its own).
pub fn analyze(s: &Scenario) -> Analysis {
    let (plan, timeline) = timed(s);
    let narration = events(s, &plan);
    let traces = trace(s, &plan);
    let what_ifs = what_if(s, &plan, &timeline);
    Analysis {
        plan,
        timeline,
        narration,
        traces,
        what_ifs,
    }
}
