//! domain.md 8.8 (version gates) and 8.13 (what "routed vMotion" means).

use crate::fixture::*;
use vmkpath_core::format::HostFile;

fn prov_host(n: u8) -> HostFile {
    let mut h = tidy_host(n);
    h.vmknics.push(vmk(
        "vmk2",
        &format!("10.0.20.1{n}/24"),
        &["provisioning"],
        "vmnic2",
    ));
    h
}

#[test]
fn provisioning_tag_before_6_0_is_a_warning_and_ignored() {
    let p = run(&scenario(
        "5.1",
        "compute-and-storage",
        prov_host(1),
        prov_host(2),
    ));
    p.assert_ok();
    let nfc = "nfc vmk0/vmnic0 -> vmk0/vmnic0 null nfc-to-management";
    assert_eq!(p.rows_of("cold-disk"), vec![r("cold-disk", nfc, COLD)]);
    assert_findings(
        &p,
        &[
            "warning nfc-over-management esx01",
            "warning nfc-over-management esx02",
            "warning unsupported-in-version esx01",
            "warning unsupported-in-version esx02",
        ],
    );
    // The same network in 6.0 moves cold data to the provisioning vmknics.
    let p = run(&scenario(
        "6.0",
        "compute-and-storage",
        prov_host(1),
        prov_host(2),
    ));
    let nfc = "nfc vmk2/vmnic2 -> vmk2/vmnic2 null nfc-to-provisioning";
    assert_eq!(p.rows_of("cold-disk"), vec![r("cold-disk", nfc, COLD)]);
    assert!(!p.has("unsupported-in-version"));
}

/// vmk1 on the vMotion stack, in vmk0's subnet.
fn stacked_in_mgmt_subnet(n: u8) -> HostFile {
    host(
        &format!("esx0{n}"),
        vec![
            vmk(
                "vmk0",
                &format!("10.0.0.1{n}/24"),
                &["management"],
                "vmnic0",
            ),
            vmk("vmk1", &format!("10.0.0.2{n}/24"), &["vmotion"], "vmnic1").on("vmotion"),
        ],
    )
}

#[test]
fn stack_before_6_0_is_a_warning_and_counts_as_default_stack() {
    let p = run(&scenario(
        "5.5",
        "compute",
        stacked_in_mgmt_subnet(1),
        stacked_in_mgmt_subnet(2),
    ));
    p.assert_ok();
    assert_eq!(
        p.rows(),
        vec![r(
            "memory",
            "vmotion vmk0/vmnic0 -> vmk1/vmnic1 false single-vmotion-vmk-routed-egress",
            MEMORY
        )]
    );
    assert_findings(
        &p,
        &[
            "warning multihoming esx01",
            "warning multihoming esx02",
            "warning unencrypted-over-management esx01",
            "warning unsupported-in-version esx01",
            "warning unsupported-in-version esx02",
            "warning vmotion-egress-mismatch esx01",
        ],
    );
    // From 6.0 the stack is real: bound, own table, no multihoming across stacks.
    let p = run(&scenario(
        "6.0",
        "compute",
        stacked_in_mgmt_subnet(1),
        stacked_in_mgmt_subnet(2),
    ));
    p.assert_ok();
    assert_eq!(
        p.rows(),
        vec![r(
            "memory",
            "vmotion vmk1/vmnic1 -> vmk1/vmnic1 false vmotion-stack-bound",
            MEMORY
        )]
    );
    assert_findings(&p, &[]);
}

