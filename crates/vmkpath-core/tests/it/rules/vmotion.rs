//! domain.md 3 and 8.3, 8.4, 8.5, 8.10: vMotion endpoints (memory, hot disk, I/O mirror).

use crate::fixture::*;
use vmkpath_core::format::{HostFile, ScenarioFile};

/// A compute migration (memory only) between two hosts.
fn compute(version: &str, source: HostFile, destination: HostFile) -> ScenarioFile {
    scenario(version, "compute", source, destination)
}

/// vmk0 management in 10.0.0.0/24 plus the given vmknics.
fn with_mgmt(n: u8, more: Vec<vmkpath_core::format::VmknicFile>) -> HostFile {
    let mut vmknics = vec![vmk(
        "vmk0",
        &format!("10.0.0.1{n}/24"),
        &["management"],
        "vmnic0",
    )];
    vmknics.extend(more);
    host(&format!("esx0{n}"), vmknics)
}

/// The management-network surprise of [D13]: vmk0 (management) and vmk1 (vMotion) share
/// 10.0.0.0/24 on both hosts.
fn shared_subnet(n: u8) -> HostFile {
    with_mgmt(
        n,
        vec![vmk(
            "vmk1",
            &format!("10.0.0.2{n}/24"),
            &["vmotion"],
            "vmnic1",
        )],
    )
    .default_gw("10.0.0.1")
}

const SURPRISE: &str = "vmotion vmk0/vmnic0 -> vmk1/vmnic1 false single-vmotion-vmk-routed-egress";

#[test]
fn single_vmotion_vmk_routed_egress_management_network_surprise() {
    let p = run(&scenario(
        "5.1",
        "compute-and-storage",
        shared_subnet(1),
        shared_subnet(2),
    ));
    p.assert_ok();
    let nfc = "nfc vmk0/vmnic0 -> vmk0/vmnic0 null nfc-to-management";
    assert_eq!(
        p.rows(),
        vec![
            r("memory", SURPRISE, MEMORY),
            r("hot-disk", SURPRISE, HOT),
            r("io-mirror", SURPRISE, 0),
            r("cold-disk", nfc, COLD),
            r("home-files", nfc, HOME),
        ]
    );
    assert_findings(
        &p,
        &[
            "warning multihoming esx01",
            "warning multihoming esx02",
            "warning nfc-over-management esx01",
            "warning nfc-over-management esx02",
            "warning unencrypted-over-management esx01",
            "warning vmotion-egress-mismatch esx01",
        ],
    );
    let msg = p.messages("vmotion-egress-mismatch")[0];
    assert!(msg.contains("vmk0") && msg.contains("vmk1"), "{msg}");
    let memory = &p.file.flows[0];
    assert_eq!(memory.sources, vec!["D13", "KB-MH", "ADV-LAMW"]);
    assert!(!memory.why.is_empty());
}

#[test]
fn single_vmotion_vmk_routed_egress_matches_the_builtin_shared_subnet() {
    let text = vmkpath_core::scenarios::builtin("shared-subnet")
        .unwrap_or_else(|| panic!("builtin shared-subnet is missing"))
        .toml();
    let scenario = vmkpath_core::decode_scenario(text).unwrap_or_else(|e| panic!("{e}"));
    let p = run_scenario(scenario);
    assert_eq!(p.rows_of("memory"), vec![r("memory", SURPRISE, MEMORY)]);
    assert!(p.has("vmotion-egress-mismatch"));
}

#[test]
fn single_vmotion_vmk_routed_egress_in_6_0_is_an_assumption() {
    let p = run(&scenario(
        "6.0",
        "compute-and-storage",
        shared_subnet(1),
        shared_subnet(2),
    ));
    p.assert_ok();
    let routed = "vmotion vmk0/vmnic0 -> vmk1/vmnic1 false single-vmotion-vmk-routed-egress";
    assert_eq!(p.rows_of("memory"), vec![r("memory", routed, MEMORY)]);
    assert_findings(
        &p,
        &[
            "warning multihoming esx01",
            "warning multihoming esx02",
            "warning nfc-over-management esx01",
            "warning nfc-over-management esx02",
            "warning unencrypted-over-management esx01",
            "warning vmotion-egress-mismatch esx01",
            "info assumption esx01",
            "info assumption -",
        ],
    );
}

