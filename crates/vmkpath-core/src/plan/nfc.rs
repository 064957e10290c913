//! NFC endpoints (cold disk data, home files, cold migrations), and UDT in 8.0.
//! domain.md 4, 8.1, 8.2, 8.6: NFC is unbound, so the source egress is always a routing lookup
//! toward the destination's NFC address.

use super::findings::Findings;
use super::model::{Code, Rule, Severity, Side, Transport};
use super::routing::RouteHit;
use super::view::View;
use crate::model::{Stack, VmkId};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NfcPath {
    pub hit: RouteHit,
    /// The stack whose table was used on the source.
    pub table: Stack,
    pub receiver: VmkId,
    pub transport: Transport,
    pub rule: Rule,
}

pub fn plan_nfc(src: View, dst: View, findings: &mut Findings) -> Option<NfcPath> {
    let dst_provisioning = dst.provisioning_vmk();
    // Validation guarantees a management vmknic on every host.
    let receiver = dst_provisioning.or_else(|| dst.management_vmk())?;
    let table = if src.on_stack(&Stack::Provisioning).next().is_some() {
        Stack::Provisioning
    } else {
        Stack::Default
    };
    let address = dst.vmk(receiver).addr();
    let Some(hit) = src.lookup(&table, address) else {
        findings.push(
            Code::Unreachable,
            Severity::Error,
            Some(Side::Source),
            format!(
                "NFC from {} cannot reach {}'s {} ({address}): no route on {}'s {} stack leads there, so the migration fails at 23% with \"Cannot connect to host\".",
                src.name(),
                dst.name(),
                dst.label(receiver),
                src.name(),
                table
            ),
            Some(format!(
                "Put both provisioning vmknics in one subnet, or add a static route on {} toward {}'s provisioning subnet (or a default gateway).",
                src.name(),
                dst.name()
            )),
        );
        return None;
    };
    let udt =
        src.version.has_udt() && src.provisioning_vmk().is_some() && dst_provisioning.is_some();
    let (transport, rule) = if udt {
        (Transport::Udt, Rule::UdtToProvisioning)
    } else if dst_provisioning.is_some() {
        (Transport::Nfc, Rule::NfcToProvisioning)
    } else {
        (Transport::Nfc, Rule::NfcToManagement)
    };
    Some(NfcPath {
        hit,
        table,
        receiver,
        transport,
        rule,
    })
}
