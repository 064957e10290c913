//! Predict, then reveal: for each network flow of a plan, up to three questions: which vmknic it
//! leaves on, which vmknic it arrives on, and which uplink it leaves by (the last two only where
//! there is more than one candidate, so that the question is a real one). Each question carries
//! its choices, its answer (the flow's own endpoint in the plan) and a one-sentence reason from
//! the trace (so the reveal matches the "why" panel). The surprises come first: a flow that does
//! not leave on the vmknic meant for it (`Flow::bypassed`, or NFC/UDT data on a management
//! vmknic, what the `nfc-over-management` finding reports); otherwise narration order. Storage-path flows
//! are skipped: no vmknic carries them, so there is nothing to predict.

use crate::lists;
use crate::model::{Scenario, Service, UplinkId, VmkId};
use crate::narrate::events;
use crate::plan::{trace, Flow, Plan, Side, StepKind, Trace, Traffic, Transport};

/// What a question asks about a flow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Ask {
    /// The source vmknic the bytes leave on.
    Leaves,
    /// The destination vmknic they arrive on.
    Arrives,
    /// The source uplink they leave by.
    Uplink,
}

impl Ask {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Leaves => "leaves",
            Self::Arrives => "arrives",
            Self::Uplink => "uplink",
        }
    }
    /// The host the candidates belong to.
    pub fn side(self) -> Side {
        match self {
            Self::Arrives => Side::Destination,
            Self::Leaves | Self::Uplink => Side::Source,
        }
    }
}

/// One choice of a question: a vmknic or an uplink of the question's host.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Choice {
    Vmk(VmkId),
    Uplink(UplinkId),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Question {
    /// Index into `plan.flows`.
    pub flow: usize,
    pub traffic: Traffic,
    pub ask: Ask,
    /// "Memory pre-copy leaves esx01 on which vmknic?"
    pub prompt: String,
    /// Every vmknic (or uplink) of the question's host, in creation order.
    pub candidates: Vec<Choice>,
    pub answer: Choice,
    /// One sentence: why the answer is right.
    pub reason: String,
    /// The answer rests on a statement domain.md marks *assumed*: say so in the reveal.
    pub assumed: bool,
}

fn what(traffic: Traffic) -> &'static str {
    match traffic {
        Traffic::Memory => "Memory pre-copy",
        Traffic::HotDisk => "Hot disk data",
        Traffic::IoMirror => "The mirrored guest writes",
        Traffic::ColdDisk => "Cold disk data",
        Traffic::HomeFiles => "The home files",
    }
}

fn plural(traffic: Traffic) -> bool {
    matches!(traffic, Traffic::IoMirror | Traffic::HomeFiles)
}

/// The flow does not leave on the vmknic meant for it: the lesson's surprise.
fn surprising(s: &Scenario, flow: &Flow) -> bool {
    let nfc = matches!(flow.transport, Transport::Nfc | Transport::Udt);
    let on_management = flow
        .source
        .vmk
        .is_some_and(|v| s.source.vmk(v).has(Service::Management));
    flow.bypassed.is_some() || (nfc && on_management)
}

/// The text of the trace's first step of a kind, else its summary.
fn step_text(t: &Trace, kind: StepKind) -> String {
    t.steps
        .iter()
        .find(|st| st.kind == kind)
        .map(|st| st.text.clone())
        .unwrap_or_else(|| t.summary.clone())
}

