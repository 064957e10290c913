//! What runs between the boxes: port group wires, the datastore, and one path per flow, along
//! the wires and lanes. Parallel flows over the same stretch are spread a few pixels apart.

use super::geometry::{self, offset, reversed, Cubic};
use super::hosts::Panel;
use super::lanes::Lanes;
use super::sizes;
use super::{
    speed_label, transport_label, Anchor, DatastoreBox, FlowPath, Point, Rect, Text, Wire,
};
use crate::model::{Scenario, UplinkId, VmkId};
use crate::plan::{Flow, Plan, Side, Transport};
use crate::sorted::SortedMap;

/// Distance between parallel flows.
pub const SPREAD: f64 = 5.0;
const CORNER: f64 = 9.0;

pub fn wires(panel: &Panel, scenario: &Scenario) -> Vec<Wire> {
    let host = match panel.side {
        Side::Source => &scenario.source,
        Side::Destination => &scenario.destination,
    };
    let mut out = Vec::new();
    for id in host.vmk_ids() {
        let vmk = host.vmk(id);
        let all = vmk.active.iter().map(|u| (*u, false));
        for (uplink, standby) in all.chain(vmk.standby.iter().map(|u| (*u, true))) {
            let route = panel.route(id, uplink);
            out.push(Wire {
                side: panel.side,
                vmk: id,
                uplink,
                standby,
                d: geometry::polyline(&route, CORNER),
            });
        }
    }
    out
}

/// Centred slots: the `k`-th of `n` parallel paths.
fn spread(k: usize, n: usize) -> f64 {
    (k as f64 - (n.max(1) - 1) as f64 / 2.0) * SPREAD
}

/// For each flow, its rank and the size of its group among the flows that share a key.
fn ranks<K: Ord>(flows: &[Flow], key: impl Fn(&Flow) -> Option<K>) -> Vec<(usize, usize)> {
    let mut groups: SortedMap<K, Vec<usize>> = SortedMap::new();
    for (i, f) in flows.iter().enumerate() {
        if let Some(k) = key(f) {
            groups.or_default(k).push(i);
        }
    }
    let mut out = vec![(0, 1); flows.len()];
    for members in groups.values() {
        for (k, &i) in members.iter().enumerate() {
            out[i] = (k, members.len());
        }
    }
    out
}

/// For each flow, its slot among the flows that share a key (in plan order).
fn slots<K: Ord>(flows: &[Flow], key: impl Fn(&Flow) -> Option<K>) -> Vec<f64> {
    let mut groups: SortedMap<K, Vec<usize>> = SortedMap::new();
    for (i, f) in flows.iter().enumerate() {
        if let Some(k) = key(f) {
            groups.or_default(k).push(i);
        }
    }
    let mut out = vec![0.0; flows.len()];
    for members in groups.values() {
        for (k, &i) in members.iter().enumerate() {
            out[i] = spread(k, members.len());
        }
    }
    out
}

/// The datastore under the hosts, when a flow takes the storage path.
pub fn datastore(plan: &Plan, src: &Panel, dst: &Panel, width: f64) -> Option<DatastoreBox> {
    let n = plan
        .flows
        .iter()
        .filter(|f| f.transport == Transport::Storage)
        .count();
    if n == 0 {
        return None;
    }
    let (s, d) = (src.host.rect, dst.host.rect);
    let w = 250.0f64.min(d.width - 20.0);
    let top = s.bottom().max(d.bottom()) + 34.0 + SPREAD * n as f64;
    let cx = if src.compact {
        d.center().x
    } else {
        width / 2.0
    };
    // The label above the channel the storage flows cross, the note below it (shorter when
    // the box is narrow).
    let long = "seen by both hosts: the storage path";
    let note = if geometry::text_width(long, sizes::DATASTORE_NOTE, false) + 8.0 <= w {
        long
    } else {
        "seen by both hosts"
    };
    let rect = Rect::new(cx - w / 2.0, top, w, 70.0);
    let c = rect.center();
    Some(DatastoreBox {
        rect,
        channel: Rect::new(rect.x, rect.y + 21.0, w, 30.0),
        label: Text {
            text: "datastore".to_string(),
            at: Point::new(c.x, rect.y + 17.0),
            anchor: Anchor::Middle,
        },
        note: Text {
            text: note.to_string(),
            at: Point::new(c.x, rect.bottom() - 6.0),
            anchor: Anchor::Middle,
        },
    })
}

fn endpoint_names(scenario: &Scenario, f: &Flow) -> [Option<String>; 4] {
    let (s, d) = (&scenario.source, &scenario.destination);
    [
        f.source
            .vmk
            .and_then(|v| s.vmknics.get(v.0))
            .map(|v| v.name.clone()),
        f.destination
            .vmk
            .and_then(|v| d.vmknics.get(v.0))
            .map(|v| v.name.clone()),
        f.source
            .uplink
            .and_then(|u| s.uplinks.get(u.0))
            .map(|u| u.name.clone()),
        f.destination
            .uplink
            .and_then(|u| d.uplinks.get(u.0))
            .map(|u| u.name.clone()),
    ]
}

fn speed(u: Option<UplinkId>, h: &crate::model::Host) -> Option<(&str, f64)> {
    u.and_then(|u| h.uplinks.get(u.0))
        .map(|u| (u.name.as_str(), u.gbps))
}

fn end_words(host: &str, vmk: &Option<String>, uplink: Option<(&str, f64)>) -> String {
    match (vmk, uplink) {
        (Some(v), Some((u, gbps))) => format!("{host} {v} ({u}, {})", speed_label(gbps)),
        (Some(v), None) => format!("{host} {v}"),
        _ => host.to_string(),
    }
}

