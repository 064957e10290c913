//! TCP/IP stacks: ESXi's netstack instance names as vmkpath's stack names, and the
//! `esxcli network ip netstack list` records.

use super::lines::{at, quote};
use crate::error::InputError;

/// The stack a vmknic sits on, as the scenario format writes it: `None` for the default stack
/// (`defaultTcpipStack`), `vmotion`, `provisioning` (`vSphereProvisioning`), else the name as
/// ESXi writes it (NSX's `vxlan`, `hyperbus`, …).
pub fn stack_name(netstack: &str) -> Option<String> {
    let name = netstack.trim();
    match name.to_ascii_lowercase().as_str() {
        "defaulttcpipstack" | "default" => None,
        "vmotion" => Some("vmotion".to_string()),
        "vsphereprovisioning" | "provisioning" => Some("provisioning".to_string()),
        _ => Some(name.to_string()),
    }
}

/// Does `text` look like a netstack instance name (a letter or digit, then letters, digits,
/// `_`, `-`, `.`)?
pub fn is_netstack_name(text: &str) -> bool {
    text.chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphanumeric())
        && text.len() <= 64
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
}

/// The netstack instance name ESXi prints for a scenario stack (the inverse of [`stack_name`]).
pub fn netstack_of(stack: Option<&str>) -> &str {
    match stack {
        None | Some("default") => "defaultTcpipStack",
        Some("provisioning") => "vSphereProvisioning",
        Some(other) => other,
    }
}

/// One `netstack list` record: its key (the instance name).
pub fn netstack_record(
    title: &str,
    fields: &[(String, String, usize)],
    line: usize,
) -> Result<String, InputError> {
    let field = |key: &str| {
        fields
            .iter()
            .find(|(k, _, _)| k.eq_ignore_ascii_case(key))
            .map(|(_, v, _)| v.trim())
    };
    let key = field("Key")
        .or_else(|| field("Name"))
        .unwrap_or(title.trim());
    if !is_netstack_name(key) {
        return Err(at(
            line,
            format!(
                "expected a netstack name for this netstack list entry, found {}",
                quote(key)
            ),
        ));
    }
    Ok(key.to_string())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn names_both_ways() {
        assert_eq!(stack_name("defaultTcpipStack"), None);
        assert_eq!(stack_name("vmotion").as_deref(), Some("vmotion"));
        assert_eq!(
            stack_name("vSphereProvisioning").as_deref(),
            Some("provisioning")
        );
        assert_eq!(stack_name("vxlan").as_deref(), Some("vxlan"));
        for s in [None, Some("vmotion"), Some("provisioning"), Some("vxlan")] {
            assert_eq!(stack_name(netstack_of(s)).as_deref(), s);
        }
    }
}
