//! Invalid input: every case is an `Err` naming the path of the bad field and what was wrong
//! (scenario-format.md, style.md "Boundaries"), for TOML and JSON alike, never a panic.

use crate::fixture::*;
use serde_json::{json, Value};
use vmkpath_core::format::ScenarioFile;
use vmkpath_core::{decode_scenario, InputError};

/// A valid base: tidy 6.7 hosts, esx01 with a third vmknic (vmk2, vsan) and a route.
fn base() -> ScenarioFile {
    let mut s = tidy("6.7");
    s.source = s
        .source
        .default_gw("10.0.0.1")
        .route("10.30.0.0/24", "10.0.0.254");
    s.source
        .vmknics
        .push(vmk("vmk2", "10.0.30.11/24", &["vsan"], "vmnic2"));
    s
}

fn base_value() -> Value {
    serde_json::to_value(base()).unwrap()
}

/// The error of decoding `value` as JSON and as TOML; both must fail the same way.
fn errors(value: &Value) -> [InputError; 2] {
    let json_text = serde_json::to_string_pretty(value).unwrap();
    let toml_text = toml::to_string(value).unwrap();
    let from_json = decode_scenario(&json_text)
        .err()
        .unwrap_or_else(|| panic!("JSON accepted:\n{json_text}"));
    let from_toml = decode_scenario(&toml_text)
        .err()
        .unwrap_or_else(|| panic!("TOML accepted:\n{toml_text}"));
    [from_json, from_toml]
}

/// Mutate the base scenario and expect `path`, with a message containing every word of `says`.
fn rejects(mutate: impl FnOnce(&mut Value), path: &str, says: &[&str]) {
    let mut value = base_value();
    mutate(&mut value);
    for (format, err) in ["JSON", "TOML"].iter().zip(errors(&value)) {
        assert_eq!(err.path, path, "{format}: {err}");
        assert!(!err.message.trim().is_empty(), "{format}: empty message");
        for word in says {
            assert!(
                err.message.contains(word),
                "{format}: message {:?} lacks {word:?}",
                err.message
            );
        }
        let shown = err.to_string();
        assert!(shown.starts_with(path), "{format}: {shown}");
    }
}

fn at<'a>(value: &'a mut Value, pointer: &str) -> &'a mut Value {
    value
        .pointer_mut(pointer)
        .unwrap_or_else(|| panic!("no {pointer} in the base scenario"))
}

#[test]
fn base_scenario_is_valid_in_both_formats() {
    let value = base_value();
    decode_scenario(&serde_json::to_string(&value).unwrap()).unwrap();
    decode_scenario(&toml::to_string(&value).unwrap()).unwrap();
}

// ---- unknown fields ----

#[test]
fn unknown_field_at_the_top() {
    rejects(
        |v| v["colour"] = json!("blue"),
        "colour",
        &["unknown field", "colour"],
    );
}

#[test]
fn unknown_field_nested_in_a_vmknic() {
    rejects(
        |v| at(v, "/source/vmknics/0")["foo"] = json!(1),
        "source.vmknics[0].foo",
        &["unknown field", "foo"],
    );
}

#[test]
fn unknown_field_in_migration_vm_disk_uplink_route_and_stack() {
    rejects(
        |v| at(v, "/migration")["speed"] = json!(1),
        "migration.speed",
        &["speed"],
    );
    rejects(|v| at(v, "/vm")["cpus"] = json!(4), "vm.cpus", &["cpus"]);
    rejects(
        |v| at(v, "/vm/disks/0")["thin"] = json!(true),
        "vm.disks[0].thin",
        &["thin"],
    );
    rejects(
        |v| at(v, "/destination/uplinks/1")["duplex"] = json!("full"),
        "destination.uplinks[1].duplex",
        &["duplex"],
    );
    rejects(
        |v| at(v, "/source/routes/0")["metric"] = json!(1),
        "source.routes[0].metric",
        &["metric"],
    );
    rejects(
        |v| at(v, "/source")["stacks"] = json!({"vmotion": {"gw": "10.0.10.1"}}),
        "source.stacks.vmotion.gw",
        &["gw"],
    );
}

