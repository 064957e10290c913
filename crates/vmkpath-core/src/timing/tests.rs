//! Exact numbers on tiny hand-checked cases. A link of 8.589934592 Gbit/s moves exactly
//! 1 GiB/s, which keeps the arithmetic checkable by hand.

#![allow(clippy::expect_used, clippy::unwrap_used)]
use super::*;
use crate::plan::{Code, Traffic};
use crate::{decode_scenario, Scenario};
use serde_json::{json, Value};

/// 1 GiB/s in Gbit/s.
const GIB_LINK: f64 = 8.589_934_592;
const GIB: f64 = 1_073_741_824.0;

fn host(name: &str, n: u8, mgmt_gbps: f64, vmotion_gbps: f64) -> Value {
    json!({
        "name": name,
        "uplinks": [
            { "name": "vmnic0", "gbps": mgmt_gbps },
            { "name": "vmnic1", "gbps": vmotion_gbps }
        ],
        "vmknics": [
            { "name": "vmk0", "ip": format!("10.0.0.{n}/24"), "services": ["management"], "active": ["vmnic0"] },
            { "name": "vmk1", "ip": format!("10.0.1.{n}/24"), "services": ["vmotion"], "active": ["vmnic1"] }
        ]
    })
}

/// vSphere 6.7, vMotion on its own subnet and uplink; `vm` fields override the idle 1 GiB VM.
fn scenario(kind: &str, vm: Value, src: (f64, f64), dst: (f64, f64)) -> Scenario {
    let mut v = json!({ "name": "vm", "memory_gib": 1 });
    if let (Some(base), Some(extra)) = (v.as_object_mut(), vm.as_object()) {
        base.extend(extra.clone());
    }
    let file = json!({
        "version": "6.7",
        "migration": { "kind": kind },
        "vm": v,
        "source": host("esx01", 11, src.0, src.1),
        "destination": host("esx02", 12, dst.0, dst.1),
    });
    match decode_scenario(&file.to_string()) {
        Ok(s) => s,
        Err(e) => panic!("test scenario invalid: {e}"),
    }
}

fn timed(s: &Scenario) -> (crate::plan::Plan, Timeline) {
    super::timed(s)
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * b.abs().max(1.0)
}

#[test]
fn an_idle_vm_takes_its_memory_over_the_link_and_no_stun() {
    let s = scenario("compute", json!({}), (1.0, GIB_LINK), (1.0, GIB_LINK));
    let (_, t) = timed(&s);
    assert!(close(t.duration_s.unwrap_or(0.0), 1.0), "{t:?}");
    assert_eq!(t.stun_ms, Some(0.0));
    let f = t.flows[0].expect("memory is timed");
    assert_eq!((f.start_s, f.bytes), (0.0, 1 << 30));
    assert!(close(f.rate_bytes_per_s(), GIB));
}

#[test]
fn dirty_pages_are_sent_again_and_the_rest_in_the_stun() {
    // 1 GiB in 1 s, 256 MiB dirtied meanwhile: 0.25 s < 1 s, so that is the stun.
    let s = scenario(
        "compute",
        json!({ "dirty_mib_per_s": 256 }),
        (1.0, GIB_LINK),
        (1.0, GIB_LINK),
    );
    let (p, t) = timed(&s);
    assert!(close(t.duration_s.unwrap_or(0.0), 1.25));
    assert!(close(t.stun_ms.unwrap_or(0.0), 250.0));
    assert_eq!(t.flows[0].map(|f| f.bytes), Some(5 << 28));
    assert!(p.findings.iter().all(|f| f.code != Code::Sdps));
}

