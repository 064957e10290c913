//! Plan flows to tasks on links, then the bulk copy (`run`), then memory (`precopy`).

use super::figures::{bytes_per_s, stream_cap_gbps, NFC_CAP_GBPS};
use super::precopy::precopy;
use super::run::{simulate, Task};
use super::share::{fair_share, Demand};
use super::{FlowTiming, Interval, MemoryCopy, Phase, Timeline};
use crate::model::{Scenario, UplinkId, VmkId, MIB};
use crate::plan::{Flow, Outcome, Plan, Side, Traffic, Transport};

/// The timeline of a plan. A blocked plan has an empty one (`duration_s` and `stun_ms` `None`).
pub fn schedule(s: &Scenario, plan: &Plan) -> Timeline {
    match plan.outcome {
        Outcome::Blocked => Timeline::default(),
        Outcome::Ok => schedule_flows(s, &plan.flows),
    }
}

/// What a flow's bytes queue on: an uplink (one direction: everything goes source to
/// destination) or, through 6.7, a vMotion stream, one per vmknic pair [BLOG-STREAMS].
#[derive(Debug, Clone, Copy, PartialEq)]
enum Link {
    Uplink(Side, UplinkId),
    Stream(VmkId, VmkId),
}

#[derive(Default)]
struct Links {
    keys: Vec<Link>,
    capacity: Vec<f64>,
    /// Bytes/s of one vMotion stream, when the hosts' versions cap a pair by one (domain.md 8.17).
    stream: Option<f64>,
}

impl Links {
    fn id(&mut self, key: Link, bytes_per_s: f64) -> usize {
        match self.keys.iter().position(|k| *k == key) {
            Some(i) => i,
            None => {
                self.keys.push(key);
                self.capacity.push(bytes_per_s);
                self.keys.len() - 1
            }
        }
    }

    /// The links a flow crosses: its two uplinks, and its vMotion stream (through 6.7).
    fn of(&mut self, s: &Scenario, f: &Flow) -> Vec<usize> {
        let mut out = Vec::with_capacity(3);
        for (end, host) in [(f.source, &s.source), (f.destination, &s.destination)] {
            if let Some(u) = end.uplink.filter(|u| u.0 < host.uplinks.len()) {
                let speed = bytes_per_s(host.uplink(u).gbps);
                out.push(self.id(Link::Uplink(end.side, u), speed));
            }
        }
        if let (Transport::Vmotion, Some(a), Some(b), Some(stream)) =
            (f.transport, f.source.vmk, f.destination.vmk, self.stream)
        {
            out.push(self.id(Link::Stream(a, b), stream));
        }
        out
    }
}

