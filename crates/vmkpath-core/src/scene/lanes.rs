//! Lanes of the physical network: one per (source uplink, destination uplink) pair that carries a
//! flow, an S-curve between the two uplinks, with a label placed clear of every band.

use super::geometry::{text_width, Cubic};
use super::hosts::Panel;
use super::routes::SPREAD;
use super::sizes::{self, PACKET, STEP_R};
use super::{speed_label, Anchor, LabelForm, Lane, Point, Rect};
use crate::model::{Scenario, UplinkId};
use crate::plan::{Plan, Side};
use crate::sorted::SortedMap;

/// Lane thickness: thin for 1GbE, thick for 10GbE (log scale, bounded), widened to hold its
/// `flows` side by side.
fn thickness(gbps: f64, flows: usize) -> f64 {
    let speed = (6.0 + 10.0 * gbps.max(0.01).log10()).clamp(4.0, 26.0);
    speed + SPREAD * flows.saturating_sub(1) as f64
}

/// The lanes, ordered by (source uplink, destination uplink), with their curves.
pub struct Lanes {
    pub lanes: Vec<Lane>,
    pub(super) curves: Vec<Cubic>,
    index: SortedMap<(UplinkId, UplinkId), usize>,
}

/// Where lane labels may go: inside `area`, clear of `taken` (other labels, the network title).
pub struct LabelRoom {
    pub area: Rect,
    pub taken: Vec<Rect>,
}

impl Lanes {
    pub fn new(
        scenario: &Scenario,
        plan: &Plan,
        (src, dst): (&Panel, &Panel),
        room: &mut LabelRoom,
    ) -> Self {
        let mut index: SortedMap<(UplinkId, UplinkId), usize> = SortedMap::new();
        let mut counts: SortedMap<(UplinkId, UplinkId), usize> = SortedMap::new();
        for f in &plan.flows {
            if let (Some(a), Some(b)) = (f.source.uplink, f.destination.uplink) {
                index.insert((a, b), 0);
                *counts.or_default((a, b)) += 1;
            }
        }
        for (i, slot) in index.values_mut().enumerate() {
            *slot = i;
        }
        // Ports: on each uplink, its lanes ordered by where their other end sits.
        let mut ports: SortedMap<(bool, UplinkId), Vec<(f64, usize)>> = SortedMap::new();
        for (&(a, b), &i) in index.iter() {
            let key_a = (dst.uplink_spread(b), i);
            let key_b = (src.uplink_spread(a), i);
            ports.or_default((true, a)).push(key_a);
            ports.or_default((false, b)).push(key_b);
        }
        for list in ports.values_mut() {
            crate::sorted::sort_by(list, |x, y| x.0.total_cmp(&y.0).then(x.1.cmp(&y.1)));
        }
        let port = |panel: &Panel, side: Side, uplink: UplinkId, lane: usize| {
            let list = ports
                .get(&(side == Side::Source, uplink))
                .map(Vec::as_slice)
                .unwrap_or(&[]);
            let k = list.iter().position(|(_, i)| *i == lane).unwrap_or(0);
            panel.lane_port(uplink, k, list.len())
        };
        let dir = if src.compact {
            Point::new(0.0, 1.0)
        } else {
            Point::new(1.0, 0.0)
        };
        let mut lanes = Vec::new();
        let mut curves = Vec::new();
        for (&(a, b), &i) in index.iter() {
            let curve = Cubic::s_curve(
                port(src, Side::Source, a, i),
                port(dst, Side::Destination, b, i),
                dir,
            );
            let (ua, ub) = (scenario.source.uplink(a), scenario.destination.uplink(b));
            let gbps = ua.gbps.min(ub.gbps);
            lanes.push(Lane {
                source_uplink: a,
                destination_uplink: b,
                source_name: ua.name.clone(),
                destination_name: ub.name.clone(),
                gbps,
                speed: speed_label(gbps),
                label: format!("{} → {}", ua.name, ub.name),
                label_at: curve.at(0.5),
                label_anchor: Anchor::Middle,
                label_form: LabelForm::Inline,
                d: curve.path(),
                thickness: thickness(gbps, counts.get(&(a, b)).copied().unwrap_or(1)),
            });
            curves.push(curve);
        }
        // Labels beside their band, clear of every band (and of the packets and step numbers
        // on its outer flows) and of each other.
        // Pushed in loops, not collected: each collect is generic code of its own in the wasm.
        let mut bands: Vec<(Point, f64)> = Vec::new();
        for (c, l) in curves.iter().zip(&lanes) {
            let n = counts
                .get(&(l.source_uplink, l.destination_uplink))
                .copied()
                .unwrap_or(1);
            // The outer flows' packets, and the step numbers (a 9 px radius) on them.
            let half = (l.thickness / 2.0).max(SPREAD * (n as f64 - 1.0) / 2.0 + STEP_R);
            for k in 0..=60 {
                bands.push((c.at(k as f64 / 60.0), half + 1.5));
            }
        }
        for (lane, curve) in lanes.iter_mut().zip(&curves) {
            let (at, anchor, form) = place_label(lane, curve, src.compact, &bands, room);
            lane.label_at = at;
            lane.label_anchor = anchor;
            lane.label_form = form;
        }
        Lanes {
            lanes,
            curves,
            index,
        }
    }

