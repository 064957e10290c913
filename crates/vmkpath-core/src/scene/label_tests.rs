//! Labels fit (issue 12 item 5), checked on the geometry over every built-in at every width from
//! 320 to 1600 px in steps of 40, each in the arrangement the widget picks for it: every text
//! inside the box it labels (the drawing, for titles, lane labels, legend and caption), no two
//! texts on top of each other, and no packet over a text. Text boxes are estimates (an average
//! glyph width, `sizes::ASCENT`/`DESCENT`); the e2e test `labels.test.mjs` measures the browser's.

use super::geometry::{mono_width, text_width};
use super::sizes::{self, ASCENT, DESCENT, PACKET, STEP_R};
use super::*;
use crate::scenarios::builtins;

/// Where a text sits, what it must stay inside, and its name in a failure.
struct Label {
    what: String,
    rect: Rect,
    owner: Rect,
}

fn text_rect(t: &Text, size: f64, wide: bool) -> Rect {
    let w = text_width(&t.text, size, wide);
    let x = match t.anchor {
        Anchor::Start => t.at.x,
        Anchor::Middle => t.at.x - w / 2.0,
        Anchor::End => t.at.x - w,
    };
    Rect::new(x, t.at.y - ASCENT * size, w, (ASCENT + DESCENT) * size)
}

fn at(text: &str, at: Point, anchor: Anchor) -> Text {
    Text {
        text: text.to_string(),
        at,
        anchor,
    }
}

/// Every text of the drawing but the step numbers (those are drawn on the paths on purpose).
fn labels(scene: &Scene) -> Vec<Label> {
    let page = Rect::new(0.0, 0.0, scene.width, scene.height);
    let mut out = Vec::new();
    // Labels measured here rather than by `add` (lane labels, monospace addresses).
    let mut measured = Vec::new();
    let mut add = |t: &Text, size: f64, wide: bool, owner: Rect| {
        out.push(Label {
            what: t.text.clone(),
            rect: text_rect(t, size, wide),
            owner,
        })
    };
    let title = if scene.compact {
        sizes::TITLE_COMPACT
    } else {
        sizes::TITLE
    };
    scene.heading.iter().for_each(|t| add(t, title, true, page));
    (scene.subheading.iter()).for_each(|t| add(t, sizes::SUBTITLE, false, page));
    for h in &scene.hosts {
        add(
            &at(&h.name, h.name_at, Anchor::Start),
            sizes::HOST_NAME,
            true,
            h.rect,
        );
        add(&h.role, sizes::HOST_ROLE, false, h.rect);
    }
    for v in &scene.vmknics {
        let host = scene.hosts.iter().find(|h| h.side == v.side);
        let frame = host.map(|h| h.rect).unwrap_or(page);
        if let Some(pg) = &v.portgroup {
            add(pg, sizes::PORTGROUP, false, frame);
        }
        let r = v.rect;
        add(
            &at(&v.name, v.name_at, Anchor::Start),
            sizes::VMK_NAME,
            true,
            r,
        );
        let address = at(&v.address, v.address_at, Anchor::Start);
        let w = mono_width(&v.address, sizes::VMK_ADDRESS);
        let size = sizes::VMK_ADDRESS;
        measured.push(Label {
            what: v.address.clone(),
            rect: Rect::new(
                address.at.x,
                address.at.y - ASCENT * size,
                w,
                (ASCENT + DESCENT) * size,
            ),
            owner: r,
        });
        add(
            &at(&v.stack, v.stack_at, Anchor::End),
            sizes::VMK_STACK,
            false,
            r,
        );
        for line in v.not_used.iter().flat_map(|m| &m.lines) {
            add(line, sizes::NOT_USED, false, r);
        }
        for b in &v.badges {
            let t = at(
                &b.text,
                Point::new(b.rect.center().x, b.rect.y + 11.8),
                Anchor::Middle,
            );
            add(&t, sizes::BADGE, true, b.rect);
        }
    }
    for u in &scene.uplinks {
        let r = u.rect;
        add(
            &at(&u.name, u.name_at, Anchor::Middle),
            sizes::UPLINK_NAME,
            true,
            r,
        );
        let speed = at(&u.speed, u.speed_at, Anchor::Middle);
        add(&speed, sizes::UPLINK_SPEED, false, r);
        if let Some(p) = u.idle_at {
            add(
                &at("idle", p, Anchor::Middle),
                sizes::UPLINK_SPEED,
                false,
                r,
            );
        }
    }
    for lane in &scene.lanes {
        let speed_w = text_width(&lane.speed, sizes::LANE_SPEED, true);
        let names_w = text_width(&lane.label, sizes::LANE_UPLINKS, false);
        let (w, lines) = match lane.label_form {
            LabelForm::Inline => (speed_w + 4.0 + names_w, 1.0),
            LabelForm::Stacked => (speed_w.max(names_w), 2.0),
            LabelForm::SpeedOnly => (speed_w, 1.0),
        };
        let x = match lane.label_anchor {
            Anchor::Start => lane.label_at.x,
            Anchor::Middle => lane.label_at.x - w / 2.0,
            Anchor::End => lane.label_at.x - w,
        };
        let top = lane.label_at.y - ASCENT * sizes::LANE_SPEED;
        let h = (ASCENT + DESCENT) * sizes::LANE_SPEED + 14.0 * (lines - 1.0);
        measured.push(Label {
            what: format!("{} {}", lane.speed, lane.label),
            rect: Rect::new(x, top, w, h),
            owner: page,
        });
    }
    if let Some(store) = &scene.datastore {
        add(&store.label, sizes::DATASTORE, true, store.rect);
        add(&store.note, sizes::DATASTORE_NOTE, false, store.rect);
    }
    if let Some(n) = &scene.network {
        add(n, sizes::NETWORK, false, page);
    }
    if let Some(n) = &scene.notice {
        add(n, sizes::NOTICE, true, page);
    }
    for item in &scene.legend {
        let t = at(&item.label, item.text_at, Anchor::Start);
        add(&t, sizes::LEGEND, false, page);
    }
    scene
        .caption
        .iter()
        .for_each(|t| add(t, sizes::CAPTION, false, page));
    // The step numbers: on the paths on purpose (packets pass them), clear of every text.
    for f in &scene.flows {
        if let (Some(step), Some(at)) = (f.step, f.badge) {
            measured.push(Label {
                what: format!("step {step}"),
                rect: Rect::new(at.x - STEP_R, at.y - STEP_R, 2.0 * STEP_R, 2.0 * STEP_R),
                owner: page,
            });
        }
    }
    out.extend(measured);
    out
}

