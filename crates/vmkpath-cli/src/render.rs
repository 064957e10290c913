//! `vmkpath render`: a scenario as a standalone SVG poster (the static picture, the no-JS fallback
//! and the export of the widget are the same scene).

use vmkpath_core::scene::{layout, to_svg, LayoutOptions, SvgOptions};

/// The standalone SVG poster of a scenario's plan, `width` CSS pixels wide, in the arrangement
/// the widget draws at that width (narrow widths stack the hosts).
pub fn render(scenario: &vmkpath_core::Scenario, width: f64) -> String {
    let plan = vmkpath_core::plan(scenario);
    let opts = LayoutOptions::for_width(width);
    to_svg(
        &layout(scenario, &plan, &opts),
        &SvgOptions { standalone: true },
    )
}
