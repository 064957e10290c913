//! The one-line answer to the article's question, *which vmknic does my vMotion leave on?*, read
//! off a plan: what the widget shows above the diagram and what the host check and `vmkpath
//! check` print first. It only restates the plan (flows, their rules and the same routing lookup
//! the planner made); it decides nothing.

use crate::model::{Scenario, Service, Stack, VmkId};
use crate::plan::{
    capitalize, Code, Flow, Outcome, Plan, RouteKind, Rule, Severity, Side, Transport, View,
};

/// The answer: a headline ("memory leaves esx01 on vmk0, the management vmknic, though vmk1 is
/// tagged for vMotion") and, when the plan has one, the reason in a few words ("vmk0 and vmk1
/// share 10.0.0.0/24 and vmk0 owns the route").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verdict {
    pub headline: String,
    pub reason: Option<String>,
    /// Cold data, when it takes another road than memory or the management network ("cold data
    /// goes by NFC from vmk0, the management vmknic, to esx02's vmk0").
    pub cold: Option<String>,
}

impl Verdict {
    /// "Memory leaves esx01 on vmk0, …: vmk0 and vmk1 share … and vmk0 owns the route."
    pub fn sentence(&self) -> String {
        capitalize(&self.joined())
    }

    /// For hosts the reader pasted: "Your vMotion leaves esx01 on vmk0, …".
    pub fn for_your_hosts(&self) -> String {
        let joined = self.joined();
        match joined.strip_prefix("memory ") {
            Some(rest) => format!("Your vMotion {rest}"),
            None => format!("For your hosts, {joined}"),
        }
    }

    fn joined(&self) -> String {
        let first = match &self.reason {
            Some(reason) => format!("{}: {reason}.", self.headline),
            None => format!("{}.", self.headline),
        };
        match &self.cold {
            Some(cold) => format!("{first} {}.", capitalize(cold)),
            None => first,
        }
    }
}

pub fn verdict(s: &Scenario, plan: &Plan) -> Verdict {
    let src = View::of(s, Side::Source);
    let dst = View::of(s, Side::Destination);
    if plan.outcome == Outcome::Blocked {
        let first = plan.findings.iter().find(|f| f.severity == Severity::Error);
        return Verdict {
            headline: format!(
                "the migration of {} from {} to {} is blocked",
                s.vm.name,
                src.name(),
                dst.name()
            ),
            reason: first.map(|f| blocked_reason(&f.message)),
            cold: None,
        };
    }
    let memory: Vec<&Flow> = crate::lists::filter_map(&plan.flows, |f| {
        (f.traffic == crate::plan::Traffic::Memory).then_some(f)
    });
    let cold = plan
        .flows
        .iter()
        .find(|f| matches!(f.transport, Transport::Nfc | Transport::Udt));
    match (memory.as_slice(), cold) {
        ([], Some(cold)) => cold_verdict(src, dst, cold, "everything"),
        ([], None) => Verdict {
            headline: format!(
                "nothing crosses the network: {} moves by the storage path",
                s.vm.name
            ),
            reason: None,
            cold: None,
        },
        ([one], cold) => with_cold(single_verdict(src, dst, one, plan), src, dst, cold, one),
        (many, cold) => with_cold(multi_verdict(src, dst, many), src, dst, cold, many[0]),
    }
}

/// "vmk0, the management vmknic" / "vmk1, its vMotion vmknic" / "vmk2 (Storage)".
fn role(view: View, id: VmkId) -> String {
    let name = &view.vmk(id).name;
    if view.has(id, Service::Management) {
        format!("{name}, the management vmknic")
    } else if view.vmotion_set().0.contains(&id) {
        format!("{name}, its vMotion vmknic")
    } else if view.provisioning_vmk() == Some(id) {
        format!("{name}, its provisioning vmknic")
    } else {
        view.label(id)
    }
}

/// `role` followed by more of the sentence: an appositive ("vmk0, the management vmknic,")
/// needs its closing comma.
fn role_mid(view: View, id: VmkId) -> String {
    let text = role(view, id);
    if crate::find::has(&text, ", ") {
        format!("{text},")
    } else {
        text
    }
}

