//! domain.md 4 and 8.1, 8.2, 8.6: NFC endpoints, the five cases of KB 340170, UDT in 8.0.

use crate::fixture::*;
use vmkpath_core::format::HostFile;

/// A tidy host (vmk0 management, vmk1 vMotion) with a provisioning vmknic vmk2 at `prov_ip` on
/// vmnic2, and a default gateway in the management subnet.
fn prov_host(n: u8, prov_ip: &str) -> HostFile {
    let mut h = tidy_host(n).default_gw("10.0.0.1");
    h.vmknics
        .push(vmk("vmk2", prov_ip, &["provisioning"], "vmnic2"));
    h
}

const VMOTION: &str = "vmotion vmk1/vmnic1 -> vmk1/vmnic1 true single-vmotion-vmk-bound";

#[test]
fn kb340170_case1_no_provisioning_vmknic_nfc_is_management_to_management() {
    let s = scenario(
        "6.7",
        "compute-and-storage",
        tidy_host(1).default_gw("10.0.0.1"),
        tidy_host(2).default_gw("10.0.0.1"),
    );
    let p = run(&s);
    p.assert_ok();
    let nfc = "nfc vmk0/vmnic0 -> vmk0/vmnic0 null nfc-to-management";
    assert_eq!(p.rows_of("cold-disk"), vec![r("cold-disk", nfc, COLD)]);
    assert_eq!(p.rows_of("home-files"), vec![r("home-files", nfc, HOME)]);
    assert_eq!(
        p.file.flows[3].sources,
        vec!["D13", "KB-NFCMGMT", "KB-PROV"]
    );
    assert_findings(
        &p,
        &[
            "warning nfc-over-management esx01",
            "warning nfc-over-management esx02",
        ],
    );
}

#[test]
fn kb340170_case2_same_subnet_provisioning_to_provisioning() {
    let s = scenario(
        "6.7",
        "compute-and-storage",
        prov_host(1, "10.0.20.11/24"),
        prov_host(2, "10.0.20.12/24"),
    );
    let p = run(&s);
    p.assert_ok();
    let nfc = "nfc vmk2/vmnic2 -> vmk2/vmnic2 null nfc-to-provisioning";
    assert_eq!(
        p.rows(),
        vec![
            r("memory", VMOTION, MEMORY),
            r("hot-disk", VMOTION, HOT),
            r("io-mirror", VMOTION, 0),
            r("cold-disk", nfc, COLD),
            r("home-files", nfc, HOME),
        ]
    );
    assert_findings(&p, &[]);
    assert_eq!(p.file.flows[3].sources, vec!["KB-PROV"]);
}

#[test]
fn kb340170_case3_different_subnets_with_static_route_provisioning_to_provisioning() {
    // Routes both ways: the replies need the way back (8.15).
    let src = prov_host(1, "10.0.20.11/24").route("10.0.21.0/24", "10.0.20.254");
    let dst = prov_host(2, "10.0.21.12/24").route("10.0.20.0/24", "10.0.21.254");
    let s = scenario("6.7", "compute-and-storage", src, dst);
    let p = run(&s);
    p.assert_ok();
    let nfc = "nfc vmk2/vmnic2 -> vmk2/vmnic2 null nfc-to-provisioning";
    assert_eq!(p.rows_of("cold-disk"), vec![r("cold-disk", nfc, COLD)]);
    assert_findings(&p, &[]);
    // The path goes through routers: said once, in the first flow that uses them (8.15).
    let noted: Vec<&str> = p
        .file
        .flows
        .iter()
        .filter(|f| f.why.contains("we assume the physical network routes"))
        .map(|f| f.traffic)
        .collect();
    assert_eq!(noted, vec!["cold-disk"]);
}

#[test]
fn a_static_route_on_the_source_only_has_no_way_back() {
    // The classic routed mistake (domain.md 3): the source reaches the destination, the
    // destination cannot answer. Blocked, on the destination, naming the address.
    let src = prov_host(1, "10.0.20.11/24").route("10.0.21.0/24", "10.0.20.254");
    let mut dst = prov_host(2, "10.0.21.12/24");
    dst.default_gateway = None;
    let s = scenario("6.7", "compute-and-storage", src, dst);
    let p = run(&s);
    p.assert_blocked();
    assert_findings(&p, &["error unreachable esx02"]);
    let msg = &p.messages("unreachable")[0];
    assert!(msg.contains("10.0.20.11") && msg.contains("back"), "{msg}");
    let fix = p.file.findings[0].fix.clone().unwrap();
    assert!(fix.contains("both ways"), "{fix}");
}

