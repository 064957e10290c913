//! Before and after: what changed between two plans, flow by flow, in sentences such as "memory
//! now leaves on vmk1 instead of vmk0". The widget shows these when a toggle changes the
//! scenario; they are computed here so that the CLI, the widget and the tests agree.
//!
//! Flows are matched by traffic kind and position within it (stream 1 with stream 1), which is
//! how plans order them (scenario-format.md: by traffic, then source vmknic order).

use crate::model::Scenario;
use crate::plan::{Flow, Plan, Side, Traffic, Transport};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChangeKind {
    /// The flow exists in both plans, but its source or destination vmknic or its transport
    /// differs.
    Moved,
    /// The flow exists only in the new plan.
    Appeared,
    /// The flow exists only in the old plan.
    Disappeared,
}

impl ChangeKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Moved => "moved",
            Self::Appeared => "appeared",
            Self::Disappeared => "disappeared",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    pub kind: ChangeKind,
    pub traffic: Traffic,
    /// Index into the old plan's flows (`None`: appeared).
    pub before: Option<usize>,
    /// Index into the new plan's flows (`None`: disappeared).
    pub after: Option<usize>,
    pub text: String,
}

fn vmk_name(s: &Scenario, flow: &Flow, side: Side) -> String {
    let (host, end) = match side {
        Side::Source => (&s.source, flow.source),
        Side::Destination => (&s.destination, flow.destination),
    };
    end.vmk
        .and_then(|v| host.vmknics.get(v.0))
        .map(|v| v.name.clone())
        .unwrap_or_else(|| "the datastore".to_string())
}

fn transport_name(t: Transport) -> &'static str {
    match t {
        Transport::Vmotion => "vMotion",
        Transport::Nfc => "NFC",
        Transport::Udt => "UDT",
        Transport::Storage => "the storage path",
    }
}

/// "vmk0 to vmk1 by vMotion", or "by the storage path".
fn route(s: &Scenario, f: &Flow) -> String {
    if f.transport == Transport::Storage {
        return "by the storage path".to_string();
    }
    format!(
        "{} to {} by {}",
        vmk_name(s, f, Side::Source),
        vmk_name(s, f, Side::Destination),
        transport_name(f.transport)
    )
}

/// Every flow whose source or destination vmknic or transport changed, and every flow that
/// appeared or disappeared, in traffic order.
pub fn changed_flows(old_s: &Scenario, old: &Plan, new_s: &Scenario, new: &Plan) -> Vec<Change> {
    let mut out = Vec::new();
    for traffic in Traffic::ALL {
        let of = |p: &Plan| crate::lists::positions(&p.flows, |f| f.traffic == traffic);
        let (before, after) = (of(old), of(new));
        let streams = before.len().max(after.len());
        for i in 0..streams {
            let label = if streams > 1 {
                format!("{} (stream {})", traffic.label(), i + 1)
            } else {
                traffic.label().to_string()
            };
            match (before.get(i), after.get(i)) {
                (Some(&b), Some(&a)) => {
                    let (was, now) = (&old.flows[b], &new.flows[a]);
                    let mut parts = Vec::new();
                    if was.transport != now.transport {
                        parts.push(format!(
                            "travels by {} instead of {}",
                            transport_name(now.transport),
                            transport_name(was.transport)
                        ));
                    }
                    // The storage path has no vmknics: the transport clause says it all.
                    let vmks =
                        was.transport != Transport::Storage && now.transport != Transport::Storage;
                    for (side, verb) in [(Side::Source, "leaves"), (Side::Destination, "arrives")] {
                        let (w, n) = (vmk_name(old_s, was, side), vmk_name(new_s, now, side));
                        if vmks && w != n {
                            parts.push(format!("{verb} on {n} instead of {w}"));
                        }
                    }
                    if !parts.is_empty() {
                        out.push(Change {
                            kind: ChangeKind::Moved,
                            traffic,
                            before: Some(b),
                            after: Some(a),
                            text: format!("{label} now {}", crate::plan::join_and(&parts)),
                        });
                    }
                }
                (None, Some(&a)) => out.push(Change {
                    kind: ChangeKind::Appeared,
                    traffic,
                    before: None,
                    after: Some(a),
                    text: format!("{label} now moves, {}", route(new_s, &new.flows[a])),
                }),
                (Some(&b), None) => out.push(Change {
                    kind: ChangeKind::Disappeared,
                    traffic,
                    before: Some(b),
                    after: None,
                    text: format!(
                        "{label} no longer moves (it went {})",
                        route(old_s, &old.flows[b])
                    ),
                }),
                (None, None) => {}
            }
        }
    }
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::toggles::{MultiNic, Provisioning, Toggles};

    fn plan_of(t: &Toggles) -> (Scenario, Plan) {
        let s = t.scenario().unwrap();
        let p = crate::plan(&s);
        (s, p)
    }

    fn texts(a: &Toggles, b: &Toggles) -> Vec<String> {
        let (sa, pa) = plan_of(a);
        let (sb, pb) = plan_of(b);
        changed_flows(&sa, &pa, &sb, &pb)
            .into_iter()
            .map(|c| c.text)
            .collect()
    }

    #[test]
    fn separate_subnet_moves_memory_off_vmk0() {
        let shared = Toggles::default();
        let separate = Toggles {
            shared_subnet: false,
            ..Toggles::default()
        };
        let t = texts(&shared, &separate);
        assert!(
            t.contains(&"memory now leaves on vmk1 instead of vmk0".to_string()),
            "{t:?}"
        );
        assert!(
            t.iter().all(|x| !x.contains("cold disk")),
            "NFC unchanged: {t:?}"
        );
        assert_eq!(texts(&shared, &shared), Vec::<String>::new());
    }

    #[test]
    fn multi_nic_adds_a_second_stream() {
        let multi = Toggles {
            multi_nic: MultiNic::TwoNics,
            ..Toggles::default()
        };
        let t = texts(&Toggles::default(), &multi);
        assert!(
            t.contains(&"memory (stream 1) now leaves on vmk1 instead of vmk0".to_string()),
            "{t:?}"
        );
        assert!(
            t.contains(&"memory (stream 2) now moves, vmk2 to vmk2 by vMotion".to_string()),
            "{t:?}"
        );
        let back = texts(&multi, &Toggles::default());
        assert!(
            back.contains(
                &"memory (stream 2) no longer moves (it went vmk2 to vmk2 by vMotion)".to_string()
            ),
            "{back:?}"
        );
    }

    #[test]
    fn udt_changes_transport_and_vmknics_of_cold_data() {
        let base = Toggles {
            version: crate::model::Version::V6_7,
            shared_subnet: false,
            ..Toggles::default()
        };
        let prov = Toggles {
            provisioning: Provisioning::SameSubnet,
            version: crate::model::Version::V8_0,
            ..base.clone()
        };
        let t = texts(&base, &prov);
        assert!(
            t.contains(&"cold disk data now travels by UDT instead of NFC, leaves on vmk2 instead of vmk0 and arrives on vmk2 instead of vmk0".to_string()),
            "{t:?}"
        );
        let shared_ds = Toggles {
            shared_datastore: true,
            ..base.clone()
        };
        let t = texts(&base, &shared_ds);
        assert!(
            t.contains(
                &"cold disk data now travels by the storage path instead of NFC".to_string()
            ),
            "{t:?}"
        );
    }
}
