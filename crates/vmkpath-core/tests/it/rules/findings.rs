//! domain.md 8.7 (assumptions), 8.11 (multihoming), 8.12/8.13 (blocked plans), and the order of
//! flows and findings (scenario-format.md).

use crate::fixture::*;
use vmkpath_core::format::{HostFile, VmknicFile};

fn with_mgmt(n: u8, more: Vec<VmknicFile>) -> HostFile {
    let mut vmknics = vec![vmk(
        "vmk0",
        &format!("10.0.0.1{n}/24"),
        &["management"],
        "vmnic0",
    )];
    vmknics.extend(more);
    host(&format!("esx0{n}"), vmknics)
}

// ---- 8.11 multihoming ----

#[test]
fn multihoming_vmk0_plus_two_vmotion_vmknics_in_one_subnet_is_still_multihomed() {
    let h = |n: u8| {
        with_mgmt(
            n,
            vec![
                vmk("vmk1", &format!("10.0.0.2{n}/24"), &["vmotion"], "vmnic1"),
                vmk("vmk2", &format!("10.0.0.3{n}/24"), &["vmotion"], "vmnic2"),
            ],
        )
    };
    let p = run(&scenario("6.7", "compute", h(1), h(2)));
    p.assert_ok();
    assert_findings(
        &p,
        &["warning multihoming esx01", "warning multihoming esx02"],
    );
    let msg = p.messages("multihoming")[0];
    assert!(
        msg.contains("vmk0") && msg.contains("vmk1") && msg.contains("vmk2"),
        "{msg}"
    );
}

#[test]
fn multihoming_not_reported_for_two_vmotion_only_vmknics() {
    let h = |n: u8| {
        with_mgmt(
            n,
            vec![
                vmk("vmk1", &format!("10.0.10.2{n}/24"), &["vmotion"], "vmnic1"),
                vmk("vmk2", &format!("10.0.10.3{n}/24"), &["vmotion"], "vmnic2"),
            ],
        )
    };
    let p = run(&scenario("6.7", "compute", h(1), h(2)));
    p.assert_ok();
    assert_findings(&p, &[]);
}

#[test]
fn multihoming_not_reported_for_a_multi_nic_set_on_the_vmotion_stack() {
    let h = |n: u8| {
        with_mgmt(
            n,
            vec![
                vmk("vmk1", &format!("10.0.10.2{n}/24"), &["vmotion"], "vmnic1").on("vmotion"),
                vmk("vmk2", &format!("10.0.10.3{n}/24"), &["vmotion"], "vmnic2").on("vmotion"),
            ],
        )
    };
    let p = run(&scenario("6.7", "compute", h(1), h(2)));
    p.assert_ok();
    assert_eq!(
        p.rows(),
        vec![
            r(
                "memory",
                "vmotion vmk1/vmnic1 -> vmk1/vmnic1 true vmotion-stack-bound",
                MEMORY / 2
            ),
            r(
                "memory",
                "vmotion vmk2/vmnic2 -> vmk2/vmnic2 true vmotion-stack-bound",
                MEMORY / 2
            ),
        ]
    );
    assert_findings(&p, &[]);
}

#[test]
fn multihoming_reported_for_a_single_vmotion_vmknic_sharing_with_another_service() {
    // Not a Multi-NIC set: a lone vMotion vmknic and a vSAN vmknic share 10.0.10.0/24.
    let h = |n: u8| {
        with_mgmt(
            n,
            vec![
                vmk("vmk1", &format!("10.0.10.2{n}/24"), &["vmotion"], "vmnic1"),
                vmk("vmk2", &format!("10.0.10.3{n}/24"), &["vsan"], "vmnic2"),
            ],
        )
    };
    let p = run(&scenario("6.7", "compute", h(1), h(2)));
    assert_findings(
        &p,
        &["warning multihoming esx01", "warning multihoming esx02"],
    );
}