#[test]
fn from_6_5_a_single_vmotion_vmknic_is_bound_in_the_shared_subnet() {
    // 8.14: the shared-subnet egress of 5.1 does not happen from 6.5; multihoming is still
    // reported, and that the binding holds is our reading (assumption, since the routed
    // reading would leave on vmk0).
    for version in ["6.5", "6.7", "7.0", "8.0"] {
        let p = run(&scenario(
            version,
            "compute-and-storage",
            shared_subnet(1),
            shared_subnet(2),
        ));
        p.assert_ok();
        let bound = "vmotion vmk1/vmnic1 -> vmk1/vmnic1 true single-vmotion-vmk-bound";
        assert_eq!(
            p.rows_of("memory"),
            vec![r("memory", bound, MEMORY)],
            "{version}"
        );
        assert!(!p.has("vmotion-egress-mismatch"), "{version}");
        assert!(p.has("multihoming"), "{version}");
        let assumption = p.messages("assumption");
        assert!(
            assumption
                .iter()
                .any(|m| m.contains("Migrate.BindToVmknic") && m.contains("vmk0")),
            "{version}: {assumption:?}"
        );
        assert!(p.file.flows[0].why.contains("Migrate.BindToVmknic"));
    }
}

#[test]
fn single_vmotion_vmk_on_its_own_subnet_leaves_on_itself() {
    // Routed (6.0) or bound (6.7): the same vmknic, so no assumption is raised (8.7).
    for (version, rule) in [
        ("6.0", "false single-vmotion-vmk-routed-egress"),
        ("6.7", "true single-vmotion-vmk-bound"),
    ] {
        let p = run(&compute(version, tidy_host(1), tidy_host(2)));
        p.assert_ok();
        assert_eq!(
            p.rows(),
            vec![r(
                "memory",
                &format!("vmotion vmk1/vmnic1 -> vmk1/vmnic1 {rule}"),
                MEMORY
            )]
        );
        assert_findings(&p, &[]);
    }
}

#[test]
fn endpoint_uplink_is_the_first_active_uplink() {
    let mut src = tidy_host(1);
    src.vmknics[1].active = vec!["vmnic3".to_string(), "vmnic1".to_string()];
    src.vmknics[1].standby = vec!["vmnic2".to_string()];
    let mut dst = tidy_host(2);
    dst.vmknics[1].active = vec!["vmnic2".to_string()];
    let p = run(&compute("6.7", src, dst));
    assert_eq!(
        p.rows(),
        vec![r(
            "memory",
            "vmotion vmk1/vmnic3 -> vmk1/vmnic2 true single-vmotion-vmk-bound",
            MEMORY
        )]
    );
}

#[test]
fn vmotion_stack_takes_vmotion_away_from_the_default_stack() {
    let both = |n: u8| {
        with_mgmt(
            n,
            vec![
                vmk("vmk1", &format!("10.0.10.1{n}/24"), &["vmotion"], "vmnic1"),
                vmk("vmk2", &format!("10.0.20.1{n}/24"), &["vmotion"], "vmnic2").on("vmotion"),
            ],
        )
    };
    let p = run(&compute("6.5", both(1), both(2)));
    p.assert_ok();
    assert_eq!(
        p.rows(),
        vec![r(
            "memory",
            "vmotion vmk2/vmnic2 -> vmk2/vmnic2 true vmotion-stack-bound",
            MEMORY
        )]
    );
    assert_findings(&p, &[]);
    assert_eq!(p.file.flows[0].sources, vec!["DOC-STACK"]);
}

fn stack_host(n: u8, subnet: u8) -> HostFile {
    with_mgmt(
        n,
        vec![vmk(
            "vmk1",
            &format!("10.0.{subnet}.1{n}/24"),
            &["vmotion"],
            "vmnic1",
        )
        .on("vmotion")],
    )
    .default_gw("10.0.0.1")
}

