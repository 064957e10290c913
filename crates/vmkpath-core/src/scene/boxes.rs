//! The boxes inside a host panel: its header, a vmknic (name, address, service badges, stack,
//! port group, "not used" mark) and an uplink (name, speed, idle).

use super::geometry::{mono_width, text_width, wrap};
use super::hosts::{channel, PanelSpec, CHANNEL_TOP, HEADER, PORT_DY};
use super::sizes::{self, PACKET};
use super::{Anchor, Badge, Mark, Point, Rect, Text, UplinkBox, VmkBox};
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
pub(super) fn header(
    name: &str,
    side: Side,
    (x, y, width): (f64, f64, f64),
    pad: f64,
) -> (Point, Text, f64) {
    let name_at = Point::new(x + pad, y + 25.0);
    let role_text = role(side).to_string();
    let name_w = text_width(name, sizes::HOST_NAME, true);
    if name_w + 10.0 + text_width(&role_text, sizes::HOST_ROLE, false) <= width - 2.0 * pad {
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

/// Inside a vmknic box: the text's inset from the box's sides.
const INSET: f64 = 12.0;
const LINE: f64 = 17.0;

/// A vmknic box at `rect`'s top left and width; its height is what its lines need: the name and
/// address (the address on its own line when both do not fit), the badges and the stack (the
/// stack below when it does not fit beside them), then the "not used" mark wrapped to the box.
pub(super) fn vmk_box(spec: &PanelSpec, id: VmkId, rect: Rect, pg_at: Option<Point>) -> VmkBox {
    let vmk = spec.host.vmk(id);
    let (x, right) = (rect.x + INSET, rect.right() - INSET);
    let name_at = Point::new(x, rect.y + 22.0);
    let name_w = text_width(&vmk.name, sizes::VMK_NAME, true);
    let address = vmk.ip.to_string();
    let address_w = mono_width(&address, sizes::VMK_ADDRESS);
    let address_at = if x + name_w + 10.0 + address_w <= right {
        Point::new(x + name_w + 10.0, name_at.y)
    } else {
        Point::new(x, name_at.y + LINE)
    };
    let badge_top = address_at.y + 9.0;
    let mut bx = x;
    let badges: Vec<Badge> = crate::lists::map(&vmk.services, |&service| {
        let label = badge_text(service).to_string();
        let w = text_width(&label, sizes::BADGE, true) + 10.0;
        let badge = Badge {
            service,
            text: label,
            rect: Rect::new(bx, badge_top, w, 16.0),
        };
        bx += w + 5.0;
        badge
    });
    let stack = format!("{} stack", vmk.stack);
    let stack_w = text_width(&stack, sizes::VMK_STACK, false);
    let beside = badges.is_empty() || bx - 5.0 + 8.0 + stack_w <= rect.right() - 10.0;
    let stack_at = if beside {
        Point::new(rect.right() - 10.0, badge_top + 12.0)
    } else {
        Point::new(rect.right() - 10.0, badge_top + 16.0 + 14.0)
    };
    let mut height = stack_at.y + 11.0 - rect.y;
    let not_used = spec.not_used.get(&id).map(|m| {
        let mut lines = Vec::new();
        for (i, line) in wrap(m, right - x, sizes::NOT_USED, false)
            .into_iter()
            .enumerate()
        {
            let at = Point::new(x, rect.y + height + 8.0 + 14.0 * i as f64);
            lines.push(text(line, at, Anchor::Start));
        }
        height += 17.0 + 14.0 * lines.len().saturating_sub(1) as f64;
        Mark {
            text: m.clone(),
            lines,
        }
    });
    let rect = Rect::new(rect.x, rect.y, rect.width, height);
    let port = match (spec.compact, spec.side) {
        (false, Side::Destination) => Point::new(rect.x, rect.y + PORT_DY),
        _ => Point::new(rect.right(), rect.y + PORT_DY),
    };
    VmkBox {
        side: spec.side,
        host: spec.host.name.clone(),
        vmk: id,
        name: vmk.name.clone(),
        address,
        stack,
        rect,
        name_at,
        address_at,
        stack_at,
        badges,
        portgroup: match (&vmk.portgroup, pg_at) {
            (Some(pg), Some(at)) => Some(text(
                fit(pg, rect.width - 2.0, sizes::PORTGROUP),
                at,
                Anchor::Start,
            )),
            _ => None,
        },
        not_used,
        port,
    }
}

/// `text` cut to `width` with an ellipsis, when it is wider.
fn fit(text: &str, width: f64, size: f64) -> String {
    if text_width(text, size, false) <= width {
        return text.to_string();
    }
    let mut out: String = String::new();
    for c in text.chars() {
        if text_width(&format!("{out}{c}…"), size, false) > width {
            break;
        }
        out.push(c);
    }
    format!("{}…", out.trim_end())
}

/// An uplink box: side by side, its name above the channel the flows cross and its speed
/// below; stacked, both left of a channel down its right side. "idle" sits in an unused
/// uplink's channel.
pub(super) fn uplink_box(spec: &PanelSpec, id: UplinkId, rect: Rect) -> UplinkBox {
    let uplink = spec.host.uplink(id);
    let flows = spec.used_uplinks.get(&id).copied().unwrap_or(0);
    let used = flows > 0;
    let (channel, name_at, speed_at) = if spec.compact {
        // As wide as its flows need, leaving the name room beside it (three uplinks on a phone).
        let name_w = text_width(&uplink.name, sizes::UPLINK_NAME, true);
        let w = channel(flows)
            .min(rect.width - name_w - 8.0)
            .max(2.0 * PACKET + 4.0);
        let channel = Rect::new(rect.right() - w, rect.y, w, rect.height);
        let cx = rect.x + (rect.width - w) / 2.0;
        (
            channel,
            Point::new(cx, rect.y + 21.0),
            Point::new(cx, rect.y + 39.0),
        )
    } else {
        let c = rect.center();
        (
            Rect::new(rect.x, rect.y + CHANNEL_TOP, rect.width, channel(flows)),
            Point::new(c.x, rect.y + 14.5),
            Point::new(c.x, rect.bottom() - 4.5),
        )
    };
    let cc = channel.center();
    let idle_w = text_width("idle", sizes::UPLINK_SPEED, false);
    // "idle" in the channel; a stacked channel too narrow for it (no flow needs it wide) puts
    // it under the speed, the three lines closer together.
    let (name_at, speed_at, idle_at) = match (used, spec.compact && channel.width < idle_w + 2.0) {
        (true, _) => (name_at, speed_at, None),
        (false, false) => (name_at, speed_at, Some(Point::new(cc.x, cc.y + 4.0))),
        (false, true) => (
            Point::new(name_at.x, rect.y + 15.5),
            Point::new(speed_at.x, rect.y + 30.0),
            Some(Point::new(speed_at.x, rect.y + 44.0)),
        ),
    };
    UplinkBox {
        side: spec.side,
        host: spec.host.name.clone(),
        uplink: id,
        name: uplink.name.clone(),
        speed: super::speed_label(uplink.gbps),
        gbps: uplink.gbps,
        used,
        rect,
        channel,
        name_at,
        speed_at,
        idle_at,
    }
}
