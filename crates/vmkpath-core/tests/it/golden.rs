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
