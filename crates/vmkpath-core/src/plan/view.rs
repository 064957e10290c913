//! A host as one vSphere version sees it: the version gates of domain.md 8.8 applied without
//! copying the host (features the version lacks are ignored, never rejected).

use super::model::Side;
use crate::lists::Joined;
use crate::model::{Host, Service, Stack, Version, VmkId, Vmknic};
use std::net::IpAddr;

static DEFAULT_STACK: Stack = Stack::Default;

#[derive(Debug, Clone, Copy)]
pub struct View<'a> {
    pub host: &'a Host,
    pub side: Side,
    pub version: Version,
}

impl<'a> View<'a> {
    pub fn new(host: &'a Host, side: Side, version: Version) -> Self {
        Self {
            host,
            side,
            version,
        }
    }

    /// One side of a scenario, seen by that host's own version (domain.md 8.19).
    pub fn of(s: &'a crate::model::Scenario, side: Side) -> Self {
        match side {
            Side::Source => Self::new(&s.source, side, s.source_version()),
            Side::Destination => Self::new(&s.destination, side, s.destination_version()),
        }
    }

    pub fn name(&self) -> &'a str {
        &self.host.name
    }

    pub fn vmk(&self, id: VmkId) -> &'a Vmknic {
        self.host.vmk(id)
    }

    /// Before 6.0 there is only the default stack: every vmknic counts as on it.
    pub fn stack(&self, id: VmkId) -> &'a Stack {
        if self.version.has_stacks_and_provisioning() {
            &self.host.vmk(id).stack
        } else {
            &DEFAULT_STACK
        }
    }

    /// Services after the gates: the Provisioning tag exists from 6.0 on.
    pub fn has(&self, id: VmkId, service: Service) -> bool {
        if service == Service::Provisioning && !self.version.has_stacks_and_provisioning() {
            return false;
        }
        self.host.vmk(id).has(service)
    }

    /// The per-vmknic gateway override exists from 6.5 on.
    pub fn gateway_override(&self, id: VmkId) -> Option<IpAddr> {
        if self.version.has_gateway_override() {
            self.host.vmk(id).gateway
        } else {
            None
        }
    }

    /// A stack's gateway after the gates (other stacks exist from 6.0 on).
    pub fn stack_gateway(&self, stack: &Stack) -> Option<IpAddr> {
        match stack {
            Stack::Default => self.host.default_gateway,
            _ if !self.version.has_stacks_and_provisioning() => None,
            other => self.host.stack_gateways.get(other).copied(),
        }
    }

    pub fn on_stack(&self, stack: &'a Stack) -> impl Iterator<Item = VmkId> + 'a {
        let view = *self;
        self.host
            .vmk_ids()
            .filter(move |id| view.stack(*id) == stack)
    }

    /// The vMotion vmknic set: all vmknics of the vMotion stack if it has any (6.0+), else the
    /// default-stack vmknics tagged vMotion. [DOC-STACK]
    pub fn vmotion_set(&self) -> (Vec<VmkId>, bool) {
        // Pushed in loops, not collected: each collect is generic code of its own in the wasm.
        let (mut on_vmotion_stack, mut tagged) = (Vec::new(), Vec::new());
        for id in self.host.vmk_ids() {
            if *self.stack(id) == Stack::Vmotion {
                on_vmotion_stack.push(id);
            } else if self.stack(id) == &DEFAULT_STACK && self.has(id, Service::Vmotion) {
                tagged.push(id);
            }
        }
        if !on_vmotion_stack.is_empty() {
            return (on_vmotion_stack, true);
        }
        (tagged, false)
    }

    /// The provisioning vmknic: on the Provisioning stack, else a default-stack vmknic with the
    /// Provisioning service (domain.md 8.12). None before 6.0.
    pub fn provisioning_vmk(&self) -> Option<VmkId> {
        self.on_stack(&Stack::Provisioning).next().or_else(|| {
            self.on_stack(&DEFAULT_STACK)
                .find(|id| self.has(*id, Service::Provisioning))
        })
    }

    /// The first management vmknic: the NFC address when there is no provisioning vmknic.
    pub fn management_vmk(&self) -> Option<VmkId> {
        self.host
            .vmk_ids()
            .find(|id| self.has(*id, Service::Management))
    }

    pub fn first_uplink(&self, id: VmkId) -> Option<crate::model::UplinkId> {
        self.host.vmk(id).active.first().copied()
    }

    /// "vmk0 (Management Network)": the port group when known, else the services.
    pub fn label(&self, id: VmkId) -> String {
        let vmk = self.host.vmk(id);
        match &vmk.portgroup {
            Some(pg) => format!("{} ({pg})", vmk.name),
            None if vmk.services.is_empty() => vmk.name.clone(),
            None => {
                let services: Vec<&str> = crate::lists::map(&vmk.services, |s| s.label());
                format!("{} ({})", vmk.name, services.joined(", "))
            }
        }
    }

    pub fn uplink_name(&self, id: VmkId) -> &'a str {
        self.first_uplink(id)
            .map(|u| self.host.uplink(u).name.as_str())
            .unwrap_or("?")
    }
}