#[test]
fn stack_gateway_before_6_0_is_ignored() {
    // 5.5: the vMotion stack (and its gateway) does not exist; vmk1 is a default-stack vMotion
    // vmknic and the routed peer is reached by the default gateway through vmk0.
    let on_stack = |n: u8, subnet: u8| {
        host(
            &format!("esx0{n}"),
            vec![
                vmk(
                    "vmk0",
                    &format!("10.0.0.1{n}/24"),
                    &["management"],
                    "vmnic0",
                ),
                vmk(
                    "vmk1",
                    &format!("10.0.{subnet}.1{n}/24"),
                    &["vmotion"],
                    "vmnic1",
                )
                .on("vmotion"),
            ],
        )
        .default_gw("10.0.0.1")
        .stack_gw("vmotion", &format!("10.0.{subnet}.1"))
    };
    let p = run(&scenario(
        "5.5",
        "compute",
        on_stack(1, 20),
        on_stack(2, 21),
    ));
    p.assert_ok();
    assert_eq!(
        p.rows(),
        vec![r(
            "memory",
            "vmotion vmk0/vmnic0 -> vmk1/vmnic1 false single-vmotion-vmk-routed-egress",
            MEMORY
        )]
    );
    assert!(p.has("vmotion-egress-mismatch"));
}

#[test]
fn gateway_override_before_6_5_is_a_warning_and_ignored() {
    let src = host(
        "esx01",
        vec![
            vmk("vmk0", "10.0.0.11/24", &["management"], "vmnic0"),
            vmk("vmk1", "10.0.10.11/24", &["vmotion"], "vmnic1").gw("10.0.10.1"),
        ],
    )
    .default_gw("10.0.0.1");
    // From 6.0 the destination answers from its bound vmk1: static routes through vmk1's
    // subnet are its way back to esx01's vmk0 and vmk1 (8.15).
    let dst = host(
        "esx02",
        vec![
            vmk("vmk0", "10.0.0.12/24", &["management"], "vmnic0"),
            vmk("vmk1", "10.0.11.12/24", &["vmotion"], "vmnic1"),
        ],
    )
    .route("10.0.0.0/24", "10.0.11.1")
    .route("10.0.10.0/24", "10.0.11.1");
    let p = run(&scenario("6.0", "compute", src.clone(), dst.clone()));
    p.assert_ok();
    assert_eq!(
        p.rows(),
        vec![r(
            "memory",
            "vmotion vmk0/vmnic0 -> vmk1/vmnic1 false single-vmotion-vmk-routed-egress",
            MEMORY
        )]
    );
    assert_findings(
        &p,
        &[
            "warning unencrypted-over-management esx01",
            "warning unsupported-in-version esx01",
            "warning vmotion-egress-mismatch esx01",
            "info assumption esx01",
        ],
    );

    // On the vMotion stack, with no stack gateway, the ignored override leaves the peer
    // unreachable; the gate warning is still listed in the blocked plan.
    let mut stacked = src;
    stacked.vmknics[1].stack = Some("vmotion".to_string());
    let p = run(&scenario("6.0", "compute", stacked.clone(), dst.clone()));
    p.assert_blocked();
    assert_findings(
        &p,
        &[
            "error unreachable esx01",
            "warning unsupported-in-version esx01",
        ],
    );
    // In 6.5 the same override works.
    let p = run(&scenario("6.5", "compute", stacked, dst));
    p.assert_ok();
    assert_findings(&p, &[]);
}

#[test]
fn shared_nothing_in_5_0_is_blocked_even_with_a_shared_datastore() {
    for shared in [false, true] {
        let mut s = tidy("5.0");
        s.migration.shared_datastore = shared;
        let p = run(&s);
        p.assert_blocked();
        assert_findings(&p, &["error unsupported-in-version -"]);
    }
    // Compute-only vMotion and cold migration exist in 5.0.
    for kind in ["compute", "cold"] {
        let mut s = tidy("5.0");
        s.migration.kind = kind.to_string();
        run(&s).assert_ok();
    }
    // Shared-nothing arrives in 5.1.
    run(&tidy("5.1")).assert_ok();
}

fn routed_pair(version: &str, src_gw: Option<&str>) -> Planned {
    let mut src = tidy_host(1);
    src.default_gateway = src_gw.map(str::to_string);
    let mut dst = tidy_host(2).route("10.0.0.0/24", "10.0.11.1");
    dst.vmknics[1].ip = "10.0.11.12/24".to_string();
    run(&scenario(version, "compute", src, dst))
}