#[test]
fn multihoming_is_per_stack() {
    // Same subnet, different stacks (6.0+): two tables, no multihoming.
    let h = |n: u8| {
        with_mgmt(
            n,
            vec![
                vmk("vmk1", &format!("10.0.0.2{n}/24"), &["vsan"], "vmnic1").on("vxlan"),
                vmk("vmk2", &format!("10.0.10.1{n}/24"), &["vmotion"], "vmnic2"),
            ],
        )
    };
    let p = run(&scenario("6.7", "compute", h(1), h(2)));
    assert_findings(&p, &[]);
    // Three vmknics in one subnet of one stack: one finding per subnet and host.
    let h = |n: u8| {
        with_mgmt(
            n,
            vec![
                vmk("vmk1", &format!("10.0.0.2{n}/24"), &["vsan"], "vmnic1"),
                vmk("vmk2", &format!("10.0.0.3{n}/24"), &["ft"], "vmnic2"),
                vmk("vmk3", &format!("10.0.10.1{n}/24"), &["vmotion"], "vmnic3"),
            ],
        )
    };
    let p = run(&scenario("6.7", "compute", h(1), h(2)));
    assert_findings(
        &p,
        &["warning multihoming esx01", "warning multihoming esx02"],
    );
}

// ---- 8.7 assumptions ----

#[test]
fn assumption_not_raised_when_the_other_reading_gives_the_same_path() {
    // One vmknic does everything: vMotion and NFC both go vmk0 -> vmk0, so the home-files
    // assumption changes nothing, and the single vMotion vmknic leaves on itself.
    let one = |n: u8| {
        host(
            &format!("esx0{n}"),
            vec![vmk(
                "vmk0",
                &format!("10.0.0.1{n}/24"),
                &["management", "vmotion"],
                "vmnic0",
            )],
        )
    };
    let p = run(&scenario("6.7", "compute-and-storage", one(1), one(2)));
    p.assert_ok();
    assert!(!p.has("assumption"), "{:?}", p.findings());
    assert_findings(
        &p,
        &[
            "warning nfc-over-management esx01",
            "warning nfc-over-management esx02",
        ],
    );
}

#[test]
fn assumption_for_home_files_only_in_6_0_hot_migrations() {
    // Documented for 5.1 [D13] and as cold data from 6.5 [KB-VMOREQ]: no assumption.
    for version in ["5.1", "6.5", "6.7", "7.0", "8.0"] {
        let p = run(&tidy(version));
        assert!(!p.has("assumption"), "{version}: {:?}", p.findings());
    }
    // 6.0: the home-files path is assumed (8.7), also when only one host runs 6.0 (8.25).
    let mut mixed = tidy("6.7");
    mixed.destination.version = Some("6.0".to_string());
    for s in [tidy("6.0"), mixed] {
        let p = run(&s);
        let assumptions: Vec<String> = p
            .findings()
            .into_iter()
            .filter(|f| f.contains("assumption"))
            .collect();
        assert_eq!(assumptions, vec!["info assumption -"], "{:?}", p.findings());
    }
    // No home files over the network: nothing to assume.
    let mut s = tidy("6.0");
    s.vm.home_mib = 0.0;
    assert!(!run(&s).has("assumption"));
    s.vm.home_mib = 300.0;
    s.migration.shared_datastore = true;
    assert!(!run(&s).has("assumption"));
}

#[test]
fn assumption_one_finding_per_distinct_assumption() {
    // The shared subnet in 6.0 relies on two assumptions (routed single vMotion vmknic, home-files
    // path), each reported once although six flows rely on them.
    let h = |n: u8| {
        with_mgmt(
            n,
            vec![vmk(
                "vmk1",
                &format!("10.0.0.2{n}/24"),
                &["vmotion"],
                "vmnic1",
            )],
        )
    };
    let mut s = scenario("6.0", "compute-and-storage", h(1), h(2));
    s.vm.disks.push(disk("b.vmdk", 10.0, &[1.0]));
    let p = run(&s);
    let mut assumptions: Vec<String> = p
        .findings()
        .into_iter()
        .filter(|f| f.contains("assumption"))
        .collect();
    assumptions.sort();
    assert_eq!(
        assumptions,
        vec!["info assumption -", "info assumption esx01"]
    );
}

// ---- 8.12 / 8.13 blocked plans ----