fn overlap(a: &Rect, b: &Rect) -> bool {
    a.x < b.right() && b.x < a.right() && a.y < b.bottom() && b.y < a.bottom()
}

fn inside(a: &Rect, b: &Rect) -> bool {
    a.x >= b.x - 0.5
        && a.right() <= b.right() + 0.5
        && a.y >= b.y - 0.5
        && a.bottom() <= b.bottom() + 0.5
}

/// Where a packet's centre goes: the widget animates it in straight lines between 48 points
/// sampled along the flow's path (`SAMPLES` in vmkpath-wasm's packets.rs).
fn packet_track(d: &str) -> Vec<Point> {
    let points = points_along(d, 48);
    let mut out = Vec::new();
    for w in points.windows(2) {
        for k in 0..8 {
            let t = k as f64 / 8.0;
            out.push(Point::new(
                w[0].x + (w[1].x - w[0].x) * t,
                w[0].y + (w[1].y - w[0].y) * t,
            ));
        }
    }
    out.extend(points.last());
    out
}

fn load(name: &str) -> (crate::Scenario, crate::plan::Plan) {
    let text = crate::scenarios::builtin(name)
        .map(|b| b.json)
        .unwrap_or_default();
    match crate::decode_scenario(text) {
        Ok(s) => {
            let plan = crate::plan::plan(&s);
            (s, plan)
        }
        Err(e) => panic!("{name} does not decode: {e}"),
    }
}

const WIDTHS: std::ops::RangeInclusive<u32> = 8..=40; // x 40: 320..1600

fn each_scene(mut visit: impl FnMut(&str, f64, &Scene)) {
    for b in builtins() {
        let scenario = match crate::decode_scenario(b.json) {
            Ok(s) => s,
            Err(e) => panic!("{}: {e}", b.name),
        };
        let plan = crate::analyze(&scenario).plan;
        // The widths themselves (posters, the CLI) and inside a widget's 24 px padding.
        for step in WIDTHS {
            for width in [f64::from(step * 40), f64::from(step * 40) - 24.0] {
                let opts = LayoutOptions::for_width(width);
                visit(b.name, width, &layout(&scenario, &plan, &opts));
            }
        }
    }
}

