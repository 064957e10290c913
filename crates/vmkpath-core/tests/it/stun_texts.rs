//! domain.md 8.18: no generated text says "stun 0 ms". Every text vmkpath writes for the
//! built-ins and the toggle cross product (plan text and JSON, narration, traces, what-ifs) is
//! read; where a switch-over figure is shown, it says what it leaves out.

use vmkpath_core::analysis::analyze;
use vmkpath_core::format::{plan_to_json, plan_to_text, traces_to_text};
use vmkpath_core::scenarios::builtins;
use vmkpath_core::toggles::cross_product;
use vmkpath_core::Scenario;

/// Every text of one scenario's analysis, with where it came from.
fn texts(s: &Scenario) -> Vec<(&'static str, String)> {
    let a = analyze(s);
    let mut out = vec![
        ("plan text", plan_to_text(s, &a)),
        ("plan json", plan_to_json(s, &a)),
        ("traces", traces_to_text(s, &a.traces)),
    ];
    out.extend(a.narration.iter().map(|e| ("narration", e.text.clone())));
    for w in &a.what_ifs {
        out.push(("what-if", format!("{} {}", w.change, w.sentence)));
    }
    out
}

fn check(name: &str, s: &Scenario) {
    for (what, text) in texts(s) {
        let lower = text.to_lowercase();
        for bad in ["stun 0 ms", "0 ms stun", "stunned for 0 ms", "in 0 ms"] {
            assert!(
                !lower.contains(bad),
                "{name}: {what} says \"{bad}\":\n{text}"
            );
        }
    }
}

#[test]
fn no_text_of_the_builtins_says_stun_0_ms() {
    let mut shown = 0;
    for b in builtins() {
        let s = b.scenario().unwrap();
        check(b.name, &s);
        let a = analyze(&s);
        if a.timeline.stun_ms.is_some() {
            let text = plan_to_text(&s, &a);
            assert!(
                text.contains("the device state and the RARP are not modelled"),
                "{}: {text}",
                b.name
            );
            shown += 1;
        }
    }
    assert!(shown >= 10, "only {shown} built-ins show a switch-over");
}

#[test]
fn no_text_of_the_toggle_cross_product_says_stun_0_ms() {
    let all = cross_product();
    assert!(all.len() > 1000);
    for t in all {
        let s = t.scenario().unwrap();
        check(&format!("{t:?}"), &s);
    }
}