#[test]
fn blocked_plan_has_no_flows_lists_every_error_and_config_warnings_only() {
    // esx02 has no vMotion vmknic (error) and its management address is unreachable for NFC
    // (error). Config warnings: multihoming on esx01 (vmk0 and vmk3), single-stream is absent
    // (esx02 has no vMotion vmknic), unsupported-in-version for the written encryption in 6.0.
    // Flow warnings that would describe the flows (nfc-over-management, assumption) are absent.
    let src = with_mgmt(
        1,
        vec![
            vmk("vmk1", "10.0.10.11/24", &["vmotion"], "vmnic1"),
            vmk("vmk3", "10.0.0.31/24", &["vsan"], "vmnic3"),
        ],
    );
    let dst = host(
        "esx02",
        vec![vmk("vmk0", "10.0.5.12/24", &["management"], "vmnic0")],
    );
    let mut s = scenario("6.0", "compute-and-storage", src, dst);
    s.migration.encryption = Some("required".to_string());
    let p = run(&s);
    p.assert_blocked();
    assert_findings(
        &p,
        &[
            "error no-vmotion-vmknic esx02",
            "error unreachable esx01",
            "warning multihoming esx01",
            "warning unsupported-in-version -",
        ],
    );
}

#[test]
fn blocked_plan_keeps_single_stream_and_drops_flow_warnings() {
    // Multi-NIC source, one destination vMotion vmknic in vmk0's subnet (on-link), and NFC
    // unreachable: blocked. Had it run, vmotion-egress-mismatch would not apply (bound), but
    // nfc-over-management and the home-files assumption would; neither is listed.
    let src = with_mgmt(
        1,
        vec![
            vmk("vmk1", "10.0.10.11/24", &["vmotion"], "vmnic1"),
            vmk("vmk2", "10.0.10.21/24", &["vmotion"], "vmnic2"),
        ],
    );
    let dst = host(
        "esx02",
        vec![
            vmk("vmk0", "10.0.5.12/24", &["management"], "vmnic0"),
            vmk("vmk1", "10.0.10.12/24", &["vmotion"], "vmnic1"),
        ],
    );
    let p = run(&scenario("6.7", "compute-and-storage", src, dst));
    p.assert_blocked();
    assert_findings(
        &p,
        &["error unreachable esx01", "warning single-stream esx01"],
    );
}

#[test]
fn blocked_plan_drops_vmotion_egress_mismatch_and_unencrypted_over_management() {
    // The management-network surprise in 6.0, but NFC cannot reach esx02's management vmknic.
    let src = with_mgmt(1, vec![vmk("vmk1", "10.0.0.21/24", &["vmotion"], "vmnic1")]);
    let dst = host(
        "esx02",
        vec![
            vmk("vmk0", "10.0.5.12/24", &["management"], "vmnic0"),
            vmk("vmk1", "10.0.0.22/24", &["vmotion"], "vmnic1"),
        ],
    );
    let p = run(&scenario(
        "6.0",
        "compute-and-storage",
        src.clone(),
        dst.clone(),
    ));
    p.assert_blocked();
    assert_findings(
        &p,
        &["error unreachable esx01", "warning multihoming esx01"],
    );

    // The same hosts as a compute migration run, and then the flow warnings appear.
    let p = run(&scenario("6.0", "compute", src, dst));
    p.assert_ok();
    assert_findings(
        &p,
        &[
            "warning multihoming esx01",
            "warning unencrypted-over-management esx01",
            "warning vmotion-egress-mismatch esx01",
            "info assumption esx01",
        ],
    );
}

// ---- order ----

#[test]
fn finding_order_is_severity_then_code() {
    // Builtins and a few rich scenarios.
    for b in vmkpath_core::scenarios::builtins() {
        let s = vmkpath_core::decode_scenario(b.toml())
            .unwrap_or_else(|e| panic!("builtin {} does not decode: {e}", b.name));
        assert_findings_ordered(&run_scenario(s));
    }
    let h = |n: u8| {
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
    };
    let mut s = scenario("6.0", "compute-and-storage", h(1), h(2));
    s.migration.encryption = Some("opportunistic".to_string());
    let p = run(&s);
    let keys: Vec<String> = p
        .file
        .findings
        .iter()
        .map(|f| format!("{} {}", f.severity, f.code))
        .collect();
    assert_eq!(
        keys,
        vec![
            "warning multihoming",
            "warning multihoming",
            "warning nfc-over-management",
            "warning nfc-over-management",
            "warning unencrypted-over-management",
            "warning unsupported-in-version",
            "warning vmotion-egress-mismatch",
            "info assumption",
            "info assumption",
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
            "warning unsupported-in-version -",
            "warning vmotion-egress-mismatch esx01",
            "info assumption esx01",
            "info assumption -",
        ],
    );

    // Errors come first, even when found after the warnings.
    s.destination.vmknics.truncate(1);
    s.destination.vmknics[0].ip = "10.0.5.12/24".to_string();
    s.destination.default_gateway = None;
    s.source.default_gateway = None;
    let p = run(&s);
    let severities: Vec<&str> = p.file.findings.iter().map(|f| f.severity).collect();
    assert_eq!(
        severities,
        vec!["error", "error", "warning", "warning"],
        "{:?}",
        p.findings()
    );
    assert_findings(
        &p,
        &[
            "error no-vmotion-vmknic esx02",
            "error unreachable esx01",
            "warning multihoming esx01",
            "warning unsupported-in-version -",
        ],
    );
}

