//! `to_svg`: a scene as one standalone SVG document. No `style=` attributes and no scripts (strict
//! CSP): classes and data- attributes are the hooks, presentation attributes the fallback look,
//! and an embedded `<style>` only for a standalone poster. Every text is escaped.

use super::draw;
use super::geometry::num;
use super::sizes;
use super::style::{self, traffic_style, Shape};
use super::{Anchor, LabelForm, Point, Rect, Scene, SvgOptions, Text};
use crate::lists::Joined;
use crate::plan::{Side, Traffic};
use std::fmt::Write;

const FONT: &str = "system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', sans-serif";
pub(super) const MONO: &str =
    "ui-monospace, 'SFMono-Regular', Menlo, Consolas, 'DejaVu Sans Mono', monospace";

/// Text for an attribute value or element content: `& < > " '` escaped.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Control characters are not allowed in XML 1.0.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

pub(super) fn side(side: Side) -> &'static str {
    match side {
        Side::Source => "source",
        Side::Destination => "destination",
    }
}

fn anchor(a: Anchor) -> &'static str {
    match a {
        Anchor::Start => "start",
        Anchor::Middle => "middle",
        Anchor::End => "end",
    }
}

pub(super) fn marker_id(t: Traffic) -> String {
    format!("vmkpath-marker-{}", t.as_str())
}

pub(super) fn rect_attrs(r: &Rect) -> String {
    format!(
        r#"x="{}" y="{}" width="{}" height="{}""#,
        num(r.x),
        num(r.y),
        num(r.width),
        num(r.height)
    )
}