fn single_verdict(src: View, dst: View, flow: &Flow, plan: &Plan) -> Verdict {
    let (Some(egress), Some(receiver)) = (flow.source.vmk, flow.destination.vmk) else {
        return Verdict {
            headline: "memory moves by vMotion".to_string(),
            reason: None,
            cold: None,
        };
    };
    let arrives = format!("{}'s {}", dst.name(), dst.vmk(receiver).name);
    if let Some(sender) = flow.bypassed {
        let headline = format!(
            "memory leaves {} on {} though {} is tagged for vMotion, and arrives on {arrives}",
            src.name(),
            role_mid(src, egress),
            src.vmk(sender).name
        );
        return Verdict {
            headline,
            reason: routed_reason(src, dst, sender, receiver),
            cold: None,
        };
    }
    let reason = match flow.rule {
        Rule::VmotionStackBound => Some(format!(
            "{} is on the vMotion TCP/IP stack, whose traffic is bound to its vmknics",
            src.vmk(egress).name
        )),
        Rule::VmotionGatewayOverride => Some(format!(
            "{} reaches the peer through its own gateway override",
            src.vmk(egress).name
        )),
        Rule::SingleVmotionVmkBound => {
            let shared = src.subnet_mates(egress).len() > 1;
            let multihomed = plan
                .findings
                .iter()
                .any(|f| f.code == Code::Multihoming && f.host == Some(Side::Source));
            Some(format!(
                "from 6.5 ESXi binds a single vMotion vmknic to its traffic (our reading of Migrate.BindToVmknic){}",
                if shared && multihomed {
                    ", though its subnet is still shared"
                } else {
                    ""
                }
            ))
        }
        _ => None,
    };
    // A Multi-NIC source paired with a single receiver: the idle vmknics are the answer too.
    let reason = reason.or_else(|| {
        let (senders, _) = src.vmotion_set();
        (senders.len() > 1 && plan.findings.iter().any(|f| f.code == Code::SingleStream)).then(
            || {
                let idle = crate::lists::filter_map(&senders, |id| {
                    (*id != egress).then(|| src.vmk(*id).name.clone())
                });
                format!(
                    "{} has only one vMotion vmknic, so {} {} nothing",
                    dst.name(),
                    crate::plan::join_and(&idle),
                    if idle.len() == 1 { "carries" } else { "carry" }
                )
            },
        )
    });
    Verdict {
        headline: format!(
            "memory leaves {} on {} and arrives on {arrives}",
            src.name(),
            role_mid(src, egress)
        ),
        reason,
        cold: None,
    }
}

/// Why the routing table sent vMotion out of another vmknic than its own: the same lookup the
/// planner made toward the receiver's address.
fn routed_reason(src: View, dst: View, sender: VmkId, receiver: VmkId) -> Option<String> {
    let hit = src.lookup(&Stack::Default, dst.vmk(receiver).addr())?;
    let egress = &src.vmk(hit.egress).name;
    Some(match hit.kind {
        RouteKind::Connected { subnet } => format!(
            "{egress} and {} share {subnet} and {egress} owns the route",
            src.vmk(sender).name
        ),
        RouteKind::Static { network, gateway } => {
            format!("the static route {network} via {gateway} leaves on {egress}")
        }
        RouteKind::Default { gateway } => format!(
            "only the default gateway {gateway} reaches {}, and it lies in {egress}'s subnet",
            dst.vmk(receiver).addr()
        ),
    })
}

fn multi_verdict(src: View, dst: View, flows: &[&Flow]) -> Verdict {
    let names = |view: View, ends: Vec<Option<VmkId>>| -> String {
        let list = crate::lists::filter_map(&ends, |id| Some(view.vmk((*id)?).name.clone()));
        crate::plan::join_and(&list)
    };
    let senders = names(src, crate::lists::map(flows, |f| f.source.vmk));
    let receivers = names(dst, crate::lists::map(flows, |f| f.destination.vmk));
    let stack = flows.iter().all(|f| f.rule == Rule::VmotionStackBound);
    Verdict {
        headline: format!(
            "memory leaves {} on {senders} and arrives on {}'s {receivers}",
            src.name(),
            dst.name()
        ),
        reason: Some(if stack {
            "the vMotion TCP/IP stack binds each stream to its own vmknic".to_string()
        } else {
            "Multi-NIC vMotion binds each stream to its own vmknic, paired in order".to_string()
        }),
        cold: None,
    }
}

