//! Any bytes as a scenario file (TOML or JSON): decoding never panics; a scenario that decodes
//! plans without panicking, its plan prints as JSON and text, and the scenario written back as
//! JSON decodes to the same scenario.
#![no_main]

use libfuzzer_sys::fuzz_target;
use vmkpath_core::format::{plan_to_json, plan_to_text, ScenarioFile};
use vmkpath_core::{analyze, decode_scenario};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(scenario) = decode_scenario(text) else {
        return;
    };
    let p = analyze(&scenario);
    let json = plan_to_json(&scenario, &p);
    assert!(json.starts_with('{'));
    let _ = plan_to_text(&scenario, &p);
    let file = ScenarioFile::from(&scenario);
    let written = serde_json::to_string(&file).expect("a scenario file serializes");
    let again =
        decode_scenario(&written).unwrap_or_else(|e| panic!("re-decoding failed: {e}\n{written}"));
    assert_eq!(again, scenario, "{written}");
});