#[test]
fn vmotion_stack_bound_routes_through_the_stack_gateway() {
    let src = stack_host(1, 20).stack_gw("vmotion", "10.0.20.1");
    let dst = stack_host(2, 21).stack_gw("vmotion", "10.0.21.1");
    let p = run(&compute("6.5", src, dst));
    p.assert_ok();
    assert_eq!(
        p.rows(),
        vec![r(
            "memory",
            "vmotion vmk1/vmnic1 -> vmk1/vmnic1 true vmotion-stack-bound",
            MEMORY
        )]
    );
    assert_findings(&p, &[]);
}

#[test]
fn vmotion_stack_bound_without_stack_gateway_is_unreachable() {
    // The default stack's gateway (10.0.0.1) does not help bound traffic on the vMotion stack.
    let p = run(&compute("6.5", stack_host(1, 20), stack_host(2, 21)));
    p.assert_blocked();
    assert_findings(&p, &["error unreachable esx01"]);
}

#[test]
fn vmotion_stack_on_link_needs_no_gateway() {
    let p = run(&compute("6.0", stack_host(1, 20), stack_host(2, 20)));
    p.assert_ok();
    assert_eq!(
        p.rows(),
        vec![r(
            "memory",
            "vmotion vmk1/vmnic1 -> vmk1/vmnic1 false vmotion-stack-bound",
            MEMORY
        )]
    );
}

#[test]
fn destination_without_vmotion_vmknic_is_blocked() {
    let p = run(&scenario(
        "6.7",
        "compute-and-storage",
        tidy_host(1),
        with_mgmt(2, vec![]),
    ));
    p.assert_blocked();
    assert_findings(&p, &["error no-vmotion-vmknic esx02"]);
}

#[test]
fn source_without_vmotion_vmknic_is_blocked() {
    let p = run(&scenario(
        "6.7",
        "compute",
        with_mgmt(1, vec![]),
        tidy_host(2),
    ));
    p.assert_blocked();
    assert_findings(&p, &["error no-vmotion-vmknic esx01"]);
}

#[test]
fn a_vmotion_stack_vmknic_without_the_vmotion_tag_still_counts() {
    // "all vmknics on the vMotion stack" form the set [DOC-STACK].
    let untagged = |n: u8| {
        with_mgmt(
            n,
            vec![vmk("vmk1", &format!("10.0.20.1{n}/24"), &[], "vmnic1").on("vmotion")],
        )
    };
    let p = run(&compute("6.7", untagged(1), untagged(2)));
    p.assert_ok();
    assert_eq!(
        p.rows(),
        vec![r(
            "memory",
            "vmotion vmk1/vmnic1 -> vmk1/vmnic1 true vmotion-stack-bound",
            MEMORY
        )]
    );
}

/// vmk0 management plus vMotion vmknics with the given names, last octets and uplinks, all in
/// 10.0.10.0/24.
fn multi(n: u8, vmks: &[(&str, u8, &str)]) -> HostFile {
    with_mgmt(
        n,
        vmks.iter()
            .map(|(name, octet, uplink)| {
                vmk(name, &format!("10.0.10.{octet}/24"), &["vmotion"], uplink)
            })
            .collect(),
    )
}

const BOUND: &str = "true multi-nic-vmotion-bound";

#[test]
fn multi_nic_vmotion_bound_one_flow_per_pair() {
    let src = multi(1, &[("vmk1", 11, "vmnic1"), ("vmk2", 21, "vmnic2")]);
    let dst = multi(2, &[("vmk1", 12, "vmnic1"), ("vmk2", 22, "vmnic2")]);
    let p = run(&scenario("6.7", "compute-and-storage", src, dst));
    p.assert_ok();
    let a = format!("vmotion vmk1/vmnic1 -> vmk1/vmnic1 {BOUND}");
    let b = format!("vmotion vmk2/vmnic2 -> vmk2/vmnic2 {BOUND}");
    assert_eq!(
        &p.rows()[..6],
        &[
            r("memory", &a, MEMORY / 2),
            r("memory", &b, MEMORY / 2),
            r("hot-disk", &a, HOT / 2),
            r("hot-disk", &b, HOT / 2),
            r("io-mirror", &a, 0),
            r("io-mirror", &b, 0),
        ]
    );
    // Two vMotion-only vmknics in one subnet are a Multi-NIC set, not multihoming (8.11).
    assert!(!p.has("multihoming"));
    assert!(!p.has("single-stream"));
    assert_eq!(p.file.flows[0].sources, vec!["D13", "DMN"]);
}

