//! `layout`: scenario + plan -> scene. Places the heading, the two host panels facing each other,
//! the lanes between them, the datastore under them, then the legend and caption.

use super::geometry::{self, wrap};
use super::hosts::{Dims, Panel, PanelSpec};
use super::lanes::{LabelRoom, Lanes};
use super::routes;
use super::sizes;
use super::style::traffic_style;
use super::{
    transport_label, Anchor, Arrangement, LayoutOptions, LegendItem, Point, Rect, Scene, Text,
};
use crate::model::{Host, Scenario, UplinkId, VmkId};
use crate::plan::{Outcome, Plan, Side, Traffic, Transport};
use crate::sorted::{SortedMap, SortedSet};

/// Narrowest and widest pictures laid out; other widths are clamped.
const MIN_WIDTH: f64 = 280.0;
const MAX_WIDTH: f64 = 4000.0;
/// Side by side: the narrowest and widest vmknic boxes, and the narrowest gap for the lanes
/// (wide, medium). The narrowest box still holds "vmk0 10.0.0.11/24" on one line and a
/// "vMotion" badge beside "default stack".
const MIN_VMK_W: [f64; 2] = [180.0, 180.0];
const MAX_VMK_W: f64 = 250.0;
const MIN_GAP: [f64; 2] = [200.0, 48.0];
/// Storage flows run down a gutter left of stacked hosts.
const GUTTER: f64 = 22.0;

