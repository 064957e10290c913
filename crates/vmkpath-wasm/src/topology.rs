//! The diagram as text: hosts, their vmknics and uplinks, then every path, as nested lists a
//! screen reader can walk (list navigation) and anyone can read without the picture.

use crate::html::esc;
use std::fmt::Write;
use vmkpath_core::format::{human_bytes, FlowFile};
use vmkpath_core::lists::{self, Joined};
use vmkpath_core::model::{Host, Scenario};
use vmkpath_core::plan::Plan;

fn gbe(gbps: f64) -> String {
    format!("{} GbE", vmkpath_core::decimal::shortest(gbps))
}

/// Written into `out` as it goes: no string per item, no `collect` per list.
fn host_items(out: &mut String, host: &Host, role: &str) {
    let gateway = host
        .default_gateway
        .map(|g| format!(", default gateway {g}"))
        .unwrap_or_default();
    let _ = write!(
        out,
        "<li>{} ({role}{}) <ul>",
        esc(&host.name),
        esc(&gateway)
    );
    for v in &host.vmknics {
        let services = crate::html::service_labels(&v.services);
        let uplinks = |ids: &[vmkpath_core::model::UplinkId]| {
            lists::map(ids, |u| {
                let u = host.uplink(*u);
                format!("{} ({})", u.name, gbe(u.gbps))
            })
            .joined(", ")
        };
        let mut parts = vec![
            v.ip.to_string(),
            if services.is_empty() {
                "no services".to_string()
            } else {
                services
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
        let _ = write!(
            out,
            "<li><strong>{}</strong>: {}</li>",
            esc(&v.name),
            esc(&parts.joined(" · "))
        );
    }
    out.push_str("</ul></li>");
}

/// `<h3>` plus nested lists: the two hosts, then the paths in plan order.
pub fn topology(s: &Scenario, plan: &Plan) -> String {
    let mut out = String::from("<h3>The diagram as text</h3><ul>");
    host_items(&mut out, &s.source, "source");
    host_items(&mut out, &s.destination, "destination");
    out.push_str("<li>Paths <ol>");
    if plan.flows.is_empty() {
        out.push_str("<li>none: the migration is blocked (see findings)</li>");
    }
    for flow in &plan.flows {
        let f = FlowFile::new(s, flow);
        let end = |e: &vmkpath_core::format::EndpointFile| match (&e.vmk, &e.uplink) {
            (Some(v), Some(u)) => format!("{} {v} ({u})", e.host),
            _ => format!("{} datastore", e.host),
        };
        let _ = write!(
            out,
            "<li>{} by {}, {}: {} → {}</li>",
            esc(flow.traffic.label()),
            esc(f.transport),
            esc(&human_bytes(f.bytes)),
            esc(&end(&f.source)),
            esc(&end(&f.destination))
        );
    }
    out.push_str("</ol></li></ul>");
    out
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
