//! Two reports + the reader's answers -> one scenario, on the hostcheck fixtures.

use super::*;
use crate::hostcheck::read_host;
use crate::hostcheck::tests::fixture;

const FULL: &str = fixture!("full-host.esxi70.txt");
const SHARED_55: &str = fixture!("full-host.busybox-esxi55.txt");
const VMKNIC_SAMPLE: &str = fixture!("samples/esxcfg-vmknic-l.esxi70.txt");

fn esx02() -> String {
    FULL.replace("esx01", "esx02")
        .replace(".11 ", ".12 ")
        .replace(".11\n", ".12\n")
}

fn uplink(name: &str, gbps: f64) -> Option<UplinkAnswer> {
    Some(UplinkAnswer {
        name: name.to_string(),
        gbps,
    })
}

#[test]
fn groups_follow_port_groups_and_lone_vmknics_get_their_own() {
    let mut host = read_host(SHARED_55).unwrap().host;
    host.vmknics[1].portgroup = Some("Management Network".to_string());
    host.vmknics.push(crate::format::VmknicFile {
        name: "vmk7".to_string(),
        portgroup: None,
        ..host.vmknics[0].clone()
    });
    let groups = uplink_groups(&host);
    assert_eq!(groups.len(), 2);
    assert_eq!(groups[0].vmknics, ["vmk0", "vmk1"]);
    assert_eq!(
        groups[0].label(),
        "port group Management Network (vmk0, vmk1)"
    );
    assert_eq!(groups[1].label(), "vmk7");
    assert_eq!(placeholder_uplink(0), "uplink?");
    assert_eq!(placeholder_uplink(1), "uplink?2");
}

#[test]
fn one_sample_mirrored_with_answers_plans() {
    let report = read_host(VMKNIC_SAMPLE).unwrap();
    assert!(report.missing.contains(&"services of vmk0".to_string()));
    let mut answers = PairAnswers::default();
    answers.source.services = vec![("vmk0".into(), vec!["management".into(), "vmotion".into()])];
    answers.source.uplinks = vec![uplink("vmnic0", 1.0)];
    let pair = pair_scenario(&report, None, &answers).unwrap();
    assert_eq!(pair.file.source.name, "esxi (source)");
    assert_eq!(pair.file.destination.name, "esxi (destination)");
    assert_eq!(pair.file.source.vmknics, pair.file.destination.vmknics);
    assert_eq!(pair.file.source.uplinks[0].name, "vmnic0");
    assert_eq!(pair.file.source.uplinks[0].gbps, 1.0);
    assert_eq!(pair.file.destination.vmknics[0].active, ["vmnic0"]);
    assert_eq!(pair.said[0], MIRROR_MEANING);
    assert!(
        !pair.said.iter().any(|s| s.contains("placeholder")),
        "{:?}",
        pair.said
    );
    let plan = crate::plan(&pair.scenario);
    assert!(plan.flows.iter().any(|f| f.source.vmk.is_some()));
}

#[test]
fn unanswered_services_are_an_error_that_says_what_was_lacked() {
    let report = read_host(VMKNIC_SAMPLE).unwrap();
    let e = pair_scenario(&report, None, &PairAnswers::default()).unwrap_err();
    assert_eq!(e.path, "source.vmknics");
    assert!(e.message.contains("\"management\" service"), "{e}");
    assert!(
        e.message
            .contains("the host's output lacked services of vmk0, routes and default gateway"),
        "{e}"
    );
    assert_eq!(
        unanswered(&report, &HostAnswers::default()),
        ["services of vmk0", "routes and default gateway"]
    );
}

