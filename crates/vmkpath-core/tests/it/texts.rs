//! Every sentence the engine generates, read as an expert reader would (issue "Right where real
//! setups differ", items 6 and 8): over the built-ins, the toggle cross product and random
//! scenarios, no common singular/plural slip, no retired wording, and no fix that asks for what
//! the scenario already has (domain.md 8.22).

use crate::properties::{config, generate::valid_scenario};
use proptest::prelude::*;
use vmkpath_core::model::{Scenario, Service, Stack};
use vmkpath_core::plan::{Code, Finding, Plan, Side, View};
use vmkpath_core::{plan, scenarios, toggles};

/// Every sentence of a plan a reader can see: flow reasons, findings and fixes, the narration,
/// the trace steps and summaries, the questions and the verdict.
fn sentences(s: &Scenario, p: &Plan) -> Vec<String> {
    let mut out: Vec<String> = p.flows.iter().map(|f| f.why.clone()).collect();
    for f in &p.findings {
        out.push(f.message.clone());
        out.extend(f.fix.clone());
    }
    out.extend(
        vmkpath_core::narrate::events(s, p)
            .into_iter()
            .map(|e| e.text),
    );
    for t in vmkpath_core::plan::trace(s, p) {
        out.push(t.summary);
        out.extend(t.steps.into_iter().map(|st| st.text));
    }
    for q in vmkpath_core::predict::questions(s, p) {
        out.push(q.prompt);
        out.push(q.reason);
    }
    out.push(vmkpath_core::verdict::verdict(s, p).sentence());
    out
}

/// Slips a reader would call out: a plural subject with a singular verb and the reverse, "1"
/// with a plural noun, and wording the reference retired ("created first" is not proof of age;
/// the stun is never "0 ms").
const SLIPS: &[&str] = &[
    "home files is ",
    "home files leaves",
    "home files moves",
    "home files travels",
    "home files goes",
    "home files was ",
    "home files has ",
    "writes leaves",
    "writes moves",
    "writes travels",
    "writes is ",
    "writes was ",
    "files is copied",
    "vmknics is ",
    "vmknics has ",
    "vmknics sits",
    "vmknics carries",
    "uplinks is ",
    "memory leave ",
    "memory are ",
    "memory travel ",
    "disk data leave ",
    "disk data are ",
    "disk data travel ",
    "they counts",
    " 1 vmknics",
    " 1 vMotion vmknics",
    " 1 hosts",
    "created first",
    "stun 0 ms",
    "0 ms stun",
    "the the ",
    "..",
];

fn check_sentences(name: &str, s: &Scenario, p: &Plan) -> Result<(), String> {
    for text in sentences(s, p) {
        let lower = text.to_lowercase();
        for slip in SLIPS {
            if lower.contains(&slip.to_lowercase()) {
                return Err(format!("{name}: {slip:?} in {text:?}"));
            }
        }
    }
    for f in &p.findings {
        fix_fits(s, f).map_err(|e| format!("{name}: {e}"))?;
    }
    Ok(())
}

/// A fix never asks for what is already configured (8.22).
fn fix_fits(s: &Scenario, f: &Finding) -> Result<(), String> {
    let Some(fix) = &f.fix else { return Ok(()) };
    let src = View::of(s, Side::Source);
    let dst = View::of(s, Side::Destination);
    let host = |side: Option<Side>| match side {
        Some(Side::Destination) => dst,
        _ => src,
    };
    let fail = |why: &str| Err(format!("{}: {why}: {fix:?}", f.code.as_str()));
    let both_provisioning = src.provisioning_vmk().is_some() && dst.provisioning_vmk().is_some();
    if fix.contains("Enable the Provisioning service on a vmknic of both hosts")
        && both_provisioning
    {
        return fail("both hosts already have a provisioning vmknic");
    }
    for view in [src, dst] {
        if view.provisioning_vmk().is_some()
            && fix.contains(&format!(
                "Enable the Provisioning service on a vmknic of {}",
                view.name()
            ))
        {
            return fail("that host already has a provisioning vmknic");
        }
    }
    if fix.starts_with("Enable the vMotion service") && !host(f.host).vmotion_set().0.is_empty() {
        return fail("that host already has a vMotion vmknic");
    }
    if (f.code == Code::SingleStream || f.code == Code::UnpairedVmotionVmknic)
        && src.vmotion_set().0.len() == dst.vmotion_set().0.len()
    {
        return fail("both hosts already have as many vMotion vmknics");
    }
    for (needle, has) in [
        ("Use vSphere 6.0 or later on", 6.0),
        ("Use vSphere 6.5 or later on", 6.5),
    ] {
        if fix.contains(needle) {
            let v = host(f.host).version.as_str().parse::<f64>().unwrap_or(0.0);
            if v >= has {
                return fail("that host already runs that version");
            }
        }
    }
    if fix.contains("set the VM's encrypted vMotion to Opportunistic or Required")
        && s.migration.encryption != Some(vmkpath_core::model::Encryption::Disabled)
        && s.migration.encryption.is_some()
    {
        return fail("encryption is already on");
    }
    // Never make a management uplink faster for vMotion (8.16).
    let mgmt_uplinks: Vec<String> = [src, dst]
        .iter()
        .flat_map(|v| {
            v.host
                .vmk_ids()
                .filter(|id| v.has(*id, Service::Management) && *v.stack(*id) == Stack::Default)
                .map(|id| format!("{} {}", v.name(), v.uplink_name(id)))
                .collect::<Vec<_>>()
        })
        .collect();
    for uplink in mgmt_uplinks {
        if fix.contains(&format!("Run {uplink} at")) {
            return fail("speeds up a management uplink");
        }
    }
    Ok(())
}

#[test]
fn every_builtin_sentence_reads_right_and_every_fix_fits() {
    for b in scenarios::builtins() {
        let s = b.scenario().unwrap();
        let p = plan(&s);
        check_sentences(b.name, &s, &p).unwrap_or_else(|e| panic!("{e}"));
    }
}

#[test]
fn every_toggle_sentence_reads_right_and_every_fix_fits() {
    for t in toggles::cross_product() {
        let Ok(s) = t.scenario() else { continue };
        let p = plan(&s);
        check_sentences(&format!("{t:?}"), &s, &p).unwrap_or_else(|e| panic!("{e}"));
    }
}

#[test]
fn a_slip_is_caught() {
    // The checker itself can fail: a plural slip planted in a why is found.
    let s = scenarios::builtin("shared-subnet")
        .unwrap()
        .scenario()
        .unwrap();
    let mut p = plan(&s);
    p.flows[0].why = "The home files leaves on vmk0.".to_string();
    assert!(check_sentences("planted", &s, &p).is_err());
    let mut p = plan(&s);
    p.findings[0].fix = Some("Run esx01 vmnic0 at 10GbE.".to_string());
    assert!(check_sentences("planted", &s, &p).is_err());
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn random_sentences_read_right_and_fixes_fit(s in valid_scenario()) {
        let p = plan(&s);
        if let Err(e) = check_sentences("random", &s, &p) {
            prop_assert!(false, "{}", e);
        }
    }
}
