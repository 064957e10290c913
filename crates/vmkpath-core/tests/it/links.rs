//! domain.md 8.16, 8.17, 8.24, 8.25: the links of one host's own vMotion vmknics
//! (`link-mismatch`, `low-bandwidth` under 1 Gbit/s), fixes that never touch a management uplink,
//! and vMotion streams capped at 15 Gbit/s only before 7.0.

use serde_json::{json, Value};
use vmkpath_core::analysis::analyze;
use vmkpath_core::plan::{plan, Code, Finding, Outcome, Side};
use vmkpath_core::scenarios::builtin;
use vmkpath_core::{decode_scenario, Scenario};

/// A host: vmk0 management on vmnic0 (1GbE), then one vMotion vmknic per entry of `vmotion`
/// (its uplink's speed and MTU), each on its own uplink vmnicN, in 10.0.1.0/24.
fn host(name: &str, n: u8, vmotion: &[(f64, u32)]) -> Value {
    let mut uplinks = vec![json!({ "name": "vmnic0", "gbps": 1.0 })];
    let mut vmknics = vec![json!({
        "name": "vmk0", "ip": format!("10.0.0.{n}/24"),
        "services": ["management"], "active": ["vmnic0"]
    })];
    for (k, (gbps, mtu)) in vmotion.iter().enumerate() {
        let i = k + 1;
        uplinks.push(json!({ "name": format!("vmnic{i}"), "gbps": gbps, "mtu": mtu }));
        vmknics.push(json!({
            "name": format!("vmk{i}"), "ip": format!("10.0.1.{}/24", n + 10 * i as u8),
            "services": ["vmotion"], "active": [format!("vmnic{i}")]
        }));
    }
    json!({ "name": name, "uplinks": uplinks, "vmknics": vmknics })
}

fn scenario(version: &str, kind: &str, src: Value, dst: Value) -> Scenario {
    let file = json!({
        "version": version,
        "migration": { "kind": kind, "shared_datastore": true },
        "vm": { "name": "vm", "memory_gib": 64 },
        "source": src,
        "destination": dst,
    });
    decode_scenario(&file.to_string()).unwrap_or_else(|e| panic!("invalid test scenario: {e}"))
}

fn found(findings: &[Finding], code: Code) -> Vec<&Finding> {
    findings.iter().filter(|f| f.code == code).collect()
}

#[test]
fn link_mismatch_is_one_hosts_own_vmotion_uplinks() {
    // esx01's two vMotion vmknics run at 10 and 1 GbE; esx02's match each other.
    let s = scenario(
        "6.7",
        "compute",
        host("esx01", 11, &[(10.0, 1500), (1.0, 1500)]),
        host("esx02", 12, &[(10.0, 1500), (10.0, 1500)]),
    );
    let p = plan(&s);
    let mismatch = found(&p.findings, Code::LinkMismatch);
    assert_eq!(mismatch.len(), 1, "{:?}", p.findings);
    assert_eq!(mismatch[0].host, Some(Side::Source));
    let m = &mismatch[0].message;
    assert!(
        m.contains("vmk1 on vmnic1 (10GbE) and vmk2 on vmnic2 (1GbE)"),
        "{m}"
    );
    assert!(
        m.contains("(observed"),
        "the drop to 2 is observed, not documented: {m}"
    );
    let fix = mismatch[0].fix.as_deref().unwrap_or_default();
    assert!(fix.contains("not the management vmknic's uplink"), "{fix}");
}

#[test]
fn the_two_hosts_are_never_compared() {
    // One vMotion vmknic each, at 1 and 10 GbE: no host has a mismatch of its own.
    let s = scenario(
        "6.7",
        "compute",
        host("esx01", 11, &[(1.0, 1500)]),
        host("esx02", 12, &[(10.0, 9000)]),
    );
    assert!(found(&analyze(&s).plan.findings, Code::LinkMismatch).is_empty());
}

#[test]
fn an_mtu_difference_alone_is_a_mismatch() {
    let s = scenario(
        "6.7",
        "compute",
        host("esx01", 11, &[(10.0, 9000), (10.0, 1500)]),
        host("esx02", 12, &[(10.0, 9000), (10.0, 9000)]),
    );
    let p = plan(&s);
    let m = found(&p.findings, Code::LinkMismatch);
    assert_eq!(m.len(), 1);
    assert!(
        m[0].message
            .contains("different MTUs: vmk1 on vmnic1 (MTU 9000)"),
        "{}",
        m[0].message
    );
}

#[test]
fn link_mismatch_stays_in_a_blocked_plan_and_skips_cold_migrations() {
    // The destination has no vMotion vmknic: blocked, and the source's mismatch is still said.
    let src = host("esx01", 11, &[(10.0, 1500), (1.0, 1500)]);
    let blocked = scenario("6.7", "compute", src.clone(), host("esx02", 12, &[]));
    let p = plan(&blocked);
    assert_eq!(p.outcome, Outcome::Blocked);
    assert_eq!(
        found(&p.findings, Code::LinkMismatch).len(),
        1,
        "{:?}",
        p.findings
    );
    // A cold migration uses no vMotion: nothing to say about its links.
    let cold = scenario("6.7", "cold", src, host("esx02", 12, &[(10.0, 1500)]));
    assert!(found(&plan(&cold).findings, Code::LinkMismatch).is_empty());
}

