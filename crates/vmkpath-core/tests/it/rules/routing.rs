//! domain.md 2 and 8.9: one routing table per stack; connected, static, default route; longest
//! prefix; connected beats static on a tie; the first vmknic owns a shared subnet. Observed through
//! NFC, which is unbound traffic (8.1): a cold migration's source egress is the table's answer.

use crate::fixture::*;
use vmkpath_core::format::HostFile;

/// A cold migration from `source` to a destination whose only vmknic (management, the NFC
/// address) has `dst_ip`, and a default gateway (`.1` of its subnet) for the way back (8.15).
fn cold_to(source: HostFile, dst_ip: &str) -> Planned {
    let addr = dst_ip.split('/').next().unwrap_or(dst_ip);
    let gateway = match addr.rsplit_once('.') {
        Some((net, _)) => format!("{net}.1"),
        None => addr.to_string(),
    };
    let dst = host(
        "esx02",
        vec![vmk("vmk0", dst_ip, &["management"], "vmnic0")],
    )
    .default_gw(&gateway);
    run(&scenario("6.7", "cold", source, dst))
}

/// The source endpoint (`vmk/uplink`) of the cold-disk flow.
fn egress(p: &Planned) -> String {
    let f = p
        .file
        .flows
        .iter()
        .find(|f| f.traffic == "cold-disk")
        .unwrap_or_else(|| panic!("no cold-disk flow; findings {:?}", p.findings()));
    assert_eq!(f.transport, "nfc");
    assert_eq!(f.destination.vmk.as_deref(), Some("vmk0"));
    format!(
        "{}/{}",
        f.source.vmk.as_deref().unwrap_or("-"),
        f.source.uplink.as_deref().unwrap_or("-")
    )
}

fn mgmt_and_vsan(vsan_ip: &str) -> HostFile {
    host(
        "esx01",
        vec![
            vmk("vmk0", "10.0.0.11/24", &["management"], "vmnic0"),
            vmk("vmk1", vsan_ip, &["vsan"], "vmnic1"),
        ],
    )
}

#[test]
fn connected_route_egress_is_the_vmknic_in_the_peer_subnet() {
    let p = cold_to(mgmt_and_vsan("10.0.5.11/24"), "10.0.5.12/24");
    p.assert_ok();
    assert_eq!(egress(&p), "vmk1/vmnic1");
    assert_eq!(
        p.rows(),
        vec![
            r(
                "cold-disk",
                "nfc vmk1/vmnic1 -> vmk0/vmnic0 null nfc-to-management",
                COLD + HOT
            ),
            r(
                "home-files",
                "nfc vmk1/vmnic1 -> vmk0/vmnic0 null nfc-to-management",
                HOME
            ),
        ]
    );
}

#[test]
fn static_route_egress_is_the_owner_of_the_gateway_subnet() {
    let src = mgmt_and_vsan("10.0.1.11/24")
        .default_gw("10.0.0.1")
        .route("10.0.5.0/24", "10.0.1.254");
    let p = cold_to(src, "10.0.5.12/24");
    p.assert_ok();
    assert_eq!(egress(&p), "vmk1/vmnic1");
}

#[test]
fn default_gateway_when_no_connected_or_static_route_matches() {
    let via_vmk1 = mgmt_and_vsan("10.0.1.11/24").default_gw("10.0.1.1");
    assert_eq!(egress(&cold_to(via_vmk1, "10.0.5.12/24")), "vmk1/vmnic1");
    let via_vmk0 = mgmt_and_vsan("10.0.1.11/24").default_gw("10.0.0.1");
    assert_eq!(egress(&cold_to(via_vmk0, "10.0.5.12/24")), "vmk0/vmnic0");
    // A static route that does not match leaves the default route in charge.
    let other_route = mgmt_and_vsan("10.0.1.11/24")
        .default_gw("10.0.0.1")
        .route("10.0.6.0/24", "10.0.1.254");
    assert_eq!(egress(&cold_to(other_route, "10.0.5.12/24")), "vmk0/vmnic0");
}

#[test]
fn no_matching_route_is_unreachable() {
    let p = cold_to(mgmt_and_vsan("10.0.1.11/24"), "10.0.5.12/24");
    p.assert_blocked();
    assert_findings(&p, &["error unreachable esx01"]);
}

#[test]
fn longest_prefix_match_static_25_beats_connected_24() {
    let src = mgmt_and_vsan("10.0.5.11/24").route("10.0.5.0/25", "10.0.0.254");
    assert_eq!(egress(&cold_to(src.clone(), "10.0.5.12/24")), "vmk0/vmnic0");
    // Outside the /25: the connected /24 is the longest match.
    assert_eq!(egress(&cold_to(src, "10.0.5.200/24")), "vmk1/vmnic1");
}

