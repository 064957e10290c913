//! Golden snapshots: every built-in scenario through plan (JSON and readable text) and the SVG poster, compared to
//! the committed snapshots in `snapshots/`. Accept an intended change with `cargo insta review`
//! (or INSTA_UPDATE=always).

use vmkpath_core::format::{plan_to_json, plan_to_text};
use vmkpath_core::scenarios::builtins;
use vmkpath_core::scene::{layout, to_svg, LayoutOptions, SvgOptions};
use vmkpath_core::{analyze, decode_scenario};

#[test]
fn every_builtin_plan_matches_its_snapshot() {
    let mut count = 0;
    for builtin in builtins() {
        let scenario = decode_scenario(builtin.toml())
            .unwrap_or_else(|e| panic!("built-in {} is invalid: {e}", builtin.name));
        let analysis = analyze(&scenario);
        insta::assert_snapshot!(
            format!("{}.plan.json", builtin.name),
            plan_to_json(&scenario, &analysis)
        );
        insta::assert_snapshot!(
            format!("{}.plan.txt", builtin.name),
            plan_to_text(&scenario, &analysis)
        );
        let scene = layout(&scenario, &analysis.plan, &LayoutOptions::default());
        insta::assert_snapshot!(
            format!("{}.poster.svg", builtin.name),
            to_svg(&scene, &SvgOptions { standalone: true })
        );
        count += 1;
    }
    assert!(
        count >= 12,
        "expected the built-in scenarios, found {count}"
    );
}

#[test]
fn every_builtin_guest_has_an_illustrative_dirty_rate() {
    // domain.md 8.18 / issue 16 item 3: a plausible rate, said to be illustrative, not measured.
    for b in builtins() {
        let line = b
            .toml()
            .lines()
            .find(|l| l.starts_with("dirty_mib_per_s"))
            .unwrap_or_else(|| panic!("{} has no dirty_mib_per_s", b.name));
        assert!(line.contains("# illustrative"), "{}: {line}", b.name);
        let s = decode_scenario(b.toml()).unwrap();
        let moves_disks = s.migration.kind.moves_storage() && s.migration.kind.is_hot();
        if moves_disks {
            assert!(s.vm.write_mib_per_s > 0.0, "{}: no write rate", b.name);
        }
        if s.migration.kind.is_hot() {
            assert!(s.vm.dirty_mib_per_s > 0.0, "{}: an idle guest", b.name);
        }
    }
}
