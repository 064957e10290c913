//! The plan told as an ordered list of events, in the order a migration does things: disks are
//! bulk-copied first, then memory [D12]; then the switch-over. The widget animates these steps
//! and reads them to screen readers; the text is the same everywhere.

use crate::format::human_bytes;
use crate::lists::Joined;
use crate::model::Scenario;
use crate::plan::{Flow, Outcome, Plan, Side, Traffic, Transport};

#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    pub text: String,
    /// Indexes into `plan.flows` that this step shows.
    pub flows: Vec<usize>,
}

fn endpoint(s: &Scenario, flow: &Flow, side: Side) -> String {
    let (host, end) = match side {
        Side::Source => (&s.source, flow.source),
        Side::Destination => (&s.destination, flow.destination),
    };
    match (end.vmk, end.uplink) {
        (Some(v), Some(u)) => format!(
            "{} on {} ({})",
            host.name,
            host.vmk(v).name,
            host.uplink(u).name
        ),
        (Some(v), None) => format!("{} on {}", host.name, host.vmk(v).name),
        _ => format!("{}'s datastore", host.name),
    }
}

fn verb(traffic: Traffic) -> &'static str {
    match traffic {
        Traffic::Memory => "Memory pre-copy",
        Traffic::HotDisk => "Hot disk data (the active delta)",
        Traffic::IoMirror => "Guest writes, mirrored while the disk copies,",
        Traffic::ColdDisk => "Cold disk data",
        Traffic::HomeFiles => "Home files (vmx, nvram, logs)",
    }
}

pub fn events(s: &Scenario, plan: &Plan) -> Vec<Event> {
    if plan.outcome == Outcome::Blocked {
        return vec![Event {
            text: format!(
                "The migration of {} from {} to {} is blocked: see the findings.",
                s.vm.name, s.source.name, s.destination.name
            ),
            flows: Vec::new(),
        }];
    }
    let order = [
        Traffic::ColdDisk,
        Traffic::HomeFiles,
        Traffic::HotDisk,
        Traffic::IoMirror,
        Traffic::Memory,
    ];
    let mut out = Vec::new();
    for traffic in order {
        let indexes = crate::lists::positions(&plan.flows, |f| f.traffic == traffic);
        let Some(first) = indexes.first().map(|i| &plan.flows[*i]) else {
            continue;
        };
        let bytes: u64 = indexes.iter().map(|i| plan.flows[*i].bytes).sum();
        let size = if traffic == Traffic::IoMirror {
            String::new()
        } else {
            format!(" ({})", human_bytes(bytes))
        };
        let transport = match first.transport {
            Transport::Vmotion => "the vMotion protocol",
            Transport::Nfc => "NFC",
            Transport::Udt => "UDT",
            Transport::Storage => "the storage path",
        };
        let text = if first.transport == Transport::Storage {
            format!(
                "{}{size} moves by {transport}, not over the network.",
                verb(traffic)
            )
        } else if indexes.len() > 1 {
            let streams = crate::lists::map(&indexes, |i| {
                format!(
                    "{} to {}",
                    endpoint(s, &plan.flows[*i], Side::Source),
                    endpoint(s, &plan.flows[*i], Side::Destination)
                )
            });
            format!(
                "{}{size} travels by {transport} in {} streams: {}.",
                verb(traffic),
                indexes.len(),
                streams.joined("; ")
            )
        } else {
            format!(
                "{}{size} leaves {} by {transport} and arrives at {}.",
                verb(traffic),
                endpoint(s, first, Side::Source),
                endpoint(s, first, Side::Destination)
            )
        };
        out.push(Event {
            text,
            flows: indexes,
        });
    }
    if s.migration.kind.is_hot() {
        out.push(Event {
            text: format!("Switch-over: {} is stunned briefly while the last dirty pages and the device state are sent, and it resumes on {} (our timing model times the last pages only: the device state and the RARP are not modelled).", s.vm.name, s.destination.name),
            flows: crate::lists::positions(&plan.flows, |f| f.traffic == Traffic::Memory),
        });
    } else {
        out.push(Event {
            text: format!(
                "{} is registered on {}, powered off.",
                s.vm.name, s.destination.name
            ),
            flows: Vec::new(),
        });
    }
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn shared_subnet_narrates_memory_leaving_vmk0() {
        let s = crate::toggles::Toggles::default().scenario().unwrap();
        let plan = crate::plan(&s);
        let ev = events(&s, &plan);
        assert!(ev[0].text.starts_with("Cold disk data"), "{}", ev[0].text);
        let memory = ev.iter().find(|e| e.text.starts_with("Memory")).unwrap();
        assert!(
            memory.text.contains("leaves esx01 on vmk0 (vmnic0)"),
            "{}",
            memory.text
        );
        assert!(memory.text.contains("esx02 on vmk1"), "{}", memory.text);
        let shown: usize = ev[..ev.len() - 1].iter().map(|e| e.flows.len()).sum();
        assert_eq!(
            shown,
            plan.flows.len(),
            "every flow is narrated once before switch-over"
        );
    }
}
