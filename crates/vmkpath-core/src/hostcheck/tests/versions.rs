//! The ESXi version read from `esxcli system version get`, `vmware -v` / `-l` and PowerCLI's
//! `Get-EsxCli`, in the layouts published (fixtures `version-*`, `vmware-*`, and the whole hosts
//! `full-host.esxi55-version.txt`, `powercli-esxcli-version.txt`): it answers the host's version.

use super::{fixture, read};
use crate::hostcheck::{pair_scenario, read_host, PairAnswers};

/// A real output without host name or version (ESXi 5.x/6.0 `ipv4 get`), to put a vmknic beside
/// a version-only fixture.
const NAMELESS_VMKNICS: &str = fixture!("samples/interface-ipv4-get.no-gateway-column.txt");

fn with_vmknics(version_output: &str) -> String {
    format!("{NAMELESS_VMKNICS}\n{version_output}")
}

#[test]
fn a_55_host_with_its_version_get_and_vmware_v() {
    let r = read(fixture!("full-host.esxi55-version.txt"));
    assert_eq!(r.host.version.as_deref(), Some("5.5"));
    assert_eq!(
        r.esxi.as_deref(),
        Some("ESXi 5.5.0 Update 3 (build 3248547)")
    );
    assert_eq!(r.host.vmknics.len(), 1);
    assert_eq!(r.host.default_gateway.as_deref(), Some("192.168.5.1"));
    assert!(
        r.notes
            .iter()
            .any(|n| n.contains("the version question is answered 5.5")),
        "{:?}",
        r.notes
    );
    // The nic list, the process stats and `who` are other commands, skipped and said.
    assert!(r
        .notes
        .iter()
        .any(|n| n.contains("esxcli network nic list")));
}

#[test]
fn powercli_get_esxcli_version_beside_the_adapter_table() {
    let r = read(fixture!("powercli-esxcli-version.txt"));
    assert_eq!(r.host.version.as_deref(), Some("6.7"));
    assert_eq!(r.esxi.as_deref(), Some("ESXi 6.7.0 (build 8169922)"));
    assert_eq!(r.host.vmknics[0].ip, "192.168.56.102/24");
}

#[test]
fn version_get_with_update_and_patch_and_collapsed() {
    let r = read(&with_vmknics(fixture!("version-get.esxi801.txt")));
    assert_eq!(r.host.version.as_deref(), Some("8.0"));
    assert_eq!(r.host.name, "localhost");
    assert_eq!(
        r.esxi.as_deref(),
        Some("ESXi 8.0.1 Update 1 (build 21495797)")
    );
    let r = read(&with_vmknics(fixture!("version-get.collapsed.esxi702.txt")));
    assert_eq!(r.host.version.as_deref(), Some("7.0"));
    // 7.0.2 is Update 2: vmkpath's 7.0, no caveat.
    assert!(!r.notes.iter().any(|n| n.contains("before 7.0 Update 2")));
}

#[test]
fn vmware_l_and_v_on_one_host_merge() {
    let r = read(&with_vmknics(fixture!("vmware-l-v.esxi703.txt")));
    assert_eq!(r.host.name, "kuiper1");
    assert_eq!(r.host.version.as_deref(), Some("7.0"));
    assert_eq!(
        r.esxi.as_deref(),
        Some("ESXi 7.0.3 Update 3 (build 20328353)")
    );
}

#[test]
fn without_a_command_line_the_output_alone_reads() {
    // The same outputs with their prompts and command lines cut off.
    let bare = "   Product: VMware ESXi\n   Version: 8.0.1\n   Build: Releasebuild-21495797\n   Update: 1\n   Patch: 0\n\nVMware ESXi 8.0.1 build-21495797\n";
    let r = read(&with_vmknics(bare));
    assert_eq!(r.host.version.as_deref(), Some("8.0"));
}

#[test]
fn an_early_7_0_and_an_unmodelled_version_are_said() {
    // 7.0.1 as a published `esxcli system version get` prints it (Update 1).
    let early = "[root@localhost:~] esxcli system version get\n   Product: VMware ESXi\n   Version: 7.0.1\n   Build: Releasebuild-16850804\n   Update: 1\n   Patch: 0\n";
    let r = read(&with_vmknics(early));
    assert_eq!(r.host.version.as_deref(), Some("7.0"));
    assert!(
        r.notes.iter().any(|n| n.contains("before 7.0 Update 2")),
        "{:?}",
        r.notes
    );
    let later = with_vmknics("~ # vmware -v\nVMware ESXi 9.0.0 build-24755229\n");
    let r = read(&later);
    assert_eq!(r.host.version, None);
    assert!(r
        .notes
        .iter()
        .any(|n| n.contains("not one of the versions")));
}

