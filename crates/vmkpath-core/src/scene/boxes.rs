//! The boxes inside a host panel: its header, a vmknic (name, address, service badges, stack,
//! port group, "not used" mark) and an uplink (name, speed, idle).

use super::geometry::text_width;
use super::hosts::{PanelSpec, HEADER, PAD, PORT_DY, VMK_H};
use super::{Anchor, Badge, Point, Rect, Text, UplinkBox, VmkBox};
use crate::model::{Service, UplinkId, VmkId};
use crate::plan::Side;

fn role(side: Side) -> &'static str {
    match side {
        Side::Source => "source · the VM leaves",
        Side::Destination => "destination · the VM arrives",
    }
}

fn badge_text(service: Service) -> &'static str {
    match service {
        Service::Management => "Mgmt",
        Service::Vmotion => "vMotion",
        Service::Provisioning => "Prov",
        Service::Ft => "FT",
        Service::Vsan => "vSAN",
        Service::Replication => "vR",
    }
}

/// The host's name and role: on one line if they fit, else the role below. Returns the height.
pub(super) fn header(name: &str, side: Side, x: f64, y: f64, width: f64) -> (Point, Text, f64) {
    let name_at = Point::new(x + PAD, y + 25.0);
    let role_text = role(side).to_string();
    let name_w = text_width(name, 15.0, true);
    if name_w + 10.0 + text_width(&role_text, 12.0, false) <= width - 2.0 * PAD {
        let at = Point::new(name_at.x + name_w + 10.0, name_at.y);
        (name_at, text(role_text, at, Anchor::Start), HEADER)
    } else {
        let at = Point::new(name_at.x, name_at.y + 17.0);
        (name_at, text(role_text, at, Anchor::Start), HEADER + 17.0)
    }
}

pub(super) fn text(text: String, at: Point, anchor: Anchor) -> Text {
    Text { text, at, anchor }
}

pub(super) fn vmk_box(spec: &PanelSpec, id: VmkId, rect: Rect, pg_at: Option<Point>) -> VmkBox {
    let vmk = spec.host.vmk(id);
    let name_at = Point::new(rect.x + 12.0, rect.y + 22.0);
    let address_at = Point::new(
        name_at.x + text_width(&vmk.name, 14.0, true) + 10.0,
        name_at.y,
    );
    let mut x = rect.x + 12.0;
    let badges = vmk
        .services
        .iter()
        .map(|&service| {
            let label = badge_text(service).to_string();
            let w = text_width(&label, 10.5, false) + 12.0;
            let badge = Badge {
                service,
                text: label,
                rect: Rect::new(x, rect.y + 31.0, w, 16.0),
            };
            x += w + 5.0;
            badge
        })
        .collect();
    let port = match (spec.compact, spec.side) {
        (false, Side::Destination) => Point::new(rect.x, rect.y + PORT_DY),
        _ => Point::new(rect.right(), rect.y + PORT_DY),
    };
    VmkBox {
        side: spec.side,
        host: spec.host.name.clone(),
        vmk: id,
        name: vmk.name.clone(),
        address: vmk.ip.to_string(),
        stack: format!("{} stack", vmk.stack),
        rect,
        name_at,
        address_at,
        stack_at: Point::new(rect.right() - 10.0, rect.y + 43.0),
        badges,
        portgroup: match (&vmk.portgroup, pg_at) {
            (Some(pg), Some(at)) => Some(text(pg.clone(), at, Anchor::Start)),
            _ => None,
        },
        not_used: spec.not_used.get(&id).map(|m| {
            let at = Point::new(rect.x + 12.0, rect.y + VMK_H + 8.0);
            text(m.clone(), at, Anchor::Start)
        }),
        port,
    }
}

pub(super) fn uplink_box(spec: &PanelSpec, id: UplinkId, rect: Rect) -> UplinkBox {
    let uplink = spec.host.uplink(id);
    let used = spec.used_uplinks.contains(&id);
    let speed = super::speed_label(uplink.gbps);
    let c = rect.center();
    UplinkBox {
        side: spec.side,
        host: spec.host.name.clone(),
        uplink: id,
        name: uplink.name.clone(),
        speed: if used {
            speed
        } else {
            format!("{speed} · idle")
        },
        gbps: uplink.gbps,
        used,
        rect,
        name_at: Point::new(c.x, rect.y + 19.0),
        speed_at: Point::new(c.x, rect.y + 36.0),
    }
}
