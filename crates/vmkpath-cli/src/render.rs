//! `vmkpath render`: a scenario as a standalone SVG poster (the static picture, the no-JS fallback
//! and the export of the widget are the same scene).

use vmkpath_core::scene::{layout, to_svg, LayoutOptions, SvgOptions};

/// Below this width the hosts are stacked (source above destination).
pub const COMPACT_BELOW: f64 = 640.0;

/// The standalone SVG poster of a scenario's plan, `width` CSS pixels wide; narrow widths stack
/// the hosts.
pub fn render(scenario: &vmkpath_core::Scenario, width: f64) -> String {
    let plan = vmkpath_core::plan(scenario);
    let opts = LayoutOptions {
        width,
        compact: width < COMPACT_BELOW,
    };
    to_svg(
        &layout(scenario, &plan, &opts),
        &SvgOptions { standalone: true },
    )
}
