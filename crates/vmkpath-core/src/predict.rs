//! Predict, then reveal: for each flow of a plan, in narration order, the question "which
//! vmknic?", the choices (every vmknic of the sending host), the answer and its one-sentence
//! reason (the trace's summary, so the reveal matches the "why" panel). Storage-path flows are
//! skipped: no vmknic carries them, so there is nothing to predict.

use crate::model::{Scenario, VmkId};
use crate::narrate::events;
use crate::plan::{trace, Plan, Traffic, Transport};

#[derive(Debug, Clone, PartialEq)]
pub struct Question {
    /// Index into `plan.flows`.
    pub flow: usize,
    pub traffic: Traffic,
    /// "Memory pre-copy leaves esx01 on which vmknic?"
    pub prompt: String,
    /// Every vmknic of the source host, in creation order.
    pub candidates: Vec<VmkId>,
    pub answer: VmkId,
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

fn leaves(traffic: Traffic) -> &'static str {
    match traffic {
        Traffic::IoMirror | Traffic::HomeFiles => "leave",
        _ => "leaves",
    }
}

/// One question per network flow, in the order the narration tells them (disks first, then
/// memory [D12]).
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
    let mut out = Vec::new();
    for i in order {
        let (Some(flow), Some(t)) = (plan.flows.get(i), traces.get(i)) else {
            continue;
        };
        let Some(answer) = t
            .source_vmk
            .filter(|_| flow.transport != Transport::Storage)
        else {
            continue;
        };
        let same: Vec<usize> = (0..plan.flows.len())
            .filter(|j| plan.flows[*j].traffic == flow.traffic)
            .collect();
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
        out.push(Question {
            flow: i,
            traffic: flow.traffic,
            prompt: format!(
                "{}{stream} {} {} on which vmknic?",
                what(flow.traffic),
                leaves(flow.traffic),
                s.source.name
            ),
            candidates: s.source.vmk_ids().collect(),
            answer,
            reason: t.summary.clone(),
            assumed: t.assumed,
        });
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
pub fn score(questions: &[Question], guesses: &[Option<VmkId>]) -> Score {
    let results: Vec<Option<bool>> = questions
        .iter()
        .enumerate()
        .map(|(i, q)| guesses.get(i).copied().flatten().map(|g| g == q.answer))
        .collect();
    Score {
        correct: results.iter().filter(|r| **r == Some(true)).count(),
        answered: results.iter().filter(|r| r.is_some()).count(),
        total: questions.len(),
        results,
    }
}

/// Looks a guess up by vmknic name on the question's sending host (what a UI or a JSON caller
/// holds); an unknown name is `None`.
pub fn guess_by_name(s: &Scenario, name: &str) -> Option<VmkId> {
    s.source.vmk_ids().find(|id| s.source.vmk(*id).name == name)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::scenarios::builtin;

    fn load(name: &str) -> (Scenario, Plan) {
        let s = builtin(name).and_then(|b| b.scenario().ok()).unwrap();
        let p = crate::plan(&s);
        (s, p)
    }

    #[test]
    fn shared_subnet_asks_in_narration_order_and_answers_vmk0() {
        let (s, p) = load("shared-subnet");
        let q = questions(&s, &p);
        let prompts: Vec<&str> = q.iter().map(|q| q.prompt.as_str()).collect();
        assert_eq!(
            prompts,
            [
                "Cold disk data leaves esx01 on which vmknic?",
                "The home files leave esx01 on which vmknic?",
                "Hot disk data leaves esx01 on which vmknic?",
                "The mirrored guest writes leave esx01 on which vmknic?",
                "Memory pre-copy leaves esx01 on which vmknic?",
            ]
        );
        let memory = q.last().unwrap();
        assert_eq!(s.source.vmk(memory.answer).name, "vmk0");
        assert_eq!(memory.candidates.len(), s.source.vmknics.len());
        assert!(memory.reason.contains("routing table"), "{}", memory.reason);
        assert!(!memory.assumed);
    }

    #[test]
    fn every_builtin_answer_is_the_flow_source_and_a_candidate() {
        for b in crate::scenarios::builtins() {
            let (s, p) = load(b.name);
            let q = questions(&s, &p);
            let network = p
                .flows
                .iter()
                .filter(|f| f.transport != Transport::Storage)
                .count();
            assert_eq!(q.len(), network, "{}", b.name);
            for q in &q {
                assert_eq!(Some(q.answer), p.flows[q.flow].source.vmk, "{}", b.name);
                assert!(q.candidates.contains(&q.answer));
                assert!(!q.reason.is_empty() && q.reason.ends_with('.'));
            }
        }
    }

    #[test]
    fn multi_nic_names_the_streams() {
        let (s, p) = load("multi-nic-fix");
        let q = questions(&s, &p);
        assert!(q.iter().any(|q| q.prompt
            == "Memory pre-copy (stream 2 of 2, to esx02's vmk2) leaves esx01 on which vmknic?"));
    }

    #[test]
    fn scoring_counts_right_wrong_and_skipped() {
        let (s, p) = load("shared-subnet");
        let q = questions(&s, &p);
        let vmk0 = guess_by_name(&s, "vmk0");
        let vmk1 = guess_by_name(&s, "vmk1");
        assert_eq!(guess_by_name(&s, "vmk9"), None);
        let sc = score(&q, &[vmk0, vmk1, None]);
        assert_eq!(sc.total, 5);
        assert_eq!(sc.answered, 2);
        assert_eq!(sc.correct, 1);
        assert_eq!(sc.results[..3], [Some(true), Some(false), None]);
        let all_right: Vec<Option<VmkId>> = q.iter().map(|q| Some(q.answer)).collect();
        assert_eq!(score(&q, &all_right).correct, 5);
    }
}
