//! What the contract promises about any plan, computed from scenario-format.md and domain.md
//! independently of the engine, and checked on a plan.

use crate::fixture::{run_scenario, Planned};
use vmkpath_core::decode_scenario;
use vmkpath_core::model::{Encryption, Host, MigrationKind, Scenario, Service, Stack, Version};

/// round(value × unit), half up, exactly: `value × 2^k` is exact in binary floating point.
fn bytes(value: f64, unit: f64) -> u64 {
    let exact = value * unit;
    let whole = exact.floor();
    let fraction = exact - whole;
    whole as u64 + u64::from(fraction >= 0.5)
}

const GIB: f64 = 1_073_741_824.0;
const MIB: f64 = 1_048_576.0;

/// Every byte the migration moves: memory if the VM runs, disks and home files if storage moves.
fn vm_bytes(s: &Scenario) -> u64 {
    let kind = s.migration.kind;
    let mut total = 0;
    if kind != MigrationKind::Cold {
        total += bytes(s.vm.memory_gib, GIB);
    }
    if kind != MigrationKind::Compute {
        for d in &s.vm.disks {
            total += bytes(d.base_gib, GIB);
            total += d.snapshots_gib.iter().map(|g| bytes(*g, GIB)).sum::<u64>();
        }
        total += bytes(s.vm.home_mib, MIB);
    }
    total
}

const TRAFFIC_ORDER: [&str; 5] = ["memory", "hot-disk", "io-mirror", "cold-disk", "home-files"];

fn severity_rank(s: &str) -> u8 {
    ["error", "warning", "info"]
        .iter()
        .position(|x| *x == s)
        .unwrap_or_else(|| panic!("unknown severity {s}")) as u8
}

fn vmk_index(host: &Host, name: &str) -> usize {
    host.vmknics
        .iter()
        .position(|v| v.name == name)
        .unwrap_or_else(|| panic!("no vmknic {name} on {}", host.name))
}

/// The vMotion vmknic set of domain.md 3 after the gates of 8.8, by name.
fn vmotion_set(s: &Scenario, h: &Host) -> Vec<String> {
    let stacks = s.version >= Version::V6_0;
    let on_stack: Vec<String> = h
        .vmknics
        .iter()
        .filter(|v| stacks && v.stack == Stack::Vmotion)
        .map(|v| v.name.clone())
        .collect();
    if !on_stack.is_empty() {
        return on_stack;
    }
    h.vmknics
        .iter()
        .filter(|v| (!stacks || v.stack == Stack::Default) && v.has(Service::Vmotion))
        .map(|v| v.name.clone())
        .collect()
}

/// The provisioning vmknic of 8.12 after the gates of 8.8: on the Provisioning stack, else a
/// default-stack vmknic tagged provisioning; none before 6.0.
fn provisioning_vmk(s: &Scenario, h: &Host) -> Option<String> {
    if s.version < Version::V6_0 {
        return None;
    }
    h.vmknics
        .iter()
        .find(|v| v.stack == Stack::Provisioning)
        .or_else(|| {
            h.vmknics
                .iter()
                .find(|v| v.stack == Stack::Default && v.has(Service::Provisioning))
        })
        .map(|v| v.name.clone())
}

/// The NFC address of domain.md 8.2 (provisioning vmknic 6.0+, else first management).
fn nfc_address(s: &Scenario, h: &Host) -> String {
    provisioning_vmk(s, h)
        .or_else(|| {
            h.vmknics
                .iter()
                .find(|v| v.has(Service::Management))
                .map(|v| v.name.clone())
        })
        .unwrap_or_default()
}

