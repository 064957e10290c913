//! Every sample of shared/samples and every variant fixture under
//! tests/fixtures/hostcheck reads into the host it shows.

mod garbage;
mod real_layouts;
mod roundtrip;
mod variants;
mod versions;
mod whole_hosts;

use super::{host_findings, read_host, HostReport};
use crate::format::{validate_host, HostFile, UplinkFile};

macro_rules! fixture {
    ($name:literal) => {
        include_str!(concat!("../../../tests/fixtures/hostcheck/", $name))
    };
}
pub(crate) use fixture;

/// Every fixture, by name (samples first).
pub const FIXTURES: [(&str, &str); 29] = [
    (
        "samples/esxcfg-route.esxi70.txt",
        fixture!("samples/esxcfg-route.esxi70.txt"),
    ),
    (
        "samples/esxcfg-vmknic-l.esxi70.txt",
        fixture!("samples/esxcfg-vmknic-l.esxi70.txt"),
    ),
    (
        "samples/interface-ipv4-get.gateway-column.txt",
        fixture!("samples/interface-ipv4-get.gateway-column.txt"),
    ),
    (
        "samples/interface-ipv4-get.no-gateway-column.txt",
        fixture!("samples/interface-ipv4-get.no-gateway-column.txt"),
    ),
    (
        "samples/interface-list.esxi6x.txt",
        fixture!("samples/interface-list.esxi6x.txt"),
    ),
    (
        "samples/route-ipv4-list.esxi70.txt",
        fixture!("samples/route-ipv4-list.esxi70.txt"),
    ),
    (
        "full-host.busybox-esxi55.txt",
        fixture!("full-host.busybox-esxi55.txt"),
    ),
    (
        "full-host.esxi55-version.txt",
        fixture!("full-host.esxi55-version.txt"),
    ),
    ("full-host.esxi70.txt", fixture!("full-host.esxi70.txt")),
    (
        "powercli-esxcli-version.txt",
        fixture!("powercli-esxcli-version.txt"),
    ),
    (
        "full-host.no-prompts.crlf.txt",
        fixture!("full-host.no-prompts.crlf.txt"),
    ),
    (
        "full-host.wrapped-80.txt",
        fixture!("full-host.wrapped-80.txt"),
    ),
    (
        "interface-list.nsx-vds.txt",
        fixture!("interface-list.nsx-vds.txt"),
    ),
    (
        "ipv4-address-list.esxi80.txt",
        fixture!("ipv4-address-list.esxi80.txt"),
    ),
    ("ipv4-get.collapsed.txt", fixture!("ipv4-get.collapsed.txt")),
    ("netstack-list.txt", fixture!("netstack-list.txt")),
    (
        "route-list.netstacks.txt",
        fixture!("route-list.netstacks.txt"),
    ),
    ("tag-get.txt", fixture!("tag-get.txt")),
    (
        "vmknic-l.esxi55.tabs.txt",
        fixture!("vmknic-l.esxi55.tabs.txt"),
    ),
    (
        "vmknic-l.esxi70.crlf.txt",
        fixture!("vmknic-l.esxi70.crlf.txt"),
    ),
    (
        "vmknic-l.extra-columns.txt",
        fixture!("vmknic-l.extra-columns.txt"),
    ),
    (
        "vmknic-l.nsxv.tabs-in-fields.txt",
        fixture!("vmknic-l.nsxv.tabs-in-fields.txt"),
    ),
    (
        "vmknic-l.cut-prompt.txt",
        fixture!("vmknic-l.cut-prompt.txt"),
    ),
    (
        "vmknic-l.nsxt-narrow-columns.txt",
        fixture!("vmknic-l.nsxt-narrow-columns.txt"),
    ),
    (
        "vmknic-l.underscore-header.txt",
        fixture!("vmknic-l.underscore-header.txt"),
    ),
    (
        "route-list.then-tags.txt",
        fixture!("route-list.then-tags.txt"),
    ),
    (
        "powercli-adapter.format-table.txt",
        fixture!("powercli-adapter.format-table.txt"),
    ),
    (
        "powercli-adapter.format-list.txt",
        fixture!("powercli-adapter.format-list.txt"),
    ),
    (
        "govc.interface-list.txt",
        fixture!("govc.interface-list.txt"),
    ),
];

