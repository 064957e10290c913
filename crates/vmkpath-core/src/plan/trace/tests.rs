//! The trace agrees with the plan it explains, on every built-in and the toggle cross product.

use super::*;
use crate::plan::{plan, RowKind};
use crate::scenarios::builtins;
use crate::sources::source;
use crate::toggles::{cross_product, Toggles};

fn corpus() -> Vec<(String, Scenario)> {
    let mut all: Vec<(String, Scenario)> = builtins()
        .filter_map(|b| b.scenario().ok().map(|s| (b.name.to_string(), s)))
        .collect();
    assert_eq!(all.len(), builtins().count(), "every built-in decodes");
    for t in cross_product() {
        if let Ok(s) = t.scenario() {
            all.push((format!("{t:?}"), s));
        }
    }
    all
}

#[test]
fn trace_ends_on_the_plans_vmknics_for_every_flow() {
    for (name, s) in corpus() {
        let p = plan(&s);
        let traces = trace(&s, &p);
        assert_eq!(traces.len(), p.flows.len(), "{name}");
        for (t, f) in traces.iter().zip(&p.flows) {
            assert_eq!(t.source_vmk, f.source.vmk, "{name}: {:?} source", f.traffic);
            assert_eq!(
                t.destination_vmk, f.destination.vmk,
                "{name}: {:?} destination",
                f.traffic
            );
            assert_eq!(t.rule, f.rule, "{name}");
            assert!(!t.steps.is_empty() && !t.summary.is_empty(), "{name}");
            for step in &t.steps {
                for key in &step.sources {
                    assert!(source(key).is_some(), "{name}: step cites unknown {key}");
                }
            }
            let outbound = t
                .steps
                .iter()
                .filter(|st| st.kind == StepKind::Table)
                .find_map(|st| st.table.as_ref());
            if f.transport != Transport::Storage {
                let back = t.steps.iter().find(|st| st.kind == StepKind::Return);
                let back =
                    back.unwrap_or_else(|| panic!("{name}: {:?} has no way back", f.traffic));
                let table = back.table.as_ref().unwrap();
                // Only a gateway override, which is not in the table, decides without a row.
                assert!(
                    table.chosen.is_some() || back.text.contains("gateway override"),
                    "{name}: {}",
                    back.text
                );
            }
            if let Some(table) = outbound {
                check_table(&name, table, f.source.vmk);
            } else if f.transport != Transport::Storage {
                // Only bound vMotion traffic skips the table.
                assert!(
                    matches!(
                        f.rule,
                        Rule::MultiNicVmotionBound
                            | Rule::VmotionStackBound
                            | Rule::VmotionGatewayOverride
                            | Rule::SingleVmotionVmkBound
                    ),
                    "{name}: {:?} has no table step",
                    f.traffic
                );
            }
        }
    }
}

/// The row `lookup` chose is the longest-prefix row by an independent reading of the rows:
/// among matching rows the longest prefix, connected before static, first before later.
fn check_table(name: &str, table: &TableTrace, egress: Option<VmkId>) {
    let chosen = table.chosen.and_then(|i| table.rows.get(i));
    let Some(chosen) = chosen else {
        panic!("{name}: no chosen row for {}", table.destination)
    };
    assert_eq!(
        chosen.egress, egress,
        "{name}: the chosen row leaves on the flow's vmknic"
    );
    let rank = |r: &RouteRow| (r.network.prefix(), r.kind == RowKind::Connected);
    let best = table
        .rows
        .iter()
        .filter(|r| r.contains(table.destination))
        .max_by(|a, b| rank(a).cmp(&rank(b)).then(std::cmp::Ordering::Greater));
    assert_eq!(best, Some(chosen), "{name}: {}", table.words);
}

fn shared_subnet() -> (Scenario, Vec<Trace>) {
    let s = crate::scenarios::builtin("shared-subnet")
        .and_then(|b| b.scenario().ok())
        .unwrap();
    let p = plan(&s);
    let t = trace(&s, &p);
    (s, t)
}