#[test]
fn routed_vmotion_in_5x_is_a_warning_and_still_runs() {
    for version in ["5.0", "5.1", "5.5"] {
        let p = routed_pair(version, Some("10.0.0.1"));
        p.assert_ok();
        assert_eq!(
            p.rows(),
            vec![r(
                "memory",
                "vmotion vmk0/vmnic0 -> vmk1/vmnic1 false single-vmotion-vmk-routed-egress",
                MEMORY
            )],
            "{version}"
        );
        assert_findings(
            &p,
            &[
                "warning unencrypted-over-management esx01",
                "warning unsupported-in-version esx01",
                "warning vmotion-egress-mismatch esx01",
            ],
        );
    }
}

#[test]
fn routed_vmotion_in_6x_is_no_version_warning() {
    let p = routed_pair("6.0", Some("10.0.0.1"));
    p.assert_ok();
    assert!(!p.has("unsupported-in-version"), "{:?}", p.findings());
}

#[test]
fn routed_vmotion_unreachable_peer_is_only_unreachable() {
    let p = routed_pair("5.1", None);
    p.assert_blocked();
    assert_findings(&p, &["error unreachable esx01"]);
}

#[test]
fn routed_vmotion_in_5x_multi_nic_via_the_default_gateway_in_its_subnet() {
    let multi = |n: u8, subnet: u8| {
        host(
            &format!("esx0{n}"),
            vec![
                vmk(
                    "vmk0",
                    &format!("10.0.0.1{n}/24"),
                    &["management"],
                    "vmnic0",
                ),
                vmk(
                    "vmk1",
                    &format!("10.0.{subnet}.1{n}/24"),
                    &["vmotion"],
                    "vmnic1",
                ),
                vmk(
                    "vmk2",
                    &format!("10.0.{subnet}.2{n}/24"),
                    &["vmotion"],
                    "vmnic2",
                ),
            ],
        )
        .default_gw(&format!("10.0.{subnet}.1"))
    };
    let p = run(&scenario("5.1", "compute", multi(1, 10), multi(2, 11)));
    p.assert_ok();
    assert_eq!(
        p.rows(),
        vec![
            r(
                "memory",
                "vmotion vmk1/vmnic1 -> vmk1/vmnic1 false multi-nic-vmotion-bound",
                MEMORY / 2
            ),
            r(
                "memory",
                "vmotion vmk2/vmnic2 -> vmk2/vmnic2 false multi-nic-vmotion-bound",
                MEMORY / 2
            ),
        ]
    );
    let gates: Vec<String> = p
        .findings()
        .into_iter()
        .filter(|f| f.contains("unsupported-in-version"))
        .collect();
    assert!(!gates.is_empty());
    assert!(gates
        .iter()
        .all(|f| f == "warning unsupported-in-version esx01"));
    assert!(p
        .findings()
        .iter()
        .all(|f| f.contains("unsupported-in-version")));
}

#[test]
fn version_gates_never_make_a_valid_file_invalid() {
    // Every feature written into a 5.0 file: stacks, tags, overrides, stack gateways,
    // encryption. It still decodes, and plans with warnings.
    let full = |n: u8| {
        host(
            &format!("esx0{n}"),
            vec![
                vmk(
                    "vmk0",
                    &format!("10.0.0.1{n}/24"),
                    &["management"],
                    "vmnic0",
                ),
                vmk("vmk1", &format!("10.0.10.1{n}/24"), &["vmotion"], "vmnic1")
                    .on("vmotion")
                    .gw("10.0.10.1"),
                vmk(
                    "vmk2",
                    &format!("10.0.20.1{n}/24"),
                    &["provisioning"],
                    "vmnic2",
                )
                .on("provisioning"),
            ],
        )
        .stack_gw("vmotion", "10.0.10.1")
        .stack_gw("provisioning", "10.0.20.1")
    };
    let mut s = scenario("5.0", "compute", full(1), full(2));
    s.migration.encryption = Some("required".to_string());
    let p = run(&s);
    p.assert_ok();
    assert!(p.has("unsupported-in-version"));
    assert!(p
        .file
        .findings
        .iter()
        .filter(|f| f.code == "unsupported-in-version")
        .all(|f| f.severity == "warning"));
}
