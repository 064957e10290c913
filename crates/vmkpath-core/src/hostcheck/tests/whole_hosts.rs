//! Whole hosts pasted at once: every command of one host, in several layouts.

use super::{assert_vmknics, codes, fixture, read, with_uplink};
use crate::format::validate_host;
use crate::hostcheck::{host_findings, read_host};
use crate::plan::{Code, Severity};

#[test]
fn whole_host_with_prompts() {
    let r = read(fixture!("full-host.esxi70.txt"));
    assert_eq!(r.host.name, "esx01");
    assert_vmknics(
        &r,
        &[
            (
                "vmk0",
                "10.0.0.11/24",
                None,
                Some("Management Network"),
                &["management"],
                Some("10.0.0.1"),
            ),
            (
                "vmk1",
                "10.0.20.11/24",
                Some("vmotion"),
                Some("vMotion"),
                &["vmotion"],
                None,
            ),
            (
                "vmk2",
                "10.0.30.11/24",
                Some("provisioning"),
                Some("Provisioning"),
                &["provisioning"],
                None,
            ),
            (
                "vmk3",
                "10.0.40.11/24",
                None,
                Some("17"),
                &["vsan", "ft", "replication"],
                None,
            ),
            (
                "vmk10",
                "172.16.10.11/24",
                Some("vxlan"),
                Some("58d7a4c2-8d2e-4b1c-9e0a-5f1d2c3b4a59"),
                &[],
                None,
            ),
        ],
    );
    assert_eq!(r.host.default_gateway.as_deref(), Some("10.0.0.1"));
    assert_eq!(r.host.routes.len(), 1);
    assert_eq!(
        r.host
            .stacks
            .get("vmotion")
            .and_then(|s| s.gateway.as_deref()),
        Some("10.0.20.1")
    );
    assert_eq!(r.missing, ["uplinks"]);
    validate_host(&with_uplink(&r.host), "host").unwrap();
    assert_eq!(codes(&r), Vec::<&str>::new());
}

#[test]
fn whole_host_without_prompts_crlf_tabs_collapsed() {
    let r = read(fixture!("full-host.no-prompts.crlf.txt"));
    assert_vmknics(
        &r,
        &[
            (
                "vmk0",
                "10.0.0.11/24",
                None,
                Some("Management Network"),
                &["management"],
                Some("10.0.0.1"),
            ),
            (
                "vmk1",
                "10.0.20.11/24",
                Some("vmotion"),
                Some("vMotion"),
                &["vmotion"],
                None,
            ),
            (
                "vmk2",
                "10.0.30.11/24",
                Some("provisioning"),
                Some("Provisioning"),
                &["provisioning"],
                None,
            ),
        ],
    );
    assert_eq!(r.host.default_gateway.as_deref(), Some("10.0.0.1"));
    assert_eq!(r.missing, ["host name", "uplinks"]);
    validate_host(&with_uplink(&r.host), "host").unwrap();
}

#[test]
fn rows_and_headers_wrapped_at_80_columns() {
    let wrapped = read(fixture!("full-host.wrapped-80.txt"));
    assert_eq!(wrapped.host, read(fixture!("full-host.esxi70.txt")).host);
    // A wrapped row that does not add up names both lines.
    let bad = "Name IPv4 Address IPv4 Netmask IPv4 Broadcast Address Type DHCP DNS\nvmk0 10.0.0.1 255.255.255.0\n10.0.0.255 STATIC false extra\n";
    let e = read_host(bad).unwrap_err();
    assert_eq!(e.path, "line 3");
    assert!(e.message.contains("continues the row of line 2"), "{e}");
}

#[test]
fn whole_55_host_sharing_the_management_subnet() {
    let r = read(fixture!("full-host.busybox-esxi55.txt"));
    assert_eq!(r.host.name, "esx55a");
    assert_vmknics(
        &r,
        &[
            (
                "vmk0",
                "10.0.0.11/24",
                None,
                Some("Management Network"),
                &["management"],
                None,
            ),
            (
                "vmk1",
                "10.0.0.12/24",
                None,
                Some("vMotion"),
                &["vmotion"],
                None,
            ),
        ],
    );
    assert!(
        r.notes
            .iter()
            .any(|n| n
                .contains("read ESXi 5.5.0 (build 1331820): the version question is answered 5.5")),
        "{:?}",
        r.notes
    );
    let findings = host_findings(&r);
    let got: Vec<(Code, Severity)> = findings.iter().map(|f| (f.code, f.severity)).collect();
    assert_eq!(
        got,
        [
            (Code::Multihoming, Severity::Warning),
            (Code::NfcOverManagement, Severity::Warning),
            (Code::VmotionEgressMismatch, Severity::Warning),
        ]
    );
    assert!(
        findings[2].message.contains("leaves esx55a through vmk0"),
        "{}",
        findings[2].message
    );
}

#[test]
fn repeated_outputs_that_agree_are_fine() {
    let one = fixture!("full-host.esxi70.txt");
    let twice = format!("{one}\n{one}");
    assert_eq!(read(&twice).host, read(one).host);
    assert!(read_host(&format!(
        "{}\n{}",
        fixture!("tag-get.txt"),
        fixture!("tag-get.txt")
    ))
    .is_ok());
}
