use super::*;
use crate::plan::{plan, Plan};
use crate::scenarios::{builtin, builtins};
use crate::{decode_scenario, Scenario};

fn load(name: &str) -> (Scenario, Plan) {
    let text = builtin(name).map(|b| b.json).unwrap_or_default();
    let scenario = match decode_scenario(text) {
        Ok(s) => s,
        Err(e) => panic!("builtin {name} does not decode: {e}"),
    };
    let plan = plan(&scenario);
    (scenario, plan)
}

fn wide() -> LayoutOptions {
    LayoutOptions {
        width: 1200.0,
        arrangement: Arrangement::Wide,
    }
}

fn narrow() -> LayoutOptions {
    LayoutOptions {
        width: 360.0,
        arrangement: Arrangement::Stacked,
    }
}

fn svg(scenario: &Scenario, plan: &Plan, opts: &LayoutOptions) -> String {
    to_svg(
        &layout(scenario, plan, opts),
        &SvgOptions { standalone: true },
    )
}

/// The opening tag of the element whose attributes contain `needle`.
fn tag_with<'a>(svg: &'a str, needle: &str) -> Option<&'a str> {
    let at = svg.find(needle)?;
    let start = svg[..at].rfind('<')?;
    let end = at + svg[at..].find('>')?;
    Some(&svg[start..=end])
}