#[test]
fn shared_subnet_memory_trace_spells_out_the_longest_prefix() {
    let (s, traces) = shared_subnet();
    let memory = &traces[0];
    assert_eq!(memory.traffic, Traffic::Memory);
    assert_eq!(s.source.vmk(memory.source_vmk.unwrap()).name, "vmk0");
    let kinds: Vec<StepKind> = memory.steps.iter().map(|st| st.kind).collect();
    assert_eq!(
        kinds,
        [
            StepKind::Transport,
            StepKind::Stack,
            StepKind::Receiver,
            StepKind::Binding,
            StepKind::Table,
            StepKind::Multihoming,
            StepKind::Egress,
            StepKind::Return,
            StepKind::Rule,
            StepKind::Version
        ]
    );
    let table = memory.steps[4].table.as_ref().unwrap();
    assert_eq!(
        table.words,
        "10.0.0.22 matches 10.0.0.0/24 (24 bits, connected) and 0.0.0.0/0 (0 bits, default); the longest, /24, wins. The connected route belongs to vmk0, so the traffic leaves on vmk0."
    );
    let row = &table.rows[0];
    assert_eq!(row.network.to_string(), "10.0.0.0/24");
    assert_eq!(row.shadowed.len(), 1, "vmk1 shares vmk0's subnet");
    assert_eq!(memory.steps[5].basis, Basis::Observed);
    assert!(!memory.assumed, "5.1 is documented [D13]");
}

/// The default toggles in `version`: the scenario, its plan and its memory flow's trace.
fn memory_trace(version: crate::model::Version) -> (Scenario, Plan, Trace) {
    let t = Toggles {
        version,
        ..Toggles::default()
    };
    let s = t.scenario().unwrap();
    let p = plan(&s);
    let memory = trace(&s, &p)
        .into_iter()
        .find(|t| t.traffic == Traffic::Memory)
        .unwrap();
    (s, p, memory)
}

#[test]
fn six_zero_single_vmknic_routing_is_labelled_assumed() {
    let (s, _p, memory) = memory_trace(crate::model::Version::V6_0);
    assert!(memory.assumed);
    let binding = memory
        .steps
        .iter()
        .find(|st| st.kind == StepKind::Binding)
        .unwrap();
    assert!(binding.basis.is_assumed() && binding.text.contains("our reading"));
    assert_eq!(s.source.vmk(memory.source_vmk.unwrap()).name, "vmk0");
}

#[test]
fn from_six_five_a_single_vmknic_is_bound_and_labelled_as_our_reading() {
    let (s, p, memory) = memory_trace(crate::model::Version::V6_7);
    assert_eq!(memory.rule, Rule::SingleVmotionVmkBound);
    assert_eq!(s.source.vmk(memory.source_vmk.unwrap()).name, "vmk1");
    assert!(memory.assumed);
    let binding = memory
        .steps
        .iter()
        .find(|st| st.kind == StepKind::Binding)
        .unwrap();
    assert!(
        binding.text.contains("Migrate.BindToVmknic"),
        "{}",
        binding.text
    );
    // Multihoming is still reported: the subnet is still shared (8.14).
    assert!(p
        .findings
        .iter()
        .any(|f| f.code == crate::plan::Code::Multihoming));
    assert!(p
        .findings
        .iter()
        .any(|f| f.code == crate::plan::Code::Assumption));
}

#[test]
fn udt_and_late_home_files_are_assumed_and_storage_has_no_vmknic() {
    let s = crate::scenarios::builtin("udt-8")
        .and_then(|b| b.scenario().ok())
        .unwrap();
    let p = plan(&s);
    for t in trace(&s, &p) {
        if t.transport == Transport::Udt {
            assert!(t.assumed, "{:?}", t.traffic);
        }
    }
    let s = crate::scenarios::builtin("shared-nothing-shared-datastore")
        .and_then(|b| b.scenario().ok())
        .unwrap();
    let p = plan(&s);
    let storage: Vec<Trace> = trace(&s, &p)
        .into_iter()
        .filter(|t| t.transport == Transport::Storage)
        .collect();
    assert!(!storage.is_empty());
    assert!(storage
        .iter()
        .all(|t| t.source_vmk.is_none() && t.steps[0].sources == ["D12"]));
}

#[test]
fn blocked_plan_has_no_traces() {
    let s = crate::scenarios::builtin("blocked-no-vmotion")
        .and_then(|b| b.scenario().ok())
        .unwrap();
    assert!(trace(&s, &plan(&s)).is_empty());
}

#[test]
fn nfc_egress_names_the_kb_340170_case() {
    for (name, case) in [
        ("provisioning-same-subnet", "case 2"),
        ("provisioning-routed", "case 3"),
        ("provisioning-no-route", "case 4"),
        ("encrypted-vmotion", "case 1"),
    ] {
        let s = crate::scenarios::builtin(name)
            .and_then(|b| b.scenario().ok())
            .unwrap();
        let p = plan(&s);
        let cold = trace(&s, &p)
            .into_iter()
            .find(|t| t.traffic == Traffic::ColdDisk)
            .unwrap();
        let egress = cold
            .steps
            .iter()
            .find(|st| st.kind == StepKind::Egress)
            .unwrap();
        assert!(
            egress
                .text
                .contains(&format!("This is {case} of KB 340170.")),
            "{name}: {}",
            egress.text
        );
    }
}