/// Cold data that leaves on another vmknic than memory, or on a management vmknic, is part of
/// the answer too (the article's second surprise: NFC over management).
fn with_cold(mut v: Verdict, src: View, dst: View, cold: Option<&Flow>, memory: &Flow) -> Verdict {
    let Some(cold) = cold else { return v };
    let (Some(egress), Some(receiver)) = (cold.source.vmk, cold.destination.vmk) else {
        return v;
    };
    if cold.source.vmk == memory.source.vmk && !src.has(egress, Service::Management) {
        // "Force everything over vMotion": worth saying, it is the point of the setup.
        v.cold = Some(format!(
            "cold data takes the same vmknic, by {}, to {}'s {}",
            transport_name(cold.transport),
            dst.name(),
            dst.vmk(receiver).name
        ));
    } else {
        v.cold = Some(format!(
            "cold data goes by {} from {} to {}'s {}",
            transport_name(cold.transport),
            role_mid(src, egress),
            dst.name(),
            dst.vmk(receiver).name
        ));
    }
    v
}

fn cold_verdict(src: View, dst: View, cold: &Flow, what: &str) -> Verdict {
    let (Some(egress), Some(receiver)) = (cold.source.vmk, cold.destination.vmk) else {
        return Verdict {
            headline: format!("{what} moves by {}", transport_name(cold.transport)),
            reason: None,
            cold: None,
        };
    };
    Verdict {
        headline: format!(
            "{what} leaves {} by {} on {} and arrives on {}'s {}",
            src.name(),
            transport_name(cold.transport),
            role_mid(src, egress),
            dst.name(),
            dst.vmk(receiver).name
        ),
        reason: None,
        cold: None,
    }
}

fn transport_name(t: Transport) -> &'static str {
    match t {
        Transport::Nfc => "NFC",
        Transport::Udt => "UDT",
        Transport::Vmotion => "vMotion",
        Transport::Storage => "the storage path",
    }
}

/// An error message without its own ending ("…, so the migration is blocked."): the headline
/// already says it.
fn blocked_reason(text: &str) -> String {
    let text = text.trim_end_matches('.');
    for tail in [
        ": the migration is blocked",
        ", so the migration is blocked",
        ", so it is blocked",
        " and the migration is blocked",
    ] {
        if let Some(head) = text.strip_suffix(tail) {
            return head.to_string();
        }
    }
    text.to_string()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::scenarios::{builtin, builtins};

    fn of(name: &str) -> Verdict {
        let s = builtin(name).unwrap().scenario().unwrap();
        verdict(&s, &crate::plan::plan(&s))
    }

    #[test]
    fn the_article_case_names_the_management_vmknic_and_the_shared_subnet() {
        let v = of("shared-subnet");
        assert!(
            v.headline
                .starts_with("memory leaves esx01 on vmk0, the management vmknic, though vmk1 is tagged for vMotion, and arrives on esx02's vmk1"),
            "{v:?}"
        );
        let reason = v.reason.clone().unwrap();
        assert!(reason.contains("vmk0 and vmk1 share"), "{reason}");
        assert!(reason.ends_with("vmk0 owns the route"), "{reason}");
        assert!(v
            .for_your_hosts()
            .starts_with("Your vMotion leaves esx01 on vmk0"));
    }

    #[test]
    fn multi_nic_names_every_pair() {
        let v = of("multi-nic-fix");
        assert!(v.headline.contains(" and "), "{v:?}");
        assert!(v.reason.unwrap().contains("Multi-NIC"));
    }

    #[test]
    fn a_blocked_plan_says_so_with_its_first_error() {
        let v = of("blocked-no-vmotion");
        assert!(v.headline.contains("is blocked"), "{v:?}");
        assert!(v.reason.is_some());
    }

    #[test]
    fn every_builtin_has_a_verdict_sentence() {
        for b in builtins() {
            let s = b.scenario().unwrap();
            let text = verdict(&s, &crate::plan::plan(&s)).sentence();
            assert!(text.ends_with('.') && text.len() > 20, "{}: {text}", b.name);
            assert!(text.chars().next().unwrap().is_uppercase(), "{text}");
        }
    }
}
