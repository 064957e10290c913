//! Predict mode's questions over the built-ins: kinds, order, answers and scoring.

#![allow(clippy::unwrap_used)]

use super::*;
use crate::scenarios::builtin;

fn load(name: &str) -> (Scenario, Plan) {
    let s = builtin(name).and_then(|b| b.scenario().ok()).unwrap();
    let p = crate::plan(&s);
    (s, p)
}

fn leaving(q: &[Question]) -> Vec<&str> {
    q.iter()
        .filter(|q| q.ask == Ask::Leaves)
        .map(|q| q.prompt.as_str())
        .collect()
}

#[test]
fn shared_subnet_asks_in_narration_order_and_answers_vmk0() {
    let (s, p) = load("shared-subnet");
    let q = questions(&s, &p);
    // Every flow here is a surprise (vMotion bypasses vmk1, NFC rides vmk0): narration order.
    assert_eq!(
        leaving(&q),
        [
            "Cold disk data leaves esx01 on which vmknic?",
            "The home files leave esx01 on which vmknic?",
            "Hot disk data leaves esx01 on which vmknic?",
            "The mirrored guest writes leave esx01 on which vmknic?",
            "Memory pre-copy leaves esx01 on which vmknic?",
        ]
    );
    let memory = q
        .iter()
        .find(|q| q.traffic == Traffic::Memory && q.ask == Ask::Leaves)
        .unwrap();
    assert_eq!(choice_name(&s, memory, memory.answer), "vmk0");
    assert_eq!(memory.candidates.len(), s.source.vmknics.len());
    assert!(memory.reason.contains("routing table"), "{}", memory.reason);
    assert!(!memory.assumed);
    // A flow's questions stay together: leaves, then arrives, then the uplink.
    let first: Vec<Ask> = q
        .iter()
        .take_while(|x| x.flow == q[0].flow)
        .map(|x| x.ask)
        .collect();
    assert_eq!(first, [Ask::Leaves, Ask::Arrives, Ask::Uplink]);
    let uplink = q
        .iter()
        .find(|x| x.flow == memory.flow && x.ask == Ask::Uplink)
        .unwrap();
    let name = choice_name(&s, uplink, uplink.answer);
    assert!(
        uplink.prompt.ends_with("by which uplink?"),
        "{}",
        uplink.prompt
    );
    assert!(uplink.reason.contains(&name), "{} / {name}", uplink.reason);
}

#[test]
fn every_builtin_answer_is_the_flow_endpoint_and_a_candidate() {
    let mut asked = [0usize; 3];
    for b in crate::scenarios::builtins() {
        let (s, p) = load(b.name);
        let q = questions(&s, &p);
        let network = p
            .flows
            .iter()
            .filter(|f| f.transport != Transport::Storage)
            .count();
        assert_eq!(leaving(&q).len(), network, "{}", b.name);
        for q in &q {
            let f = &p.flows[q.flow];
            let endpoint = match q.ask {
                Ask::Leaves => f.source.vmk.map(Choice::Vmk),
                Ask::Arrives => f.destination.vmk.map(Choice::Vmk),
                Ask::Uplink => f.source.uplink.map(Choice::Uplink),
            };
            assert_eq!(Some(q.answer), endpoint, "{}: {}", b.name, q.prompt);
            assert!(q.candidates.contains(&q.answer));
            assert!(
                q.ask == Ask::Leaves || q.candidates.len() > 1,
                "{}",
                q.prompt
            );
            assert!(
                !q.reason.is_empty() && q.reason.ends_with('.'),
                "{}",
                q.reason
            );
            asked[q.ask as usize] += 1;
        }
        // The surprises come first: once an expected flow is asked, no surprise follows.
        let seen: Vec<bool> = q.iter().map(|q| surprising(&s, &p.flows[q.flow])).collect();
        assert!(seen.windows(2).all(|w| w[0] || !w[1]), "{}", b.name);
    }
    assert!(asked.iter().all(|n| *n > 0), "{asked:?}");
}

#[test]
fn nfc_on_management_is_a_surprise_and_comes_first() {
    // The provisioning vmknic has no route, so cold data and the home files leave on vmk0
    // (management): they are asked before the vMotion flows, which narration tells first.
    let (s, p) = load("provisioning-no-route");
    let q = questions(&s, &p);
    assert_eq!(
        leaving(&q),
        [
            "Cold disk data leaves esx01 on which vmknic?",
            "The home files leave esx01 on which vmknic?",
            "Hot disk data leaves esx01 on which vmknic?",
            "The mirrored guest writes leave esx01 on which vmknic?",
            "Memory pre-copy leaves esx01 on which vmknic?",
        ]
    );
    assert_eq!(choice_name(&s, &q[0], q[0].answer), "vmk0");
    // 6.0, shared subnet, provisioning vmknics: cold data leaves on vmk2 as meant, but the
    // vMotion flows bypass vmk1 for vmk0; narration tells cold data first, we ask vMotion
    // first.
    let t = crate::toggles::Toggles {
        version: crate::model::Version::V6_0,
        provisioning: crate::toggles::Provisioning::SameSubnet,
        ..crate::toggles::Toggles::default()
    };
    let s = t.scenario().unwrap();
    let p = crate::plan(&s);
    let q = questions(&s, &p);
    let first = &p.flows[q[0].flow];
    assert!(first.bypassed.is_some(), "{}", q[0].prompt);
    let cold = q
        .iter()
        .position(|x| x.traffic == Traffic::ColdDisk)
        .unwrap();
    let memory = q.iter().position(|x| x.traffic == Traffic::Memory).unwrap();
    assert!(memory < cold, "{:?}", leaving(&q));
    let narrated = events(&s, &p);
    let told = |t: Traffic| {
        narrated
            .iter()
            .position(|e| e.flows.iter().any(|i| p.flows[*i].traffic == t))
    };
    assert!(told(Traffic::ColdDisk) < told(Traffic::Memory));
    // Where everything leaves as meant, narration order (memory last, disks first [D12]).
    let (s, p) = load("provisioning-routed");
    let q = questions(&s, &p);
    assert!(q.iter().all(|x| !surprising(&s, &p.flows[x.flow])));
    assert_eq!(
        leaving(&q)[0],
        "Cold disk data leaves esx01 on which vmknic?"
    );
}

#[test]
fn multi_nic_names_the_streams() {
    let (s, p) = load("multi-nic-fix");
    let q = questions(&s, &p);
    assert!(q.iter().any(|q| q.prompt
        == "Memory pre-copy (stream 2 of 2, to esx02's vmk2) leaves esx01 on which vmknic?"));
    assert!(q.iter().any(|q| {
        q.prompt
            == "Memory pre-copy (stream 2 of 2, to esx02's vmk2) arrives at esx02 on which vmknic?"
    }));
}

#[test]
fn scoring_counts_right_wrong_and_skipped() {
    let (s, p) = load("shared-subnet");
    let q = questions(&s, &p);
    let vmk0 = guess_by_name(&s, &q[0], "vmk0");
    let vmk1 = guess_by_name(&s, &q[0], "vmk1");
    assert_eq!(guess_by_name(&s, &q[0], "vmk9"), None);
    let sc = score(&q, &[vmk0, vmk1, None]);
    assert_eq!(sc.total, q.len());
    assert_eq!(sc.answered, 2);
    assert_eq!(sc.correct, 1);
    assert_eq!(sc.results[..3], [Some(true), Some(false), None]);
    let all_right: Vec<Option<Choice>> = q.iter().map(|q| Some(q.answer)).collect();
    assert_eq!(score(&q, &all_right).correct, q.len());
}
