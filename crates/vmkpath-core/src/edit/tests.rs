//! Over every built-in: each control reads back the scenario it sits on, changing one changes
//! only that reading, and setting it back gives the identical scenario (so the identical plan).

#![allow(clippy::unwrap_used)]

use super::*;
use crate::scenarios::builtins;

fn readings(s: &Scenario) -> Vec<(&'static str, Reading)> {
    CONTROLS.iter().map(|c| (*c, read(s, c).unwrap())).collect()
}

#[test]
fn every_choice_of_every_control_on_every_builtin_reads_back_and_toggles_back() {
    let mut tried = 0;
    for b in builtins() {
        let base = b.scenario().unwrap();
        let before = readings(&base);
        for (control, now) in &before {
            if now.disabled.is_some() {
                continue;
            }
            for (value, _) in choices(control) {
                if value == now.value || !choosable(&value) {
                    continue;
                }
                let edited = edit(&base, &base, control, &value)
                    .unwrap_or_else(|e| panic!("{} {control}={value}: {e}", b.name));
                tried += 1;
                let after = readings(&edited);
                assert_eq!(read(&edited, control).unwrap().value, value, "{}", b.name);
                for ((c, r0), (_, r1)) in before.iter().zip(&after) {
                    if c != control && r0.disabled.is_none() && r1.disabled.is_none() {
                        assert_eq!(
                            r0.value, r1.value,
                            "{} {control}={value} changed {c}",
                            b.name
                        );
                    }
                }
                let back = edit(&base, &edited, control, &now.value)
                    .unwrap_or_else(|e| panic!("{} {control} back to {}: {e}", b.name, now.value));
                assert_eq!(back, base, "{} {control}={value} and back", b.name);
                assert_eq!(crate::plan(&back), crate::plan(&base));
            }
        }
    }
    assert!(tried > 200, "only {tried} edits tried");
}

#[test]
fn the_version_control_changes_only_the_version() {
    let base = crate::scenarios::builtin("provisioning-same-subnet")
        .unwrap()
        .scenario()
        .unwrap();
    let old = edit(&base, &base, "version", "5.1").unwrap();
    assert_eq!(old.version, Version::V5_1);
    assert_eq!(old.source, base.source);
    assert_eq!(old.destination, base.destination);
    let r = read(&old, "provisioning").unwrap();
    assert_eq!(r.value, "same-subnet", "the vmknic is still there");
    assert!(r.disabled.unwrap().contains("6.0"));
}

#[test]
fn shared_subnet_moves_the_vmotion_vmknics_only() {
    let base = crate::scenarios::builtin("snapshots-hot-cold")
        .unwrap()
        .scenario()
        .unwrap();
    assert_eq!(read(&base, "shared-subnet").unwrap().value, "false");
    let shared = edit(&base, &base, "shared-subnet", "true").unwrap();
    let plan = crate::plan(&shared);
    let memory = &plan
        .flows
        .iter()
        .find(|f| f.traffic == crate::plan::Traffic::Memory)
        .unwrap();
    assert_eq!(shared.source.vmk(memory.source.vmk.unwrap()).name, "vmk0");
    assert_eq!(shared.source.vmknics[0], base.source.vmknics[0]);
}

#[test]
fn edits_of_edits_combine_and_undo_one_at_a_time() {
    let base = crate::scenarios::builtin("shared-subnet")
        .unwrap()
        .scenario()
        .unwrap();
    let a = edit(&base, &base, "multi-nic", "two-nics").unwrap();
    let b = edit(&base, &a, "version", "6.7").unwrap();
    let c = edit(&base, &b, "provisioning", "routed").unwrap();
    assert_eq!(read(&c, "multi-nic").unwrap().value, "two-nics");
    assert_eq!(read(&c, "provisioning").unwrap().value, "routed");
    let d = edit(&base, &c, "provisioning", "off").unwrap();
    assert_eq!(d, b);
    let e = edit(&base, &d, "version", "5.1").unwrap();
    assert_eq!(e, a);
}

#[test]
fn unknown_and_disabled_controls_are_errors_not_panics() {
    let base = crate::scenarios::builtin("shared-subnet")
        .unwrap()
        .scenario()
        .unwrap();
    assert!(edit(&base, &base, "nope", "1")
        .unwrap_err()
        .contains("unknown"));
    assert!(edit(&base, &base, "snapshots", "9").is_err());
    assert!(edit(&base, &base, "provisioning", "routed")
        .unwrap_err()
        .contains("6.0"));
    assert!(edit(&base, &base, "multi-nic", "mixed").is_err());
}

#[test]
fn a_title_that_names_the_version_follows_the_version_control() {
    let base = crate::scenarios::builtin("shared-subnet")
        .unwrap()
        .scenario()
        .unwrap();
    assert!(base.title.ends_with("(5.1)"), "{}", base.title);
    let edited = edit(&base, &base, "version", "6.7").unwrap();
    assert!(edited.title.ends_with("(6.7)"), "{}", edited.title);
    let back = edit(&base, &edited, "version", "5.1").unwrap();
    assert_eq!(back, base);
}