#[test]
fn a_dirty_rate_above_the_send_rate_is_slowed_by_sdps() {
    // 4 GiB at 1 GiB/s, dirtying 2 GiB/s, slowed to 0.5 GiB/s: passes of 4, 2 and 1 s, then a
    // 0.5 GiB stun of 500 ms.
    let s = scenario(
        "compute",
        json!({ "memory_gib": 4, "dirty_mib_per_s": 2048 }),
        (1.0, GIB_LINK),
        (1.0, GIB_LINK),
    );
    let (p, t) = timed(&s);
    assert!(close(t.duration_s.unwrap_or(0.0), 7.5), "{t:?}");
    assert!(close(t.stun_ms.unwrap_or(0.0), 500.0));
    let m = t.memory.clone().expect("hot migration");
    assert_eq!((m.passes, m.sdps_from_pass), (3, Some(1)));
    let phases: Vec<&str> = t.intervals.iter().map(|i| i.phase.as_str()).collect();
    assert_eq!(phases, ["pre-copy", "pre-copy", "pre-copy", "stun"]);
    assert!(p.findings.iter().any(|f| f.code == Code::Sdps));
}

#[test]
fn nfc_copies_one_file_after_another_at_its_cap() {
    let s = scenario(
        "cold",
        json!({ "home_mib": 100, "disks": [{ "base_gib": 1 }, { "base_gib": 2 }] }),
        (10.0, 10.0),
        (10.0, 10.0),
    );
    let (p, t) = timed(&s);
    let cap = 1.3e9 / 8.0;
    let ends: Vec<f64> = t.flows.iter().map(|f| f.map_or(0.0, |f| f.end_s)).collect();
    let expected = [
        GIB / cap,
        3.0 * GIB / cap,
        (3.0 * GIB + 100.0 * 1_048_576.0) / cap,
    ];
    for (e, x) in ends.iter().zip(expected) {
        assert!(close(*e, x), "{ends:?} vs {expected:?}");
    }
    assert_eq!(t.stun_ms, None, "a cold migration stuns nothing");
    assert!(p.flows.iter().all(|f| f.traffic != Traffic::Memory));
}

#[test]
fn hot_disk_and_nfc_share_one_gbe_then_memory_follows() {
    // builtin:shared-subnet by hand: 0.5 GiB hot disk and NFC share vmnic0 at 62.5 MB/s each
    // (8.589934592 s); NFC alone at 125 MB/s for the other 42.5 GiB (365.07222016 s) and 300 MiB of
    // home files (2.5165824 s); then 16 GiB memory at 125 MB/s (137.438953472 s).
    let Some(b) = crate::scenarios::builtin("shared-subnet") else {
        panic!("built-in missing")
    };
    let mut s = decode_scenario(b.toml()).expect("built-in is valid");
    // As an idle guest (the built-in's illustrative rates add passes and mirrored writes).
    s.vm.dirty_mib_per_s = 0.0;
    s.vm.write_mib_per_s = 0.0;
    let (_, t) = timed(&s);
    let hot = 8.589_934_592;
    let total = hot + 365.072_220_16 + 2.516_582_4 + 137.438_953_472;
    assert!(
        close(t.duration_s.unwrap_or(0.0), total),
        "{:?}",
        t.duration_s
    );
    assert_eq!(human_duration(total), "8 min 34 s");
    let hot_disk = t.flows[1].expect("timed");
    assert!(close(hot_disk.end_s, hot));
}

#[test]
fn the_io_mirror_carries_the_guest_writes_during_the_hot_disk_copy() {
    // 2 GiB hot disk at 1 GiB/s, guest writing 64 MiB/s: the mirror takes its 64 MiB/s, the disk
    // the rest, so the copy takes 2 GiB / (1 GiB/s - 64 MiB/s) and the mirror carries 64 MiB/s × that.
    let s = scenario(
        "compute-and-storage",
        json!({ "disks": [{ "base_gib": 2 }], "write_mib_per_s": 64 }),
        (1.0, GIB_LINK),
        (1.0, GIB_LINK),
    );
    let (p, t) = timed(&s);
    let hot = 2.0 * GIB / (GIB - 64.0 * 1_048_576.0);
    let mirror = p
        .flows
        .iter()
        .position(|f| f.traffic == Traffic::IoMirror)
        .and_then(|i| t.flows[i])
        .expect("mirror timed");
    assert!(close(mirror.end_s, hot), "{mirror:?}");
    assert_eq!(mirror.bytes, (64.0 * 1_048_576.0 * hot).round() as u64);
}