fn schedule_flows(s: &Scenario, flows: &[Flow]) -> Timeline {
    let stream = stream_cap_gbps(s.source_version(), s.destination_version()).map(bytes_per_s);
    let mut links = Links {
        stream,
        ..Links::default()
    };
    let mut timing: Vec<Option<FlowTiming>> = vec![None; flows.len()];
    let hot_pairs = flows
        .iter()
        .filter(|f| f.traffic == Traffic::HotDisk && f.transport == Transport::Vmotion)
        .count()
        .max(1);
    let write = s.vm.write_mib_per_s * MIB;

    // The bulk copy: every disk and home-file flow that crosses the network. [D12]
    let mut tasks: Vec<Task> = Vec::new();
    let mut last_nfc: Option<usize> = None;
    for (i, f) in flows.iter().enumerate() {
        let (cap, chained) = match (f.traffic, f.transport) {
            (Traffic::Memory, _) | (_, Transport::Storage) => continue,
            (Traffic::IoMirror, _) => (write / hot_pairs as f64, false),
            (_, Transport::Nfc) => (bytes_per_s(NFC_CAP_GBPS), true),
            // UDT (8.0) sends with the vMotion protocol, NFC only steering it [UDT]: from 7.0 no
            // stream caps it (domain.md 8.17); ours, one file after another like NFC.
            (_, Transport::Udt) => (stream.unwrap_or(f64::INFINITY), true),
            (_, Transport::Vmotion) => (f64::INFINITY, false),
        };
        let mirror_of = (f.traffic == Traffic::IoMirror)
            .then(|| {
                tasks.iter().position(|t| {
                    let h = &flows[t.flow];
                    h.traffic == Traffic::HotDisk
                        && h.source.vmk == f.source.vmk
                        && h.destination.vmk == f.destination.vmk
                })
            })
            .flatten();
        if f.traffic == Traffic::IoMirror && mirror_of.is_none() {
            continue;
        }
        let task = Task {
            flow: i,
            bytes: f.bytes as f64,
            links: links.of(s, f),
            cap,
            // NFC is single-threaded [KB-NFCSLOW]: ours, one file after another.
            after: if chained { last_nfc } else { None },
            mirror_of,
        };
        if chained {
            last_nfc = Some(tasks.len());
        }
        tasks.push(task);
    }
    let run = simulate(&links.capacity, &tasks, 0.0);
    for (k, t) in tasks.iter().enumerate() {
        if let (Some(start_s), Some(end_s)) = (run.start[k], run.end[k]) {
            timing[t.flow] = Some(FlowTiming {
                start_s,
                end_s,
                bytes: run.sent[k].round() as u64,
            });
        }
    }
    let mut intervals = run.intervals;
    let mut end = run.end_time;

    // Memory, after the disks. [D12][KB-VMO]
    // Loops that push rather than `collect`: each collect is generic code of its own in the wasm.
    let mut memory = Vec::new();
    let mut demands = Vec::new();
    for (i, f) in flows.iter().enumerate() {
        if f.traffic == Traffic::Memory && f.transport == Transport::Vmotion {
            memory.push(i);
            demands.push(Demand {
                links: links.of(s, f),
                cap: f64::INFINITY,
            });
        }
    }
    let mut memory_copy = None;
    if !memory.is_empty() {
        let rates = fair_share(&links.capacity, &demands);
        let send: f64 = rates.iter().sum::<f64>().max(1.0);
        let bytes: f64 = memory.iter().map(|&i| flows[i].bytes as f64).sum();
        let dirty = s.vm.dirty_mib_per_s * MIB;
        let pc = precopy(bytes, send, dirty);
        let with_rates = |start_s: f64, took: f64, phase| {
            let mut flow_rates = Vec::with_capacity(memory.len());
            for (&i, &r) in memory.iter().zip(&rates) {
                flow_rates.push((i, r));
            }
            Interval {
                start_s,
                end_s: start_s + took,
                phase,
                rates: flow_rates,
            }
        };
        let start = end;
        for (k, sent) in pc.passes.iter().enumerate() {
            let pass = k as u32 + 1;
            let sdps = pc.sdps_from_pass.is_some_and(|p| pass >= p);
            let took = sent / send;
            if took > 0.0 {
                intervals.push(with_rates(end, took, Phase::PreCopy { pass, sdps }));
            }
            end += took;
        }
        let stun_s = pc.stun_bytes / send;
        if stun_s > 0.0 {
            intervals.push(with_rates(end, stun_s, Phase::Stun));
        }
        end += stun_s;
        let total: f64 = pc.passes.iter().sum::<f64>() + pc.stun_bytes;
        for (&i, r) in memory.iter().zip(&rates) {
            timing[i] = Some(FlowTiming {
                start_s: start,
                end_s: end,
                bytes: (total * r / send).round() as u64,
            });
        }
        memory_copy = Some(MemoryCopy {
            send_bytes_per_s: send,
            dirty_bytes_per_s: dirty,
            passes: pc.passes.len() as u32,
            sdps_from_pass: pc.sdps_from_pass,
            stun_s,
        });
    }
    Timeline {
        flows: timing,
        intervals,
        duration_s: Some(end),
        stun_ms: memory_copy.as_ref().map(|m| m.stun_s * 1000.0),
        memory: memory_copy,
    }
}