#[test]
fn kb340170_case4_different_subnets_no_static_route_leaves_on_vmk0() {
    let s = scenario(
        "6.7",
        "compute-and-storage",
        prov_host(1, "10.0.20.11/24"),
        prov_host(2, "10.0.21.12/24"),
    );
    let p = run(&s);
    p.assert_ok();
    let nfc = "nfc vmk0/vmnic0 -> vmk2/vmnic2 null nfc-to-provisioning";
    assert_eq!(p.rows_of("cold-disk"), vec![r("cold-disk", nfc, COLD)]);
    assert_eq!(p.rows_of("home-files"), vec![r("home-files", nfc, HOME)]);
    assert_findings(&p, &["warning nfc-over-management esx01"]);
    // Both hosts are already provisioning-tagged: the fix is the route or the subnet (8.22).
    let fix = p.file.findings[0].fix.clone().unwrap();
    assert!(!fix.contains("Enable the Provisioning"), "{fix}");
    assert!(
        fix.contains("one subnet") && fix.contains("both ways"),
        "{fix}"
    );
}

#[test]
fn kb340170_case5_nothing_routes_fails_at_23_percent() {
    let mut src = prov_host(1, "10.0.20.11/24");
    src.default_gateway = None;
    let s = scenario(
        "6.7",
        "compute-and-storage",
        src,
        prov_host(2, "10.0.21.12/24"),
    );
    let p = run(&s);
    p.assert_blocked();
    assert_findings(&p, &["error unreachable esx01"]);
    let msg = p.messages("unreachable")[0];
    assert!(msg.contains("23%"), "{msg}");
    assert!(msg.contains("Cannot connect to host"), "{msg}");
}

#[test]
fn nfc_uses_the_provisioning_stack_table_when_the_source_has_a_vmknic_there() {
    let stack_host = |n: u8, ip: &str| {
        let mut h = tidy_host(n).default_gw("10.0.0.1");
        h.vmknics
            .push(vmk("vmk2", ip, &["provisioning"], "vmnic2").on("provisioning"));
        h
    };
    let src = stack_host(1, "10.0.20.11/24").stack_gw("provisioning", "10.0.20.1");
    // The destination's vmk2 is on the Provisioning stack without the tag: still its
    // provisioning vmknic (8.12).
    let mut dst = stack_host(2, "10.0.21.12/24").stack_gw("provisioning", "10.0.21.1");
    dst.vmknics[2].services.clear();
    let s = scenario("6.7", "compute-and-storage", src.clone(), dst.clone());
    let p = run(&s);
    p.assert_ok();
    assert_eq!(
        p.rows_of("cold-disk"),
        vec![r(
            "cold-disk",
            "nfc vmk2/vmnic2 -> vmk2/vmnic2 null nfc-to-provisioning",
            COLD
        )]
    );

    // Without the Provisioning stack's gateway, its table has no route: the default stack's
    // gateway is not consulted.
    let mut src = src;
    src.stacks.clear();
    let p = run(&scenario("6.7", "compute-and-storage", src, dst));
    p.assert_blocked();
    assert_findings(&p, &["error unreachable esx01"]);
}

#[test]
fn nfc_is_unbound_a_provisioning_tag_does_not_bind_it() {
    // Source has a provisioning vmknic, the destination has none: NFC goes to the destination's
    // management vmknic, looked up on the default stack (vmk0 owns 10.0.0.0/24).
    let s = scenario("6.7", "cold", prov_host(1, "10.0.20.11/24"), tidy_host(2));
    let p = run(&s);
    p.assert_ok();
    assert_eq!(
        p.rows_of("cold-disk"),
        vec![r(
            "cold-disk",
            "nfc vmk0/vmnic0 -> vmk0/vmnic0 null nfc-to-management",
            COLD + HOT
        )]
    );
}

#[test]
fn nfc_to_a_provisioning_vmknic_on_the_destination_only() {
    let s = scenario(
        "6.7",
        "cold",
        tidy_host(1).default_gw("10.0.0.1"),
        prov_host(2, "10.0.20.12/24"),
    );
    let p = run(&s);
    p.assert_ok();
    assert_eq!(
        p.rows_of("cold-disk"),
        vec![r(
            "cold-disk",
            "nfc vmk0/vmnic0 -> vmk2/vmnic2 null nfc-to-provisioning",
            COLD + HOT
        )]
    );
    assert_findings(&p, &["warning nfc-over-management esx01"]);
}