pub fn layout(scenario: &Scenario, plan: &Plan, opts: &LayoutOptions) -> Scene {
    let arrangement = opts.arrangement;
    let compact = arrangement == Arrangement::Stacked;
    let medium = usize::from(arrangement == Arrangement::Medium);
    let (src, dst) = (&scenario.source, &scenario.destination);
    let tracks = src.vmknics.len().max(dst.vmknics.len());
    let margin = match arrangement {
        Arrangement::Wide => 20.0,
        Arrangement::Stacked => 10.0,
        // Every pixel for the boxes: a 680 px column (654 px inside its padding) must hold
        // the medium drawing unscaled.
        Arrangement::Medium => 6.0,
    };
    let mut dims = Dims::of(arrangement);
    // Uplink boxes as wide as their longest name (pasted hosts may say "uplink?1").
    let widest_uplink = src
        .uplinks
        .iter()
        .chain(&dst.uplinks)
        .map(|u| geometry::text_width(&u.name, sizes::UPLINK_NAME, true) + 8.0)
        .fold(0.0, f64::max);
    if !compact {
        dims.uplink_w = dims.uplink_w.max(widest_uplink);
    }
    let wide_host = 2.0 * dims.pad + dims.bus_width(tracks) + dims.uplink_w;
    // Side by side needs room for two hosts and the lanes: narrower requests get that much
    // room (the viewBox scales down) rather than overlapping hosts.
    let min_width = if compact {
        MIN_WIDTH
    } else {
        2.0 * (margin + wide_host + MIN_VMK_W[medium]) + MIN_GAP[medium]
    };
    let requested = if opts.width.is_finite() {
        opts.width.clamp(MIN_WIDTH, MAX_WIDTH)
    } else {
        LayoutOptions::default().width
    };
    let width = requested.max(min_width);
    let inner = width - 2.0 * margin;

    let title = if scenario.title.trim().is_empty() {
        format!(
            "{} moves from {} to {}",
            scenario.vm.name, src.name, dst.name
        )
    } else {
        scenario.title.trim().to_string()
    };
    let (title_size, title_step) = if compact {
        (sizes::TITLE_COMPACT, 20.0)
    } else {
        (sizes::TITLE, 23.0)
    };
    let heading = lines(
        &title,
        Point::new(margin, margin + 16.0),
        inner,
        title_size,
        title_step,
        true,
    );
    let mut subtitle = format!(
        "vSphere {} · {} migration of {} · {} → {}",
        scenario.version,
        scenario.migration.kind.as_str(),
        scenario.vm.name,
        src.name,
        dst.name
    );
    if plan.outcome == Outcome::Blocked {
        subtitle.push_str(" · blocked");
    }
    let sub_top = last_y(&heading, margin) + 19.0;
    let subheading = lines(
        &subtitle,
        Point::new(margin, sub_top),
        inner,
        sizes::SUBTITLE,
        16.0,
        false,
    );
    let top = last_y(&subheading, sub_top) + 18.0;

    let not_used = not_used(plan, src);
    // Flows through each uplink: its channel is made wide enough for them.
    let mut used_src: SortedMap<UplinkId, usize> = SortedMap::new();
    let mut used_dst: SortedMap<UplinkId, usize> = SortedMap::new();
    for f in &plan.flows {
        if let Some(u) = f.source.uplink {
            *used_src.or_default(u) += 1;
        }
        if let Some(u) = f.destination.uplink {
            *used_dst.or_default(u) += 1;
        }
    }
    let none = SortedMap::new();
    let storage = plan.flows.iter().any(|f| f.transport == Transport::Storage);
    let spec = |side, x, y, w, vmk_w| PanelSpec {
        host: if side == Side::Source { src } else { dst },
        side,
        compact,
        dims,
        x,
        y,
        width: w,
        vmk_width: vmk_w,
        tracks,
        not_used: if side == Side::Source {
            &not_used
        } else {
            &none
        },
        used_uplinks: if side == Side::Source {
            &used_src
        } else {
            &used_dst
        },
    };

    let (src_panel, dst_panel) = if compact {
        let gutter = if storage { GUTTER } else { 0.0 };
        let (x, w) = (margin + gutter, inner - gutter);
        let a = Panel::new(&spec(Side::Source, x, top, w, 0.0));
        // Loops that push rather than `collect` here: each collect is generic code of its own.
        let mut pairs = SortedSet::new();
        for f in &plan.flows {
            if let (Some(a), Some(b)) = (f.source.uplink, f.destination.uplink) {
                pairs.insert((a, b));
            }
        }
        let gap = (60.0 + 50.0 * pairs.len() as f64).max(90.0);
        let b = Panel::new(&spec(
            Side::Destination,
            x,
            a.host.rect.bottom() + gap,
            w,
            0.0,
        ));
        (a, b)
    } else {
        let vmk_w =
            ((inner - 1.4 * MIN_GAP[medium]) / 2.0 - wide_host).clamp(MIN_VMK_W[medium], MAX_VMK_W);
        let w = wide_host + vmk_w;
        let a = Panel::new(&spec(Side::Source, margin, top, w, vmk_w));
        let b = Panel::new(&spec(Side::Destination, width - margin - w, top, w, vmk_w));
        (a, b)
    };

    let (s, d) = (src_panel.host.rect, dst_panel.host.rect);
    // Side by side, a title over the lanes where it fits between the hosts; stacked, the lanes
    // fill the gap and need no title.
    let network_text = "physical network";
    let network_w = geometry::text_width(network_text, sizes::NETWORK, false);
    let network = (!compact && network_w + 12.0 <= d.x - s.right()).then(|| Text {
        text: network_text.to_string(),
        at: Point::new((s.right() + d.x) / 2.0, top + 13.0),
        anchor: Anchor::Middle,
    });
    let mut taken = Vec::new();
    if let Some(n) = &network {
        taken.push(Rect::new(n.at.x - network_w / 2.0, top, network_w, 17.0));
    }
    let mut room = LabelRoom {
        area: if compact {
            Rect::new(margin, s.bottom() + 2.0, inner, d.y - s.bottom() - 4.0)
        } else {
            Rect::new(
                s.right() + 2.0,
                top,
                d.x - s.right() - 4.0,
                s.height.max(d.height),
            )
        },
        taken,
    };
    let lanes = Lanes::new(scenario, plan, (&src_panel, &dst_panel), &mut room);
    let datastore = routes::datastore(plan, &src_panel, &dst_panel, width);
    let mut flows = routes::flows(
        scenario,
        plan,
        &src_panel,
        &dst_panel,
        &lanes,
        datastore.as_ref(),
    );
    // Number each path with the narration step that first shows it, as the event list does.
    for (k, event) in crate::narrate::events(scenario, plan).iter().enumerate() {
        for &i in &event.flows {
            if let Some(f) = flows.get_mut(i) {
                f.step.get_or_insert(k + 1);
            }
        }
    }
    let mut wires = routes::wires(&src_panel, scenario);
    wires.extend(routes::wires(&dst_panel, scenario));

    let notice = (plan.outcome == Outcome::Blocked).then(|| {
        let room = if compact {
            inner
        } else {
            d.x - s.right() - 12.0
        };
        let long = "blocked: see the findings";
        let text = if geometry::text_width(long, sizes::NOTICE, true) <= room {
            long
        } else {
            "blocked"
        };
        Text {
            text: text.to_string(),
            at: if compact {
                Point::new(width / 2.0, (s.bottom() + d.y) / 2.0 + 5.0)
            } else {
                Point::new(width / 2.0, s.y + 90.0)
            },
            anchor: Anchor::Middle,
        }
    });

    let mut bottom = s.bottom().max(d.bottom());
    if let Some(store) = &datastore {
        bottom = bottom.max(store.rect.bottom());
    }
    let (legend, legend_bottom) = legend(margin, inner, bottom + 32.0);
    let caption = lines(
        "Lanes: the physical network between two uplinks, labelled with the slower end's speed \
         and thicker for faster links. Dashed red vmknic: meant to carry the traffic, not used. \
         Hatched uplink: idle.",
        Point::new(margin, legend_bottom + 26.0),
        inner,
        sizes::CAPTION,
        15.0,
        false,
    );
    let height = last_y(&caption, legend_bottom) + margin;

    let mut hosts = Vec::new();
    let mut vmknics = Vec::new();
    let mut uplinks = Vec::new();
    for panel in [src_panel, dst_panel] {
        hosts.push(panel.host);
        vmknics.extend(panel.vmks);
        uplinks.extend(panel.uplinks);
    }
    Scene {
        width,
        height: height.ceil(),
        scale: requested / width,
        arrangement,
        compact,
        title,
        heading,
        subheading,
        hosts,
        vmknics,
        uplinks,
        wires,
        lanes: lanes.lanes,
        datastore,
        flows,
        legend,
        caption,
        network,
        notice,
    }
}

