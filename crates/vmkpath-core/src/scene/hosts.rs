//! One host as a panel: its frame, vmknic boxes, uplink boxes on the edge that faces the other
//! host, and the routes between them (the port group wiring that flows follow).
//!
//! Side by side: vmknics on the outer side, uplinks on the inner side, a bus of vertical tracks
//! between. Compact: vmknics stacked, uplinks in a row on the inner edge (the source's bottom, the
//! destination's top), tracks on the right.

use super::boxes::{header, uplink_box, vmk_box};
use super::routes::SPREAD;
use super::sizes::PACKET;
use super::{Arrangement, HostBox, Point, Rect, Text, UplinkBox, VmkBox};
use crate::lists;
use crate::model::{Host, UplinkId, VmkId};
use crate::plan::Side;
use crate::sorted::SortedMap;

pub const HEADER: f64 = 38.0;
const PG_H: f64 = 16.0;
const ROW_GAP: f64 = 12.0;
/// Port of a vmknic box: this far below its top, level with the first text line.
pub const PORT_DY: f64 = 27.0;
/// Across the channel of an uplink box, where flows cross it: room for two lanes' ports with
/// their flows spread, and a packet either side; more for more flows (`channel`).
pub const CHANNEL: f64 = 30.0;

/// The channel for `flows` flows spread `SPREAD` apart, a packet clear of either side.
pub fn channel(flows: usize) -> f64 {
    CHANNEL.max(SPREAD * flows.saturating_sub(1) as f64 + 2.0 * PACKET + 4.0)
}
/// Side by side, an uplink's name sits above its channel and its speed below.
pub const CHANNEL_TOP: f64 = 18.0;

/// The sizes of a host panel's parts in one arrangement.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Dims {
    pub pad: f64,
    pub uplink_w: f64,
    pub uplink_h: f64,
    /// Distance between neighbouring tracks of the port group bus.
    pub track: f64,
    /// The bus's width (side by side) or height (stacked) with one track.
    pub bus: f64,
    /// Side by side, the nearest track's distance from its vmknic box: a packet on a track
    /// passes the port group labels at least this far off.
    pub first_track: f64,
}

impl Dims {
    pub fn of(arrangement: Arrangement) -> Self {
        match arrangement {
            Arrangement::Wide => Dims {
                pad: 14.0,
                uplink_w: 100.0,
                uplink_h: CHANNEL_TOP + CHANNEL + 15.0,
                track: 10.0,
                bus: 40.0,
                first_track: 16.0,
            },
            // Narrow uplinks (the name, then the speed) and a tight bus: the vmknic boxes keep
            // their one-line name and address in a 680 px column.
            Arrangement::Medium => Dims {
                pad: 8.0,
                uplink_w: 60.0,
                uplink_h: CHANNEL_TOP + CHANNEL + 15.0,
                track: 7.0,
                bus: 26.0,
                first_track: 13.0,
            },
            Arrangement::Stacked => Dims {
                pad: 10.0,
                uplink_w: 100.0,
                uplink_h: 52.0,
                track: 10.0,
                bus: 20.0,
                first_track: 12.0,
            },
        }
    }

    /// Width (side by side) of the bus between vmknic boxes and uplinks, for `n` tracks.
    pub fn bus_width(&self, n: usize) -> f64 {
        self.bus + self.track * (n.max(1) - 1) as f64
    }
}

/// Inputs of one panel.
pub struct PanelSpec<'a> {
    pub host: &'a Host,
    pub side: Side,
    pub compact: bool,
    pub dims: Dims,
    pub x: f64,
    pub y: f64,
    pub width: f64,
    /// Width of the vmknic boxes (side by side) ; compact panels fill the width.
    pub vmk_width: f64,
    /// Tracks of the widest host, so both panels match.
    pub tracks: usize,
    pub not_used: &'a SortedMap<VmkId, String>,
    /// Flows leaving or arriving through each uplink.
    pub used_uplinks: &'a SortedMap<UplinkId, usize>,
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

