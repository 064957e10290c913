//! The diagram as text: hosts, their vmknics and uplinks, then every path, as nested lists a
//! screen reader can walk (list navigation) and anyone can read without the picture.

use crate::html::esc;
use vmkpath_core::format::{human_bytes, FlowFile};
use vmkpath_core::model::{Host, Scenario};
use vmkpath_core::plan::Plan;

fn gbe(gbps: f64) -> String {
    format!("{gbps} GbE")
}

fn host_items(host: &Host, role: &str) -> String {
    let vmknics: String = host
        .vmknics
        .iter()
        .map(|v| {
            let services: Vec<&str> = v.services.iter().map(|s| s.label()).collect();
            let uplinks = |ids: &[vmkpath_core::model::UplinkId]| {
                ids.iter()
                    .map(|u| {
                        let u = host.uplink(*u);
                        format!("{} ({})", u.name, gbe(u.gbps))
                    })
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            let mut parts = vec![
                v.ip.to_string(),
                if services.is_empty() {
                    "no services".to_string()
                } else {
                    services.join(", ")
                },
                format!("{} stack", v.stack.as_str()),
            ];
            if let Some(pg) = &v.portgroup {
                parts.push(format!("port group {pg}"));
            }
            parts.push(format!("active uplink {}", uplinks(&v.active)));
            if !v.standby.is_empty() {
                parts.push(format!("standby {}", uplinks(&v.standby)));
            }
            if let Some(gw) = v.gateway {
                parts.push(format!("gateway override {gw}"));
            }
            format!(
                "<li><strong>{}</strong>: {}</li>",
                esc(&v.name),
                esc(&parts.join(" · "))
            )
        })
        .collect();
    let gateway = host
        .default_gateway
        .map(|g| format!(", default gateway {g}"))
        .unwrap_or_default();
    format!(
        "<li>{} ({role}{}) <ul>{vmknics}</ul></li>",
        esc(&host.name),
        esc(&gateway)
    )
}

/// `<h3>` plus nested lists: the two hosts, then the paths in plan order.
pub fn topology(s: &Scenario, plan: &Plan) -> String {
    let paths: String = plan
        .flows
        .iter()
        .map(|flow| {
            let f = FlowFile::new(s, flow);
            let end = |e: &vmkpath_core::format::EndpointFile| match (&e.vmk, &e.uplink) {
                (Some(v), Some(u)) => format!("{} {v} ({u})", e.host),
                _ => format!("{} datastore", e.host),
            };
            format!(
                "<li>{} by {}, {}: {} → {}</li>",
                esc(flow.traffic.label()),
                esc(f.transport),
                esc(&human_bytes(f.bytes)),
                esc(&end(&f.source)),
                esc(&end(&f.destination))
            )
        })
        .collect();
    let paths = if paths.is_empty() {
        "<li>none: the migration is blocked (see findings)</li>".to_string()
    } else {
        paths
    };
    format!(
        "<h3>The diagram as text</h3><ul>{}{}<li>Paths <ol>{paths}</ol></li></ul>",
        host_items(&s.source, "source"),
        host_items(&s.destination, "destination"),
    )
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use vmkpath_core::scenarios::builtin;

    #[test]
    fn lists_every_vmknic_and_every_path() {
        let s = builtin("multi-nic-fix").unwrap().scenario().unwrap();
        let plan = vmkpath_core::plan(&s);
        let text = topology(&s, &plan);
        for host in [&s.source, &s.destination] {
            for v in &host.vmknics {
                assert!(text.contains(&format!("<strong>{}</strong>", v.name)));
                assert!(text.contains(&v.ip.to_string()));
            }
        }
        assert_eq!(
            text.matches("<li>").count(),
            s.source.vmknics.len() + s.destination.vmknics.len() + plan.flows.len() + 3
        );
        assert!(text.contains(" → "));
    }
}
