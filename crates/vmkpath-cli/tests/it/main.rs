//! The `vmkpath` binary as a user runs it: output, exit codes, one-line errors.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn vmkpath(args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_vmkpath"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("vmkpath starts");
    if let Some(text) = stdin {
        child
            .stdin
            .take()
            .expect("stdin")
            .write_all(text.as_bytes())
            .expect("write stdin");
    }
    drop(child.stdin.take());
    child.wait_with_output().expect("vmkpath runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}
fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn scenarios_lists_every_builtin_with_its_title() {
    let out = vmkpath(&["scenarios"], None);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), vmkpath_core::scenarios::builtins().count());
    let shared = lines
        .iter()
        .find(|l| l.starts_with("shared-subnet "))
        .expect("shared-subnet listed");
    assert!(
        shared.split_whitespace().count() > 2,
        "a title follows the name: {shared}"
    );
}

#[test]
fn plan_text_names_the_surprising_vmknic() {
    let out = vmkpath(&["plan", "builtin:shared-subnet"], None);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains("memory over vmotion: esx01 vmk0 (vmnic0) -> esx02 vmk1"),
        "{text}"
    );
    assert!(text.contains("vmotion-egress-mismatch"), "{text}");
}

#[test]
fn plan_json_is_the_contract_shape() {
    let out = vmkpath(&["plan", "builtin:multi-nic-fix", "--json"], None);
    assert_eq!(out.status.code(), Some(0));
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("valid JSON");
    assert_eq!(json["outcome"], "ok");
    let memory: Vec<&serde_json::Value> = json["flows"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["traffic"] == "memory")
        .collect();
    assert_eq!(memory.len(), 2);
    assert_eq!(memory[1]["source"]["vmk"], "vmk2");
    assert_eq!(memory[1]["rule"], "multi-nic-vmotion-bound");
}

#[test]
fn blocked_plan_is_a_valid_answer() {
    let out = vmkpath(&["plan", "builtin:blocked-no-vmotion", "--json"], None);
    assert_eq!(out.status.code(), Some(0));
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(json["outcome"], "blocked");
    assert_eq!(json["flows"].as_array().unwrap().len(), 0);
}

#[test]
fn invalid_input_exits_2_with_one_line_naming_the_field() {
    let text = vmkpath_core::scenarios::builtin("shared-subnet")
        .unwrap()
        .toml()
        .replace("10.0.0.21/24", "10.0.0.300/24");
    let out = vmkpath(&["plan", "-"], Some(&text));
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    assert!(err.contains("source.vmknics[1].ip"), "{err}");
    assert!(err.contains("10.0.0.300/24"), "{err}");
    assert!(stdout(&out).is_empty());
}

#[test]
fn unknown_builtin_missing_file_and_bad_usage_exit_2() {
    for args in [
        &["plan", "builtin:nope"][..],
        &["plan", "/no/such/file.toml"],
        &["frobnicate"],
    ] {
        let out = vmkpath(args, None);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert_eq!(
            stderr(&out).trim_end().lines().count(),
            1,
            "{args:?}: {}",
            stderr(&out)
        );
    }
}

