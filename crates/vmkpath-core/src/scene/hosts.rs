//! One host as a panel: its frame, vmknic boxes, uplink boxes on the edge that faces the other
//! host, and the routes between them (the port group wiring that flows follow).
//!
//! Side by side: vmknics on the outer side, uplinks on the inner side, a bus of vertical tracks
//! between. Compact: vmknics stacked, uplinks in a row on the inner edge (the source's bottom, the
//! destination's top), tracks on the right.

use super::boxes::{header, uplink_box, vmk_box};
use super::{HostBox, Point, Rect, Text, UplinkBox, VmkBox};
use crate::model::{Host, UplinkId, VmkId};
use crate::plan::Side;
use crate::sorted::{SortedMap, SortedSet};

pub const PAD: f64 = 14.0;
pub const HEADER: f64 = 38.0;
const PG_H: f64 = 16.0;
pub const VMK_H: f64 = 54.0;
const MARK_H: f64 = 17.0;
const ROW_GAP: f64 = 12.0;
pub const UPLINK_W: f64 = 100.0;
const UPLINK_H: f64 = 46.0;
/// Distance between neighbouring tracks of the port group bus.
const TRACK: f64 = 10.0;
/// Port of a vmknic box: this far below its top, level with the first text line.
pub const PORT_DY: f64 = 27.0;

/// Inputs of one panel.
pub struct PanelSpec<'a> {
    pub host: &'a Host,
    pub side: Side,
    pub compact: bool,
    pub x: f64,
    pub y: f64,
    pub width: f64,
    /// Width of the vmknic boxes (side by side) ; compact panels fill the width.
    pub vmk_width: f64,
    /// Tracks of the widest host, so both panels match.
    pub tracks: usize,
    pub not_used: &'a SortedMap<VmkId, String>,
    pub used_uplinks: &'a SortedSet<UplinkId>,
}

pub struct Panel {
    pub side: Side,
    pub compact: bool,
    pub host: HostBox,
    pub vmks: Vec<VmkBox>,
    pub uplinks: Vec<UplinkBox>,
    /// Per vmknic: the x of its vertical track, and (compact) the y of its horizontal run.
    tracks: Vec<(f64, f64)>,
}

/// Width of the bus between vmknic boxes and uplinks, for `n` tracks.
pub fn bus_width(n: usize, compact: bool) -> f64 {
    let n = n.max(1) as f64;
    if compact {
        20.0 + TRACK * (n - 1.0)
    } else {
        40.0 + TRACK * (n - 1.0)
    }
}

fn bus_height(n: usize) -> f64 {
    14.0 + 8.0 * n.max(1) as f64
}

/// Vmknic rows from `y` down, in creation order; returns the boxes and the y below the last.
fn rows(spec: &PanelSpec, x: f64, width: f64, mut y: f64) -> (Vec<VmkBox>, f64) {
    let show_pg = spec.host.vmknics.iter().any(|v| v.portgroup.is_some());
    let mut boxes = Vec::new();
    for id in spec.host.vmk_ids() {
        let pg_at = show_pg.then(|| Point::new(x + 2.0, y + 11.0));
        if show_pg {
            y += PG_H;
        }
        let h = VMK_H
            + if spec.not_used.contains_key(&id) {
                MARK_H
            } else {
                0.0
            };
        boxes.push(vmk_box(spec, id, Rect::new(x, y, width, h), pg_at));
        y += h + ROW_GAP;
    }
    (boxes, y - ROW_GAP)
}

impl Panel {
    pub fn new(spec: &PanelSpec) -> Self {
        if spec.compact {
            Self::stacked(spec)
        } else {
            Self::side_by_side(spec)
        }
    }

    fn side_by_side(spec: &PanelSpec) -> Self {
        let bus = bus_width(spec.tracks, false);
        let (vmk_x, up_x) = match spec.side {
            Side::Source => (spec.x + PAD, spec.x + PAD + spec.vmk_width + bus),
            Side::Destination => (spec.x + PAD + UPLINK_W + bus, spec.x + PAD),
        };
        let (name_at, role, head) = header(&spec.host.name, spec.side, spec.x, spec.y, spec.width);
        let top = spec.y + head;
        let (vmks, rows_bottom) = rows(spec, vmk_x, spec.vmk_width, top);
        // Each uplink level with the first vmknic whose port group it serves, when room allows.
        let mut uplinks = Vec::new();
        let mut next = top;
        for id in (0..spec.host.uplinks.len()).map(UplinkId) {
            let wanted = vmks
                .iter()
                .find(|b| spec.host.vmk(b.vmk).active.first() == Some(&id))
                .map(|b| b.port.y - UPLINK_H / 2.0)
                .unwrap_or(next);
            let y = wanted.max(next);
            uplinks.push(uplink_box(spec, id, Rect::new(up_x, y, UPLINK_W, UPLINK_H)));
            next = y + UPLINK_H + 10.0;
        }
        let bottom = rows_bottom.max(next - 10.0) + PAD;
        let n = vmks.len();
        let tracks = vmks
            .iter()
            .enumerate()
            .map(|(i, b)| {
                let step = 16.0 + TRACK * (n - 1 - i) as f64;
                match spec.side {
                    Side::Source => (b.rect.right() + step, 0.0),
                    Side::Destination => (b.rect.x - step, 0.0),
                }
            })
            .collect();
        let rect = Rect::new(spec.x, spec.y, spec.width, bottom - spec.y);
        Self::assemble(spec, rect, name_at, role, vmks, uplinks, tracks)
    }

