//! `check` and `check_pair` on the core's host-output fixtures.

use super::*;

const FULL: &str =
    include_str!("../../../vmkpath-core/tests/fixtures/hostcheck/full-host.esxi70.txt");
const SHARED_55: &str =
    include_str!("../../../vmkpath-core/tests/fixtures/hostcheck/full-host.busybox-esxi55.txt");
const VMKNIC_SAMPLE: &str = include_str!(
    "../../../vmkpath-core/tests/fixtures/hostcheck/samples/esxcfg-vmknic-l.esxi70.txt"
);

fn esx02() -> String {
    FULL.replace("esx01", "esx02")
        .replace(".11 ", ".12 ")
        .replace(".11\n", ".12\n")
}

#[test]
fn check_prints_what_it_read_and_what_is_missing() {
    let out = check(&[FULL.to_string()], false).unwrap();
    assert!(out.contains("\n\nHost esx01"), "{out}");
    assert!(
        out.contains("vmk1   10.0.20.11/24      vmotion stack \"vMotion\": vmotion"),
        "{out}"
    );
    assert!(
        out.contains("- uplinks: these commands do not show"),
        "{out}"
    );
    assert!(out.contains("Findings: none"), "{out}");
    let out = check(&[VMKNIC_SAMPLE.to_string()], false).unwrap();
    assert!(out.contains("services ?"), "{out}");
    assert!(out.contains("tag get -i vmk0"), "{out}");
    assert!(out.contains("not complete enough to plan with"), "{out}");
}

#[test]
fn check_json_has_host_missing_findings() {
    let out = check(&[SHARED_55.to_string()], true).unwrap();
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["host"]["name"], "esx55a");
    assert_eq!(v["host"]["vmknics"][1]["services"][0], "vmotion");
    assert!(v["missing"].as_array().unwrap().contains(&json!("uplinks")));
    let codes: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    assert_eq!(
        codes,
        [
            "multihoming",
            "nfc-over-management",
            "vmotion-egress-mismatch"
        ]
    );
    assert_eq!(v["findings"][0]["host"], "esx55a");
}

#[test]
fn several_inputs_are_one_host_and_errors_name_the_input() {
    let pieces = [
        "[root@esxi:~] esxcfg-vmknic -l\nInterface Port Group IP Family IP Address Netmask\nvmk0 Management Network IPv4 10.0.0.1 255.255.255.0\n".to_string(),
        "vmk0: Management, VMotion".to_string(),
    ];
    let out = check(&pieces, false).unwrap();
    assert!(out.contains("management, vmotion"), "{out}");
    let bad = [
        pieces[0].clone(),
        "vmk0: Management\nthis is not output\n".to_string(),
    ];
    assert_eq!(
        check(&bad, false).unwrap_err().split(':').next(),
        Some("input 2, line 2")
    );
    assert!(check(&[], false).is_err());
}

#[test]
fn pair_plans_with_placeholder_uplinks_and_says_so() {
    let out = check_pair(FULL, &esx02(), false).unwrap();
    assert!(
        out.contains(
            "esx01: the output shows no uplinks, so these port groups get a placeholder uplink: uplink? at 10 Gbit/s for port group Management Network (vmk0)"
        ),
        "{out}"
    );
    assert!(out.contains("Outcome: ok"), "{out}");
    assert!(
        out.contains("esx01 vmk1 (uplink?2) -> esx02 vmk1 (uplink?2)"),
        "{out}"
    );
    let v: Value = serde_json::from_str(&check_pair(FULL, &esx02(), true).unwrap()).unwrap();
    assert_eq!(v["plan"]["outcome"], "ok");
    assert_eq!(v["scenario"]["source"]["uplinks"][0]["name"], "uplink?");
    assert_eq!(v["scenario"]["version"], "7.0");
    assert!(v["assumed"]
        .as_array()
        .unwrap()
        .iter()
        .any(|s| s.as_str().unwrap().contains("placeholder")));
}

#[test]
fn pair_of_unnamed_or_same_named_hosts() {
    let out = check_pair(SHARED_55, SHARED_55, false).unwrap();
    assert!(out.contains("\"esx55a (source)\""), "{out}");
    assert!(out.contains("nfc-over-management"), "{out}");
    let unnamed = SHARED_55.replace("   Host Name: esx55a\n", "");
    let out = check_pair(&unnamed, SHARED_55, false).unwrap();
    assert!(out.contains("called \"source\""), "{out}");
}

#[test]
fn pair_that_lacks_services_is_an_error_that_says_what_is_missing() {
    let e = check_pair(VMKNIC_SAMPLE, FULL, false).unwrap_err();
    assert!(e.contains("management"), "{e}");
    assert!(
        e.contains("the source's output lacked services of vmk0"),
        "{e}"
    );
    let e = check_pair("garbage", FULL, false).unwrap_err();
    assert!(e.starts_with("source: line 1"), "{e}");
}

/// The answer comes first: the verdict the widget's host check shows, for the pasted hosts.
#[test]
fn the_verdict_line_comes_first_and_json_carries_it() {
    let out = check_pair(FULL, &esx02(), false).unwrap();
    let first = out.lines().next().unwrap();
    assert!(
        first.starts_with(
            "Your vMotion leaves esx01 on vmk1, its vMotion vmknic, and arrives on esx02's vmk1"
        ),
        "{first}"
    );
    let v: Value = serde_json::from_str(&check_pair(FULL, &esx02(), true).unwrap()).unwrap();
    assert_eq!(v["verdict"].as_str(), Some(first));

    // One host: the verdict of it migrating to a twin of itself, or what it still lacks.
    let out = check(&[FULL.to_string()], false).unwrap();
    assert!(
        out.starts_with("Your vMotion leaves esx01 (source) on vmk1"),
        "{out}"
    );
    let out = check(&[VMKNIC_SAMPLE.to_string()], false).unwrap();
    assert!(
        out.starts_with("No verdict yet: esxi (source), vmknics:"),
        "{out}"
    );
    assert!(
        !out.lines().next().unwrap().contains("source.vmknics"),
        "{out}"
    );
    let v: Value =
        serde_json::from_str(&check(&[VMKNIC_SAMPLE.to_string()], true).unwrap()).unwrap();
    assert!(v["verdict"].is_null());
    assert!(v["verdict_missing"]
        .as_str()
        .unwrap()
        .contains("management"));
}

#[test]
fn a_printed_esxi_version_is_read_and_plans_the_host() {
    let powercli =
        include_str!("../../../vmkpath-core/tests/fixtures/hostcheck/powercli-esxcli-version.txt");
    let out = check(&[powercli.to_string()], false).unwrap();
    assert!(
        out.contains("Version: ESXi 6.7.0 (build 8169922), planned as vSphere 6.7"),
        "{out}"
    );
    let v: Value = serde_json::from_str(&check(&[powercli.to_string()], true).unwrap()).unwrap();
    assert_eq!(v["host"]["version"], "6.7");
    assert_eq!(v["esxi"], "ESXi 6.7.0 (build 8169922)");
    // Two hosts: the source on the version its `vmware -v` printed (5.5.0), the destination,
    // whose output prints none, on the default 7.0.
    let v: Value = serde_json::from_str(&check_pair(SHARED_55, FULL, true).unwrap()).unwrap();
    assert_eq!(v["scenario"]["source"]["version"], "5.5");
    assert_eq!(v["scenario"]["destination"]["version"], "7.0");
    assert!(v["assumed"].as_array().unwrap().iter().any(|s| s
        .as_str()
        .unwrap()
        .contains("(the source's as its output says)")));
}
