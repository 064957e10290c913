//! A problem of the scenario built from pasted outputs, said in the reader's words: the field
//! path of the scenario format (`source.vmknics[1].ip`) becomes the host and vmknic it is about
//! ("esx01, vmk1's address"). The reader never wrote that file, so its paths mean nothing to them.

use crate::error::InputError;
use crate::format::ScenarioFile;

/// "esx01, vmk1's address: \"10.0.0.300/24\" is not an IPv4/IPv6 network".
pub fn in_words(e: &InputError, file: &ScenarioFile) -> String {
    let mut parts = e.path.split('.');
    let host = match parts.next() {
        Some("source") => &file.source,
        Some("destination") => &file.destination,
        _ => return e.message.clone(),
    };
    let mut place = host.name.clone();
    for part in parts {
        let (field, index) = match part.split_once('[') {
            Some((f, rest)) => (
                f,
                crate::integer::parse::<usize>(rest.trim_end_matches(']'), 10),
            ),
            None => (part, None),
        };
        let word = match (field, index) {
            ("vmknics", Some(i)) => host.vmknics.get(i).map(|v| v.name.clone()),
            ("uplinks", Some(i)) => host.uplinks.get(i).map(|u| format!("uplink {}", u.name)),
            ("routes", Some(i)) => host
                .routes
                .get(i)
                .map(|r| format!("the static route {} via {}", r.network, r.gateway)),
            ("ip", _) => Some("address".to_string()),
            ("active" | "standby", _) => Some("uplinks".to_string()),
            ("gbps", _) => Some("speed".to_string()),
            ("default_gateway", _) => Some("default gateway".to_string()),
            ("vmknics", None) => Some("vmknics".to_string()),
            (other, _) => Some(other.replace('_', " ")),
        };
        if let Some(word) = word {
            place = if place == host.name {
                format!("{place}, {word}")
            } else {
                format!("{place}'s {word}")
            };
        }
    }
    format!("{place}: {}", e.message)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::format::{HostFile, VmknicFile};

    #[test]
    fn paths_become_hosts_and_vmknics() {
        let mut file = crate::scenarios::builtin("shared-subnet")
            .unwrap()
            .file()
            .unwrap();
        file.source = HostFile {
            vmknics: vec![VmknicFile {
                name: "vmk1".into(),
                ..file.source.vmknics[0].clone()
            }],
            ..file.source.clone()
        };
        let e = InputError::new("source.vmknics[0].ip", "\"x\" is not an IPv4/IPv6 network");
        assert_eq!(
            in_words(&e, &file),
            "esx01, vmk1's address: \"x\" is not an IPv4/IPv6 network"
        );
        let e = InputError::new(
            "destination.vmknics",
            "esx02 has no vmknic with the management service",
        );
        assert_eq!(
            in_words(&e, &file),
            "esx02, vmknics: esx02 has no vmknic with the management service"
        );
        assert_eq!(in_words(&InputError::new("version", "bad"), &file), "bad");
    }
}