/// Faults of one scene: texts outside their boxes, texts on texts, packets on texts.
fn faults(scene: &Scene) -> Vec<String> {
    let labels = labels(scene);
    let mut out = Vec::new();
    for (i, a) in labels.iter().enumerate() {
        if !inside(&a.rect, &a.owner) {
            out.push(format!(
                "\"{}\" {:?} outside its box {:?}",
                a.what, a.rect, a.owner
            ));
        }
        for b in &labels[i + 1..] {
            let badges = a.what.starts_with("step ") && b.what.starts_with("step ");
            if !badges && overlap(&a.rect, &b.rect) {
                out.push(format!("\"{}\" on \"{}\"", a.what, b.what));
            }
        }
    }
    for f in &scene.flows {
        for p in packet_track(&f.d) {
            let hit = labels
                .iter()
                .filter(|l| !l.what.starts_with("step "))
                .find(|l| {
                    let r = l.rect;
                    p.x > r.x - PACKET
                        && p.x < r.right() + PACKET
                        && p.y > r.y - PACKET
                        && p.y < r.bottom() + PACKET
                });
            if let Some(l) = hit {
                out.push(format!(
                    "a {} packet at {:?} over \"{}\"",
                    f.traffic.as_str(),
                    p,
                    l.what
                ));
                break;
            }
        }
    }
    out
}

#[test]
fn labels_fit_and_packets_pass_clear_of_them_at_every_width() {
    let mut all = Vec::new();
    let mut scenes = 0;
    each_scene(|name, width, scene| {
        scenes += 1;
        for f in faults(scene) {
            all.push(format!(
                "{name} at {width} ({}): {f}",
                scene.arrangement.as_str()
            ));
        }
    });
    assert!(scenes >= 21 * 33 * 2, "{scenes} scenes");
    let shown: Vec<_> = all.iter().take(40).collect();
    assert!(all.is_empty(), "{} faults:\n{shown:#?}", all.len());
}

#[test]
fn the_checks_can_fail() {
    let (scenario, plan) = load("shared-subnet");
    let scene = layout(&scenario, &plan, &LayoutOptions::for_width(1280.0));
    assert!(faults(&scene).is_empty(), "{:#?}", faults(&scene));
    // A vmknic name pushed out of its box, an uplink's name into its channel.
    let mut moved = scene.clone();
    moved.vmknics[0].name_at.x += 400.0;
    assert!(faults(&moved).iter().any(|f| f.contains("outside its box")));
    let mut moved = scene.clone();
    let Some(u) = moved.uplinks.iter_mut().find(|u| u.used) else {
        panic!("shared-subnet has a used uplink");
    };
    u.name_at.y = u.channel.center().y + 4.0;
    assert!(
        faults(&moved).iter().any(|f| f.contains("packet")),
        "{:#?}",
        faults(&moved)
    );
}

#[test]
fn the_arrangement_follows_the_width() {
    use Arrangement::*;
    for (width, expected) in [
        (320.0, Stacked),
        (599.0, Stacked),
        (600.0, Medium),
        (680.0, Medium),
        (999.0, Medium),
        (1000.0, Wide),
        (1600.0, Wide),
        (f64::NAN, Wide),
    ] {
        assert_eq!(Arrangement::for_width(width), expected, "{width}");
    }
}

/// At a 680 px column (654 px inside index.html's padding, 680 in frame.html) and up to the wide
/// arrangement, the drawing is not scaled down, so its smallest text (11) renders at 11 CSS px.
/// The wide drawing there was scaled to about 0.7 (badges at 7 CSS px).
#[test]
fn a_blog_column_draws_every_text_at_11_css_px_or_more() {
    let smallest = [
        sizes::TITLE_COMPACT,
        sizes::SUBTITLE,
        sizes::HOST_NAME,
        sizes::HOST_ROLE,
        sizes::VMK_NAME,
        sizes::VMK_ADDRESS,
        sizes::BADGE,
        sizes::VMK_STACK,
        sizes::PORTGROUP,
        sizes::NOT_USED,
        sizes::UPLINK_NAME,
        sizes::UPLINK_SPEED,
        sizes::LANE_SPEED,
        sizes::LANE_UPLINKS,
        sizes::NETWORK,
        sizes::NOTICE,
        sizes::DATASTORE,
        sizes::DATASTORE_NOTE,
        sizes::LEGEND,
        sizes::CAPTION,
        sizes::STEP,
    ]
    .into_iter()
    .fold(f64::INFINITY, f64::min);
    assert!(smallest >= 11.0, "{smallest}");
    each_scene(|name, width, scene| {
        if (654.0..1600.0).contains(&width) {
            assert!(
                scene.scale * smallest >= 11.0 - 1e-9,
                "{name} at {width}: drawn at {:.2}, {:.1} px",
                scene.scale,
                scene.scale * smallest
            );
        }
    });
    for name in ["shared-subnet", "multi-nic-fix", "provisioning-same-subnet"] {
        let (s, plan) = load(name);
        let wide = LayoutOptions {
            width: 654.0,
            arrangement: Arrangement::Wide,
        };
        let scene = layout(&s, &plan, &wide);
        assert!(
            scene.scale < 0.75,
            "{name}: the wide drawing at 654 px is at {}",
            scene.scale
        );
    }
}