pub fn read(text: &str) -> HostReport {
    match read_host(text) {
        Ok(report) => report,
        Err(e) => panic!("did not read: {e}\n---\n{text}"),
    }
}

/// The host with one placeholder uplink for every vmknic, so that it can be validated.
pub fn with_uplink(host: &HostFile) -> HostFile {
    let mut host = host.clone();
    host.uplinks = vec![UplinkFile {
        name: "u".into(),
        gbps: 10.0,
        mtu: None,
    }];
    for v in &mut host.vmknics {
        v.active = vec!["u".into()];
    }
    host
}

/// `(name, ip, stack, portgroup, services, gateway)` of each vmknic.
type Row<'a> = (
    &'a str,
    &'a str,
    Option<&'a str>,
    Option<&'a str>,
    &'a [&'a str],
    Option<&'a str>,
);

pub fn assert_vmknics(report: &HostReport, expected: &[Row]) {
    let got: Vec<_> = report
        .host
        .vmknics
        .iter()
        .map(|v| {
            (
                v.name.as_str(),
                v.ip.as_str(),
                v.stack.as_deref(),
                v.portgroup.as_deref(),
                v.services.iter().map(String::as_str).collect::<Vec<_>>(),
                v.gateway.as_deref(),
            )
        })
        .collect();
    let expected: Vec<_> = expected
        .iter()
        .map(|(n, i, s, p, sv, g)| (*n, *i, *s, *p, sv.to_vec(), *g))
        .collect();
    assert_eq!(got, expected);
    assert!(
        report.host.uplinks.is_empty() && report.host.vmknics.iter().all(|v| v.active.is_empty())
    );
}

fn codes(report: &HostReport) -> Vec<&'static str> {
    host_findings(report)
        .iter()
        .map(|f| f.code.as_str())
        .collect()
}

#[test]
fn every_fixture_reads_and_its_findings_do_not_panic() {
    for (name, text) in FIXTURES {
        let report = read_host(text).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(report.missing.contains(&"uplinks".to_string()), "{name}");
        let _ = host_findings(&report);
    }
}

/// The copies under tests/fixtures are the samples of shared/samples, byte for byte, when that
/// folder sits beside the checkout (as it does for developers and CI).
#[test]
fn fixture_copies_match_shared_samples() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/samples");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return;
    };
    let mut seen = 0;
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if !name.ends_with(".txt") {
            continue;
        }
        let shared = std::fs::read_to_string(entry.path()).unwrap_or_default();
        let copy = FIXTURES
            .iter()
            .find(|(n, _)| *n == format!("samples/{name}"))
            .unwrap_or_else(|| {
                panic!("shared sample {name} has no copy in tests/fixtures/hostcheck/samples")
            });
        assert_eq!(copy.1, shared, "{name}");
        read(&shared);
        seen += 1;
    }
    assert!(seen >= 6, "found {seen} samples in {}", dir.display());
}

#[test]
fn sample_esxcfg_vmknic() {
    let r = read(fixture!("samples/esxcfg-vmknic-l.esxi70.txt"));
    assert_eq!(r.host.name, "esxi");
    assert_vmknics(
        &r,
        &[(
            "vmk0",
            "172.26.64.10/26",
            None,
            Some("Management Network"),
            &[],
            None,
        )],
    );
    assert_eq!(
        r.missing,
        ["services of vmk0", "uplinks", "routes and default gateway"]
    );
    assert!(
        r.notes
            .iter()
            .any(|n| n.contains("fe80::8ae9:a4ff:fe6b:b854/64")),
        "{:?}",
        r.notes
    );
    // Services unknown: no check that needs them.
    assert_eq!(codes(&r), Vec::<&str>::new());
}

