//! Laws of the timing model (README "Timing model") over random scenarios with random link
//! speeds and guest rates: links never carry more than their speed, NFC never beats its cap,
//! more bandwidth never makes a flow slower, twice the bytes on a saturated link take twice the
//! time, and a dirty rate above the send rate engages SDPS.

use crate::properties::{config, generate::scenario_file};
use proptest::prelude::*;
use vmkpath_core::model::Service;
use vmkpath_core::model::{Scenario, MIB};
use vmkpath_core::plan::{Code, Outcome, Plan, Side, Traffic, Transport};
use vmkpath_core::timing::{schedule, Timeline};
use vmkpath_core::{analyze, decode_scenario, plan};

/// Link speeds: the usual NIC sizes, and anything from 50 Mbit/s to 100 Gbit/s.
fn speed() -> impl Strategy<Value = f64> {
    prop_oneof![Just(1.0), Just(10.0), Just(25.0), 0.05..100.0f64]
}

/// A valid scenario whose uplinks run at random speeds.
fn timed_scenario() -> impl Strategy<Value = Scenario> {
    (
        scenario_file(),
        prop::collection::vec(speed(), 8),
        prop::collection::vec(speed(), 8),
    )
        .prop_map(|(mut file, a, b)| {
            for (u, g) in file.source.uplinks.iter_mut().zip(a) {
                u.gbps = g;
            }
            for (u, g) in file.destination.uplinks.iter_mut().zip(b) {
                u.gbps = g;
            }
            let text = serde_json::to_string(&file).unwrap();
            decode_scenario(&text).unwrap_or_else(|e| panic!("invalid: {e}\n{text}"))
        })
}

fn timed(s: &Scenario) -> (Plan, Timeline) {
    vmkpath_core::timing::timed(s)
}

/// The uplinks of `h` that a management vmknic uses (active or standby).
fn management_uplinks(h: &vmkpath_core::model::Host) -> Vec<usize> {
    h.vmknics
        .iter()
        .filter(|v| v.has(Service::Management))
        .flat_map(|v| v.active.iter().chain(&v.standby).map(|u| u.0))
        .collect()
}

fn speed_of(s: &Scenario, side: Side, uplink: usize) -> f64 {
    let host = match side {
        Side::Source => &s.source,
        Side::Destination => &s.destination,
    };
    host.uplinks[uplink].gbps * 1e9 / 8.0
}

const NFC_CAP: f64 = 1.3e9 / 8.0;