#[test]
fn longest_prefix_match_among_connected_routes_beats_creation_order() {
    // vmk0's /16 contains 10.0.5.12 too, but vmk1's /24 is longer.
    let src = host(
        "esx01",
        vec![
            vmk("vmk0", "10.0.0.11/16", &["management"], "vmnic0"),
            vmk("vmk1", "10.0.5.11/24", &["vsan"], "vmnic1"),
        ],
    );
    assert_eq!(egress(&cold_to(src, "10.0.5.12/24")), "vmk1/vmnic1");
}

#[test]
fn longest_prefix_match_between_static_routes() {
    let src = host(
        "esx01",
        vec![
            vmk("vmk0", "10.0.0.11/24", &["management"], "vmnic0"),
            vmk("vmk1", "10.0.1.11/24", &["vsan"], "vmnic1"),
            vmk("vmk2", "10.0.2.11/24", &["ft"], "vmnic2"),
        ],
    )
    .route("10.0.0.0/8", "10.0.1.254")
    .route("10.0.5.0/24", "10.0.2.254")
    .route("10.0.0.0/16", "10.0.1.254");
    assert_eq!(egress(&cold_to(src, "10.0.5.12/24")), "vmk2/vmnic2");
}

#[test]
fn connected_route_beats_static_route_on_equal_prefix() {
    let src = mgmt_and_vsan("10.0.5.11/24").route("10.0.5.0/24", "10.0.0.254");
    assert_eq!(egress(&cold_to(src, "10.0.5.12/24")), "vmk1/vmnic1");
}

#[test]
fn static_route_beats_default_gateway() {
    let src = mgmt_and_vsan("10.0.1.11/24")
        .default_gw("10.0.1.1")
        .route("10.0.5.0/24", "10.0.0.254");
    assert_eq!(egress(&cold_to(src, "10.0.5.12/24")), "vmk0/vmnic0");
}

#[test]
fn first_vmknic_owns_a_shared_subnet_in_scenario_order() {
    // vmk5 is listed first, so it owns 10.0.0.0/24 although vmk0 has the lower number.
    let src = host(
        "esx01",
        vec![
            vmk("vmk5", "10.0.0.21/24", &["vsan"], "vmnic1"),
            vmk("vmk0", "10.0.0.11/24", &["management"], "vmnic0"),
        ],
    );
    let p = cold_to(src, "10.0.0.12/24");
    p.assert_ok();
    assert_eq!(egress(&p), "vmk5/vmnic1");
    assert_findings(
        &p,
        &[
            "warning multihoming esx01",
            "warning nfc-over-management esx02",
        ],
    );
    let msg = p.messages("multihoming")[0];
    assert!(msg.contains("vmk5") && msg.contains("10.0.0.0/24"), "{msg}");
}

#[test]
fn gateway_egress_is_the_first_owner_of_the_gateway_subnet() {
    let src = host(
        "esx01",
        vec![
            vmk("vmk0", "10.0.0.11/24", &["management"], "vmnic0"),
            vmk("vmk1", "10.0.0.21/24", &["vsan"], "vmnic1"),
        ],
    )
    .default_gw("10.0.0.1");
    assert_eq!(egress(&cold_to(src, "10.0.5.12/24")), "vmk0/vmnic0");
}

#[test]
fn each_stack_has_its_own_table() {
    // A vmknic on a custom stack owns no route of the default stack.
    let src = host(
        "esx01",
        vec![
            vmk("vmk0", "10.0.0.11/24", &["management"], "vmnic0"),
            vmk("vmk1", "10.0.5.11/24", &[], "vmnic1").on("vxlan"),
        ],
    );
    let p = cold_to(src, "10.0.5.12/24");
    p.assert_blocked();
    assert_findings(&p, &["error unreachable esx01"]);
}

#[test]
fn an_ipv4_gateway_does_not_reach_an_ipv6_peer() {
    let src = mgmt_and_vsan("10.0.1.11/24").default_gw("10.0.0.1");
    let p = cold_to(src.clone(), "fd00:0:0:5::12/64");
    p.assert_blocked();
    assert_findings(&p, &["error unreachable esx01"]);
    // On-link IPv6 works like IPv4.
    let mut src = src;
    src.vmknics
        .push(vmk("vmk2", "fd00:0:0:5::11/64", &["vsan"], "vmnic2"));
    let p = cold_to(src, "fd00:0:0:5::12/64");
    p.assert_ok();
    assert_eq!(egress(&p), "vmk2/vmnic2");
}