    fn stacked(spec: &PanelSpec) -> Self {
        let inner = spec.width - 2.0 * PAD;
        let bus_w = bus_width(spec.tracks, true);
        let vmk_w = inner - bus_w;
        let k = spec.host.uplinks.len().max(1) as f64;
        let up_w = UPLINK_W.min((inner - 8.0 * (k - 1.0)) / k);
        let row_w = up_w * k + 8.0 * (k - 1.0);
        // Right-aligned, under the tracks: short runs from the bus, room for lane labels on the left.
        let up_x0 = spec.x + spec.width - PAD - row_w;
        let place_uplinks = |y: f64| -> Vec<UplinkBox> {
            (0..spec.host.uplinks.len())
                .map(|i| {
                    let x = up_x0 + i as f64 * (up_w + 8.0);
                    uplink_box(spec, UplinkId(i), Rect::new(x, y, up_w, UPLINK_H))
                })
                .collect()
        };
        let n = spec.host.vmknics.len();
        let bus_h = bus_height(spec.tracks);
        let x = spec.x + PAD;
        match spec.side {
            Side::Source => {
                let (name_at, role, head) =
                    header(&spec.host.name, spec.side, spec.x, spec.y, spec.width);
                let (vmks, rows_bottom) = rows(spec, x, vmk_w, spec.y + head);
                let bus_top = rows_bottom + 4.0;
                let uplinks = place_uplinks(bus_top + bus_h);
                let bottom = bus_top + bus_h + UPLINK_H + PAD;
                let tracks = (0..n)
                    .map(|i| {
                        let j = (n - 1 - i) as f64;
                        (x + vmk_w + 12.0 + TRACK * j, bus_top + 8.0 + 8.0 * j)
                    })
                    .collect();
                let rect = Rect::new(spec.x, spec.y, spec.width, bottom - spec.y);
                Self::assemble(spec, rect, name_at, role, vmks, uplinks, tracks)
            }
            Side::Destination => {
                let uplinks = place_uplinks(spec.y + PAD);
                let bus_bottom = spec.y + PAD + UPLINK_H + bus_h;
                let (vmks, rows_bottom) = rows(spec, x, vmk_w, bus_bottom + 4.0);
                let (name_at, role, head) =
                    header(&spec.host.name, spec.side, spec.x, rows_bottom, spec.width);
                let bottom = rows_bottom + head;
                let tracks = (0..n)
                    .map(|i| {
                        let j = i as f64;
                        (x + vmk_w + 12.0 + TRACK * j, bus_bottom - 8.0 - 8.0 * j)
                    })
                    .collect();
                let rect = Rect::new(spec.x, spec.y, spec.width, bottom - spec.y);
                Self::assemble(spec, rect, name_at, role, vmks, uplinks, tracks)
            }
        }
    }

    fn assemble(
        spec: &PanelSpec,
        rect: Rect,
        name_at: Point,
        role: Text,
        vmks: Vec<VmkBox>,
        uplinks: Vec<UplinkBox>,
        tracks: Vec<(f64, f64)>,
    ) -> Self {
        Panel {
            side: spec.side,
            compact: spec.compact,
            host: HostBox {
                side: spec.side,
                name: spec.host.name.clone(),
                rect,
                name_at,
                role,
            },
            vmks,
            uplinks,
            tracks,
        }
    }

    /// The port group route from a vmknic's port to an uplink's inner edge, in that direction.
    pub fn route(&self, vmk: VmkId, uplink: UplinkId) -> Vec<Point> {
        let (Some(b), Some(u), Some(&(tx, by))) = (
            self.vmks.get(vmk.0),
            self.uplinks.get(uplink.0),
            self.tracks.get(vmk.0),
        ) else {
            return Vec::new();
        };
        let v = b.port;
        let r = u.rect;
        match (self.compact, self.side) {
            (false, Side::Source) => {
                let uy = r.center().y;
                vec![
                    v,
                    Point::new(tx, v.y),
                    Point::new(tx, uy),
                    Point::new(r.x, uy),
                ]
            }
            (false, Side::Destination) => {
                let uy = r.center().y;
                vec![
                    v,
                    Point::new(tx, v.y),
                    Point::new(tx, uy),
                    Point::new(r.right(), uy),
                ]
            }
            (true, side) => {
                let ux = r.center().x;
                let edge = if side == Side::Source {
                    r.y
                } else {
                    r.bottom()
                };
                vec![
                    v,
                    Point::new(tx, v.y),
                    Point::new(tx, by),
                    Point::new(ux, by),
                    Point::new(ux, edge),
                ]
            }
        }
    }

    /// Port `k` of `m` where lanes meet an uplink, on its edge facing the other host.
    pub fn lane_port(&self, uplink: UplinkId, k: usize, m: usize) -> Point {
        let Some(u) = self.uplinks.get(uplink.0) else {
            return Point::default();
        };
        let r = u.rect;
        let shift = k as f64 - (m.max(1) - 1) as f64 / 2.0;
        if self.compact {
            let sp = 16.0f64.min((r.width - 12.0) / m.max(1) as f64);
            let y = if self.side == Side::Source {
                r.bottom()
            } else {
                r.y
            };
            Point::new(r.center().x + shift * sp, y)
        } else {
            let sp = 14.0f64.min((r.height - 10.0) / m.max(1) as f64);
            let x = if self.side == Side::Source {
                r.right()
            } else {
                r.x
            };
            Point::new(x, r.center().y + shift * sp)
        }
    }

    /// Where the lanes meet this uplink, along the axis the lanes spread on.
    pub fn uplink_spread(&self, uplink: UplinkId) -> f64 {
        self.uplinks
            .get(uplink.0)
            .map(|u| {
                if self.compact {
                    u.rect.center().x
                } else {
                    u.rect.center().y
                }
            })
            .unwrap_or(0.0)
    }
}
