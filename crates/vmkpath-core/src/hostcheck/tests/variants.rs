//! The layouts beyond the samples: CRLF, tabs, no prompt, extra columns, other builds, netstack
//! list, tag get, custom stacks, whole hosts.

use super::{assert_vmknics, codes, fixture, read};
use crate::format::{RouteFile, StackFile};

#[test]
fn esxcfg_vmknic_crlf_with_custom_stacks_and_dvport() {
    let r = read(fixture!("vmknic-l.esxi70.crlf.txt"));
    assert_eq!(r.host.name, "esx01");
    assert_vmknics(
        &r,
        &[
            (
                "vmk0",
                "10.0.0.11/24",
                None,
                Some("Management Network"),
                &[],
                None,
            ),
            (
                "vmk1",
                "10.0.20.11/24",
                Some("vmotion"),
                Some("vMotion"),
                &[],
                None,
            ),
            (
                "vmk2",
                "10.0.30.11/24",
                Some("provisioning"),
                Some("Provisioning"),
                &[],
                None,
            ),
            ("vmk3", "10.0.40.11/24", None, Some("17"), &[], None),
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
}

#[test]
fn esxcfg_vmknic_55_tabs_without_netstack_column() {
    let r = read(fixture!("vmknic-l.esxi55.tabs.txt"));
    assert_eq!(r.host.name, "host");
    assert_vmknics(
        &r,
        &[
            (
                "vmk0",
                "192.168.1.21/24",
                None,
                Some("Management Network"),
                &[],
                None,
            ),
            ("vmk1", "192.168.1.22/24", None, Some("vMotion"), &[], None),
        ],
    );
    assert!(r.missing.contains(&"stack of vmk0".to_string()));
    assert!(
        r.notes
            .iter()
            .any(|n| n.starts_with("vmk2 is disabled (line 4)")),
        "{:?}",
        r.notes
    );
    // The shared subnet is a fact even without services.
    assert_eq!(codes(&r), ["multihoming"]);
}

#[test]
fn extra_columns_and_collapsed_ipv4_get_with_hand_typed_services() {
    let text = format!(
        "{}\n{}\nvmk0: Management\nvmk1: VMotion\nvmk2: vmotion\n",
        fixture!("vmknic-l.extra-columns.txt"),
        fixture!("ipv4-get.collapsed.txt")
    );
    let r = read(&text);
    assert_vmknics(
        &r,
        &[
            (
                "vmk0",
                "10.1.0.21/23",
                None,
                Some("Management Network"),
                &["management"],
                Some("10.1.0.1"),
            ),
            (
                "vmk1",
                "10.1.8.21/24",
                None,
                Some("VM Kernel vMotion A"),
                &["vmotion"],
                Some("10.1.8.1"),
            ),
            (
                "vmk2",
                "10.1.8.22/24",
                None,
                Some("VM Kernel vMotion B"),
                &["vmotion"],
                None,
            ),
        ],
    );
    assert_eq!(
        r.missing,
        ["host name", "uplinks", "routes and default gateway"]
    );
    // vmk1 and vmk2 are a Multi-NIC vMotion set: no multihoming; no Provisioning vmknic.
    assert_eq!(codes(&r), ["nfc-over-management"]);
}

#[test]
fn ipv4_address_list_of_8_0_with_an_unset_address() {
    let r = read(fixture!("ipv4-address-list.esxi80.txt"));
    assert_vmknics(
        &r,
        &[("vmk0", "10.8.0.31/24", None, None, &[], Some("10.8.0.1"))],
    );
    assert!(
        r.missing
            .contains(&"IPv4 address of vmk1 (0.0.0.0 at line 5)".to_string()),
        "{:?}",
        r.missing
    );
}

#[test]
fn interface_list_with_vds_nsx_and_a_disabled_vmknic() {
    let r = read(fixture!("interface-list.nsx-vds.txt"));
    assert!(r.host.vmknics.is_empty());
    assert_eq!(
        r.missing,
        [
            "IPv4 address of vmk0",
            "services of vmk0",
            "IPv4 address of vmk1",
            "services of vmk1",
            "IPv4 address of vmk10",
            "services of vmk10",
            "uplinks",
            "routes and default gateway"
        ]
    );
    let listed: Vec<&str> = r
        .unaddressed
        .iter()
        .map(|u| u.vmknic.name.as_str())
        .collect();
    assert_eq!(listed, ["vmk0", "vmk1", "vmk10"]);
    assert!(
        r.notes.iter().any(|n| n.starts_with("vmk5 is disabled")),
        "{:?}",
        r.notes
    );
    // With addresses from ipv4 get, the interface list supplies port groups and stacks.
    let text = format!(
        "{}[root@esx01:~] esxcli network ip interface ipv4 get\nName IPv4 Address IPv4 Netmask IPv4 Broadcast Address Type DHCP DNS\nvmk0 10.0.0.11 255.255.255.0 10.0.0.255 STATIC false\nvmk1 10.0.20.11 255.255.255.0 10.0.20.255 STATIC false\nvmk10 172.16.10.11 255.255.255.0 172.16.10.255 STATIC false\n",
        fixture!("interface-list.nsx-vds.txt")
    );
    let r = read(&text);
    assert_vmknics(
        &r,
        &[
            (
                "vmk0",
                "10.0.0.11/24",
                None,
                Some("Management Network"),
                &[],
                None,
            ),
            (
                "vmk1",
                "10.0.20.11/24",
                Some("vmotion"),
                Some("17"),
                &[],
                None,
            ),
            (
                "vmk10",
                "172.16.10.11/24",
                Some("vxlan"),
                Some("24"),
                &[],
                None,
            ),
        ],
    );
}

#[test]
fn netstack_list_alone() {
    let r = read(fixture!("netstack-list.txt"));
    assert!(r.host.vmknics.is_empty());
    assert!(r.missing.contains(&"vmknics".to_string()));
    assert!(
        r.notes.iter().any(|n| n.contains("vxlan stack")),
        "{:?}",
        r.notes
    );
}

#[test]
fn tag_get_maps_tags_and_notes_the_others() {
    let r = read(fixture!("tag-get.txt"));
    assert!(
        r.notes
            .iter()
            .any(|n| n.contains("vmk0: ignored the tag vSphereBackupNFC")),
        "{:?}",
        r.notes
    );
    assert!(
        r.notes.iter().any(|n| n.contains("vSphereReplicationNFC")),
        "{:?}",
        r.notes
    );
    // No addresses: nothing to place in the host, everything reported.
    assert!(r.missing.contains(&"IPv4 address of vmk3".to_string()));
}

#[test]
fn route_lists_of_several_stacks() {
    let r = read(fixture!("route-list.netstacks.txt"));
    assert_eq!(r.host.default_gateway.as_deref(), Some("10.0.0.1"));
    assert_eq!(
        r.host.routes,
        [RouteFile {
            network: "10.50.0.0/16".into(),
            gateway: "10.0.0.254".into()
        }]
    );
    assert_eq!(r.host.stacks.len(), 1);
    assert_eq!(
        r.host.stacks.get("vmotion"),
        Some(&StackFile {
            gateway: Some("10.0.20.1".into())
        })
    );
}

#[test]
fn markdown_fences_comments_and_nbsp() {
    let text = "```\n# my host\n[root@esx01:~] esxcli network ip interface ipv4 get\nName\u{a0}IPv4 Address IPv4 Netmask IPv4 Broadcast Address Type DHCP DNS\nvmk0\u{a0}10.0.0.11 255.255.255.0 10.0.0.255 STATIC false\n```\n";
    let r = read(text);
    assert_vmknics(&r, &[("vmk0", "10.0.0.11/24", None, None, &[], None)]);
}