// ---- shapes ----

#[test]
fn missing_required_field_names_it() {
    let mut value = base_value();
    at(&mut value, "/source/vmknics/1")
        .as_object_mut()
        .unwrap()
        .remove("ip");
    for err in errors(&value) {
        assert!(err.to_string().contains("source.vmknics[1]"), "{err}");
        assert!(err.message.contains("ip"), "{err}");
    }
    let mut value = base_value();
    value.as_object_mut().unwrap().remove("version");
    for err in errors(&value) {
        assert!(err.message.contains("version"), "{err}");
    }
}

#[test]
fn wrong_type_names_the_field() {
    rejects(
        |v| at(v, "/vm")["memory_gib"] = json!("sixteen"),
        "vm.memory_gib",
        &[],
    );
    rejects(
        |v| at(v, "/source/vmknics/0")["services"] = json!("management"),
        "source.vmknics[0].services",
        &[],
    );
}

// ---- values ----

#[test]
fn bad_ip_address() {
    rejects(
        |v| at(v, "/source/vmknics/1")["ip"] = json!("10.0.0.300/24"),
        "source.vmknics[1].ip",
        &["10.0.0.300/24", "not an IPv4/IPv6 network"],
    );
    rejects(
        |v| at(v, "/destination/vmknics/0")["ip"] = json!("esx02"),
        "destination.vmknics[0].ip",
        &["esx02"],
    );
    rejects(
        |v| at(v, "/source")["default_gateway"] = json!("10.0.0.1.1"),
        "source.default_gateway",
        &["10.0.0.1.1"],
    );
    rejects(
        |v| at(v, "/source/routes/0")["network"] = json!("10.30.0.0/33"),
        "source.routes[0].network",
        &["10.30.0.0/33"],
    );
}

#[test]
fn ip_without_prefix() {
    rejects(
        |v| at(v, "/source/vmknics/1")["ip"] = json!("10.0.10.11"),
        "source.vmknics[1].ip",
        &["10.0.10.11", "prefix"],
    );
    rejects(
        |v| at(v, "/source/routes/0")["network"] = json!("10.30.0.0"),
        "source.routes[0].network",
        &["prefix"],
    );
}

