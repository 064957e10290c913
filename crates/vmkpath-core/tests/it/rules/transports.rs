//! domain.md 1 (two transports, hot vs cold, storage path) and 8.12 (sizes, no empty disk flows).

use crate::fixture::*;

const VMOTION_1_1: &str = "vmotion vmk1/vmnic1 -> vmk1/vmnic1 true single-vmotion-vmk-bound";
const NFC_0_0: &str = "nfc vmk0/vmnic0 -> vmk0/vmnic0 null nfc-to-management";

#[test]
fn vmotion_carries_memory_and_hot_disk_nfc_carries_cold_disk_and_home_files() {
    let p = run(&tidy("6.7"));
    p.assert_ok();
    assert_eq!(
        p.rows(),
        vec![
            r("memory", VMOTION_1_1, MEMORY),
            r("hot-disk", VMOTION_1_1, HOT),
            r("io-mirror", VMOTION_1_1, 0),
            r("cold-disk", NFC_0_0, COLD),
            r("home-files", NFC_0_0, HOME),
        ]
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
fn hot_vs_cold_active_delta_is_hot_base_and_older_snapshots_are_cold() {
    let mut s = tidy("6.7");
    s.vm.disks = vec![disk("db.vmdk", 40.0, &[3.0, 2.0, 1.0])];
    let p = run(&s);
    assert_eq!(p.rows_of("hot-disk"), vec![r("hot-disk", VMOTION_1_1, GIB)]);
    assert_eq!(p.rows_of("io-mirror"), vec![r("io-mirror", VMOTION_1_1, 0)]);
    // base 40 + older snapshots 3 + 2; the active delta (1) is not cold.
    assert_eq!(
        p.rows_of("cold-disk"),
        vec![r("cold-disk", NFC_0_0, 45 * GIB)]
    );
}

#[test]
fn hot_vs_cold_without_snapshots_the_one_vmdk_is_hot() {
    let mut s = tidy("6.7");
    s.vm.disks = vec![disk("app01.vmdk", 40.0, &[])];
    s.vm.home_mib = 0.0;
    let p = run(&s);
    p.assert_ok();
    assert_eq!(
        p.rows(),
        vec![
            r("memory", VMOTION_1_1, MEMORY),
            r("hot-disk", VMOTION_1_1, 40 * GIB),
            r("io-mirror", VMOTION_1_1, 0),
        ]
    );
    assert_findings(&p, &[]);
}

#[test]
fn hot_disks_are_summed_into_one_flow_and_cold_data_is_one_flow_per_disk() {
    let mut s = tidy("6.7");
    s.vm.disks = vec![
        disk("a.vmdk", 40.0, &[2.0, 1.0, 0.5]),
        disk("b.vmdk", 10.0, &[]),
        disk("c.vmdk", 20.0, &[5.0]),
    ];
    let p = run(&s);
    assert_eq!(
        p.rows_of("hot-disk"),
        vec![r("hot-disk", VMOTION_1_1, GIB / 2 + 10 * GIB + 5 * GIB)]
    );
    assert_eq!(p.rows_of("io-mirror").len(), 1);
    // b.vmdk has no cold part, so no cold-disk flow; a and c keep their order.
    assert_eq!(
        p.rows_of("cold-disk"),
        vec![
            r("cold-disk", NFC_0_0, 43 * GIB),
            r("cold-disk", NFC_0_0, 20 * GIB)
        ]
    );
}

#[test]
fn home_files_are_one_flow_on_the_cold_data_path() {
    let mut s = tidy("6.7");
    s.vm.disks.clear();
    s.vm.home_mib = 512.0;
    let p = run(&s);
    assert_eq!(
        p.rows(),
        vec![
            r("memory", VMOTION_1_1, MEMORY),
            r("home-files", NFC_0_0, 512 * MIB),
        ]
    );
}

#[test]
fn storage_path_shortcut_shared_datastore_moves_disks_and_home_files_by_storage() {
    let mut s = tidy("6.7");
    s.migration.shared_datastore = true;
    let p = run(&s);
    p.assert_ok();
    let storage = "storage - -> - null storage-path";
    assert_eq!(
        p.rows(),
        vec![
            r("memory", VMOTION_1_1, MEMORY),
            r("hot-disk", storage, HOT),
            r("io-mirror", storage, 0),
            r("cold-disk", storage, COLD),
            r("home-files", storage, HOME),
        ]
    );
    // No NFC flow: nothing crosses management, no home-files assumption.
    assert_findings(&p, &[]);
    for f in p.file.flows.iter().filter(|f| f.transport == "storage") {
        assert_eq!(f.source.host, "esx01");
        assert_eq!(f.destination.host, "esx02");
        assert_eq!(f.sources, vec!["D12"]);
    }
}

#[test]
fn storage_path_shortcut_needs_no_nfc_route() {
    // The destination's management vmknic is unreachable from esx01, but nothing uses NFC.
    let mut s = tidy("6.7");
    s.destination.vmknics[0].ip = "10.0.5.12/24".to_string();
    s.migration.shared_datastore = true;
    let p = run(&s);
    p.assert_ok();
    assert!(p.file.flows.iter().all(|f| f.transport != "nfc"));

    s.migration.shared_datastore = false;
    let p = run(&s);
    p.assert_blocked();
    assert_findings(&p, &["error unreachable esx01"]);
}

#[test]
fn compute_kind_moves_only_memory() {
    let mut s = tidy("6.7");
    s.migration.kind = "compute".to_string();
    for shared in [false, true] {
        s.migration.shared_datastore = shared;
        let p = run(&s);
        p.assert_ok();
        assert_eq!(
            p.rows(),
            vec![r("memory", VMOTION_1_1, MEMORY)],
            "shared {shared}"
        );
        assert_findings(&p, &[]);
    }
}

#[test]
fn compute_kind_ignores_an_unreachable_nfc_address() {
    let mut s = tidy("6.7");
    s.migration.kind = "compute".to_string();
    s.destination.vmknics[0].ip = "10.0.5.12/24".to_string();
    let p = run(&s);
    p.assert_ok();
    assert_eq!(p.rows(), vec![r("memory", VMOTION_1_1, MEMORY)]);
}

#[test]
fn cold_migration_moves_everything_by_nfc() {
    let mut s = tidy("6.7");
    s.migration.kind = "cold".to_string();
    let p = run(&s);
    p.assert_ok();
    assert_eq!(
        p.rows(),
        vec![
            r("cold-disk", NFC_0_0, COLD + HOT),
            r("home-files", NFC_0_0, HOME),
        ]
    );
    // No home-files assumption: the VM is not running.
    assert_findings(
        &p,
        &[
            "warning nfc-over-management esx01",
            "warning nfc-over-management esx02",
        ],
    );
}

#[test]
fn cold_migration_needs_no_vmotion_vmknic() {
    let mgmt_only = |n: u8| {
        host(
            &format!("esx0{n}"),
            vec![vmk(
                "vmk0",
                &format!("10.0.0.1{n}/24"),
                &["management"],
                "vmnic0",
            )],
        )
    };
    let s = scenario("5.1", "cold", mgmt_only(1), mgmt_only(2));
    let p = run(&s);
    p.assert_ok();
    assert!(!p.has("no-vmotion-vmknic"));
    assert_eq!(
        p.rows(),
        vec![
            r("cold-disk", NFC_0_0, COLD + HOT),
            r("home-files", NFC_0_0, HOME),
        ]
    );

    let mut shared = s.clone();
    shared.migration.shared_datastore = true;
    let p = run(&shared);
    p.assert_ok();
    let storage = "storage - -> - null storage-path";
    assert_eq!(
        p.rows(),
        vec![
            r("cold-disk", storage, COLD + HOT),
            r("home-files", storage, HOME)
        ]
    );
}

#[test]
fn no_disk_flows_when_the_vm_has_no_disks() {
    let mut s = tidy("6.7");
    s.vm.disks.clear();
    s.vm.home_mib = 0.0;
    let p = run(&s);
    p.assert_ok();
    assert_eq!(p.rows(), vec![r("memory", VMOTION_1_1, MEMORY)]);
}

#[test]
fn sizes_round_half_up_per_field_then_add_up() {
    let b = GIB as f64;
    let mut s = tidy("6.7");
    s.vm.memory_gib = 1.5 / b; // 1.5 bytes -> 2
    s.vm.home_mib = 2.5 / MIB as f64; // 2.5 bytes -> 3
                                      // cold = round(2.5) + round(0.5) = 3 + 1 = 4 (rounding the sum 3.0 would give 3);
                                      // hot = round(0.5) = 1.
    s.vm.disks = vec![disk("tiny.vmdk", 2.5 / b, &[0.5 / b, 0.5 / b])];
    let p = run(&s);
    assert_eq!(
        p.rows(),
        vec![
            r("memory", VMOTION_1_1, 2),
            r("hot-disk", VMOTION_1_1, 1),
            r("io-mirror", VMOTION_1_1, 0),
            r("cold-disk", NFC_0_0, 4),
            r("home-files", NFC_0_0, 3),
        ]
    );
}

#[test]
fn sizes_round_half_up_just_below_one_half_rounds_down() {
    // 0.49999999999999994 bytes (the largest double below 0.5) is below one half: 0 bytes.
    let below_half = 0.5 - f64::EPSILON / 4.0;
    assert!(below_half < 0.5);
    let mut s = tidy("6.7");
    s.vm.memory_gib = 1.0;
    s.vm.home_mib = below_half / MIB as f64;
    s.vm.disks = vec![disk("tiny.vmdk", below_half / GIB as f64, &[])];
    let p = run(&s);
    assert_eq!(p.rows_of("hot-disk"), vec![r("hot-disk", VMOTION_1_1, 0)]);
    assert_eq!(p.rows_of("home-files"), vec![r("home-files", NFC_0_0, 0)]);
}