#[test]
fn sample_interface_list() {
    let r = read(fixture!("samples/interface-list.esxi6x.txt"));
    assert_eq!(r.host.name, "VSAN03");
    assert!(r.host.vmknics.is_empty());
    assert_eq!(
        r.missing,
        [
            "IPv4 address of vmk0",
            "services of vmk0",
            "IPv4 address of vmk2",
            "services of vmk2",
            "uplinks",
            "routes and default gateway"
        ]
    );
    // Alone, the interface list still yields its vmknics, with what it knows of them.
    let known: Vec<_> = r
        .unaddressed
        .iter()
        .map(|u| {
            (
                u.vmknic.name.as_str(),
                u.vmknic.portgroup.as_deref(),
                u.vmknic.stack.as_deref(),
                u.portset.as_deref(),
                u.mtu,
                u.vmknic.ip.as_str(),
            )
        })
        .collect();
    assert_eq!(
        known,
        [
            (
                "vmk0",
                Some("Management Network"),
                None,
                Some("vSwitch0"),
                Some(1500),
                ""
            ),
            ("vmk2", Some("VSAN"), None, Some("vSwitch1"), Some(1500), ""),
        ]
    );
}

#[test]
fn sample_ipv4_get_without_gateway_column() {
    let r = read(fixture!("samples/interface-ipv4-get.no-gateway-column.txt"));
    assert_eq!(r.host.name, super::UNNAMED_HOST);
    assert_vmknics(&r, &[("vmk0", "172.16.0.10/24", None, None, &[], None)]);
    assert_eq!(
        r.missing,
        [
            "host name",
            "stack of vmk0",
            "port group of vmk0",
            "services of vmk0",
            "uplinks",
            "routes and default gateway"
        ]
    );
}

#[test]
fn sample_ipv4_get_with_gateway_column() {
    let r = read(fixture!("samples/interface-ipv4-get.gateway-column.txt"));
    assert_eq!(r.host.name, "esxi-01");
    assert_vmknics(
        &r,
        &[
            (
                "vmk0",
                "147.75.201.186/29",
                None,
                None,
                &[],
                Some("147.75.201.185"),
            ),
            ("vmk1", "10.88.154.2/29", None, None, &[], None),
        ],
    );
}

#[test]
fn sample_route_tables() {
    for text in [
        fixture!("samples/route-ipv4-list.esxi70.txt"),
        fixture!("samples/esxcfg-route.esxi70.txt"),
    ] {
        let r = read(text);
        assert_eq!(r.host.name, "esxi");
        assert_eq!(r.host.default_gateway.as_deref(), Some("172.26.64.1"));
        assert!(r.host.routes.is_empty() && r.host.stacks.is_empty());
        // The route table names vmk0 but not its address: both are asked.
        assert_eq!(
            r.missing,
            ["IPv4 address of vmk0", "services of vmk0", "uplinks"]
        );
        assert_eq!(r.unaddressed.len(), 1);
    }
}

#[test]
fn samples_of_one_host_pasted_together() {
    let text = [
        fixture!("samples/esxcfg-vmknic-l.esxi70.txt"),
        fixture!("samples/esxcfg-route.esxi70.txt"),
        fixture!("samples/route-ipv4-list.esxi70.txt"),
        "[root@esxi:~] esxcli network ip interface tag get -i vmk0\n   Tags: Management\n",
    ]
    .join("\n");
    let r = read(&text);
    assert_eq!(r.missing, ["uplinks"]);
    assert_eq!(r.host.default_gateway.as_deref(), Some("172.26.64.1"));
    assert_vmknics(
        &r,
        &[(
            "vmk0",
            "172.26.64.10/26",
            None,
            Some("Management Network"),
            &["management"],
            None,
        )],
    );
    validate_host(&with_uplink(&r.host), "host").unwrap();
    assert_eq!(codes(&r), ["no-vmotion-vmknic", "nfc-over-management"]);
}

#[test]
fn samples_of_two_hosts_are_mixed_up_input() {
    let text = [
        fixture!("samples/esxcfg-vmknic-l.esxi70.txt"),
        fixture!("samples/interface-ipv4-get.gateway-column.txt"),
    ]
    .join("");
    let e = read_host(&text).unwrap_err();
    assert_eq!(e.path, "line 5");
    assert!(
        e.message
            .contains("\"esxi-01\" here but \"esxi\" at line 1"),
        "{e}"
    );
}