#[test]
fn every_flow_has_a_path_with_its_hooks() {
    for b in builtins() {
        let (scenario, plan) = load(b.name);
        for opts in [wide(), narrow()] {
            let scene = layout(&scenario, &plan, &opts);
            assert_eq!(scene.flows.len(), plan.flows.len(), "{}", b.name);
            let out = to_svg(&scene, &SvgOptions { standalone: false });
            assert_eq!(
                out.matches(r#"<path class="flow "#).count(),
                plan.flows.len()
            );
            for (i, f) in plan.flows.iter().enumerate() {
                let tag = tag_with(&out, &format!(r#"id="flow-{i}""#))
                    .unwrap_or_else(|| panic!("{}: no path for flow {i}", b.name));
                let t = f.traffic.as_str();
                assert!(tag.contains(&format!(r#"class="flow flow-{t}""#)), "{tag}");
                assert!(tag.contains(&format!(r#"data-flow="{i}""#)), "{tag}");
                assert!(tag.contains(&format!(r#"data-traffic="{t}""#)), "{tag}");
                let vmk = |h: &crate::model::Host, v: Option<crate::model::VmkId>| {
                    v.map(|v| h.vmk(v).name.clone())
                };
                match vmk(&scenario.source, f.source.vmk) {
                    Some(name) => assert!(tag.contains(&format!(r#"data-source-vmk="{name}""#))),
                    None => assert!(!tag.contains("data-source-vmk")),
                }
                if let Some(name) = vmk(&scenario.destination, f.destination.vmk) {
                    assert!(tag.contains(&format!(r#"data-destination-vmk="{name}""#)));
                }
                assert!(scene.flows[i].d.starts_with('M'), "{}: empty path", b.name);
            }
        }
    }
}

#[test]
fn every_vmknic_and_uplink_is_drawn() {
    for b in builtins() {
        let (scenario, plan) = load(b.name);
        let out = svg(&scenario, &plan, &wide());
        for host in [&scenario.source, &scenario.destination] {
            for v in &host.vmknics {
                let hook = format!(
                    r#"<g class="vmk" data-host="{}" data-vmk="{}" tabindex="0""#,
                    host.name, v.name
                );
                assert!(out.contains(&hook), "{}: missing {hook}", b.name);
            }
            for u in &host.uplinks {
                let hook = format!(r#"data-host="{}" data-side"#, host.name);
                assert!(out.contains(&hook));
                assert!(out.contains(&format!(r#"data-uplink="{}" data-used"#, u.name)));
            }
        }
    }
}

#[test]
fn shared_subnet_memory_rides_the_1gbe_lane_into_vmk1() {
    let (scenario, plan) = load("shared-subnet");
    let scene = layout(&scenario, &plan, &wide());
    let memory = &scene.flows[0];
    assert_eq!(memory.traffic, Traffic::Memory);
    assert_eq!(memory.source_vmk.as_deref(), Some("vmk0"));
    assert_eq!(memory.destination_vmk.as_deref(), Some("vmk1"));
    let lane = &scene.lanes[memory.lane.unwrap_or(usize::MAX)];
    assert_eq!(lane.speed, "1GbE");
    assert_eq!(lane.label, "vmnic0 → vmnic1");
    // esx01's vmnic1 (10GbE) carries nothing.
    let idle = scene
        .uplinks
        .iter()
        .find(|u| u.side == Side::Source && u.name == "vmnic1");
    assert_eq!(idle.map(|u| u.used), Some(false));
}

#[test]
fn the_bypassed_vmknic_is_marked_not_used() {
    let (scenario, plan) = load("shared-subnet");
    let scene = layout(&scenario, &plan, &wide());
    let marked: Vec<_> = scene
        .vmknics
        .iter()
        .filter(|v| v.not_used.is_some())
        .collect();
    assert_eq!(marked.len(), 1);
    assert_eq!(
        (marked[0].side, marked[0].name.as_str()),
        (Side::Source, "vmk1")
    );
    let mark = marked[0].not_used.as_ref().map(|m| m.text.as_str());
    assert_eq!(mark, Some("not used: vMotion leaves on vmk0"));
    let out = to_svg(&scene, &SvgOptions::default());
    let tag = tag_with(&out, r#"data-vmk="vmk1" tabindex="0" data-side="source""#);
    assert!(tag.is_some_and(|t| t.contains(r#"data-not-used="true""#)));
    assert!(out.contains("not used: vMotion leaves on vmk0</text>"));

    // With Multi-NIC vMotion nothing is bypassed.
    let (scenario, plan) = load("multi-nic-fix");
    let scene = layout(&scenario, &plan, &wide());
    assert!(scene.vmknics.iter().all(|v| v.not_used.is_none()));
}

#[test]
fn storage_flows_go_to_the_datastore() {
    let (scenario, plan) = load("shared-nothing-shared-datastore");
    for opts in [wide(), narrow()] {
        let scene = layout(&scenario, &plan, &opts);
        let store = scene.datastore.as_ref().map(|d| d.rect);
        let Some(store) = store else {
            panic!("no datastore drawn");
        };
        let hosts_bottom = scene
            .hosts
            .iter()
            .map(|h| h.rect.bottom())
            .fold(0.0, f64::max);
        assert!(store.y > hosts_bottom, "the datastore sits under the hosts");
        let storage: Vec<_> = scene
            .flows
            .iter()
            .filter(|f| f.transport == Transport::Storage)
            .collect();
        assert_eq!(storage.len(), 4);
        for f in storage {
            assert_eq!(f.lane, None);
            assert!(f.source_vmk.is_none());
            // The path reaches the datastore's level.
            let ys: Vec<f64> =
                f.d.split(|c: char| c.is_ascii_alphabetic())
                    .filter_map(|seg| {
                        let n: Vec<f64> = seg
                            .split_whitespace()
                            .filter_map(|x| x.parse().ok())
                            .collect();
                        n.get(1).copied()
                    })
                    .collect();
            assert!(
                ys.iter().any(|y| *y > store.y && *y < store.bottom()),
                "{}",
                f.d
            );
        }
    }
    // Without storage-path flows there is no datastore.
    let (scenario, plan) = load("shared-subnet");
    assert!(layout(&scenario, &plan, &wide()).datastore.is_none());
}

#[test]
fn compact_stacks_the_hosts_and_is_taller_than_wide() {
    for name in [
        "shared-subnet",
        "multi-nic-fix",
        "shared-nothing-shared-datastore",
    ] {
        let (scenario, plan) = load(name);
        let scene = layout(&scenario, &plan, &narrow());
        assert!(
            scene.height > scene.width,
            "{name}: {} x {}",
            scene.width,
            scene.height
        );
        let (a, b) = (scene.hosts[0].rect, scene.hosts[1].rect);
        assert!(a.bottom() < b.y, "{name}: source above destination");
        // Nothing sticks out of the picture.
        for v in &scene.vmknics {
            assert!(
                v.rect.right() <= scene.width,
                "{name}: {} overflows",
                v.name
            );
        }
        for u in &scene.uplinks {
            assert!(u.rect.x >= 0.0 && u.rect.right() <= scene.width);
        }
        let wide = layout(&scenario, &plan, &wide());
        assert!(
            wide.width > wide.height,
            "{name}: side by side is wider than tall"
        );
    }
}

#[test]
fn text_from_the_scenario_is_escaped() {
    let (mut scenario, _) = load("shared-subnet");
    scenario.source.name = "<x&y>".to_string();
    scenario.title = "\"quoted\" & <b>bold</b>".to_string();
    if let Some(pg) = scenario.destination.vmknics.get_mut(1) {
        pg.portgroup = Some("vMotion's <pg>".to_string());
    }
    let plan = plan(&scenario);
    let out = svg(&scenario, &plan, &wide());
    assert!(!out.contains("<x&y>"));
    assert!(!out.contains("<b>"));
    assert!(out.contains(r#"data-host="&lt;x&amp;y&gt;""#));
    assert!(out.contains("&lt;x&amp;y&gt;</text>"));
    assert!(out.contains("&quot;quoted&quot; &amp; &lt;b&gt;bold&lt;/b&gt;"));
    assert!(out.contains("vMotion&#39;s &lt;pg&gt;"));
    // Every `&` starts an entity.
    for (i, _) in out.match_indices('&') {
        let rest = &out[i..];
        assert!(
            ["&amp;", "&lt;", "&gt;", "&quot;", "&#39;"]
                .iter()
                .any(|e| rest.starts_with(e)),
            "bare & at {i}"
        );
    }
}

#[test]
fn strict_csp_no_inline_style_or_script() {
    for b in builtins() {
        let (scenario, plan) = load(b.name);
        for standalone in [true, false] {
            let scene = layout(&scenario, &plan, &wide());
            let out = to_svg(&scene, &SvgOptions { standalone });
            assert!(out.starts_with(r#"<svg xmlns="http://www.w3.org/2000/svg""#));
            assert!(out.contains("viewBox=\"0 0 "));
            assert!(out.contains("<title id=\"vmkpath-title\">") && out.contains("<desc"));
            assert!(!out.contains(" style="), "{}: inline style", b.name);
            assert!(!out.contains("<script"));
            let handler = out.match_indices(" on").any(|(i, _)| {
                let rest = &out[i + 3..];
                let name = rest.len()
                    - rest
                        .trim_start_matches(|c: char| c.is_ascii_lowercase())
                        .len();
                name > 0 && rest[name..].starts_with('=')
            });
            assert!(!handler, "{}: event handler attribute", b.name);
            assert_eq!(out.contains("<style>"), standalone);
            assert_eq!(
                out.contains("prefers-color-scheme: dark")
                    || out.contains("prefers-color-scheme:dark"),
                standalone
            );
            for t in Traffic::ALL {
                assert!(out.contains(&format!(
                    r#"class="legend-item" data-traffic="{}""#,
                    t.as_str()
                )));
            }
        }
    }
}

#[test]
fn output_is_deterministic_and_numbers_have_one_decimal() {
    let (scenario, plan) = load("multi-nic-fix");
    let a = svg(&scenario, &plan, &wide());
    let b = svg(&scenario, &plan, &wide());
    assert_eq!(a, b);
    for f in &layout(&scenario, &plan, &wide()).flows {
        for token in f.d.split(|c: char| c.is_ascii_alphabetic() || c == ' ') {
            if let Some((_, decimals)) = token.split_once('.') {
                assert_eq!(decimals.len(), 1, "{token} in {}", f.d);
            }
        }
    }
}

#[test]
fn parallel_flows_do_not_coincide() {
    let (scenario, plan) = load("multi-nic-fix");
    let scene = layout(&scenario, &plan, &wide());
    for (i, a) in scene.flows.iter().enumerate() {
        for b in &scene.flows[i + 1..] {
            assert_ne!(a.d, b.d, "flows {} and {} overlap exactly", a.flow, b.flow);
        }
    }
}

#[test]
fn blocked_plan_draws_hosts_and_a_notice() {
    let (scenario, plan) = load("blocked-no-vmotion");
    assert!(plan.flows.is_empty());
    for opts in [wide(), narrow()] {
        let scene = layout(&scenario, &plan, &opts);
        assert!(scene.lanes.is_empty() && scene.flows.is_empty());
        assert!(scene.notice.is_some());
        assert_eq!(scene.hosts.len(), 2);
    }
}

#[test]
fn odd_widths_do_not_break_the_layout() {
    let (scenario, plan) = load("multi-nic-fix");
    for width in [0.0, -5.0, f64::NAN, f64::INFINITY, 1e9, 500.0] {
        for arrangement in [Arrangement::Stacked, Arrangement::Medium, Arrangement::Wide] {
            let scene = layout(&scenario, &plan, &LayoutOptions { width, arrangement });
            assert!(scene.width.is_finite() && scene.height.is_finite() && scene.height > 0.0);
            assert!(scene.scale > 0.0 && scene.scale <= 1.0);
            // Hosts never overlap, however narrow the request.
            assert!(
                scene.hosts[0].rect.right() < scene.hosts[1].rect.x
                    || scene.hosts[0].rect.bottom() < scene.hosts[1].rect.y
            );
            let out = to_svg(&scene, &SvgOptions::default());
            assert!(!out.contains("NaN") && !out.contains("inf"));
        }
    }
}
