//! How each kind of traffic looks (colour AND line AND marker shape, so the picture survives
//! grey-scale printing and colour blindness), and the stylesheet of the drawing's classes.
//!
//! Colours are CSS custom properties with the same names as the widget's (`www/vmk-path.css`):
//! `THEME_CSS` defines them (light, and dark under `prefers-color-scheme`) for a standalone poster;
//! `SCENE_CSS` maps the classes to them and is shared by the poster and the widget. Elements also
//! carry light-theme presentation attributes, so a drawing without any stylesheet stays legible.

use crate::plan::Traffic;

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Shape {
    Dot(f64),
    Square(f64),
    Diamond(f64),
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TrafficStyle {
    pub label: &'static str,
    /// Light-theme colour, the presentation attribute under the CSS.
    pub color: &'static str,
    pub width: f64,
    pub dash: Option<&'static str>,
    pub round_caps: bool,
    pub marker: Shape,
}

pub fn traffic_style(traffic: Traffic) -> TrafficStyle {
    match traffic {
        Traffic::Memory => TrafficStyle {
            label: "memory",
            color: "#1f6feb",
            width: 3.2,
            dash: None,
            round_caps: false,
            marker: Shape::Dot(4.5),
        },
        Traffic::HotDisk => TrafficStyle {
            label: "hot disk",
            color: "#8250df",
            width: 3.2,
            dash: None,
            round_caps: false,
            marker: Shape::Square(8.0),
        },
        Traffic::IoMirror => TrafficStyle {
            label: "I/O mirror",
            color: "#bf3989",
            width: 1.4,
            dash: None,
            round_caps: false,
            marker: Shape::Dot(2.6),
        },
        Traffic::ColdDisk => TrafficStyle {
            label: "cold disk / NFC",
            color: "#b35900",
            width: 2.6,
            dash: Some("8 4"),
            round_caps: false,
            marker: Shape::Diamond(10.0),
        },
        Traffic::HomeFiles => TrafficStyle {
            label: "home files",
            color: "#1a7f37",
            width: 2.6,
            dash: Some("0.1 5"),
            round_caps: true,
            marker: Shape::Square(5.0),
        },
    }
}

/// Light-theme fallbacks for the presentation attributes (same values as `THEME_CSS`).
pub const FG: &str = "#1b1f24";
pub const MUTED: &str = "#57606a";
pub const BG: &str = "#ffffff";
pub const HOST: &str = "#eef2f6";
pub const BORDER: &str = "#8c959f";
pub const LANE: &str = "#d0d7de";
pub const ERROR: &str = "#b42318";
pub const PANEL: &str = "#f6f8fa";

/// The custom properties, light and dark: only in a standalone poster (the widget's host page
/// themes the element itself).
pub const THEME_CSS: &str = "\
.vmkpath-scene{--vmk-bg:#ffffff;--vmk-fg:#1b1f24;--vmk-muted:#57606a;--vmk-panel:#f6f8fa;\
--vmk-border:#8c959f;--vmk-accent:#0a58ca;--vmk-focus:#b45309;--vmk-error:#b42318;\
--vmk-memory:#1f6feb;--vmk-hot-disk:#8250df;--vmk-io-mirror:#bf3989;--vmk-cold-disk:#b35900;\
--vmk-home-files:#1a7f37;--vmk-lane:#d0d7de;--vmk-host:#eef2f6}
@media (prefers-color-scheme:dark){.vmkpath-scene{--vmk-bg:#0d1117;--vmk-fg:#e6edf3;\
--vmk-muted:#9da7b3;--vmk-panel:#161b22;--vmk-border:#6e7681;--vmk-accent:#58a6ff;\
--vmk-focus:#f0b429;--vmk-error:#ff7b72;--vmk-memory:#58a6ff;--vmk-hot-disk:#bc8cff;\
--vmk-io-mirror:#ff80c8;--vmk-cold-disk:#ffa657;--vmk-home-files:#56d364;--vmk-lane:#30363d;\
--vmk-host:#161b22}}
";

/// The drawing's classes in terms of the custom properties: for the poster and the widget.
pub const SCENE_CSS: &str = "\
.vmkpath-scene .backdrop{fill:var(--vmk-bg)}
.vmkpath-scene text{fill:var(--vmk-fg)}
.vmkpath-scene .muted,.vmkpath-scene .host-role,.vmkpath-scene .portgroup,\
.vmkpath-scene .vmk-stack,.vmkpath-scene .uplink-speed,.vmkpath-scene .lane-uplinks,\
.vmkpath-scene .datastore-note,.vmkpath-scene .caption,.vmkpath-scene .network-label{\
fill:var(--vmk-muted)}
.vmkpath-scene .host-frame{fill:var(--vmk-host);stroke:var(--vmk-border)}
.vmkpath-scene .vmk-box,.vmkpath-scene .uplink-box,.vmkpath-scene .datastore-box{\
fill:var(--vmk-bg);stroke:var(--vmk-border)}
.vmkpath-scene .uplink[data-used=\"false\"] .uplink-box{fill:url(#vmkpath-idle)}
.vmkpath-scene .idle-hatch{stroke:var(--vmk-border)}
.vmkpath-scene .idle-fill{fill:var(--vmk-bg)}
.vmkpath-scene .marker-shape{stroke:var(--vmk-bg)}
.vmkpath-scene .vmk[data-not-used] .vmk-box{stroke:var(--vmk-error)}
.vmkpath-scene .not-used{fill:var(--vmk-error)}
.vmkpath-scene .badge-box{fill:var(--vmk-panel);stroke:var(--vmk-border)}
.vmkpath-scene .wire{stroke:var(--vmk-border)}
.vmkpath-scene .lane-band{stroke:var(--vmk-lane)}
.vmkpath-scene .lane-edge{stroke:var(--vmk-border)}
.vmkpath-scene .lane-label{stroke:var(--vmk-bg)}
.vmkpath-scene .notice{fill:var(--vmk-error)}
.vmkpath-scene .vmk:focus{outline:none}
.vmkpath-scene .vmk:focus .vmk-box,.vmkpath-scene .vmk:focus-visible .vmk-box{\
stroke:var(--vmk-focus);stroke-width:3}
.vmkpath-scene .flow-memory{stroke:var(--vmk-memory)}
.vmkpath-scene .flow-hot-disk{stroke:var(--vmk-hot-disk)}
.vmkpath-scene .flow-io-mirror{stroke:var(--vmk-io-mirror)}
.vmkpath-scene .flow-cold-disk{stroke:var(--vmk-cold-disk)}
.vmkpath-scene .flow-home-files{stroke:var(--vmk-home-files)}
.vmkpath-scene .marker-memory{fill:var(--vmk-memory)}
.vmkpath-scene .marker-hot-disk{fill:var(--vmk-hot-disk)}
.vmkpath-scene .marker-io-mirror{fill:var(--vmk-io-mirror)}
.vmkpath-scene .marker-cold-disk{fill:var(--vmk-cold-disk)}
.vmkpath-scene .marker-home-files{fill:var(--vmk-home-files)}
.vmkpath-scene .step-badge circle{fill:var(--vmk-bg);stroke:var(--vmk-fg)}
";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_traffic_has_its_own_look_and_a_rule() {
        let looks: Vec<_> = Traffic::ALL
            .iter()
            .map(|t| {
                let s = traffic_style(*t);
                (s.dash, s.marker, s.width.to_bits())
            })
            .collect();
        for (i, a) in looks.iter().enumerate() {
            for b in &looks[i + 1..] {
                assert_ne!(a, b, "two traffic kinds look alike without colour");
            }
        }
        for t in Traffic::ALL {
            assert!(SCENE_CSS.contains(&format!(".flow-{}{{", t.as_str())));
            assert!(THEME_CSS.contains(traffic_style(t).color));
        }
    }
}