fn at_most(value: f64, limit: f64) -> bool {
    value <= limit * (1.0 + 1e-9) + 1e-6
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn links_never_carry_more_than_their_speed(s in timed_scenario()) {
        let (p, t) = timed(&s);
        for iv in &t.intervals {
            prop_assert!(iv.end_s >= iv.start_s);
            let mut load: Vec<((Side, usize), f64)> = Vec::new();
            for &(i, rate) in &iv.rates {
                prop_assert!(rate >= 0.0 && rate.is_finite());
                for end in [p.flows[i].source, p.flows[i].destination] {
                    if let Some(u) = end.uplink {
                        match load.iter_mut().find(|(k, _)| *k == (end.side, u.0)) {
                            Some((_, sum)) => *sum += rate,
                            None => load.push(((end.side, u.0), rate)),
                        }
                    }
                }
            }
            for ((side, u), sum) in load {
                let cap = speed_of(&s, side, u);
                prop_assert!(at_most(sum, cap), "{side:?} uplink {u}: {sum} > {cap} at {iv:?}");
            }
        }
    }

    #[test]
    fn nfc_never_beats_its_cap(s in timed_scenario()) {
        let (p, t) = timed(&s);
        for iv in &t.intervals {
            for &(i, rate) in &iv.rates {
                if p.flows[i].transport == Transport::Nfc {
                    prop_assert!(at_most(rate, NFC_CAP), "{rate}");
                }
            }
        }
        for (f, timing) in p.flows.iter().zip(&t.flows) {
            if let (Transport::Nfc, Some(x)) = (f.transport, timing) {
                prop_assert!(x.end_s - x.start_s >= f.bytes as f64 / NFC_CAP * (1.0 - 1e-9) - 1e-9);
            }
        }
    }

    #[test]
    fn more_bandwidth_never_makes_a_flow_slower(s in timed_scenario(), k in 1.0..8.0f64) {
        let (p, before) = timed(&s);
        let mut faster = s.clone();
        for u in faster.source.uplinks.iter_mut().chain(faster.destination.uplinks.iter_mut()) {
            u.gbps = (u.gbps * k).min(1000.0);
        }
        let (q, after) = timed(&faster);
        // Link speeds never change the route.
        prop_assert_eq!(p.flows.len(), q.flows.len());
        for (i, (a, b)) in before.flows.iter().zip(&after.flows).enumerate() {
            if let (Some(a), Some(b)) = (a, b) {
                prop_assert!(at_most(b.end_s, a.end_s), "flow {i}: {} -> {}", a.end_s, b.end_s);
            }
        }
        if let (Some(a), Some(b)) = (before.duration_s, after.duration_s) {
            prop_assert!(at_most(b, a), "{a} -> {b}");
        }
    }

    #[test]
    fn a_faster_uplink_never_makes_the_migration_longer(
        s in timed_scenario(),
        which in 0usize..16,
        k in 1.0..8.0f64,
    ) {
        let (_, before) = timed(&s);
        let mut faster = s.clone();
        let host = if which < 8 { &mut faster.source } else { &mut faster.destination };
        if let Some(u) = host.uplinks.get_mut(which % 8) {
            u.gbps = (u.gbps * k).min(1000.0);
        }
        let (_, after) = timed(&faster);
        if let (Some(a), Some(b)) = (before.duration_s, after.duration_s) {
            prop_assert!(at_most(b, a), "{a} -> {b}");
        }
    }

    #[test]
    fn twice_the_memory_on_a_saturated_link_takes_twice_the_time(s in timed_scenario()) {
        let mut one = s.clone();
        one.migration.kind = vmkpath_core::model::MigrationKind::Compute;
        one.vm.dirty_mib_per_s = 0.0;
        let mut two = one.clone();
        two.vm.memory_gib *= 2.0;
        let (p, a) = timed(&one);
        let (_, b) = timed(&two);
        if p.outcome == Outcome::Ok {
            let (a, b) = (a.duration_s.unwrap(), b.duration_s.unwrap());
            // The same tolerance as `at_most`: a microsecond on top of the relative one, since
            // the two runs sum their intervals in different steps (a CI run found 1.658453592 s
            // vs 3.316907176 s, 8 ns from exactly twice).
            prop_assert!((b - 2.0 * a).abs() <= 1e-9 * b.max(1.0) + 1e-6, "{a} vs {b}");
        }
    }

    #[test]
    fn a_dirty_rate_above_the_send_rate_engages_sdps(s in timed_scenario(), f in 1.001..20.0f64) {
        let (p, t) = timed(&s);
        let Some(m) = t.memory.as_ref() else { return Ok(()) };
        prop_assert_eq!(p.outcome, Outcome::Ok);
        let mut busy = s.clone();
        busy.vm.dirty_mib_per_s = (m.send_bytes_per_s * f / MIB).min(1_048_576.0);
        let (q, u) = timed(&busy);
        if busy.vm.dirty_mib_per_s * MIB > m.send_bytes_per_s {
            prop_assert!(q.findings.iter().any(|x| x.code == Code::Sdps));
            prop_assert_eq!(u.memory.as_ref().and_then(|m| m.sdps_from_pass), Some(1));
        }
        let mut calm = s.clone();
        calm.vm.dirty_mib_per_s = m.send_bytes_per_s * 0.49 / MIB;
        let (r, _) = timed(&calm);
        prop_assert!(r.findings.iter().all(|x| x.code != Code::Sdps));
    }

    #[test]
    fn timelines_are_whole_and_deterministic(s in timed_scenario()) {
        let (p, t) = timed(&s);
        prop_assert_eq!(&schedule(&s, &p), &t);
        // Timing reads the plan and adds only its own findings (sdps, low-bandwidth).
        let planned = plan(&s);
        prop_assert_eq!(&planned.flows, &p.flows);
        prop_assert_eq!(planned.outcome, p.outcome);
        let mut added = p.findings.clone();
        for f in &planned.findings {
            let k = added.iter().position(|x| x == f);
            prop_assert!(k.is_some(), "{:?} lost", f.code);
            if let Some(k) = k {
                added.remove(k);
            }
        }
        prop_assert!(added.iter().all(|f| matches!(f.code, Code::Sdps | Code::LowBandwidth)));
        match p.outcome {
            Outcome::Blocked => prop_assert!(t.duration_s.is_none() && t.flows.is_empty()),
            Outcome::Ok => {
                let duration = t.duration_s.unwrap();
                prop_assert!(duration.is_finite() && duration >= 0.0);
                prop_assert_eq!(t.flows.len(), p.flows.len());
                for (f, x) in p.flows.iter().zip(&t.flows) {
                    // Every network flow is timed, the storage path never.
                    prop_assert_eq!(x.is_some(), f.transport != Transport::Storage);
                    if let Some(x) = x {
                        prop_assert!(0.0 <= x.start_s && x.start_s <= x.end_s);
                        prop_assert!(at_most(x.end_s, duration));
                        if f.traffic != Traffic::Memory && f.traffic != Traffic::IoMirror {
                            prop_assert_eq!(x.bytes, f.bytes);
                        }
                    }
                }
                // Disks before memory. [D12]
                let memory_start = p.flows.iter().zip(&t.flows)
                    .filter(|(f, _)| f.traffic == Traffic::Memory)
                    .filter_map(|(_, x)| x.map(|x| x.start_s))
                    .fold(f64::INFINITY, f64::min);
                for (f, x) in p.flows.iter().zip(&t.flows) {
                    if let (false, Some(x)) = (f.traffic == Traffic::Memory, x) {
                        prop_assert!(at_most(x.end_s, memory_start));
                    }
                }
            }
        }
    }

    #[test]
    fn what_if_fixes_remove_their_finding(s in timed_scenario()) {
        let analysis = analyze(&s);
        let before = analysis.timeline.duration_s;
        for w in &analysis.what_ifs {
            let (p, t) = timed(&w.scenario);
            prop_assert_eq!(p.outcome, Outcome::Ok);
            for code in &w.codes {
                prop_assert!(p.findings.iter().all(|f| f.code != *code), "{code:?} stays");
            }
            prop_assert_eq!(Some(w.before_s), before);
            prop_assert_eq!(Some(w.after_s), t.duration_s);
            prop_assert!(w.sentence.contains("; over "), "{}", w.sentence);
            // domain.md 8.16: no fix speeds up (or otherwise changes) a management uplink.
            for (old, new) in [(&s.source, &w.scenario.source), (&s.destination, &w.scenario.destination)] {
                for u in management_uplinks(old) {
                    prop_assert_eq!(&old.uplinks[u], &new.uplinks[u], "{}", w.change);
                }
            }
        }
    }

    #[test]
    fn what_ifs_are_offered_only_when_a_duration_changes_by_a_second(s in timed_scenario()) {
        // A fix worth "8.8 s -> 8.8 s" is not offered (issue 13); the focus part may be the
        // one that changes, so its words are compared too.
        for w in analyze(&s).what_ifs {
            let whole = (w.before_s - w.after_s).abs() >= 1.0;
            let (before, after) = w.sentence.split_once("; ").unwrap();
            let figure = |part: &str| part.rsplit(": ").next().unwrap_or_default().to_string();
            prop_assert!(whole || figure(before) != figure(after), "{}", w.sentence);
        }
    }
}