/// The contract's promises about one plan.
pub fn check_plan(s: &Scenario, p: &Planned) {
    let f = &p.file;
    // (c) outcome and errors
    let errors = f.findings.iter().filter(|x| x.severity == "error").count();
    match f.outcome {
        "blocked" => {
            assert!(f.flows.is_empty(), "blocked plan with flows");
            assert!(errors > 0, "blocked plan without an error");
            for code in [
                "assumption",
                "vmotion-egress-mismatch",
                "nfc-over-management",
                "unencrypted-over-management",
            ] {
                assert!(!p.has(code), "blocked plan lists {code}");
            }
        }
        "ok" => assert_eq!(errors, 0, "ok plan with an error: {:?}", p.findings()),
        other => panic!("outcome {other}"),
    }
    // findings by severity, then code
    let keys: Vec<(u8, &str)> = f
        .findings
        .iter()
        .map(|x| (severity_rank(x.severity), x.code))
        .collect();
    assert!(
        keys.windows(2).all(|w| w[0] <= w[1]),
        "findings order {keys:?}"
    );
    for x in &f.findings {
        assert!(!x.message.is_empty());
        if let Some(h) = &x.host {
            assert!(*h == s.source.name || *h == s.destination.name);
        }
    }
    if f.outcome != "ok" {
        return;
    }
    // (a) every byte once: sum of flows (io-mirror excluded) = memory + disks + home files
    let moved: u64 = f
        .flows
        .iter()
        .filter(|x| x.traffic != "io-mirror")
        .map(|x| x.bytes)
        .sum();
    assert_eq!(moved, vm_bytes(s), "bytes moved vs bytes of the VM");
    if s.migration.kind == MigrationKind::Compute {
        assert!(f.flows.iter().all(|x| x.traffic == "memory"));
    }
    if s.migration.kind == MigrationKind::Cold {
        assert!(f.flows.iter().all(|x| x.transport != "vmotion"));
    }
    let hot_disk = f.flows.iter().filter(|x| x.traffic == "hot-disk").count();
    let mirror: Vec<_> = f
        .flows
        .iter()
        .filter(|x| x.traffic == "io-mirror")
        .collect();
    assert_eq!(
        mirror.len(),
        hot_disk,
        "one io-mirror flow per hot-disk flow"
    );
    // io-mirror bytes: 0 without a guest write rate or by the storage path, else at most the
    // write rate × the duration of its hot-disk flow (equal while the links keep up).
    let write = s.vm.write_mib_per_s * MIB;
    for x in &mirror {
        match (x.start_s, x.end_s) {
            (Some(start), Some(end)) if write > 0.0 => {
                let most = write * (end - start) + write * 0.002 + 2.0;
                assert!((x.bytes as f64) <= most, "io-mirror {} > {most}", x.bytes);
            }
            _ => assert_eq!(x.bytes, 0, "io-mirror without a write rate or timing"),
        }
    }
    if s.vm.disks.is_empty() {
        assert!(f
            .flows
            .iter()
            .all(|x| !["hot-disk", "io-mirror", "cold-disk"].contains(&x.traffic)));
    }
    // flows by traffic, then source vmknic order
    let order: Vec<(usize, Option<usize>)> = f
        .flows
        .iter()
        .map(|x| {
            let t = TRAFFIC_ORDER
                .iter()
                .position(|t| *t == x.traffic)
                .unwrap_or_else(|| panic!("traffic {}", x.traffic));
            (t, x.source.vmk.as_deref().map(|v| vmk_index(&s.source, v)))
        })
        .collect();
    assert!(
        order.windows(2).all(|w| w[0] <= w[1]),
        "flow order {order:?}"
    );
    // endpoints and encryption
    // Both ends need 6.5 (domain.md 8.19: opportunistic with a pre-6.5 end runs unencrypted).
    let encrypted_vmotion =
        s.oldest_version() >= Version::V6_5 && s.migration.encryption != Some(Encryption::Disabled);
    let receivers = vmotion_set(s, &s.destination);
    for x in &f.flows {
        assert_eq!(x.source.host, s.source.name);
        assert_eq!(x.destination.host, s.destination.name);
        match x.transport {
            "storage" => {
                assert!(s.migration.shared_datastore);
                assert_eq!(x.encrypted, None);
                assert!(x.source.vmk.is_none() && x.destination.vmk.is_none());
                assert!(x.source.uplink.is_none() && x.destination.uplink.is_none());
            }
            transport => {
                let (sv, dv) = (
                    x.source.vmk.as_deref().unwrap(),
                    x.destination.vmk.as_deref().unwrap(),
                );
                for (h, v, uplink) in [
                    (&s.source, sv, &x.source.uplink),
                    (&s.destination, dv, &x.destination.uplink),
                ] {
                    let first = h.vmknics[vmk_index(h, v)].active[0];
                    assert_eq!(uplink.as_deref(), Some(h.uplinks[first.0].name.as_str()));
                }
                if transport == "vmotion" {
                    assert_eq!(x.encrypted, Some(encrypted_vmotion));
                    assert!(receivers.iter().any(|r| r == dv), "vMotion to {dv}");
                } else {
                    assert!(transport == "nfc" || transport == "udt", "{transport}");
                    assert!(!s.migration.shared_datastore);
                    assert_eq!(x.encrypted, None);
                    assert_eq!(dv, nfc_address(s, &s.destination), "NFC address");
                    assert!(x.traffic == "cold-disk" || x.traffic == "home-files");
                    // UDT exactly when 8.0 and both hosts have a provisioning vmknic (8.6).
                    let udt = s.version == Version::V8_0
                        && provisioning_vmk(s, &s.source).is_some()
                        && provisioning_vmk(s, &s.destination).is_some();
                    assert_eq!(transport == "udt", udt, "transport {transport}");
                }
            }
        }
    }
}

/// Decode any text: Ok (and then planning keeps the contract) or Err with a message.
pub fn decode_anything(text: &str) {
    match decode_scenario(text) {
        Ok(s) => {
            let p = run_scenario(s.clone());
            check_plan(&s, &p);
        }
        Err(e) => {
            assert!(!e.message.trim().is_empty(), "empty message for {text:?}");
            assert!(!e.to_string().trim().is_empty());
        }
    }
}

#[test]
fn the_reference_rounding_is_half_up() {
    assert_eq!(bytes(1.5, 1.0), 2);
    assert_eq!(bytes(2.5, 1.0), 3);
    assert_eq!(bytes(0.5, 1.0), 1);
    assert_eq!(bytes(0.5 - f64::EPSILON / 4.0, 1.0), 0);
    assert_eq!(bytes(0.25, GIB), GIB as u64 / 4);
}