#[test]
fn a_blocked_plan_has_no_timing() {
    let mut s = scenario("compute", json!({}), (1.0, 1.0), (1.0, 1.0));
    s.destination.vmknics[1].services.clear();
    let (p, t) = timed(&s);
    assert_eq!(p.outcome, crate::plan::Outcome::Blocked);
    assert_eq!((t.duration_s, t.stun_ms), (None, None));
    assert!(t.flows.is_empty() && t.intervals.is_empty());
}

/// An idle 16 GiB VM between hosts whose second vMotion vmknic, vmk2 on vmnic2, runs at
/// `src_vmk2_gbps` on the source (10GbE elsewhere): Multi-NIC vMotion with two pairs.
fn two_vmotion_vmknics(src_vmk2_gbps: f64) -> Scenario {
    let vm = json!({ "memory_gib": 16 });
    let mut s = scenario("compute", vm, (1.0, 10.0), (1.0, 10.0));
    for (h, n, gbps) in [
        (&mut s.source, 11, src_vmk2_gbps),
        (&mut s.destination, 12, 10.0),
    ] {
        let mut vmk2 = h.vmknics[1].clone();
        vmk2.name = "vmk2".into();
        vmk2.ip = format!("10.0.1.{}/24", n + 100).parse().unwrap();
        vmk2.active = vec![crate::model::UplinkId(2)];
        let mut up = h.uplinks[1].clone();
        up.name = "vmnic2".into();
        up.gbps = gbps;
        h.uplinks.push(up);
        h.vmknics.push(vmk2);
    }
    s
}

#[test]
fn what_if_matches_one_hosts_vmotion_links_and_times_both() {
    let mixed = two_vmotion_vmknics(1.0);
    let (p, t) = timed(&mixed);
    let fixes = what_if(&mixed, &p, &t);
    let fix = fixes
        .iter()
        .find(|w| w.codes.contains(&Code::LinkMismatch))
        .expect("a link fix");
    assert!(fix.after_s < fix.before_s);
    assert_eq!(fix.scenario.source.uplinks[2].gbps, 10.0);
    // The management uplinks (vmnic0, 1GbE) are never touched.
    assert_eq!(fix.scenario.source.uplinks[0], mixed.source.uplinks[0]);
    assert_eq!(fix.scenario.destination, mixed.destination);
    assert!(fix.change.contains("esx01 vmnic2"), "{}", fix.change);
    assert!(
        fix.sentence
            .starts_with("memory over vmk1 and vmk2 at 1GbE: ")
            && fix.sentence.contains("; over vmk1 and vmk2 at 10GbE: "),
        "{}",
        fix.sentence
    );
}

#[test]
fn a_fix_that_saves_less_than_a_second_is_not_offered() {
    // An MTU mismatch alone changes no duration in this model: no what-if, though the finding
    // (and its fix text) stays.
    let mut s = two_vmotion_vmknics(10.0);
    s.source.uplinks[2].mtu = 9000;
    let (p, t) = timed(&s);
    assert!(p.findings.iter().any(|f| f.code == Code::LinkMismatch));
    assert!(what_if(&s, &p, &t).is_empty());
}

#[test]
fn streams_cap_a_pair_at_15_gbit_s_only_before_7_0() {
    // One idle 1 GiB VM over 40GbE: 6.7 sends at one stream's 15 Gbit/s, 7.0 (U2+) fills 40.
    let mut s = scenario("compute", json!({}), (1.0, 40.0), (1.0, 40.0));
    let memory = |s: &Scenario| timed(s).1.memory.map(|m| m.send_bytes_per_s * 8.0 / 1e9);
    let near = |a: Option<f64>, b: f64| a.is_some_and(|a| (a - b).abs() < 1e-6);
    assert!(near(memory(&s), 15.0), "{:?}", memory(&s));
    s.version = crate::model::Version::V7_0;
    assert!(near(memory(&s), 40.0), "{:?}", memory(&s));
    s.version = crate::model::Version::V8_0;
    assert!(near(memory(&s), 40.0), "{:?}", memory(&s));
}
