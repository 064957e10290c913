//! domain.md 5 and the `encrypted` contract of scenario-format.md.

use crate::fixture::*;

fn compute_tidy(version: &str, encryption: Option<&str>) -> Planned {
    let mut s = tidy(version);
    s.migration.kind = "compute".to_string();
    s.migration.encryption = encryption.map(str::to_string);
    run(&s)
}

#[test]
fn encrypted_vmotion_from_6_5_opportunistic_and_required_are_true_disabled_false() {
    for version in ["6.5", "6.7", "7.0", "8.0"] {
        for (mode, expected) in [
            (None, true),
            (Some("opportunistic"), true),
            (Some("required"), true),
            (Some("disabled"), false),
        ] {
            let p = compute_tidy(version, mode);
            p.assert_ok();
            assert_eq!(p.file.flows.len(), 1);
            assert_eq!(
                p.file.flows[0].encrypted,
                Some(expected),
                "{version} {mode:?}"
            );
            assert_findings(&p, &[]);
        }
    }
}

#[test]
fn encrypted_vmotion_before_6_5_is_false_and_warns_only_when_written_non_disabled() {
    for version in ["5.0", "5.1", "5.5", "6.0"] {
        for (mode, warns) in [
            (None, false),
            (Some("disabled"), false),
            (Some("opportunistic"), true),
            (Some("required"), true),
        ] {
            let p = compute_tidy(version, mode);
            p.assert_ok();
            assert_eq!(p.file.flows[0].encrypted, Some(false), "{version} {mode:?}");
            let expected: &[&str] = if warns {
                &["warning unsupported-in-version -"]
            } else {
                &[]
            };
            assert_findings(&p, expected);
        }
    }
}

#[test]
fn encrypted_covers_every_vmotion_stream_and_is_null_for_nfc_udt_and_storage() {
    let mut s = tidy("6.7");
    s.migration.encryption = Some("required".to_string());
    let p = run(&s);
    for f in &p.file.flows {
        let expected = match f.transport {
            "vmotion" => Some(true),
            _ => None,
        };
        assert_eq!(f.encrypted, expected, "{} {}", f.traffic, f.transport);
    }
    assert!(p.file.flows.iter().any(|f| f.transport == "nfc"));

    s.migration.shared_datastore = true;
    let p = run(&s);
    assert!(p.file.flows.iter().any(|f| f.transport == "storage"));
    for f in p.file.flows.iter().filter(|f| f.transport == "storage") {
        assert_eq!(f.encrypted, None);
    }
}

#[test]
fn management_is_insecure_unencrypted_vmotion_over_management_on_both_ends() {
    let mgmt_vmotion = |n: u8| {
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
    let p = run(&scenario(
        "6.0",
        "compute",
        mgmt_vmotion(1),
        mgmt_vmotion(2),
    ));
    p.assert_ok();
    assert_eq!(
        p.rows(),
        vec![r(
            "memory",
            "vmotion vmk0/vmnic0 -> vmk0/vmnic0 false single-vmotion-vmk-routed-egress",
            MEMORY
        )]
    );
    assert_findings(
        &p,
        &[
            "warning unencrypted-over-management esx01",
            "warning unencrypted-over-management esx02",
        ],
    );

    // Encrypted (6.5 default): no longer reported.
    let p = run(&scenario(
        "6.5",
        "compute",
        mgmt_vmotion(1),
        mgmt_vmotion(2),
    ));
    assert_findings(&p, &[]);
    // Explicitly disabled in 6.5: reported again.
    let mut s = scenario("6.5", "compute", mgmt_vmotion(1), mgmt_vmotion(2));
    s.migration.encryption = Some("disabled".to_string());
    let p = run(&s);
    assert_findings(
        &p,
        &[
            "warning unencrypted-over-management esx01",
            "warning unencrypted-over-management esx02",
        ],
    );
}