#[test]
fn multi_nic_vmotion_bound_beats_the_shared_management_subnet() {
    // The fix of [D13]: vmk0 owns 10.0.0.0/24, but bound traffic leaves on each vMotion vmknic.
    let in_mgmt_subnet = |n: u8| {
        with_mgmt(
            n,
            vec![
                vmk("vmk1", &format!("10.0.0.2{n}/24"), &["vmotion"], "vmnic1"),
                vmk("vmk2", &format!("10.0.0.3{n}/24"), &["vmotion"], "vmnic2"),
            ],
        )
    };
    let p = run(&compute("5.1", in_mgmt_subnet(1), in_mgmt_subnet(2)));
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
    // Still multihomed: vmk0 shares the subnet with the Multi-NIC set (8.11).
    assert_findings(
        &p,
        &["warning multihoming esx01", "warning multihoming esx02"],
    );
}

#[test]
fn multi_nic_pairing_follows_scenario_order_not_names() {
    let src = multi(1, &[("vmk7", 17, "vmnic1"), ("vmk3", 13, "vmnic2")]);
    let dst = multi(2, &[("vmk4", 24, "vmnic3"), ("vmk2", 22, "vmnic1")]);
    let p = run(&compute("6.7", src, dst));
    p.assert_ok();
    assert_eq!(
        p.rows(),
        vec![
            r(
                "memory",
                &format!("vmotion vmk7/vmnic1 -> vmk4/vmnic3 {BOUND}"),
                MEMORY / 2
            ),
            r(
                "memory",
                &format!("vmotion vmk3/vmnic2 -> vmk2/vmnic1 {BOUND}"),
                MEMORY / 2
            ),
        ]
    );
}

#[test]
fn multi_nic_pairing_uses_min_of_both_sets() {
    let src = multi(
        1,
        &[
            ("vmk1", 11, "vmnic1"),
            ("vmk2", 21, "vmnic2"),
            ("vmk3", 31, "vmnic3"),
        ],
    );
    let dst = multi(2, &[("vmk1", 12, "vmnic1"), ("vmk2", 22, "vmnic2")]);
    let p = run(&compute("6.7", src, dst));
    p.assert_ok();
    assert_eq!(
        p.rows(),
        vec![
            r(
                "memory",
                &format!("vmotion vmk1/vmnic1 -> vmk1/vmnic1 {BOUND}"),
                MEMORY / 2
            ),
            r(
                "memory",
                &format!("vmotion vmk2/vmnic2 -> vmk2/vmnic2 {BOUND}"),
                MEMORY / 2
            ),
        ]
    );
    assert!(!p.has("single-stream"));
}

#[test]
fn multi_nic_single_stream_when_the_destination_has_one_vmotion_vmknic() {
    let src = multi(1, &[("vmk1", 11, "vmnic1"), ("vmk2", 21, "vmnic2")]);
    let dst = multi(2, &[("vmk1", 12, "vmnic1")]);
    let p = run(&compute("6.7", src, dst));
    p.assert_ok();
    assert_eq!(
        p.rows(),
        vec![r(
            "memory",
            &format!("vmotion vmk1/vmnic1 -> vmk1/vmnic1 {BOUND}"),
            MEMORY
        )]
    );
    assert_findings(&p, &["warning single-stream esx01"]);
}