#[test]
fn json_scenario_from_a_file() {
    let dir = std::env::temp_dir().join(format!("vmkpath-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let scenario =
        vmkpath_core::decode_scenario(vmkpath_core::scenarios::builtin("udt-8").unwrap().toml())
            .unwrap();
    let json = serde_json::to_string(&vmkpath_core::format::ScenarioFile::from(&scenario)).unwrap();
    let path = dir.join("udt.json");
    std::fs::write(&path, json).unwrap();
    let out = vmkpath(&["plan", path.to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains("cold-disk over udt"));
}

#[test]
fn plan_trace_text_shows_the_table_and_the_longest_prefix() {
    let out = vmkpath(&["plan", "builtin:shared-subnet", "--trace"], None);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.starts_with("Management and vMotion share a subnet"),
        "plan first: {text}"
    );
    assert!(
        text.contains("Why memory over vmotion: esx01 vmk0 -> esx02 vmk1"),
        "{text}"
    );
    assert!(
        text.contains("10.0.0.22 matches 10.0.0.0/24 (24 bits, connected) and 0.0.0.0/0 (0 bits, default); the longest, /24, wins."),
        "{text}"
    );
    assert!(text.contains("> 10.0.0.0/24"), "chosen row marked: {text}");
    assert!(text.contains("(observed) [KB-MH][ELATOV]"), "{text}");
    let plan_flows = vmkpath(&["plan", "builtin:shared-subnet"], None);
    let flows = stdout(&plan_flows)
        .lines()
        .filter(|l| l.starts_with("- ") && l.contains(" over "))
        .count();
    assert_eq!(text.matches("\nWhy ").count(), flows, "one trace per flow");
}

#[test]
fn plan_trace_json_adds_traces_matching_the_flows() {
    for name in [
        "shared-subnet",
        "multi-nic-fix",
        "udt-8",
        "blocked-no-vmotion",
    ] {
        let out = vmkpath(
            &["plan", &format!("builtin:{name}"), "--json", "--trace"],
            None,
        );
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let json: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("valid JSON");
        let flows = json["flows"].as_array().expect("flows");
        let traces = json["traces"].as_array().expect("traces");
        assert_eq!(flows.len(), traces.len(), "{name}");
        for (i, (f, t)) in flows.iter().zip(traces).enumerate() {
            assert_eq!(t["flow"], i, "{name}");
            assert_eq!(t["source_vmk"], f["source"]["vmk"], "{name}");
            assert_eq!(t["destination_vmk"], f["destination"]["vmk"], "{name}");
            assert_eq!(t["rule"], f["rule"], "{name}");
            assert!(
                t["steps"].as_array().is_some_and(|s| !s.is_empty()),
                "{name}"
            );
        }
    }
    let out = vmkpath(&["plan", "builtin:udt-8", "--json", "--trace"], None);
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let udt = json["traces"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["transport"] == "udt")
        .expect("a UDT trace");
    assert_eq!(udt["assumed"], true);
    let table = udt["steps"]
        .as_array()
        .unwrap()
        .iter()
        .find_map(|s| s["table"].as_object())
        .expect("a table step");
    let chosen = table["chosen"].as_u64().unwrap() as usize;
    assert_eq!(table["rows"][chosen]["chosen"], true);
    assert_eq!(table["rows"][chosen]["vmk"], udt["source_vmk"]);
}

#[test]
fn plan_json_without_trace_has_no_traces() {
    let out = vmkpath(&["plan", "builtin:shared-subnet", "--json"], None);
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert!(json.get("traces").is_none());
}

#[test]
fn plan_shows_durations_and_what_if_times_the_fixes() {
    let out = vmkpath(&["plan", "builtin:shared-subnet", "--what-if"], None);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("Duration: 9 min 44 s"), "{text}");
    assert!(
        text.contains("Switch-over sends the last dirty pages in 196 ms (the device state and the RARP are not modelled)."),
        "{text}"
    );
    assert!(text.contains("\nWhat if:\n"), "{text}");
    assert!(
        text.contains("memory over vmk0 at 1GbE: 3 min 27 s; over vmk1 at 10GbE: 14 s"),
        "{text}"
    );
    // domain.md 8.16: never the management uplink made faster for vMotion.
    assert!(!text.contains("vmnic0 at 10GbE"), "{text}");
    let out = vmkpath(
        &["plan", "builtin:shared-subnet", "--what-if", "--json"],
        None,
    );
    assert_eq!(out.status.code(), Some(2), "--what-if is text only");
}

#[test]
fn plan_timeline_is_json_with_a_timing_per_flow() {
    let out = vmkpath(&["plan", "builtin:shared-subnet", "--timeline"], None);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let value: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("JSON");
    assert_eq!(value["flows"].as_array().map(Vec::len), Some(5));
    assert!(value["duration_s"].as_f64().is_some_and(|d| d > 500.0));
    assert_eq!(value["intervals"][0]["phase"], "disk-copy");
}