#[test]
fn undefined_uplink_in_active_or_standby() {
    // scenario-format.md: `source.vmknics[2].active: uplink "vmnic9" is not defined on esx01`.
    for field in ["active", "standby"] {
        let mut value = base_value();
        at(&mut value, "/source/vmknics/2")[field] = json!(["vmnic9"]);
        for err in errors(&value) {
            let prefix = format!("source.vmknics[2].{field}");
            assert!(err.path.starts_with(&prefix), "{field}: {err}");
            assert!(
                err.to_string()
                    .contains(r#"uplink "vmnic9" is not defined on esx01"#),
                "{err}"
            );
        }
    }
}

#[test]
fn empty_active_uplinks() {
    rejects(
        |v| at(v, "/source/vmknics/1")["active"] = json!([]),
        "source.vmknics[1].active",
        &["active"],
    );
}

#[test]
fn duplicate_vmknic_names() {
    rejects(
        |v| at(v, "/source/vmknics/2")["name"] = json!("vmk1"),
        "source.vmknics[2].name",
        &["vmk1", "twice"],
    );
}

#[test]
fn default_gateway_outside_every_default_stack_subnet() {
    rejects(
        |v| at(v, "/source")["default_gateway"] = json!("192.168.1.1"),
        "source.default_gateway",
        &["192.168.1.1"],
    );
}

#[test]
fn default_gateway_in_a_subnet_of_another_stack_only() {
    // 10.0.40.1 lies only in a vMotion-stack vmknic's subnet.
    rejects(
        |v| {
            at(v, "/destination/vmknics").as_array_mut().unwrap().push(
                json!({"name": "vmk5", "ip": "10.0.40.12/24", "services": ["vmotion"],
                             "stack": "vmotion", "active": ["vmnic3"]}),
            );
            at(v, "/destination")["default_gateway"] = json!("10.0.40.1");
        },
        "destination.default_gateway",
        &["10.0.40.1"],
    );
}

#[test]
fn static_route_gateway_outside_every_subnet() {
    rejects(
        |v| at(v, "/source/routes/0")["gateway"] = json!("10.0.99.254"),
        "source.routes[0].gateway",
        &["10.0.99.254"],
    );
}

#[test]
fn vmotion_stack_gateway_outside_its_vmknics_subnets() {
    // No vmknic on the vMotion stack at all; the gateway lies in a default-stack subnet.
    rejects(
        |v| at(v, "/source")["stacks"] = json!({"vmotion": {"gateway": "10.0.10.1"}}),
        "source.stacks.vmotion.gateway",
        &["10.0.10.1"],
    );
    // With a vMotion-stack vmknic, a gateway outside its subnet.
    rejects(
        |v| {
            at(v, "/source/vmknics/1")["stack"] = json!("vmotion");
            at(v, "/source")["stacks"] = json!({"vmotion": {"gateway": "10.0.11.1"}});
        },
        "source.stacks.vmotion.gateway",
        &["10.0.11.1"],
    );
}

#[test]
fn vmknic_gateway_override_outside_its_own_subnet() {
    // 10.0.0.1 is a fine default gateway, but not in vmk1's own subnet 10.0.10.0/24 (8.3).
    rejects(
        |v| at(v, "/source/vmknics/1")["gateway"] = json!("10.0.0.1"),
        "source.vmknics[1].gateway",
        &["10.0.0.1"],
    );
}

#[test]
fn bad_version() {
    rejects(
        |v| v["version"] = json!("4.9"),
        "version",
        &["4.9", "5.0", "8.0"],
    );
    rejects(|v| v["version"] = json!("6"), "version", &["\"6\""]);
    rejects(
        |v| v["destination"]["version"] = json!("6.1"),
        "destination.version",
        &["6.1", "5.0", "8.0"],
    );
}

#[test]
fn a_host_may_carry_its_own_version() {
    let mut value = base_value();
    value["source"]["version"] = json!("6.5");
    for text in [
        serde_json::to_string(&value).unwrap(),
        toml::to_string(&value).unwrap(),
    ] {
        let s = decode_scenario(&text).unwrap();
        assert_eq!(s.source_version().as_str(), "6.5");
        assert_eq!(s.destination_version().as_str(), "6.7");
        assert!(s.mixed_versions());
        // Encoding keeps it, and only where it was written.
        let back = ScenarioFile::from(&s);
        assert_eq!(back.source.version.as_deref(), Some("6.5"));
        assert_eq!(back.destination.version, None);
    }
}

#[test]
fn bad_kind_and_encryption() {
    rejects(
        |v| at(v, "/migration")["kind"] = json!("storage"),
        "migration.kind",
        &["storage", "compute-and-storage"],
    );
    rejects(
        |v| at(v, "/migration")["encryption"] = json!("always"),
        "migration.encryption",
        &["always", "opportunistic"],
    );
}

#[test]
fn bad_service() {
    rejects(
        |v| at(v, "/source/vmknics/1")["services"] = json!(["vmotion", "iscsi"]),
        "source.vmknics[1].services[1]",
        &["iscsi", "management"],
    );
}

#[test]
fn host_without_management_vmknic() {
    rejects(
        |v| at(v, "/destination/vmknics/0")["services"] = json!(["vsan"]),
        "destination.vmknics",
        &["management"],
    );
    rejects(
        |v| at(v, "/destination")["vmknics"] = json!([]),
        "destination.vmknics",
        &[],
    );
}

#[test]
fn two_provisioning_vmknics_on_one_host() {
    // Two tagged default-stack vmknics, even in 5.1 where the tag is ignored (8.12: validated
    // as written).
    for version in ["6.7", "5.1"] {
        rejects(
            |v| {
                v["version"] = json!(version);
                at(v, "/source/vmknics/1")["services"] = json!(["vmotion", "provisioning"]);
                at(v, "/source/vmknics/2")["services"] = json!(["provisioning"]);
            },
            "source.vmknics[2]",
            &["provisioning", "vmk1", "vmk2"],
        );
    }
    // Two vmknics on the Provisioning stack.
    rejects(
        |v| {
            at(v, "/source/vmknics/1")["stack"] = json!("provisioning");
            at(v, "/source/vmknics/1")["services"] = json!([]);
            at(v, "/source/vmknics/2")["stack"] = json!("provisioning");
            at(v, "/source/vmknics/2")["services"] = json!([]);
        },
        "source.vmknics[2]",
        &["provisioning"],
    );
}

#[test]
fn provisioning_stack_and_a_tagged_vmknic_are_one_provisioning_vmknic() {
    // 8.5/8.12: the vmknic on the Provisioning stack is the host's provisioning vmknic; a
    // tagged default-stack vmknic beside it is not a second one.
    let mut value = base_value();
    at(&mut value, "/source/vmknics/2")["services"] = json!(["provisioning"]);
    at(&mut value, "/source/vmknics")
        .as_array_mut()
        .unwrap()
        .push(
            json!({"name": "vmk3", "ip": "10.0.40.11/24", "services": ["provisioning"],
                     "stack": "provisioning", "active": ["vmnic3"]}),
        );
    decode_scenario(&serde_json::to_string(&value).unwrap()).unwrap();
}

#[test]
fn non_vmotion_service_on_the_vmotion_stack() {
    rejects(
        |v| {
            at(v, "/source/vmknics/2")["stack"] = json!("vmotion");
            at(v, "/source/vmknics/2")["services"] = json!(["vmotion", "vsan"]);
        },
        "source.vmknics[2].services",
        &["vsan"],
    );
    rejects(
        |v| {
            at(v, "/source/vmknics/0")["stack"] = json!("vmotion");
        },
        "source.vmknics[0].services",
        &["management"],
    );
}

#[test]
fn negative_sizes() {
    rejects(
        |v| at(v, "/vm")["memory_gib"] = json!(-1.0),
        "vm.memory_gib",
        &["-1"],
    );
    rejects(
        |v| at(v, "/vm")["home_mib"] = json!(-0.5),
        "vm.home_mib",
        &["-0.5"],
    );
    rejects(
        |v| at(v, "/vm/disks/0")["base_gib"] = json!(-40),
        "vm.disks[0].base_gib",
        &["-40"],
    );
    rejects(
        |v| at(v, "/vm/disks/0")["snapshots_gib"] = json!([2.0, -1.0, 0.5]),
        "vm.disks[0].snapshots_gib[1]",
        &["-1"],
    );
}

/// TOML text of the base with one line replaced.
fn toml_with(old: &str, new: &str) -> String {
    let text = toml_text(&base());
    assert!(text.contains(old), "no {old:?} in\n{text}");
    text.replacen(old, new, 1)
}

#[test]
fn nan_and_infinite_sizes() {
    for bad in ["nan", "inf", "-inf", "+nan"] {
        let err = decode_scenario(&toml_with(
            "memory_gib = 16.0",
            &format!("memory_gib = {bad}"),
        ))
        .unwrap_err();
        assert_eq!(err.path, "vm.memory_gib", "{bad}: {err}");
        assert!(!err.message.is_empty());
        let err = decode_scenario(&toml_with("base_gib = 40.0", &format!("base_gib = {bad}")))
            .unwrap_err();
        assert_eq!(err.path, "vm.disks[0].base_gib", "{bad}: {err}");
        let err = decode_scenario(&toml_with("home_mib = 300.0", &format!("home_mib = {bad}")))
            .unwrap_err();
        assert_eq!(err.path, "vm.home_mib", "{bad}: {err}");
    }
    // JSON has no NaN: a huge number overflows to infinity or is rejected, never accepted.
    let mut value = base_value();
    at(&mut value, "/vm")["memory_gib"] = json!(1e300);
    for err in errors(&value) {
        assert_eq!(err.path, "vm.memory_gib", "{err}");
    }
}

#[test]
fn same_host_names() {
    rejects(
        |v| at(v, "/destination")["name"] = json!("esx01"),
        "destination.name",
        &["esx01"],
    );
}

#[test]
fn json_syntax_error() {
    let text = serde_json::to_string_pretty(&base_value()).unwrap();
    for broken in [
        text.replacen("\"version\": \"6.7\"", "\"version\": ", 1),
        text.replacen('}', "", 1),
        format!("{text} trailing"),
        "{".to_string(),
        "{\"version\": \"6.7\",}".to_string(),
    ] {
        let err = decode_scenario(&broken).unwrap_err();
        assert!(!err.message.trim().is_empty(), "{broken}");
        assert!(err.message.contains("line"), "{err}");
        // The path names a field of the contract, or nothing: never a placeholder like "?".
        assert!(is_contract_path(&err.path), "path {:?} of {err}", err.path);
    }
}

/// `""` or a field path as the contract writes them: `source.vmknics[1].ip`.
fn is_contract_path(path: &str) -> bool {
    path.is_empty()
        || path.split('.').all(|segment| {
            let name = segment.split('[').next().unwrap_or("");
            !name.is_empty()
                && name.chars().all(|c| c.is_ascii_lowercase() || c == '_')
                && segment[name.len()..].split_terminator(']').all(|index| {
                    index.len() > 1
                        && index.starts_with('[')
                        && index[1..].chars().all(|c| c.is_ascii_digit())
                })
        })
}

#[test]
fn contract_path_shape() {
    assert!(is_contract_path(""));
    assert!(is_contract_path("version"));
    assert!(is_contract_path("source.vmknics[1].ip"));
    assert!(is_contract_path("vm.disks[0].snapshots_gib[2]"));
    assert!(!is_contract_path("?"));
    assert!(!is_contract_path("source..ip"));
    assert!(!is_contract_path("source.vmknics[x]"));
}

#[test]
fn toml_syntax_error() {
    for broken in [
        toml_with("version = \"6.7\"", "version = "),
        toml_with("version = \"6.7\"", "version = \"6.7"),
        toml_with("[migration]", "[migration"),
        toml_with("version = \"6.7\"", "version = \"6.7\"\nversion = \"6.5\""),
    ] {
        let err = decode_scenario(&broken).unwrap_err();
        assert!(!err.message.trim().is_empty(), "{broken}");
        assert!(err.message.contains("line"), "{err}");
    }
    for text in ["", "   ", "\n", "garbage", "[[[", "= 1"] {
        let err = decode_scenario(text).unwrap_err();
        assert!(!err.to_string().trim().is_empty(), "{text:?}");
    }
}

#[test]
fn default_stack_gateway_is_written_as_default_gateway() {
    rejects(
        |v| at(v, "/source")["stacks"] = json!({"default": {"gateway": "10.0.0.1"}}),
        "source.stacks.default",
        &["default_gateway"],
    );
}

#[test]
fn optional_fields_take_their_documented_defaults() {
    // scenario-format.md "Settled details": title "", shared_datastore false, encryption
    // opportunistic from 6.5, home_mib 0, disks [], snapshots_gib [], stack "default",
    // standby [], no gateways, no routes.
    let text = r#"
version = "6.5"
[migration]
kind = "compute-and-storage"
[vm]
name = "app01"
memory_gib = 4
[[vm.disks]]
base_gib = 10
[source]
name = "esx01"
[[source.uplinks]]
name = "vmnic0"
[[source.vmknics]]
name = "vmk0"
ip = "10.0.0.11/24"
services = ["management", "vmotion"]
active = ["vmnic0"]
[destination]
name = "esx02"
[[destination.uplinks]]
name = "vmnic0"
[[destination.vmknics]]
name = "vmk0"
ip = "10.0.0.12/24"
services = ["management", "vmotion"]
active = ["vmnic0"]
"#;
    let s = decode_scenario(text).unwrap();
    assert_eq!(s.title, "");
    assert!(!s.migration.shared_datastore);
    assert_eq!(s.vm.home_mib, 0.0);
    assert!(s.vm.disks[0].snapshots_gib.is_empty());
    for h in [&s.source, &s.destination] {
        assert_eq!(h.vmknics[0].stack, vmkpath_core::model::Stack::Default);
        assert!(h.vmknics[0].standby.is_empty());
        assert!(h.vmknics[0].gateway.is_none());
        assert!(h.default_gateway.is_none() && h.routes.is_empty() && h.stack_gateways.is_empty());
    }
    let p = run_scenario(s);
    p.assert_ok();
    // Opportunistic by default from 6.5: encrypted; the one VMDK is hot; no home-files flow.
    assert_eq!(
        p.rows(),
        vec![
            r(
                "memory",
                "vmotion vmk0/vmnic0 -> vmk0/vmnic0 true single-vmotion-vmk-bound",
                4 * GIB
            ),
            r(
                "hot-disk",
                "vmotion vmk0/vmnic0 -> vmk0/vmnic0 true single-vmotion-vmk-bound",
                10 * GIB
            ),
            r(
                "io-mirror",
                "vmotion vmk0/vmnic0 -> vmk0/vmnic0 true single-vmotion-vmk-bound",
                0
            ),
        ]
    );
}

#[test]
fn builtins_read_the_same_from_their_toml_and_their_json() {
    let mut count = 0;
    for b in vmkpath_core::scenarios::builtins() {
        let from_toml = decode_scenario(b.toml())
            .unwrap_or_else(|e| panic!("builtin {} (TOML) is invalid: {e}", b.name));
        let from_json = b
            .scenario()
            .unwrap_or_else(|e| panic!("builtin {} (JSON) is invalid: {e}", b.name));
        assert_eq!(from_toml, from_json, "builtin {}", b.name);
        let title = b.file().expect("decoded above").title;
        assert!(!title.is_empty(), "builtin {} has a title", b.name);
        assert_eq!(
            b.title(),
            title,
            "builtin {}: the title read at build time",
            b.name
        );
        count += 1;
    }
    assert!(
        count >= 12,
        "expected the built-in scenarios, found {count}"
    );
}

// ---- timing fields ----

#[test]
fn guest_rates_must_be_rates() {
    rejects(
        |v| at(v, "/vm")["dirty_mib_per_s"] = json!(-5),
        "vm.dirty_mib_per_s",
        &["-5", "MiB/s"],
    );
    rejects(
        |v| at(v, "/vm")["write_mib_per_s"] = json!(2e6),
        "vm.write_mib_per_s",
        &["MiB/s"],
    );
    rejects(
        |v| at(v, "/vm")["dirty_mib_per_s"] = json!("fast"),
        "vm.dirty_mib_per_s",
        &[],
    );
}

#[test]
fn uplink_mtu_must_be_an_mtu() {
    rejects(
        |v| at(v, "/source/uplinks/1")["mtu"] = json!(100),
        "source.uplinks[1].mtu",
        &["100", "MTU"],
    );
    rejects(
        |v| at(v, "/destination/uplinks/0")["mtu"] = json!(-1500),
        "destination.uplinks[0].mtu",
        &[],
    );
}

#[test]
fn timing_fields_default_and_round_trip() {
    let mut value = base_value();
    let plain = decode_scenario(&value.to_string()).unwrap();
    assert_eq!(plain.vm.dirty_mib_per_s, 0.0);
    assert_eq!(plain.vm.write_mib_per_s, 0.0);
    assert!(plain.source.uplinks.iter().all(|u| u.mtu == 1500));
    at(&mut value, "/vm")["dirty_mib_per_s"] = json!(1200.5);
    at(&mut value, "/vm")["write_mib_per_s"] = json!(40);
    at(&mut value, "/source/uplinks/1")["mtu"] = json!(9000);
    let s = decode_scenario(&value.to_string()).unwrap();
    assert_eq!((s.vm.dirty_mib_per_s, s.vm.write_mib_per_s), (1200.5, 40.0));
    assert_eq!(s.source.uplinks[1].mtu, 9000);
    let file = vmkpath_core::format::ScenarioFile::from(&s);
    assert_eq!(
        decode_scenario(&toml::to_string(&file).unwrap()).unwrap(),
        s
    );
    // Defaults are not written back.
    let written = toml::to_string(&vmkpath_core::format::ScenarioFile::from(&plain)).unwrap();
    assert!(
        !written.contains("mtu") && !written.contains("_per_s"),
        "{written}"
    );
}