#[test]
fn two_full_hosts_get_placeholders_and_say_so() {
    let source = read_host(FULL).unwrap();
    let destination = read_host(&esx02()).unwrap();
    let pair = pair_scenario(&source, Some(&destination), &PairAnswers::default()).unwrap();
    assert_eq!(pair.file.destination.name, "esx02");
    let placeholders = pair
        .said
        .iter()
        .find(|s| s.starts_with("esx01: the output shows no uplinks"))
        .unwrap();
    assert!(
        placeholders.contains("uplink? at 10 Gbit/s for port group Management Network (vmk0)"),
        "{placeholders}"
    );
    assert_eq!(
        pair.file.source.uplinks.len(),
        uplink_groups(&source.host).len()
    );
    assert!(pair.said.last().unwrap().contains("vSphere 7.0"));
    let plan = crate::plan(&pair.scenario);
    assert!(
        plan.findings
            .iter()
            .all(|f| f.severity != crate::plan::Severity::Error),
        "{:?}",
        plan.findings
    );
}

#[test]
fn groups_naming_one_uplink_share_it_and_must_agree_on_its_speed() {
    let source = read_host(SHARED_55).unwrap();
    let mut answers = PairAnswers::default();
    answers.source.uplinks = vec![uplink("vmnic0", 1.0), uplink(" vmnic0 ", 1.0)];
    answers.version = "5.5".to_string();
    let pair = pair_scenario(&source, Some(&source), &answers).unwrap();
    assert_eq!(pair.file.source.uplinks.len(), 1);
    assert_eq!(pair.file.source.vmknics[1].active, ["vmnic0"]);
    assert_eq!(pair.file.destination.uplinks[0].name, "uplink?");
    assert!(pair.said.iter().any(|s| s.contains("Both outputs name")));
    answers.source.uplinks[1] = uplink("vmnic0", 10.0);
    let e = pair_scenario(&source, Some(&source), &answers).unwrap_err();
    assert_eq!(e.path, "source");
    assert!(
        e.message.starts_with("esx55a (source): uplink vmnic0"),
        "{e}"
    );
    assert!(e.message.contains("one uplink has one speed"), "{e}");
    answers.version = "4.0".to_string();
    answers.source.uplinks.clear();
    assert_eq!(
        pair_scenario(&source, None, &answers).unwrap_err().path,
        "version"
    );
}

#[test]
fn answers_never_override_services_the_output_showed() {
    let source = read_host(SHARED_55).unwrap();
    let mut answers = PairAnswers::default();
    answers.source.services = vec![("vmk1".into(), vec!["management".into()])];
    let pair = pair_scenario(&source, None, &answers).unwrap();
    assert_eq!(pair.file.source.vmknics[1].services, ["vmotion"]);
}

/// `interface list` alone: the vmknics wait for their addresses; given, they join in vmk order.
#[test]
fn addresses_names_and_versions_answered_by_the_reader() {
    let list = fixture!("samples/interface-list.esxi6x.txt");
    let report = read_host(list).unwrap();
    assert!(report.host.vmknics.is_empty());
    let mut answers = PairAnswers::default();
    answers.source.addresses = vec![
        ("vmk2".into(), "10.0.2.11 255.255.255.0".into()),
        ("vmk0".into(), "10.0.0.11/24".into()),
    ];
    answers.source.services = vec![
        ("vmk0".into(), vec!["management".into()]),
        ("vmk2".into(), vec!["vmotion".into()]),
    ];
    answers.source.version = "6.0".into();
    let pair = pair_scenario(&report, None, &answers).unwrap();
    let nics: Vec<(&str, &str)> = pair
        .file
        .source
        .vmknics
        .iter()
        .map(|v| (v.name.as_str(), v.ip.as_str()))
        .collect();
    assert_eq!(nics, [("vmk0", "10.0.0.11/24"), ("vmk2", "10.0.2.11/24")]);
    assert_eq!(pair.file.source.version.as_deref(), Some("6.0"));
    assert!(
        pair.said.iter().any(|s| s.contains("vSphere 6.0")),
        "{:?}",
        pair.said
    );
    assert!(unanswered(&report, &answers.source)
        .iter()
        .all(|m| !m.starts_with("IPv4")));

    // Without one address, that vmknic is left out and said.
    answers.source.addresses.truncate(1);
    let e = pair_scenario(&report, None, &answers).unwrap_err();
    assert!(e.message.contains("management"), "{e}");
    answers.source.addresses = vec![("vmk0".into(), "10.0.0.11/24".into())];
    let pair = pair_scenario(&report, None, &answers).unwrap();
    assert!(
        pair.said
            .iter()
            .any(|s| s.contains("vmk2 has no IPv4 address")),
        "{:?}",
        pair.said
    );
    // A bad address is said in words, naming the vmknic.
    answers.source.addresses = vec![("vmk0".into(), "10.0.0".into())];
    let e = pair_scenario(&report, None, &answers).unwrap_err();
    assert!(e.message.starts_with("VSAN03"), "{e}");
    assert!(e.message.contains("address given for vmk0"), "{e}");
}