#[test]
fn the_read_version_answers_the_pair_unless_the_reader_answers() {
    let r = read(fixture!("powercli-esxcli-version.txt"));
    // The table shows no services: vmk0 is the management vmknic, as answered.
    let mut answers = PairAnswers::default();
    answers.source.services = vec![("vmk0".into(), vec!["management".into()])];
    let pair = pair_scenario(&r, None, &answers).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(pair.file.source.version.as_deref(), Some("6.7"));
    assert_eq!(pair.file.destination.version.as_deref(), Some("6.7"));
    assert!(
        pair.said.iter().any(|s| s.contains("(as the output says)")),
        "{:?}",
        pair.said
    );
    answers.source.version = "6.5".into();
    let pair = pair_scenario(&r, None, &answers).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(pair.file.source.version.as_deref(), Some("6.5"));
}

/// Truncated, garbled and mixed-up version outputs: an error at the line, never a panic.
#[test]
fn broken_version_outputs_name_their_line() {
    let cases: [(&str, usize, &str); 6] = [
        // Only a version: no host to check.
        (fixture!("vmware-l-v.esxi703.txt"), 6, "read the version, ESXi 7.0.3 Update 3 (build 20328353), but no vmknic"),
        // Cut after Product.
        ("~ # esxcli system version get\n   Product: VMware ESXi\n", 2, "no Version line"),
        ("~ # esxcli system version get\n   Product: VMware ESXi\n   Version: 8.O.1\n", 3, "expected an ESXi version like 6.7.0"),
        ("~ # esxcli system version get\n   Product: VMware ESXi\n   Version: 8.0.1\n   Build: 21495797\n", 4, "expected a build like Releasebuild-"),
        ("~ # esxcli system version get\n   Product: VMware ESXi\n   Version: 8.0.1\n   Update: one\n", 4, "expected an update number"),
        ("~ # vmware -v\n", 1, "printed nothing"),
    ];
    for (text, line, needle) in cases {
        let text = if needle.starts_with("read the version") {
            text.to_string()
        } else {
            with_vmknics(text)
        };
        let shift = if needle.starts_with("read the version") {
            0
        } else {
            // The lines before the version output, the blank one that joins them included.
            with_vmknics("").lines().count()
        };
        match read_host(&text) {
            Ok(r) => panic!("read {r:?}\n---\n{text}"),
            Err(e) => {
                assert_eq!(e.path, format!("line {}", line + shift), "{e}\n---\n{text}");
                assert!(e.message.contains(needle), "{e}");
            }
        }
    }
}

#[test]
fn two_hosts_versions_are_mixed_up_input() {
    let text = format!(
        "{}\n~ # vmware -v\nVMware ESXi 6.7.0 build-8169922\n",
        fixture!("full-host.esxi55-version.txt")
    );
    let e = read_host(&text).err().unwrap_or_else(|| panic!("read"));
    assert!(e.message.contains("two different hosts"), "{e}");
    assert_eq!(e.path, format!("line {}", text.lines().count()));
}

/// Every version fixture cut after each of its lines, and with each line's middle cut out:
/// a host or an error at a line of the text, never a panic.
#[test]
fn every_cut_of_the_version_fixtures_reads_or_names_a_line() {
    let fixtures = [
        fixture!("full-host.esxi55-version.txt"),
        fixture!("powercli-esxcli-version.txt"),
        fixture!("version-get.esxi801.txt"),
        fixture!("version-get.collapsed.esxi702.txt"),
        fixture!("vmware-l-v.esxi703.txt"),
    ];
    for text in fixtures {
        let lines: Vec<&str> = text.lines().collect();
        for k in 0..=lines.len() {
            let mut variants = vec![lines[..k].join("\n")];
            if let Some(line) = lines.get(k) {
                let half: String = line.chars().take(line.chars().count() / 2).collect();
                let mut cut = lines.clone();
                cut[k] = &half;
                variants.push(cut.join("\n"));
            }
            for variant in variants {
                for text in [variant.clone(), with_vmknics(&variant)] {
                    if let Err(e) = read_host(&text) {
                        let n: usize = e
                            .path
                            .strip_prefix("line ")
                            .and_then(|n| n.parse().ok())
                            .unwrap_or_else(|| panic!("path {:?}", e.path));
                        assert!(
                            n >= 1 && n <= text.lines().count().max(1),
                            "{e}\n---\n{text}"
                        );
                        assert!(!e.message.is_empty());
                    }
                }
            }
        }
    }
}