#[test]
fn nfc_gateway_override_is_not_used_by_nfc() {
    // The provisioning vmknic has an override in its subnet, but NFC is unbound: the default
    // route (vmk0) carries it (KB 340170 case 4).
    let mut src = prov_host(1, "10.0.20.11/24");
    src.vmknics[2].gateway = Some("10.0.20.1".to_string());
    let s = scenario("6.7", "cold", src, prov_host(2, "10.0.21.12/24"));
    let p = run(&s);
    p.assert_ok();
    assert_eq!(
        p.rows_of("cold-disk"),
        vec![r(
            "cold-disk",
            "nfc vmk0/vmnic0 -> vmk2/vmnic2 null nfc-to-provisioning",
            COLD + HOT
        )]
    );
}

#[test]
fn nfc_address_is_the_first_management_vmknic_without_provisioning() {
    let dst = host(
        "esx02",
        vec![
            vmk("vmk0", "10.0.30.12/24", &["vsan"], "vmnic3"),
            vmk("vmk1", "10.0.0.12/24", &["management"], "vmnic1"),
            vmk("vmk2", "10.0.1.12/24", &["management"], "vmnic2"),
        ],
    );
    // On esx01 NFC leaves on vmk1, its second management vmknic: still management (8.12).
    let src = host(
        "esx01",
        vec![
            vmk("vmk0", "10.0.9.11/24", &["management"], "vmnic0"),
            vmk("vmk1", "10.0.0.11/24", &["management"], "vmnic1"),
        ],
    );
    let p = run(&scenario("6.7", "cold", src, dst));
    p.assert_ok();
    assert_eq!(
        p.rows_of("cold-disk"),
        vec![r(
            "cold-disk",
            "nfc vmk1/vmnic1 -> vmk1/vmnic1 null nfc-to-management",
            COLD + HOT
        )]
    );
    assert_findings(
        &p,
        &[
            "warning nfc-over-management esx01",
            "warning nfc-over-management esx02",
        ],
    );
}

#[test]
fn nfc_lookup_picks_an_earlier_vmknic_that_owns_the_provisioning_subnet() {
    // 8.1: if an earlier vmknic owns the provisioning subnet, the lookup picks it.
    let mut src = tidy_host(1);
    src.vmknics
        .push(vmk("vmk3", "10.0.20.21/24", &["vsan"], "vmnic3"));
    src.vmknics
        .push(vmk("vmk2", "10.0.20.11/24", &["provisioning"], "vmnic2"));
    let s = scenario("6.7", "cold", src, prov_host(2, "10.0.20.12/24"));
    let p = run(&s);
    p.assert_ok();
    assert_eq!(
        p.rows_of("cold-disk"),
        vec![r(
            "cold-disk",
            "nfc vmk3/vmnic3 -> vmk2/vmnic2 null nfc-to-provisioning",
            COLD + HOT
        )]
    );
    assert_findings(&p, &["warning multihoming esx01"]);
}

#[test]
fn udt_in_8_0_carries_cold_data_between_the_provisioning_vmknics() {
    let s = scenario(
        "8.0",
        "compute-and-storage",
        prov_host(1, "10.0.20.11/24"),
        prov_host(2, "10.0.20.12/24"),
    );
    let p = run(&s);
    p.assert_ok();
    let udt = "udt vmk2/vmnic2 -> vmk2/vmnic2 null udt-to-provisioning";
    assert_eq!(
        p.rows(),
        vec![
            r("memory", VMOTION, MEMORY),
            r("hot-disk", VMOTION, HOT),
            r("io-mirror", VMOTION, 0),
            r("cold-disk", udt, COLD),
            r("home-files", udt, HOME),
        ]
    );
    // One assumption: the UDT data vmknic (home files are cold data from 6.5 [KB-VMOREQ]).
    assert_findings(&p, &["info assumption -"]);
    let msgs = p.messages("assumption");
    assert!(msgs.iter().any(|m| m.contains("UDT")), "{msgs:?}");
    assert_eq!(p.file.flows[3].sources, vec!["UDT", "KB-PROV"]);
}

