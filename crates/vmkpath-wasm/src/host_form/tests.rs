//! The panel's markup and answers, natively.

use super::*;
use vmkpath_core::hostcheck::{pair_scenario, read_host};

const SAMPLE: &str = include_str!(
    "../../../vmkpath-core/tests/fixtures/hostcheck/samples/esxcfg-vmknic-l.esxi70.txt"
);
const LIST: &str = include_str!(
    "../../../vmkpath-core/tests/fixtures/hostcheck/samples/interface-list.esxi6x.txt"
);
const FULL: &str =
    include_str!("../../../vmkpath-core/tests/fixtures/hostcheck/full-host.esxi70.txt");

fn pairs(items: &[(&str, &str)]) -> Vec<(String, String)> {
    items
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

#[test]
fn the_panel_is_collapsed_labelled_and_private() {
    let html = panel();
    assert!(html.starts_with("<details class=\"hostcheck\">"));
    assert!(!html.contains(" open"));
    assert!(!html.contains("style="));
    assert!(!html.contains("<script"));
    assert_eq!(html.matches("<textarea").count(), 2);
    assert_eq!(html.matches("spellcheck=\"false\"").count(), 2);
    assert!(html.contains("<span>Source host output</span><textarea"));
    assert!(html.contains("not sent anywhere"));
    // One action: Check.
    assert_eq!(html.matches("<button").count(), 1);
    assert!(html.contains("data-action=\"host-check\""));
    // The verdict comes before the questions.
    assert!(html.find("hostcheck-verdict").unwrap() < html.find("hostcheck-questions").unwrap());
}

#[test]
fn questions_come_from_what_is_missing() {
    let report = read_host(SAMPLE).unwrap();
    let html = questions("source", "Source", &report, &[], "5.1");
    assert_eq!(
        html.matches("data-answer=\"source.services.vmk0\"").count(),
        3
    );
    // The version is asked, defaulting to the widget's.
    assert!(
        html.contains("<select data-answer=\"source.version\">"),
        "{html}"
    );
    assert!(html.contains("<option value=\"5.1\" selected>"), "{html}");
    // "Management Network" suggests management: pre-ticked and marked as a suggestion.
    assert!(html.contains("value=\"management\" checked"), "{html}");
    assert!(!html.contains("value=\"vmotion\" checked"), "{html}");
    assert!(html.contains("suggested from the port group name \"Management Network\""));
    assert!(html.contains("Active uplink of port group Management Network (vmk0)"));
    assert!(html.contains("placeholder=\"uplink?\""));
    // No route table pasted: the default gateway is asked (blank: none).
    assert!(html.contains("data-answer=\"source.gateway\""), "{html}");
    assert!(html.contains("skipped its IPv6 address"), "{html}");
    assert!(!html.contains("style="));
    // Nothing is asked about services the output showed.
    let full = questions("source", "Source", &read_host(FULL).unwrap(), &[], "7.0");
    assert!(!full.contains(".services."), "{full}");
    assert_eq!(full.matches("data-answer=\"source.uplink.").count(), 5);
}

#[test]
fn reading_again_keeps_the_answers() {
    let report = read_host(SAMPLE).unwrap();
    let previous = pairs(&[
        ("source.services.vmk0", "vmotion"),
        ("source.uplink.0", "vmnic<0>"),
        ("source.gbps.0", "25"),
    ]);
    let html = questions("source", "Source", &report, &previous, "7.0");
    // An answer seen before wins over the suggestion, and no longer says "suggested".
    assert!(html.contains("value=\"vmotion\" checked"));
    assert!(!html.contains("value=\"management\" checked"));
    assert!(!html.contains("suggested from"));
    assert!(html.contains("value=\"vmnic&lt;0&gt;\""));
    assert!(html.contains("<option value=\"25\" selected>"));
}

#[test]
fn answers_from_form_values_build_the_scenario() {
    let values = pairs(&[
        ("source.version", "6.7"),
        ("source.services.vmk0", "management"),
        ("source.services.vmk0", ""),
        ("source.services.vmk0", "vmotion"),
        ("source.uplink.0", " vmnic0 "),
        ("source.gbps.0", "1"),
        ("destination.gbps.1", "40"),
        ("source.uplink.99999", "x"),
        ("nonsense", "1"),
        ("source.services.vmk9", ""),
    ]);
    let a = answers(&values, "5.1");
    assert_eq!(a.version, "5.1");
    assert_eq!(a.source.version, "6.7");
    assert_eq!(
        a.source.services_of("vmk0").unwrap(),
        ["management", "vmotion"]
    );
    assert!(
        a.source.services_of("vmk9").unwrap().is_empty(),
        "answered: none"
    );
    assert!(a.source.services_of("vmk1").is_none());
    assert_eq!(
        a.source.uplinks,
        [Some(UplinkAnswer {
            name: "vmnic0".into(),
            gbps: 1.0
        })]
    );
    assert_eq!(a.destination.uplinks.len(), 2);
    assert_eq!(a.destination.uplinks[1].as_ref().unwrap().gbps, 40.0);
    let report = read_host(SAMPLE).unwrap();
    let pair = pair_scenario(&report, None, &a).unwrap();
    assert_eq!(
        pair.file.source.vmknics[0].services,
        ["management", "vmotion"]
    );
    assert_eq!(pair.file.destination.uplinks[0].name, "vmnic0");
    assert!(said(&pair.said).contains("Mirrored"));
    assert_eq!(pair.file.source.version.as_deref(), Some("6.7"));
}

#[test]
fn the_status_counts_vmknics_and_says_the_answers_are_used() {
    let sample = read_host(SAMPLE).unwrap();
    let full = read_host(FULL).unwrap();
    assert_eq!(
        read_status(&[&sample]),
        "Read 1 vmknic of esxi. The answers below are what the check used: change any and check again."
    );
    let list = read_host(LIST).unwrap();
    assert!(read_status(&[&full, &list])
        .starts_with("Read 5 vmknics of esx01 and 2 of VSAN03 (2 without their addresses)."));
}

/// `interface list` alone: its vmknics are asked their addresses (never "0 questions").
#[test]
fn vmknics_without_addresses_and_unnamed_hosts_are_questions() {
    let list = read_host(LIST).unwrap();
    let html = questions("destination", "Destination", &list, &[], "7.0");
    assert!(html.contains("IPv4 address of vmk0 (Management Network, vSwitch0, MTU 1500) <input type=\"text\" data-answer=\"destination.address.vmk0\""), "{html}");
    assert!(html.contains("data-answer=\"destination.address.vmk2\""));
    assert!(html.contains("data-answer=\"destination.services.vmk2\""));
    assert!(
        html.contains("data-answer=\"destination.uplink.1\""),
        "{html}"
    );
    let unnamed = read_host(include_str!(
        "../../../vmkpath-core/tests/fixtures/hostcheck/samples/interface-ipv4-get.no-gateway-column.txt"
    ))
    .unwrap();
    let html = questions("source", "Source", &unnamed, &[], "7.0");
    assert!(html.contains("data-answer=\"source.name\""), "{html}");
    // ipv4 get alone: no routes and no stacks shown, both asked.
    assert!(html.contains("data-answer=\"source.gateway\""), "{html}");
    assert!(
        html.contains(
            "<select data-answer=\"source.stack.vmk0\"><option value=\"default\" selected>"
        ),
        "{html}"
    );
    assert!(
        !html.contains("Also not in the output"),
        "every missing fact is a question: {html}"
    );
    let a = answers(
        &pairs(&[
            ("source.name", " esx07 "),
            ("destination.address.vmk0", "10.0.0.12/24"),
        ]),
        "7.0",
    );
    assert_eq!(a.source.name, "esx07");
    assert_eq!(a.destination.address_of("vmk0"), Some("10.0.0.12/24"));
    let a = answers(
        &pairs(&[
            ("source.gateway", " 172.16.0.1 "),
            ("source.stack.vmk0", "vmotion"),
        ]),
        "7.0",
    );
    assert_eq!(a.source.gateway, "172.16.0.1");
    assert_eq!(
        a.source.stacks,
        [("vmk0".to_string(), "vmotion".to_string())]
    );
}

#[test]
fn controls_attribute_asks_for_the_panel() {
    assert!(wanted("all"));
    assert!(wanted(""));
    assert!(wanted("version host"));
    assert!(!wanted("none"));
    assert!(!wanted("version snapshots"));
}

#[test]
fn a_version_the_output_printed_answers_the_question_and_says_so() {
    let text =
        include_str!("../../../vmkpath-core/tests/fixtures/hostcheck/powercli-esxcli-version.txt");
    let report = read_host(text).unwrap();
    let html = questions("source", "Source", &report, &[], "5.1");
    assert!(html.contains("<option value=\"6.7\" selected>"), "{html}");
    assert!(!html.contains("<option value=\"5.1\" selected>"), "{html}");
    assert!(
        html.contains("the output says ESXi 6.7.0 (build 8169922)"),
        "{html}"
    );
    assert!(html.contains("data-answer=\"source.version-read\" value=\"6.7\""));
    // What the form then holds is what the check uses; the marker is no answer.
    let a = answers(
        &pairs(&[("source.version", "6.7"), ("source.version-read", "6.7")]),
        "5.1",
    );
    assert_eq!(a.source.version, "6.7");
    // Without a version in the output: the widget's, and no marker value.
    let html = questions("source", "Source", &read_host(SAMPLE).unwrap(), &[], "5.1");
    assert!(html.contains("<option value=\"5.1\" selected>"));
    assert!(html.contains("data-answer=\"source.version-read\" value=\"\""));
}