#[test]
fn single_source_vmknic_to_multi_nic_destination_is_one_routed_stream() {
    let src = multi(1, &[("vmk1", 11, "vmnic1")]);
    let dst = multi(2, &[("vmk1", 12, "vmnic1"), ("vmk2", 22, "vmnic2")]);
    let p = run(&compute("6.7", src, dst));
    p.assert_ok();
    assert_eq!(
        p.rows(),
        vec![r(
            "memory",
            "vmotion vmk1/vmnic1 -> vmk1/vmnic1 true single-vmotion-vmk-bound",
            MEMORY
        )]
    );
    assert_findings(&p, &[]);
}

#[test]
fn multi_nic_byte_split_gives_the_remainder_to_the_first_pairs() {
    let three = |n: u8| {
        multi(
            n,
            &[
                ("vmk1", 10 + n, "vmnic1"),
                ("vmk2", 20 + n, "vmnic2"),
                ("vmk3", 30 + n, "vmnic3"),
            ],
        )
    };
    let mut s = scenario("6.7", "compute-and-storage", three(1), three(2));
    s.vm.memory_gib = 1.0 + 1.0 / GIB as f64; // 2^30 + 1 bytes = 3 * 357913941 + 2
    s.vm.disks = vec![disk("a.vmdk", 40.0, &[0.5])]; // hot 2^29 bytes = 3 * 178956970 + 2
    let p = run(&s);
    p.assert_ok();
    let bytes = |traffic: &str| -> Vec<u64> {
        p.file
            .flows
            .iter()
            .filter(|f| f.traffic == traffic)
            .map(|f| f.bytes)
            .collect()
    };
    assert_eq!(bytes("memory"), vec![357_913_942, 357_913_942, 357_913_941]);
    assert_eq!(
        bytes("hot-disk"),
        vec![178_956_971, 178_956_971, 178_956_970]
    );
    assert_eq!(bytes("io-mirror"), vec![0, 0, 0]);
    assert_eq!(bytes("cold-disk"), vec![40 * GIB]);
}

#[test]
fn multi_nic_vmotion_bound_off_link_uses_the_default_gateway_in_its_own_subnet() {
    // 8.4: bound traffic to an off-link peer: own override, else the stack's gateway if it lies
    // in the vmknic's subnet, else unreachable.
    let src = |gw: &str| {
        with_mgmt(
            1,
            vec![
                vmk("vmk1", "10.0.10.11/24", &["vmotion"], "vmnic1").gw("10.0.10.1"),
                vmk("vmk2", "10.0.20.11/24", &["vmotion"], "vmnic2"),
            ],
        )
        .default_gw(gw)
    };
    // The destination answers from each receiving vmknic: its overrides are its way back (8.15).
    let dst = with_mgmt(
        2,
        vec![
            vmk("vmk1", "10.0.11.12/24", &["vmotion"], "vmnic1").gw("10.0.11.1"),
            vmk("vmk2", "10.0.21.12/24", &["vmotion"], "vmnic2").gw("10.0.21.1"),
        ],
    );
    let p = run(&compute("6.5", src("10.0.20.1"), dst.clone()));
    p.assert_ok();
    let rows = p.rows();
    assert_eq!(rows.len(), 2);
    assert!(
        rows[0]
            .0
            .starts_with("memory vmotion vmk1/vmnic1 -> vmk1/vmnic1 true"),
        "{rows:?}"
    );
    assert!(
        rows[1]
            .0
            .starts_with("memory vmotion vmk2/vmnic2 -> vmk2/vmnic2 true"),
        "{rows:?}"
    );

    // The default gateway lies in vmk0's subnet, not vmk2's: vmk2 cannot reach its peer.
    let p = run(&compute("6.5", src("10.0.0.1"), dst));
    p.assert_blocked();
    assert_findings(&p, &["error unreachable esx01"]);
    assert!(p.messages("unreachable")[0].contains("vmk2"));
}

#[test]
fn multi_nic_any_unreachable_pair_blocks() {
    let src = multi(1, &[("vmk1", 11, "vmnic1"), ("vmk2", 21, "vmnic2")]);
    let mut dst = multi(2, &[("vmk1", 12, "vmnic1"), ("vmk2", 22, "vmnic2")]);
    dst.vmknics[2].ip = "10.0.99.22/24".to_string();
    let p = run(&compute("6.7", src, dst));
    p.assert_blocked();
    assert_findings(&p, &["error unreachable esx01"]);
}

