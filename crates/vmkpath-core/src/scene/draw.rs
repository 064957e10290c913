//! The elements of the drawing, layer by layer: hosts, wires and lanes, vmknics, flows, uplinks
//! and the datastore (labels and the legend are in `svg`). Each carries its class and data- hooks.

use super::geometry::num;
use super::sizes;
use super::style::{self, traffic_style};
use super::svg::{escape, marker_id, rect_attrs, side, text, MONO};
use super::{Anchor, FlowPath, Point, Scene, Text, VmkBox};
use crate::lists::Joined;
use std::fmt::Write;

pub(super) fn hosts(o: &mut String, scene: &Scene) {
    o.push_str(r#"<g class="hosts">"#);
    for host in &scene.hosts {
        let _ = write!(
            o,
            r#"<g class="host" data-host="{}" data-side="{}"><rect class="host-frame" {} rx="10" fill="{}" stroke="{}" stroke-width="1"/>"#,
            escape(&host.name),
            side(host.side),
            rect_attrs(&host.rect),
            style::HOST,
            style::BORDER
        );
        let name = Text {
            text: host.name.clone(),
            at: host.name_at,
            anchor: Anchor::Start,
        };
        text(
            o,
            "host-name",
            &name,
            &format!(
                r#" font-size="{}" font-weight="700""#,
                num(sizes::HOST_NAME)
            ),
        );
        text(
            o,
            "host-role",
            &host.role,
            &format!(
                r#" font-size="{}" fill="{}""#,
                num(sizes::HOST_ROLE),
                style::MUTED
            ),
        );
        o.push_str("</g>");
    }
    o.push_str("</g>");
}

pub(super) fn wires_and_lanes(o: &mut String, scene: &Scene) {
    o.push_str(r#"<g class="wires">"#);
    for wire in &scene.wires {
        let host = scene.hosts.iter().find(|h| h.side == wire.side);
        let vmk = scene
            .vmknics
            .iter()
            .find(|v| v.side == wire.side && v.vmk == wire.vmk);
        let uplink = scene
            .uplinks
            .iter()
            .find(|u| u.side == wire.side && u.uplink == wire.uplink);
        let _ = write!(
            o,
            r#"<path class="wire{}" data-host="{}" data-vmk="{}" data-uplink="{}" d="{}" fill="none" stroke="{}" stroke-width="1.3"{}/>"#,
            if wire.standby { " wire-standby" } else { "" },
            escape(host.map(|h| h.name.as_str()).unwrap_or("")),
            escape(vmk.map(|v| v.name.as_str()).unwrap_or("")),
            escape(uplink.map(|u| u.name.as_str()).unwrap_or("")),
            wire.d,
            style::BORDER,
            if wire.standby {
                r#" stroke-dasharray="3 3""#
            } else {
                ""
            }
        );
    }
    o.push_str(r#"</g><g class="lanes">"#);
    for (i, lane) in scene.lanes.iter().enumerate() {
        let _ = write!(
            o,
            r#"<path class="lane-edge" data-lane="{i}" d="{}" fill="none" stroke="{}" stroke-width="{}" stroke-linecap="round"/>"#,
            lane.d,
            style::BORDER,
            num(lane.thickness + 2.0)
        );
        let _ = write!(
            o,
            r#"<path class="lane-band" data-lane="{i}" data-source-uplink="{}" data-destination-uplink="{}" data-gbps="{}" d="{}" fill="none" stroke="{}" stroke-width="{}" stroke-linecap="round"/>"#,
            escape(&lane.source_name),
            escape(&lane.destination_name),
            num(lane.gbps),
            lane.d,
            style::LANE,
            num(lane.thickness)
        );
    }
    o.push_str("</g>");
}

pub(super) fn vmk(o: &mut String, v: &VmkBox) {
    let services: Vec<&str> = crate::lists::map(&v.badges, |b| b.service.label());
    let mut label = format!(
        "{} {}, {}, {}, {}",
        v.host,
        v.name,
        v.address,
        services.joined(", "),
        v.stack
    );
    if let Some(m) = &v.not_used {
        let _ = write!(label, ", {}", m.text);
    }
    let _ = write!(
        o,
        r#"<g class="vmk" data-host="{}" data-vmk="{}" tabindex="0" data-side="{}"{} role="group" aria-label="{}">"#,
        escape(&v.host),
        escape(&v.name),
        side(v.side),
        if v.not_used.is_some() {
            r#" data-not-used="true""#
        } else {
            ""
        },
        escape(&label)
    );
    if let Some(pg) = &v.portgroup {
        text(
            o,
            "portgroup",
            pg,
            &format!(
                r#" font-size="{}" fill="{}""#,
                num(sizes::PORTGROUP),
                style::MUTED
            ),
        );
    }
    let outline = if v.not_used.is_some() {
        format!(
            r#" stroke="{}" stroke-width="1.6" stroke-dasharray="6 4""#,
            style::ERROR
        )
    } else {
        format!(r#" stroke="{}" stroke-width="1.2""#, style::BORDER)
    };
    let _ = write!(
        o,
        r#"<rect class="vmk-box" {} rx="6" fill="{}"{outline}/>"#,
        rect_attrs(&v.rect),
        style::BG
    );
    let name = Text {
        text: v.name.clone(),
        at: v.name_at,
        anchor: Anchor::Start,
    };
    text(
        o,
        "vmk-name",
        &name,
        &format!(r#" font-size="{}" font-weight="700""#, num(sizes::VMK_NAME)),
    );
    let address = Text {
        text: v.address.clone(),
        at: v.address_at,
        anchor: Anchor::Start,
    };
    text(
        o,
        "vmk-address",
        &address,
        &format!(
            r#" font-size="{}" font-family="{MONO}""#,
            num(sizes::VMK_ADDRESS)
        ),
    );
    for b in &v.badges {
        let c = b.rect.center();
        let _ = write!(
            o,
            r#"<g class="badge" data-service="{}"><rect class="badge-box" {} rx="8" fill="{}" stroke="{}" stroke-width="0.8"/>"#,
            b.service.as_str(),
            rect_attrs(&b.rect),
            style::PANEL,
            style::BORDER
        );
        let t = Text {
            text: b.text.clone(),
            at: Point::new(c.x, b.rect.y + 11.8),
            anchor: Anchor::Middle,
        };
        text(
            o,
            "badge-text",
            &t,
            &format!(r#" font-size="{}" font-weight="600""#, num(sizes::BADGE)),
        );
        o.push_str("</g>");
    }
    let stack = Text {
        text: v.stack.clone(),
        at: v.stack_at,
        anchor: Anchor::End,
    };
    text(
        o,
        "vmk-stack",
        &stack,
        &format!(
            r#" font-size="{}" fill="{}""#,
            num(sizes::VMK_STACK),
            style::MUTED
        ),
    );
    for line in v.not_used.iter().flat_map(|m| &m.lines) {
        text(
            o,
            "not-used",
            line,
            &format!(
                r#" font-size="{}" font-weight="600" fill="{}""#,
                num(sizes::NOT_USED),
                style::ERROR
            ),
        );
    }
    o.push_str("</g>");
}

pub(super) fn flow(o: &mut String, f: &FlowPath) {
    let s = traffic_style(f.traffic);
    let t = f.traffic.as_str();
    let opt = |name: &str, v: &Option<String>| match v {
        Some(v) => format!(r#" data-{name}="{}""#, escape(v)),
        None => String::new(),
    };
    let _ = write!(
        o,
        r#"<path class="flow flow-{t}" id="flow-{i}" data-flow="{i}" data-traffic="{t}"{}{} d="{}" data-transport="{}" data-source-host="{}" data-destination-host="{}"{}{}"#,
        opt("source-vmk", &f.source_vmk),
        opt("destination-vmk", &f.destination_vmk),
        f.d,
        f.transport.as_str(),
        escape(&f.source_host),
        escape(&f.destination_host),
        opt("source-uplink", &f.source_uplink),
        opt("destination-uplink", &f.destination_uplink),
        i = f.flow,
    );
    if let Some(lane) = f.lane {
        let _ = write!(o, r#" data-lane="{lane}""#);
    }
    if let Some(e) = f.encrypted {
        let _ = write!(o, r#" data-encrypted="{e}""#);
    }
    let _ = write!(
        o,
        r#" fill="none" stroke="{}" stroke-width="{}" stroke-linejoin="round"{}{} marker-end="url(#{m})"><title>{}</title></path>"#,
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
        escape(&f.summary),
        m = marker_id(f.traffic),
    );
}

/// The step number on each path: the picture without motion (posters, print, reduced motion)
/// still tells the order. One badge per step and place, drawn over the paths.
pub(super) fn step_badges(o: &mut String, scene: &Scene) {
    o.push_str(r#"<g class="step-badges" aria-hidden="true">"#);
    let mut drawn: Vec<(usize, String, String)> = Vec::new();
    for f in &scene.flows {
        let (Some(step), Some(at)) = (f.step, f.badge) else {
            continue;
        };
        let (x, y) = (num(at.x), num(at.y));
        if drawn
            .iter()
            .any(|(s, dx, dy)| *s == step && *dx == x && *dy == y)
        {
            continue;
        }
        let _ = write!(
            o,
            r#"<g class="step-badge" data-badge-flow="{}"><circle cx="{x}" cy="{y}" r="{}" fill="{}" stroke="{}"/><text x="{x}" y="{}" text-anchor="middle" font-size="{}" font-weight="700">{step}</text></g>"#,
            f.flow,
            num(sizes::STEP_R),
            style::BG,
            style::FG,
            num(at.y + 4.0),
            num(sizes::STEP),
        );
        drawn.push((step, x, y));
    }
    o.push_str("</g>");
}

pub(super) fn uplinks_and_datastore(o: &mut String, scene: &Scene) {
    o.push_str(r#"<g class="uplinks">"#);
    for u in &scene.uplinks {
        let fill = if u.used {
            style::BG.to_string()
        } else {
            "url(#vmkpath-idle)".to_string()
        };
        let _ = write!(
            o,
            r#"<g class="uplink" data-host="{}" data-side="{}" data-uplink="{}" data-used="{}" data-gbps="{}"><rect class="uplink-box" {} rx="4" fill="{fill}" stroke="{}" stroke-width="1.2"/>"#,
            escape(&u.host),
            side(u.side),
            escape(&u.name),
            u.used,
            num(u.gbps),
            rect_attrs(&u.rect),
            style::BORDER
        );
        let name = Text {
            text: u.name.clone(),
            at: u.name_at,
            anchor: Anchor::Middle,
        };
        text(
            o,
            "uplink-name",
            &name,
            &format!(
                r#" font-size="{}" font-weight="700""#,
                num(sizes::UPLINK_NAME)
            ),
        );
        let speed = Text {
            text: u.speed.clone(),
            at: u.speed_at,
            anchor: Anchor::Middle,
        };
        text(
            o,
            "uplink-speed",
            &speed,
            &format!(
                r#" font-size="{}" fill="{}""#,
                num(sizes::UPLINK_SPEED),
                style::MUTED
            ),
        );
        if let Some(at) = u.idle_at {
            let idle = Text {
                text: "idle".to_string(),
                at,
                anchor: Anchor::Middle,
            };
            text(
                o,
                "uplink-speed uplink-idle",
                &idle,
                &format!(
                    r#" font-size="{}" fill="{}""#,
                    num(sizes::UPLINK_SPEED),
                    style::MUTED
                ),
            );
        }
        o.push_str("</g>");
    }
    o.push_str("</g>");
    if let Some(store) = &scene.datastore {
        let _ = write!(
            o,
            r#"<g class="datastore"><rect class="datastore-box" {} rx="8" fill="{}" stroke="{}" stroke-width="1.2"/>"#,
            rect_attrs(&store.rect),
            style::BG,
            style::BORDER
        );
        text(
            o,
            "datastore-label",
            &store.label,
            &format!(
                r#" font-size="{}" font-weight="700""#,
                num(sizes::DATASTORE)
            ),
        );
        text(
            o,
            "datastore-note",
            &store.note,
            &format!(
                r#" font-size="{}" fill="{}""#,
                num(sizes::DATASTORE_NOTE),
                style::MUTED
            ),
        );
        o.push_str("</g>");
    }
}