    pub fn find(&self, a: Option<UplinkId>, b: Option<UplinkId>) -> Option<usize> {
        self.index.get(&(a?, b?)).copied()
    }
}

fn overlaps(a: &Rect, b: &Rect) -> bool {
    a.x < b.right() && b.x < a.right() && a.y < b.bottom() && b.y < a.bottom()
}

/// The first free spot among: on a straight stretch in the middle, then near either end, above
/// or below the band (beside it, left or right, when compact, on one line or two); failing
/// that, the speed alone.
fn place_label(
    lane: &Lane,
    curve: &Cubic,
    compact: bool,
    bands: &[(Point, f64)],
    room: &mut LabelRoom,
) -> (Point, Anchor, LabelForm) {
    let half = (lane.thickness / 2.0).max(PACKET + 2.0) + 6.0;
    let speed_w = text_width(&lane.speed, sizes::LANE_SPEED, true);
    let names_w = text_width(&lane.label, sizes::LANE_UPLINKS, false);
    // (baseline anchor, anchor, box, form), best first: the whole label, then the speed alone.
    let mut candidates: Vec<(Point, Anchor, Rect, LabelForm)> = Vec::new();
    for form in [LabelForm::Inline, LabelForm::Stacked, LabelForm::SpeedOnly] {
        let (w, h) = match form {
            LabelForm::Inline => (speed_w + 4.0 + names_w, 14.0),
            LabelForm::Stacked => (speed_w.max(names_w), 27.0),
            LabelForm::SpeedOnly => (speed_w, 14.0),
        };
        if compact {
            // Beside a slanted band the nearest spot may touch it: try a little further out.
            for (t, far) in [0.5, 0.3, 0.7, 0.15, 0.85]
                .into_iter()
                .flat_map(|t| [(t, 0.0), (t, 12.0), (t, 24.0)])
            {
                let p = curve.at(t);
                let y = p.y + 4.0 - (h - 14.0) / 2.0;
                let left = Point::new(p.x - half - far, y);
                candidates.push((
                    left,
                    Anchor::End,
                    Rect::new(left.x - w, y - 11.0, w, h),
                    form,
                ));
                let right = Point::new(p.x + half + far, y);
                candidates.push((
                    right,
                    Anchor::Start,
                    Rect::new(right.x, y - 11.0, w, h),
                    form,
                ));
            }
        } else if form != LabelForm::Stacked {
            let [p0, _, _, p3] = curve.0;
            let mid = curve.at(0.5);
            for dy in [-half, half + 11.0, -half - 14.0, half + 25.0] {
                let at = Point::new(mid.x, mid.y + dy);
                let rect = Rect::new(mid.x - w / 2.0, at.y - 11.0, w, h);
                candidates.push((at, Anchor::Middle, rect, form));
            }
            for dy in [-half, half + 11.0] {
                let a = Point::new(p0.x + 24.0, p0.y + dy);
                candidates.push((a, Anchor::Start, Rect::new(a.x, a.y - 11.0, w, h), form));
                let b = Point::new(p3.x - 24.0, p3.y + dy);
                candidates.push((b, Anchor::End, Rect::new(b.x - w, b.y - 11.0, w, h), form));
            }
        }
    }
    let free = |r: &Rect| {
        let area = room.area;
        r.x >= area.x
            && r.right() <= area.right()
            && r.y >= area.y
            && r.bottom() <= area.bottom()
            && !room.taken.iter().any(|q| overlaps(r, q))
            && !bands
                .iter()
                .any(|(p, h)| overlaps(r, &Rect::new(p.x - h, p.y - h, 2.0 * h, 2.0 * h)))
    };
    // Failing those, the free spot for the speed nearest the lane's middle, on a grid over
    // the room between the hosts.
    let nearest = || {
        let mid = curve.at(0.5);
        let (w, h) = (speed_w, 14.0);
        let area = room.area;
        let (cols, rows) = (
            ((area.width - w) / 4.0).max(0.0),
            ((area.height - h) / 4.0).max(0.0),
        );
        let mut best: Option<(f64, Point, Rect)> = None;
        for i in 0..=cols as usize {
            for j in 0..=rows as usize {
                let r = Rect::new(area.x + 4.0 * i as f64, area.y + 4.0 * j as f64, w, h);
                let at = Point::new(r.center().x, r.y + 11.0);
                let dist = super::geometry::distance(mid, at);
                if free(&r) && best.is_none_or(|b| dist < b.0) {
                    best = Some((dist, at, r));
                }
            }
        }
        best.map(|(_, at, r)| (at, Anchor::Middle, r, LabelForm::SpeedOnly))
    };
    let chosen = candidates
        .iter()
        .find(|c| free(&c.2))
        .cloned()
        .or_else(nearest)
        .or(candidates.first().cloned());
    match chosen {
        Some((at, anchor, rect, form)) => {
            room.taken.push(rect);
            (at, anchor, form)
        }
        None => (curve.at(0.5), Anchor::Middle, LabelForm::Inline),
    }
}