/// "not used: vMotion leaves on vmk0", for each source vmknic a flow bypassed.
fn not_used(plan: &Plan, src: &Host) -> SortedMap<VmkId, String> {
    let mut marks = SortedMap::new();
    for f in &plan.flows {
        let (Some(meant), Some(egress)) = (f.bypassed, f.source.vmk) else {
            continue;
        };
        let Some(egress) = src.vmknics.get(egress.0) else {
            continue;
        };
        marks.or_insert_with(meant, || {
            format!(
                "not used: {} leaves on {}",
                transport_label(f.transport),
                egress.name
            )
        });
    }
    marks
}

/// A text wrapped to `width`, one `Text` per line, `step` apart from `at` down.
fn lines(text: &str, at: Point, width: f64, size: f64, step: f64, bold: bool) -> Vec<Text> {
    let mut lines = Vec::new();
    for (i, line) in wrap(text, width, size, bold).into_iter().enumerate() {
        lines.push(Text {
            text: line,
            at: Point::new(at.x, at.y + step * i as f64),
            anchor: Anchor::Start,
        });
    }
    lines
}

fn last_y(lines: &[Text], otherwise: f64) -> f64 {
    lines.last().map(|t| t.at.y).unwrap_or(otherwise)
}

/// One item per traffic kind: in one row, each as wide as its label, when they fit; else in as
/// many equal columns as fit.
fn legend(x0: f64, inner: f64, top: f64) -> (Vec<LegendItem>, f64) {
    const SAMPLE: f64 = 46.0;
    const GAP: f64 = 14.0;
    let mut widths = Vec::with_capacity(Traffic::ALL.len());
    for &t in &Traffic::ALL {
        widths.push(geometry::text_width(
            traffic_style(t).label,
            sizes::LEGEND,
            false,
        ));
    }
    let widest = widths.iter().copied().fold(0.0, f64::max);
    let one_row: f64 = widths.iter().map(|w| SAMPLE + w + GAP).sum::<f64>() - GAP;
    let cols = if one_row <= inner {
        Traffic::ALL.len()
    } else {
        ((inner / (widest + SAMPLE + 12.0)).floor() as usize).clamp(1, Traffic::ALL.len())
    };
    let col_w = inner / cols as f64;
    let mut bottom = top;
    let mut x = x0;
    let mut items = Vec::with_capacity(Traffic::ALL.len());
    for (i, &traffic) in Traffic::ALL.iter().enumerate() {
        if cols == Traffic::ALL.len() {
            // One row: spread the spare room between the items.
            let spare = (inner - one_row) / (cols as f64 - 1.0).max(1.0);
            if i > 0 {
                x += SAMPLE + widths[i - 1] + GAP + spare.min(40.0);
            }
        } else {
            x = x0 + (i % cols) as f64 * col_w;
        }
        let y = top + (i / cols) as f64 * 24.0;
        bottom = y;
        let mut d = String::new();
        geometry::move_to(&mut d, Point::new(x + 2.0, y));
        geometry::line_to(&mut d, Point::new(x + 36.0, y));
        items.push(LegendItem {
            traffic,
            label: traffic_style(traffic).label.to_string(),
            d,
            text_at: Point::new(x + SAMPLE, y + 4.5),
        });
    }
    (items, bottom)
}