fn override_pair(version: &str, with_override: bool) -> ScenarioFile {
    let mut v = vmk("vmk1", "10.0.10.11/24", &["vmotion"], "vmnic1");
    if with_override {
        v = v.gw("10.0.10.1");
    }
    let src = with_mgmt(1, vec![v]).default_gw("10.0.0.1");
    let dst = with_mgmt(
        2,
        vec![vmk("vmk1", "10.0.11.12/24", &["vmotion"], "vmnic1").gw("10.0.11.1")],
    )
    .default_gw("10.0.0.1");
    compute(version, src, dst)
}

#[test]
fn vmotion_gateway_override_for_an_off_link_peer() {
    let p = run(&override_pair("6.5", true));
    p.assert_ok();
    assert_eq!(
        p.rows(),
        vec![r(
            "memory",
            "vmotion vmk1/vmnic1 -> vmk1/vmnic1 true vmotion-gateway-override",
            MEMORY
        )]
    );
    // The routed reading would leave on vmk0 by the default gateway: an assumption (8.7).
    assert_findings(&p, &["info assumption esx01"]);
    assert_eq!(p.file.flows[0].sources, vec!["DOC-GW"]);
}

#[test]
fn without_an_override_6_0_routes_by_the_table_and_6_5_cannot_bind_off_link() {
    // 6.0: a single vmknic is routed, the default gateway (on vmk0) takes it; but esx02 answers
    // from its bound vmk1 (its override ignored in 6.0), which has no way back to vmk0.
    let p = run(&override_pair("6.0", false));
    p.assert_blocked();
    assert_findings(
        &p,
        &[
            "error unreachable esx02",
            "warning unsupported-in-version esx02",
        ],
    );
    assert!(p.messages("unreachable")[0].contains("10.0.0.11"));
    // 6.5: bound, and no gateway of vmk1's own subnet leads off-link: unreachable, though the
    // table could have routed it; the message says it rests on our reading (8.25).
    let p = run(&override_pair("6.5", false));
    p.assert_blocked();
    assert_findings(&p, &["error unreachable esx01"]);
    let msg = &p.messages("unreachable")[0];
    assert!(msg.contains("our reading") && msg.contains("vmk0"), "{msg}");
}

#[test]
fn vmotion_gateway_override_is_not_used_toward_an_on_link_peer() {
    // vmk1 shares vmk0's subnet and has an override; the peer is on-link, so the table decides.
    let src = with_mgmt(
        1,
        vec![vmk("vmk1", "10.0.0.21/24", &["vmotion"], "vmnic1").gw("10.0.0.1")],
    );
    let dst = shared_subnet(2);
    let p = run(&compute("6.7", src, dst));
    p.assert_ok();
    // From 6.5 the single vmknic is bound: on-link it leaves on itself, the override unused.
    assert_eq!(
        p.rows(),
        vec![r(
            "memory",
            "vmotion vmk1/vmnic1 -> vmk1/vmnic1 true single-vmotion-vmk-bound",
            MEMORY
        )]
    );
    assert!(!p.has("vmotion-egress-mismatch"));
    assert!(p.has("multihoming"));
}

#[test]
fn vmotion_stack_vmknic_uses_its_own_gateway_override_first() {
    // No vMotion stack gateway, but vmk1's own override: reachable, bound to vmk1.
    let src = with_mgmt(
        1,
        vec![vmk("vmk1", "10.0.20.11/24", &["vmotion"], "vmnic1")
            .on("vmotion")
            .gw("10.0.20.1")],
    );
    let dst = stack_host(2, 21).stack_gw("vmotion", "10.0.21.1");
    let p = run(&compute("6.7", src, dst));
    p.assert_ok();
    let f = &p.file.flows[0];
    assert_eq!(p.file.flows.len(), 1);
    assert_eq!(f.source.vmk.as_deref(), Some("vmk1"));
    assert_eq!(f.destination.vmk.as_deref(), Some("vmk1"));
    assert_eq!(f.transport, "vmotion");
}