pub fn flows(
    scenario: &Scenario,
    plan: &Plan,
    src: &Panel,
    dst: &Panel,
    lanes: &Lanes,
    datastore: Option<&DatastoreBox>,
) -> Vec<FlowPath> {
    let fl = &plan.flows;
    let by_src = slots(fl, |f| f.source.vmk);
    let by_dst = slots(fl, |f| f.destination.vmk);
    let by_lane = slots(fl, |f| lanes.find(f.source.uplink, f.destination.uplink));
    let by_store = slots(fl, |f| (f.transport == Transport::Storage).then_some(()));
    // Step badges sit at evenly spaced points along a shared lane (or across the datastore's
    // channel), so flows that share a lane do not cover each other's numbers.
    let lane_rank = ranks(fl, |f| lanes.find(f.source.uplink, f.destination.uplink));
    let store_rank = ranks(fl, |f| (f.transport == Transport::Storage).then_some(()));
    let along = |(k, n): (usize, usize)| (k as f64 + 1.0) / (n as f64 + 1.0);
    let (s, d) = (&scenario.source, &scenario.destination);
    crate::lists::from_fn(fl.len(), |i| {
        let f = &fl[i];
        let [sv, dv, su, du] = endpoint_names(scenario, f);
        let lane = lanes.find(f.source.uplink, f.destination.uplink);
        let path = match (f.source.vmk, f.destination.vmk, datastore) {
            (Some(a), Some(b), _) => network_path(
                f,
                (src, a, by_src[i]),
                (dst, b, by_dst[i]),
                lane.and_then(|l| lanes.curves.get(l))
                    .map(|c| c.offset(by_lane[i])),
            ),
            (_, _, Some(store)) => storage_path(src, dst, store.channel, by_store[i]),
            _ => String::new(),
        };
        let badge = match (f.source.vmk, f.destination.vmk, datastore) {
            (Some(_), Some(_), _) => lane
                .and_then(|l| lanes.curves.get(l))
                .map(|c| c.offset(by_lane[i]).at(along(lane_rank[i]))),
            // In the channel the storage flows cross, between the box's label and note.
            (_, _, Some(store)) => Some(Point::new(
                store.rect.x + store.rect.width * along(store_rank[i]),
                store.channel.center().y,
            )),
            _ => None,
        };
        let summary = if f.transport == Transport::Storage {
            format!(
                "{} by the storage path: {} → datastore → {}",
                f.traffic.label(),
                s.name,
                d.name
            )
        } else {
            format!(
                "{} over {}: {} → {}",
                f.traffic.label(),
                transport_label(f.transport),
                end_words(&s.name, &sv, speed(f.source.uplink, s)),
                end_words(&d.name, &dv, speed(f.destination.uplink, d)),
            )
        };
        FlowPath {
            flow: i,
            traffic: f.traffic,
            transport: f.transport,
            source_host: s.name.clone(),
            destination_host: d.name.clone(),
            source_vmk: sv,
            destination_vmk: dv,
            source_uplink: su,
            destination_uplink: du,
            lane,
            encrypted: f.encrypted,
            summary,
            d: path,
            badge,
            step: None,
        }
    })
}

/// vmknic -> its route to the uplink -> the lane -> the destination uplink's route -> vmknic.
/// The joins inside an uplink box (where the spread changes) are hidden by the box.
fn network_path(
    f: &Flow,
    (src, a, oa): (&Panel, VmkId, f64),
    (dst, b, ob): (&Panel, VmkId, f64),
    lane: Option<Cubic>,
) -> String {
    let out = f
        .source
        .uplink
        .map(|u| offset(&src.route(a, u), oa))
        .unwrap_or_default();
    let back = f
        .destination
        .uplink
        .map(|u| offset(&reversed(&dst.route(b, u)), ob))
        .unwrap_or_default();
    let mut d = String::new();
    let Some(first) = out.first().or(back.first()) else {
        return d;
    };
    geometry::move_to(&mut d, *first);
    geometry::rounded(&mut d, &out, CORNER);
    if let Some(curve) = lane {
        geometry::line_to(&mut d, curve.start());
        curve.curve_to(&mut d);
    }
    if let Some(start) = back.first() {
        geometry::line_to(&mut d, *start);
        geometry::rounded(&mut d, &back, CORNER);
    }
    d
}

/// Down from under the source host, through the datastore's channel, up into the destination.
fn storage_path(src: &Panel, dst: &Panel, store: Rect, o: f64) -> String {
    let (s, d) = (src.host.rect, dst.host.rect);
    let c = store.center();
    let route = if src.compact {
        // Down the left gutter, into the datastore, up into the destination above it.
        let gx = s.x - 11.0;
        let y0 = s.bottom() - 26.0;
        vec![
            Point::new(s.x, y0),
            Point::new(gx, y0),
            Point::new(gx, c.y),
            // Up from the right of the box, clear of its label.
            Point::new(store.right() - 24.0, c.y),
            Point::new(store.right() - 24.0, d.bottom()),
        ]
    } else {
        let sx = s.right() - 70.0;
        let dx = d.x + 70.0;
        vec![
            Point::new(sx, s.bottom()),
            Point::new(sx, c.y),
            Point::new(dx, c.y),
            Point::new(dx, d.bottom()),
        ]
    };
    geometry::polyline(&offset(&route, o), CORNER)
}