#[test]
fn flow_order_is_traffic_then_source_vmknic_order() {
    // Source vMotion vmknics listed vmk2 before vmk1; two disks with snapshots.
    let src = with_mgmt(
        1,
        vec![
            vmk("vmk2", "10.0.10.21/24", &["vmotion"], "vmnic2"),
            vmk("vmk1", "10.0.10.11/24", &["vmotion"], "vmnic1"),
        ],
    );
    let dst = with_mgmt(
        2,
        vec![
            vmk("vmk1", "10.0.10.12/24", &["vmotion"], "vmnic1"),
            vmk("vmk2", "10.0.10.22/24", &["vmotion"], "vmnic2"),
        ],
    );
    let mut s = scenario("6.7", "compute-and-storage", src, dst);
    s.vm.disks = vec![disk("a.vmdk", 10.0, &[1.0]), disk("b.vmdk", 20.0, &[2.0])];
    let p = run(&s);
    p.assert_ok();
    let order: Vec<String> = p
        .file
        .flows
        .iter()
        .map(|f| {
            format!(
                "{} {}->{} {}",
                f.traffic,
                f.source.vmk.as_deref().unwrap_or("-"),
                f.destination.vmk.as_deref().unwrap_or("-"),
                f.bytes
            )
        })
        .collect();
    assert_eq!(
        order,
        vec![
            format!("memory vmk2->vmk1 {}", MEMORY / 2),
            format!("memory vmk1->vmk2 {}", MEMORY / 2),
            format!("hot-disk vmk2->vmk1 {}", 3 * GIB / 2),
            format!("hot-disk vmk1->vmk2 {}", 3 * GIB / 2),
            "io-mirror vmk2->vmk1 0".to_string(),
            "io-mirror vmk1->vmk2 0".to_string(),
            format!("cold-disk vmk0->vmk0 {}", 10 * GIB),
            format!("cold-disk vmk0->vmk0 {}", 20 * GIB),
            format!("home-files vmk0->vmk0 {}", HOME),
        ]
    );
}

#[test]
fn every_flow_names_its_rule_and_domain_sources() {
    const KEYS: [&str; 26] = [
        "D13",
        "D12",
        "DMN",
        "KB-MH",
        "KB-PROV",
        "KB-NFCMGMT",
        "KB-NFCSLOW",
        "KB-40G",
        "KB-VMO",
        "DOC-STACK",
        "DOC-GW",
        "DOC-ENC",
        "UDT",
        "KB-VMOREQ",
        "ADV-LAMW",
        "KB-429518",
        "KB-NFSMGMT",
        "WAHL-NFS",
        "DOC-BP70",
        "BLOG-STREAMS",
        "D-LIMIT",
        "PERF-CONC",
        "API-LINKLOW",
        "API-NAS",
        "API-NIOC",
        "API-NICTYPE",
    ];
    for b in vmkpath_core::scenarios::builtins() {
        let s = vmkpath_core::decode_scenario(b.toml())
            .unwrap_or_else(|e| panic!("builtin {} does not decode: {e}", b.name));
        let p = run_scenario(s);
        for f in &p.file.flows {
            assert!(!f.why.is_empty(), "{}: empty why", b.name);
            assert!(!f.sources.is_empty(), "{}: no sources", b.name);
            for key in &f.sources {
                assert!(KEYS.contains(key), "{}: unknown source key {key}", b.name);
            }
        }
        for f in &p.file.findings {
            assert!(!f.message.is_empty(), "{}: empty message", b.name);
        }
    }
}