/// Stacked, the bus's height for `n` tracks: the lowest track a spread of flows and a packet
/// above the uplinks' names.
fn bus_height(n: usize) -> f64 {
    20.0 + 8.0 * n.max(1) as f64
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
        let b = vmk_box(spec, id, Rect::new(x, y, width, 0.0), pg_at);
        y = b.rect.bottom() + ROW_GAP;
        boxes.push(b);
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
        let d = spec.dims;
        let bus = d.bus_width(spec.tracks);
        let (vmk_x, up_x) = match spec.side {
            Side::Source => (spec.x + d.pad, spec.x + d.pad + spec.vmk_width + bus),
            Side::Destination => (spec.x + d.pad + d.uplink_w + bus, spec.x + d.pad),
        };
        let (name_at, role, head) = header(
            &spec.host.name,
            spec.side,
            (spec.x, spec.y, spec.width),
            spec.dims.pad,
        );
        let top = spec.y + head;
        let (vmks, rows_bottom) = rows(spec, vmk_x, spec.vmk_width, top);
        // Each uplink level with the first vmknic whose port group it serves, when room allows.
        let mut uplinks = Vec::new();
        let mut next = top;
        for id in (0..spec.host.uplinks.len()).map(UplinkId) {
            let ch = channel(spec.used_uplinks.get(&id).copied().unwrap_or(0));
            let wanted = vmks
                .iter()
                .find(|b| spec.host.vmk(b.vmk).active.first() == Some(&id))
                .map(|b| b.port.y - CHANNEL_TOP - ch / 2.0)
                .unwrap_or(next);
            let y = wanted.max(next);
            let h = d.uplink_h - CHANNEL + ch;
            uplinks.push(uplink_box(spec, id, Rect::new(up_x, y, d.uplink_w, h)));
            next = y + h + 10.0;
        }
        let bottom = rows_bottom.max(next - 10.0) + d.pad;
        let n = vmks.len();
        let tracks = lists::from_fn(n, |i| {
            let step = d.first_track + d.track * (n - 1 - i) as f64;
            match spec.side {
                Side::Source => (vmks[i].rect.right() + step, 0.0),
                Side::Destination => (vmks[i].rect.x - step, 0.0),
            }
        });
        let rect = Rect::new(spec.x, spec.y, spec.width, bottom - spec.y);
        Self::assemble(spec, rect, name_at, role, vmks, uplinks, tracks)
    }

    fn stacked(spec: &PanelSpec) -> Self {
        let d = spec.dims;
        let (pad, track) = (d.pad, d.track);
        let inner = spec.width - 2.0 * pad;
        let bus_w = d.bus_width(spec.tracks);
        let vmk_w = inner - bus_w;
        let k = spec.host.uplinks.len().max(1) as f64;
        // Close together: three uplinks on a phone need every pixel for name and channel.
        let up_w = d.uplink_w.min((inner - 3.0 * (k - 1.0)) / k);
        let row_w = up_w * k + 3.0 * (k - 1.0);
        // Right-aligned, under the tracks: short runs from the bus, room for lane labels on the left.
        let up_x0 = spec.x + spec.width - pad - row_w;
        let place_uplinks = |y: f64| -> Vec<UplinkBox> {
            lists::from_fn(spec.host.uplinks.len(), |i| {
                let x = up_x0 + i as f64 * (up_w + 3.0);
                uplink_box(spec, UplinkId(i), Rect::new(x, y, up_w, d.uplink_h))
            })
        };
        let n = spec.host.vmknics.len();
        let bus_h = bus_height(spec.tracks);
        let x = spec.x + pad;
        match spec.side {
            Side::Source => {
                let (name_at, role, head) = header(
                    &spec.host.name,
                    spec.side,
                    (spec.x, spec.y, spec.width),
                    spec.dims.pad,
                );
                let (vmks, rows_bottom) = rows(spec, x, vmk_w, spec.y + head);
                let bus_top = rows_bottom + 4.0;
                let uplinks = place_uplinks(bus_top + bus_h);
                let bottom = bus_top + bus_h + d.uplink_h + pad;
                let tracks = lists::from_fn(n, |i| {
                    let j = (n - 1 - i) as f64;
                    (x + vmk_w + 12.0 + track * j, bus_top + 8.0 + 8.0 * j)
                });
                let rect = Rect::new(spec.x, spec.y, spec.width, bottom - spec.y);
                Self::assemble(spec, rect, name_at, role, vmks, uplinks, tracks)
            }
            Side::Destination => {
                let uplinks = place_uplinks(spec.y + pad);
                let bus_bottom = spec.y + pad + d.uplink_h + bus_h;
                let (vmks, rows_bottom) = rows(spec, x, vmk_w, bus_bottom + 4.0);
                let (name_at, role, head) = header(
                    &spec.host.name,
                    spec.side,
                    (spec.x, rows_bottom, spec.width),
                    spec.dims.pad,
                );
                let bottom = rows_bottom + head;
                let tracks = lists::from_fn(n, |i| {
                    let j = i as f64;
                    (x + vmk_w + 12.0 + track * j, bus_bottom - 8.0 - 8.0 * j)
                });
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
        let channel = u.channel.center();
        match (self.compact, self.side) {
            (false, Side::Source) => {
                let uy = channel.y;
                vec![
                    v,
                    Point::new(tx, v.y),
                    Point::new(tx, uy),
                    Point::new(r.x, uy),
                ]
            }
            (false, Side::Destination) => {
                let uy = channel.y;
                vec![
                    v,
                    Point::new(tx, v.y),
                    Point::new(tx, uy),
                    Point::new(r.right(), uy),
                ]
            }
            (true, side) => {
                let ux = channel.x;
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
        let (r, c) = (u.rect, u.channel);
        let shift = k as f64 - (m.max(1) - 1) as f64 / 2.0;
        // Ports inside the channel, a packet's size clear of its sides.
        if self.compact {
            let sp = 12.0f64.min((c.width - 16.0) / m.max(1) as f64);
            let y = if self.side == Side::Source {
                r.bottom()
            } else {
                r.y
            };
            Point::new(c.center().x + shift * sp, y)
        } else {
            let sp = 12.0f64.min((c.height - 16.0) / m.max(1) as f64);
            let x = if self.side == Side::Source {
                r.right()
            } else {
                r.x
            };
            Point::new(x, c.center().y + shift * sp)
        }
    }

    /// Where the lanes meet this uplink, along the axis the lanes spread on.
    pub fn uplink_spread(&self, uplink: UplinkId) -> f64 {
        self.uplinks
            .get(uplink.0)
            .map(|u| {
                if self.compact {
                    u.channel.center().x
                } else {
                    u.channel.center().y
                }
            })
            .unwrap_or(0.0)
    }
}