#[test]
fn a_vmotion_uplink_under_1_gbit_s_is_low_bandwidth_from_the_plan_alone() {
    let s = scenario(
        "6.7",
        "compute",
        host("esx01", 11, &[(0.1, 1500)]),
        host("esx02", 12, &[(1.0, 1500)]),
    );
    // `plan` never runs the timing model, and still says it.
    let p = plan(&s);
    let low = found(&p.findings, Code::LowBandwidth);
    assert_eq!(low.len(), 1, "{:?}", p.findings);
    assert_eq!(low[0].host, Some(Side::Source));
    assert!(
        low[0]
            .message
            .contains("vmk1 on vmnic1 (100 Mbit/s) runs under 1 Gbit/s"),
        "{}",
        low[0].message
    );
    // Exactly 1 Gbit/s is supported [API-LINKLOW]: strictly under only.
    let ok = scenario(
        "6.7",
        "compute",
        host("esx01", 11, &[(1.0, 1500)]),
        host("esx02", 12, &[(1.0, 1500)]),
    );
    assert!(found(&plan(&ok).findings, Code::LowBandwidth).is_empty());
    // A blocked plan has no flows, so no low-bandwidth (8.24).
    let blocked = scenario(
        "6.7",
        "compute",
        host("esx01", 11, &[(0.1, 1500)]),
        host("esx02", 12, &[]),
    );
    assert!(found(&plan(&blocked).findings, Code::LowBandwidth).is_empty());
}

#[test]
fn low_bandwidth_looks_at_the_whole_vmotion_set_even_when_routed_vmotion_leaves_elsewhere() {
    // builtin:shared-subnet (5.1): vMotion leaves esx01 on vmk0 (vmnic0); slowing esx01's own
    // vMotion uplink (vmk1's) under 1 Gbit/s is still low-bandwidth on esx01.
    let mut s = builtin("shared-subnet").unwrap().scenario().unwrap();
    let vmk1 = s
        .source
        .vmknics
        .iter()
        .position(|v| v.name == "vmk1")
        .unwrap();
    let u = s.source.vmknics[vmk1].active[0].0;
    s.source.uplinks[u].gbps = 0.5;
    let p = plan(&s);
    let low = found(&p.findings, Code::LowBandwidth);
    assert!(
        low.iter().any(|f| f.host == Some(Side::Source)),
        "{:?}",
        p.findings
    );
}

#[test]
fn shared_subnet_has_no_link_mismatch_and_no_fix_touches_the_management_uplink() {
    let s = builtin("shared-subnet").unwrap().scenario().unwrap();
    let a = analyze(&s);
    assert!(
        found(&a.plan.findings, Code::LinkMismatch).is_empty(),
        "{:?}",
        a.plan.findings
    );
    for w in &a.what_ifs {
        assert!(!w.change.contains("vmnic0"), "{}", w.change);
        assert_eq!(
            w.scenario.source.uplinks[0], s.source.uplinks[0],
            "{}",
            w.change
        );
        assert_eq!(
            w.scenario.destination.uplinks[0], s.destination.uplinks[0],
            "{}",
            w.change
        );
    }
}

#[test]
fn no_fix_speeds_up_an_uplink_a_management_vmknic_shares() {
    // esx01's vMotion vmknic shares vmnic0 (1GbE) with management; esx02 runs at 10GbE. Under
    // SDPS the 10GbE fix would help, but not by speeding up the management uplink: no what-if.
    let mut src = host("esx01", 11, &[(1.0, 1500)]);
    src["vmknics"][1]["active"] = json!(["vmnic0"]);
    let mut s = scenario("6.7", "compute", src, host("esx02", 12, &[(10.0, 1500)]));
    s.vm.dirty_mib_per_s = 100.0;
    let a = analyze(&s);
    assert!(
        found(&a.plan.findings, Code::Sdps).len() == 1,
        "{:?}",
        a.plan.findings
    );
    assert!(a
        .what_ifs
        .iter()
        .all(|w| w.scenario.source.uplinks[0] == s.source.uplinks[0]));
}

/// The send rate of memory, Gbit/s, over 40GbE uplinks between hosts of these versions.
fn memory_gbit(source: &str, destination: &str) -> f64 {
    let mut src = host("esx01", 11, &[(40.0, 1500)]);
    let mut dst = host("esx02", 12, &[(40.0, 1500)]);
    src["version"] = json!(source);
    dst["version"] = json!(destination);
    let s = scenario("7.0", "compute", src, dst);
    let a = analyze(&s);
    a.timeline
        .memory
        .map(|m| m.send_bytes_per_s * 8.0 / 1e9)
        .unwrap_or(0.0)
}

#[test]
fn a_stream_caps_a_pair_at_15_gbit_s_when_either_host_is_before_7_0() {
    let near = |a: f64, b: f64| (a - b).abs() < 1e-6;
    assert!(near(memory_gbit("6.7", "6.7"), 15.0));
    assert!(near(memory_gbit("7.0", "6.7"), 15.0));
    assert!(near(memory_gbit("6.7", "8.0"), 15.0));
    assert!(near(memory_gbit("7.0", "7.0"), 40.0));
    assert!(near(memory_gbit("7.0", "8.0"), 40.0));
}
