//! NFC endpoints (cold disk data, home files, cold migrations), and UDT in 8.0.
//! domain.md 4, 8.1, 8.2, 8.6, 8.15: NFC is unbound, so the source egress is always a routing
//! lookup toward the destination's NFC address, and the destination answers by a lookup of the
//! source's sending address in the table of its NFC vmknic's stack.

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
    /// The destination's way back to the source's sending address, on `back_table`.
    pub back: RouteHit,
    pub back_table: Stack,
    pub transport: Transport,
    pub rule: Rule,
}

/// The stack whose table the source looks the NFC address up in (8.1).
pub fn source_table(src: View) -> Stack {
    if src.on_stack(&Stack::Provisioning).next().is_some() {
        Stack::Provisioning
    } else {
        Stack::Default
    }
}

pub fn plan_nfc(src: View, dst: View, findings: &mut Findings) -> Option<NfcPath> {
    let dst_provisioning = dst.provisioning_vmk();
    // Validation guarantees a management vmknic on every host.
    let receiver = dst_provisioning.or_else(|| dst.management_vmk())?;
    let table = source_table(src);
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
            Some(two_way_fix(src, dst)),
        );
        return None;
    };
    let from = src.vmk(hit.egress).addr();
    let back_table = dst.stack(receiver).clone();
    let Some(back) = dst.lookup(&back_table, from) else {
        findings.push(
            Code::Unreachable,
            Severity::Error,
            Some(Side::Destination),
            format!(
                "{} cannot reach {}'s {} ({from}) back: no route on {}'s {back_table} stack (the stack of its NFC vmknic {}) leads there. NFC is a TCP connection that {} opens, so its replies need that way back (inferred from TCP; the traffic must be routable both ways) and the migration fails to connect.",
                dst.name(),
                src.name(),
                src.vmk(hit.egress).name,
                dst.name(),
                dst.vmk(receiver).name,
                src.name()
            ),
            Some(two_way_fix(src, dst)),
        );
        return None;
    };
    let udt = src.version.has_udt()
        && dst.version.has_udt()
        && src.provisioning_vmk().is_some()
        && dst_provisioning.is_some();
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
        back,
        back_table,
        transport,
        rule,
    })
}

/// A two-way fix (8.15): routes on one host only are the classic mistake.
fn two_way_fix(src: View, dst: View) -> String {
    if src.provisioning_vmk().is_some() && dst.provisioning_vmk().is_some() {
        format!(
            "Put both provisioning vmknics in one subnet, or route both ways: a static route (or gateway) on {} toward {}'s provisioning subnet and on {} back toward {}'s (KB 340170 case 3).",
            src.name(),
            dst.name(),
            dst.name(),
            src.name()
        )
    } else {
        format!(
            "Give {} and {} a route to each other's NFC address (management or provisioning vmknic), in both directions, or put those vmknics in one subnet.",
            src.name(),
            dst.name()
        )
    }
}