fn at(p: Point) -> String {
    format!(r#"x="{}" y="{}""#, num(p.x), num(p.y))
}

/// `<text class=… x y [text-anchor] extra>content</text>`.
pub(super) fn text(out: &mut String, class: &str, t: &Text, extra: &str) {
    let anchor = match t.anchor {
        Anchor::Start => String::new(),
        a => format!(r#" text-anchor="{}""#, anchor(a)),
    };
    let _ = write!(
        out,
        r#"<text class="{class}" {}{anchor}{extra}>{}</text>"#,
        at(t.at),
        escape(&t.text)
    );
}

/// The theme and scene CSS of a standalone drawing (the CLI's posters). Not in the wasm: the
/// widget's drawing is styled by the page's stylesheet (`www/vmk-path.css`) and nothing there
/// draws a standalone SVG, so its 2.7 KB of CSS text would only ride along in the rest.
#[cfg(not(target_arch = "wasm32"))]
fn standalone_style(o: &mut String) {
    use super::style::{SCENE_CSS, THEME_CSS};
    o.push_str("<style>\n");
    o.push_str(THEME_CSS);
    o.push_str(SCENE_CSS);
    o.push_str("</style>");
}

#[cfg(target_arch = "wasm32")]
fn standalone_style(_: &mut String) {}

pub fn to_svg(scene: &Scene, opts: &SvgOptions) -> String {
    let mut o = String::with_capacity(24 * 1024);
    let (w, h) = (num(scene.width), num(scene.height));
    let scale = if scene.scale.is_finite() && scene.scale > 0.0 {
        scene.scale
    } else {
        1.0
    };
    let (display_w, display_h) = (num(scene.width * scale), num(scene.height * scale));
    let layout = scene.arrangement.as_str();
    let _ = write!(
        o,
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="vmkpath-scene" data-layout="{layout}" viewBox="0 0 {w} {h}" width="{display_w}" height="{display_h}" role="img" aria-labelledby="vmkpath-title vmkpath-desc" font-family="{FONT}" font-size="12" fill="{}">"#,
        style::FG
    );
    let _ = write!(
        o,
        r#"<title id="vmkpath-title">{}</title><desc id="vmkpath-desc">{}</desc>"#,
        escape(&scene.title),
        escape(&description(scene))
    );
    if opts.standalone {
        standalone_style(&mut o);
    }
    defs(&mut o);
    let _ = write!(
        o,
        r#"<rect class="backdrop" x="0" y="0" width="{w}" height="{h}" fill="{}"/>"#,
        style::BG
    );
    for t in &scene.heading {
        let size = num(if scene.compact {
            sizes::TITLE_COMPACT
        } else {
            sizes::TITLE
        });
        text(
            &mut o,
            "heading",
            t,
            &format!(r#" font-size="{size}" font-weight="700""#),
        );
    }
    for t in &scene.subheading {
        text(
            &mut o,
            "subheading muted",
            t,
            &format!(
                r#" font-size="{}" fill="{}""#,
                num(sizes::SUBTITLE),
                style::MUTED
            ),
        );
    }
    draw::hosts(&mut o, scene);
    draw::wires_and_lanes(&mut o, scene);
    o.push_str(r#"<g class="vmknics">"#);
    for v in &scene.vmknics {
        draw::vmk(&mut o, v);
    }
    o.push_str(r#"</g><g class="flows">"#);
    for f in &scene.flows {
        draw::flow(&mut o, f);
    }
    o.push_str("</g>");
    draw::uplinks_and_datastore(&mut o, scene);
    // Over the datastore's edge, where the storage flows' numbers sit.
    draw::step_badges(&mut o, scene);
    labels(&mut o, scene);
    o.push_str("</svg>\n");
    o
}

fn description(scene: &Scene) -> String {
    let mut d: String = crate::lists::map(&scene.subheading, |t| t.text.as_str()).joined(" ");
    if scene.flows.is_empty() {
        d.push_str(". No flows: the migration is blocked.");
    } else {
        d.push_str(". ");
        let flows: Vec<&str> = crate::lists::map(&scene.flows, |f| f.summary.as_str());
        d.push_str(&flows.joined("; "));
        d.push('.');
    }
    d
}

fn defs(o: &mut String) {
    o.push_str("<defs>");
    for t in Traffic::ALL {
        let s = traffic_style(t);
        let shape_attrs = format!(
            r#"class="marker-shape marker-{}" fill="{}" stroke="{}" stroke-width="1""#,
            t.as_str(),
            s.color,
            style::BG
        );
        let shape = match s.marker {
            Shape::Dot(r) => format!(r#"<circle {shape_attrs} r="{}"/>"#, num(r)),
            Shape::Square(a) => format!(
                r#"<rect {shape_attrs} x="{}" y="{}" width="{}" height="{}"/>"#,
                num(-a / 2.0),
                num(-a / 2.0),
                num(a),
                num(a)
            ),
            Shape::Diamond(a) => {
                let r = num(a / 2.0);
                format!(r#"<path {shape_attrs} d="M0 -{r} L{r} 0 L0 {r} L-{r} 0Z"/>"#)
            }
        };
        let _ = write!(
            o,
            r#"<marker id="{}" viewBox="-7 -7 14 14" markerWidth="14" markerHeight="14" markerUnits="userSpaceOnUse" orient="auto">{shape}</marker>"#,
            marker_id(t)
        );
    }
    let _ = write!(
        o,
        r#"<pattern id="vmkpath-idle" width="7" height="7" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect class="idle-fill" width="7" height="7" fill="{}"/><line class="idle-hatch" x1="0" y1="0" x2="0" y2="7" stroke="{}" stroke-width="2" stroke-opacity="0.35"/></pattern>"#,
        style::BG,
        style::BORDER
    );
    o.push_str("</defs>");
}

/// The lane's uplink names: after the speed, or (compact) on a second line.
fn uplinks_tspan(lane: &super::Lane) -> String {
    let position = match lane.label_form {
        LabelForm::Inline => " ".to_string(),
        LabelForm::Stacked => format!(r#" x="{}" dy="14""#, num(lane.label_at.x)),
        LabelForm::SpeedOnly => return String::new(),
    };
    let (space, position) = match lane.label_form {
        LabelForm::Inline => (position, String::new()),
        _ => (String::new(), position),
    };
    format!(
        r#"{space}<tspan class="lane-uplinks"{position} fill="{}">{}</tspan>"#,
        style::MUTED,
        escape(&lane.label)
    )
}

fn labels(o: &mut String, scene: &Scene) {
    o.push_str(r#"<g class="lane-labels">"#);
    for (i, lane) in scene.lanes.iter().enumerate() {
        let _ = write!(
            o,
            r#"<text class="lane-label" data-lane="{i}" {}{} font-size="{}" stroke="{}" stroke-width="4" stroke-linejoin="round" paint-order="stroke"><tspan class="lane-speed" font-size="{}" font-weight="700">{}</tspan>{}</text>"#,
            at(lane.label_at),
            match lane.label_anchor {
                Anchor::Start => String::new(),
                a => format!(r#" text-anchor="{}""#, anchor(a)),
            },
            num(sizes::LANE_UPLINKS),
            style::BG,
            num(sizes::LANE_SPEED),
            escape(&lane.speed),
            uplinks_tspan(lane),
        );
    }
    o.push_str("</g>");
    if let Some(n) = &scene.network {
        text(
            o,
            "network-label",
            n,
            &format!(
                r#" font-size="{}" fill="{}""#,
                num(sizes::NETWORK),
                style::MUTED
            ),
        );
    }
    if let Some(n) = &scene.notice {
        text(
            o,
            "notice",
            n,
            &format!(
                r#" font-size="{}" font-weight="700" fill="{}""#,
                num(sizes::NOTICE),
                style::ERROR
            ),
        );
    }
    o.push_str(r#"<g class="legend">"#);
    for item in &scene.legend {
        let s = traffic_style(item.traffic);
        let t = item.traffic.as_str();
        let _ = write!(
            o,
            r#"<g class="legend-item" data-traffic="{t}"><path class="legend-line flow-{t}" d="{}" fill="none" stroke="{}" stroke-width="{}"{}{} marker-start="url(#{m})" marker-end="url(#{m})"/>"#,
            item.d,
            s.color,
            num(s.width),
            s.dash
                .map(|d| format!(r#" stroke-dasharray="{d}""#))
                .unwrap_or_default(),
            if s.round_caps {
                r#" stroke-linecap="round""#
            } else {
                ""
            },
            m = marker_id(item.traffic),
        );
        let label = Text {
            text: item.label.clone(),
            at: item.text_at,
            anchor: Anchor::Start,
        };
        text(
            o,
            "legend-label",
            &label,
            &format!(r#" font-size="{}""#, num(sizes::LEGEND)),
        );
        o.push_str("</g>");
    }
    o.push_str("</g>");
    for line in &scene.caption {
        text(
            o,
            "caption",
            line,
            &format!(
                r#" font-size="{}" fill="{}""#,
                num(sizes::CAPTION),
                style::MUTED
            ),
        );
    }
}