/// The questions about one flow: where it leaves, where it arrives, which uplink.
fn about(s: &Scenario, plan: &Plan, i: usize, flow: &Flow, t: &Trace) -> Vec<Question> {
    let same: Vec<usize> = lists::positions(&plan.flows, |f| f.traffic == flow.traffic);
    let stream = match (
        same.len(),
        same.iter().position(|j| *j == i),
        flow.destination.vmk,
    ) {
        (n, Some(k), Some(d)) if n > 1 => format!(
            " (stream {} of {n}, to {}'s {})",
            k + 1,
            s.destination.name,
            s.destination.vmk(d).name
        ),
        _ => String::new(),
    };
    let subject = format!("{}{stream}", what(flow.traffic));
    let (leaves, arrives) = if plural(flow.traffic) {
        ("leave", "arrive")
    } else {
        ("leaves", "arrives")
    };
    let question = |ask, prompt, candidates: Vec<Choice>, answer, reason| Question {
        flow: i,
        traffic: flow.traffic,
        ask,
        prompt,
        candidates,
        answer,
        reason,
        assumed: t.assumed,
    };
    let mut out = Vec::new();
    // The trace and the plan agree on the endpoints (tests/it/properties.rs); the plan's are
    // the answers, the trace's texts the reasons.
    let Some(egress) = flow.source.vmk else {
        return out;
    };
    out.push(question(
        Ask::Leaves,
        format!("{subject} {leaves} {} on which vmknic?", s.source.name),
        lists::from_fn(s.source.vmknics.len(), |k| Choice::Vmk(VmkId(k))),
        Choice::Vmk(egress),
        t.summary.clone(),
    ));
    if let Some(receiver) = flow.destination.vmk {
        if s.destination.vmknics.len() > 1 {
            out.push(question(
                Ask::Arrives,
                format!(
                    "{subject} {arrives} at {} on which vmknic?",
                    s.destination.name
                ),
                lists::from_fn(s.destination.vmknics.len(), |k| Choice::Vmk(VmkId(k))),
                Choice::Vmk(receiver),
                step_text(t, StepKind::Receiver),
            ));
        }
    }
    if let Some(uplink) = flow.source.uplink {
        if s.source.uplinks.len() > 1 {
            out.push(question(
                Ask::Uplink,
                format!("{subject} {leaves} {} by which uplink?", s.source.name),
                lists::from_fn(s.source.uplinks.len(), |u| Choice::Uplink(UplinkId(u))),
                Choice::Uplink(uplink),
                step_text(t, StepKind::Egress),
            ));
        }
    }
    out
}

/// The questions about every network flow: the surprising flows first, otherwise in the order
/// the narration tells them (disks first, then memory [D12]); per flow, leaves, arrives, uplink.
pub fn questions(s: &Scenario, plan: &Plan) -> Vec<Question> {
    let traces = trace(s, plan);
    let mut order: Vec<usize> = Vec::new();
    for event in events(s, plan) {
        for i in event.flows {
            if !order.contains(&i) {
                order.push(i);
            }
        }
    }
    // Stable: narration order within the surprises and within the rest.
    // The shared sort of `sorted` (the standard one would be another ~2 KB copy in the wasm).
    crate::sorted::sort_by_key(&mut order, |i| {
        plan.flows.get(*i).is_none_or(|f| !surprising(s, f))
    });
    let mut out = Vec::new();
    for i in order {
        let (Some(flow), Some(t)) = (plan.flows.get(i), traces.get(i)) else {
            continue;
        };
        if flow.transport == Transport::Storage {
            continue;
        }
        out.extend(about(s, plan, i, flow, t));
    }
    out
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Score {
    pub correct: usize,
    pub answered: usize,
    pub total: usize,
    /// Per question: `None` not answered, else whether the guess was right.
    pub results: Vec<Option<bool>>,
}

/// Scores guesses given in question order (`None`: skipped). Extra guesses are ignored;
/// missing ones count as skipped.
pub fn score(questions: &[Question], guesses: &[Option<Choice>]) -> Score {
    let results: Vec<Option<bool>> = lists::from_fn(questions.len(), |i| {
        let answer = questions[i].answer;
        guesses.get(i).copied().flatten().map(|g| g == answer)
    });
    Score {
        correct: results.iter().filter(|r| **r == Some(true)).count(),
        answered: results.iter().filter(|r| r.is_some()).count(),
        total: questions.len(),
        results,
    }
}

/// The name of a choice on the question's host ("vmk0", "vmnic1").
pub fn choice_name(s: &Scenario, q: &Question, c: Choice) -> String {
    let host = match q.ask.side() {
        Side::Source => &s.source,
        Side::Destination => &s.destination,
    };
    match c {
        Choice::Vmk(v) => host.vmk(v).name.clone(),
        Choice::Uplink(u) => host.uplink(u).name.clone(),
    }
}

/// Looks a guess up by name among the question's candidates (what a UI or a JSON caller holds);
/// an unknown name is `None`.
pub fn guess_by_name(s: &Scenario, q: &Question, name: &str) -> Option<Choice> {
    q.candidates
        .iter()
        .copied()
        .find(|c| choice_name(s, q, *c) == name)
}

#[cfg(test)]
mod tests;