#[test]
fn udt_carries_a_cold_migration_too() {
    let mut s = scenario(
        "8.0",
        "cold",
        prov_host(1, "10.0.20.11/24"),
        prov_host(2, "10.0.20.12/24"),
    );
    s.vm.disks.push(disk("b.vmdk", 10.0, &[]));
    let p = run(&s);
    p.assert_ok();
    let udt = "udt vmk2/vmnic2 -> vmk2/vmnic2 null udt-to-provisioning";
    assert_eq!(
        p.rows(),
        vec![
            r("cold-disk", udt, COLD + HOT),
            r("cold-disk", udt, 10 * GIB),
            r("home-files", udt, HOME),
        ]
    );
    // One finding per distinct assumption, however many flows rely on it.
    assert_findings(&p, &["info assumption -"]);
}

#[test]
fn udt_needs_provisioning_on_both_hosts() {
    let s = scenario(
        "8.0",
        "compute-and-storage",
        tidy_host(1).default_gw("10.0.0.1"),
        prov_host(2, "10.0.20.12/24"),
    );
    let p = run(&s);
    p.assert_ok();
    let nfc = "nfc vmk0/vmnic0 -> vmk2/vmnic2 null nfc-to-provisioning";
    assert_eq!(p.rows_of("cold-disk"), vec![r("cold-disk", nfc, COLD)]);
    assert!(p.file.flows.iter().all(|f| f.transport != "udt"));

    // Provisioning on the source only: NFC to the destination's management vmknic.
    let s = scenario(
        "8.0",
        "compute-and-storage",
        prov_host(1, "10.0.20.11/24"),
        tidy_host(2),
    );
    let p = run(&s);
    p.assert_ok();
    let nfc = "nfc vmk0/vmnic0 -> vmk0/vmnic0 null nfc-to-management";
    assert_eq!(p.rows_of("cold-disk"), vec![r("cold-disk", nfc, COLD)]);
    assert_eq!(p.rows_of("home-files"), vec![r("home-files", nfc, HOME)]);
}

#[test]
fn udt_before_8_0_is_nfc() {
    let s = scenario(
        "7.0",
        "compute-and-storage",
        prov_host(1, "10.0.20.11/24"),
        prov_host(2, "10.0.20.12/24"),
    );
    let p = run(&s);
    let nfc = "nfc vmk2/vmnic2 -> vmk2/vmnic2 null nfc-to-provisioning";
    assert_eq!(p.rows_of("cold-disk"), vec![r("cold-disk", nfc, COLD)]);
}

#[test]
fn udt_leaving_on_management_is_nfc_over_management() {
    // 8.13: nfc-over-management covers UDT (KB 340170 case 4 in 8.0).
    let s = scenario(
        "8.0",
        "compute-and-storage",
        prov_host(1, "10.0.20.11/24"),
        prov_host(2, "10.0.21.12/24"),
    );
    let p = run(&s);
    p.assert_ok();
    let udt = "udt vmk0/vmnic0 -> vmk2/vmnic2 null udt-to-provisioning";
    assert_eq!(p.rows_of("cold-disk"), vec![r("cold-disk", udt, COLD)]);
    assert_findings(
        &p,
        &["warning nfc-over-management esx01", "info assumption -"],
    );
}

#[test]
fn provisioning_stack_takes_provisioning_away_from_the_default_stack() {
    // 8.5: each host has a tagged default-stack vmknic (vmk2) and a vmknic on the Provisioning
    // stack (vmk3); the stack's vmknic is the provisioning vmknic on both sides, and the source
    // looks up on the Provisioning stack's table.
    let both = |n: u8| {
        let mut h = prov_host(n, &format!("10.0.20.1{n}/24"));
        h.vmknics.push(
            vmk(
                "vmk3",
                &format!("10.0.30.1{n}/24"),
                &["provisioning"],
                "vmnic3",
            )
            .on("provisioning"),
        );
        h
    };
    let p = run(&scenario("6.7", "cold", both(1), both(2)));
    p.assert_ok();
    assert_eq!(
        p.rows(),
        vec![
            r(
                "cold-disk",
                "nfc vmk3/vmnic3 -> vmk3/vmnic3 null nfc-to-provisioning",
                COLD + HOT
            ),
            r(
                "home-files",
                "nfc vmk3/vmnic3 -> vmk3/vmnic3 null nfc-to-provisioning",
                HOME
            ),
        ]
    );
    assert_findings(&p, &[]);
}