#[test]
fn an_unnamed_host_takes_the_name_given_and_hosts_keep_their_own_versions() {
    let source = read_host(fixture!("samples/interface-ipv4-get.no-gateway-column.txt")).unwrap();
    assert!(source.missing.contains(&"host name".to_string()));
    let destination = read_host(&esx02()).unwrap();
    let mut answers = PairAnswers::default();
    answers.source.name = "esx55a".into();
    answers.source.version = "5.5".into();
    answers.source.services = vec![("vmk0".into(), vec!["management".into(), "vmotion".into()])];
    answers.destination.version = "7.0".into();
    let pair = pair_scenario(&source, Some(&destination), &answers).unwrap();
    assert_eq!(pair.file.source.name, "esx55a");
    assert_eq!(pair.scenario.source.name, "esx55a");
    // No route table and no stack in that output: said, then answered.
    assert!(
        pair.said
            .iter()
            .any(|s| s.contains("esx55a: the output shows no routes")),
        "{:?}",
        pair.said
    );
    assert!(
        pair.said
            .iter()
            .any(|s| s.contains("stack of vmk0, so it is read as the default stack")),
        "{:?}",
        pair.said
    );
    answers.source.gateway = "172.16.0.1".into();
    answers.source.stacks = vec![("vmk0".into(), "default".into())];
    let again = pair_scenario(&source, Some(&destination), &answers).unwrap();
    assert_eq!(
        again.file.source.default_gateway.as_deref(),
        Some("172.16.0.1")
    );
    assert!(
        !again
            .said
            .iter()
            .any(|s| s.contains("no routes") || s.contains("default stack")),
        "{:?}",
        again.said
    );
    assert_eq!(unanswered(&source, &answers.source), ["port group of vmk0"]);
    answers.source.gateway = "172.16.0".into();
    let e = pair_scenario(&source, Some(&destination), &answers).unwrap_err();
    assert!(
        e.message.starts_with("esx55a: the default gateway given"),
        "{e}"
    );
    answers.source.gateway.clear();
    assert_eq!(pair.file.source.version.as_deref(), Some("5.5"));
    assert_eq!(pair.file.destination.version.as_deref(), Some("7.0"));
    assert!(
        pair.said
            .iter()
            .any(|s| s.contains("esx55a on vSphere 5.5, esx02 on vSphere 7.0")),
        "{:?}",
        pair.said
    );
}

#[test]
fn port_group_names_suggest_services_and_only_suggest() {
    assert_eq!(
        suggested_services(Some("Management Network")),
        ["management"]
    );
    assert_eq!(suggested_services(Some("VM Kernel vMotion A")), ["vmotion"]);
    assert_eq!(
        suggested_services(Some("Mgmt+vMotion")),
        ["management", "vmotion"]
    );
    assert!(suggested_services(Some("VSAN")).is_empty());
    assert!(suggested_services(None).is_empty());
    let report = read_host(VMKNIC_SAMPLE).unwrap();
    assert_eq!(
        suggestions(&report),
        [(
            "vmk0".to_string(),
            vec!["management".to_string()],
            "Management Network".to_string()
        )]
    );
    // The report itself still says the services are missing: a suggestion is no fact.
    assert!(report.missing.contains(&"services of vmk0".to_string()));
}
