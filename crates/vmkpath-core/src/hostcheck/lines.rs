//! Lines of pasted text: line endings, shell prompts, command lines, and the small value parsers
//! every command family shares (vmknic names, IPv4 addresses, netmasks).

use crate::error::InputError;
use std::net::Ipv4Addr;

/// The text as numbered lines (1-based), with CRLF / lone CR endings and trailing blanks removed.
pub fn numbered(text: &str) -> Vec<(usize, String)> {
    let unified = text.replace("\r\n", "\n").replace('\r', "\n");
    unified
        .split('\n')
        .enumerate()
        .map(|(i, line)| (i + 1, line.trim_end().to_string()))
        .collect()
}

/// `InputError` for a line: path `line N`.
pub fn at(line: usize, message: impl Into<String>) -> InputError {
    InputError::new(format!("line {line}"), message)
}

/// A short quote of a line for error messages.
pub fn quote(text: &str) -> String {
    let trimmed = text.trim();
    let short: String = trimmed.chars().take(60).collect();
    if short.len() < trimmed.len() {
        format!("\"{short}…\"")
    } else {
        format!("\"{short}\"")
    }
}

/// The commands whose output hostcheck reads; `Other` is any other command (its output is skipped).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// `esxcfg-vmknic -l`
    VmknicList,
    /// `esxcli network ip interface list`
    InterfaceList,
    /// `esxcli network ip interface ipv4 get` (also `ipv4 address list`)
    Ipv4Get,
    /// `esxcli network ip interface tag get -i vmkN`: `vmk` is None when no usable name was given.
    TagGet { vmk: Option<String> },
    /// `esxcli network ip route ipv4 list` or `esxcfg-route -l`, optionally with `-N stack`.
    RouteList { netstack: Option<String> },
    /// `esxcfg-route` without `-l`: prints the default gateway.
    DefaultGateway { netstack: Option<String> },
    /// `esxcli network ip netstack list`
    NetstackList,
    /// `esxcli system hostname get`
    Hostname,
    /// Anything else typed at a prompt.
    Other(String),
}

impl Command {
    /// How the command is written, for messages.
    pub fn label(&self) -> String {
        match self {
            Self::VmknicList => "esxcfg-vmknic -l".into(),
            Self::InterfaceList => "esxcli network ip interface list".into(),
            Self::Ipv4Get => "esxcli network ip interface ipv4 get".into(),
            Self::TagGet { vmk } => format!(
                "esxcli network ip interface tag get -i {}",
                vmk.as_deref().unwrap_or("?")
            ),
            Self::RouteList { .. } => "the route list".into(),
            Self::DefaultGateway { .. } => "esxcfg-route".into(),
            Self::NetstackList => "esxcli network ip netstack list".into(),
            Self::Hostname => "esxcli system hostname get".into(),
            Self::Other(text) => text.clone(),
        }
    }
}

/// A prompt and/or command line: the host name a prompt shows, and the command typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommandLine {
    pub host: Option<String>,
    /// `None` for a bare prompt (nothing typed).
    pub command: Option<Command>,
}

const TOOLS: [&str; 4] = ["esxcli", "localcli", "esxcfg-vmknic", "esxcfg-route"];

/// Recognizes `[root@esx01:~] cmd`, `[root@esx01 ~]# cmd`, `~ # cmd`, `/tmp # cmd`, `# cmd` and
/// a bare `esxcli …` / `esxcfg-… ` line. `None`: not a prompt or command line. A `#` line that
/// is not a known command is a comment, also `None` (the caller skips it).
pub fn command_line(line: &str) -> Option<CommandLine> {
    let text = line.trim();
    if let Some(inner_end) = text.strip_prefix('[').and_then(|rest| rest.find(']')) {
        let inner = &text[1..1 + inner_end];
        if let Some((_, after_at)) = inner.split_once('@') {
            let host: String = after_at
                .chars()
                .take_while(|c| !matches!(c, ':' | ']') && !c.is_whitespace())
                .collect();
            let rest = text[inner_end + 2..].trim_start();
            let rest = rest
                .strip_prefix('#')
                .or_else(|| rest.strip_prefix('$'))
                .unwrap_or(rest)
                .trim();
            return Some(CommandLine {
                host: (!host.is_empty()).then_some(host),
                command: (!rest.is_empty()).then(|| parse_command(rest)),
            });
        }
    }
    let after_prompt = shell_prompt(text);
    let typed = after_prompt.unwrap_or(text);
    let first = typed.split_whitespace().next().unwrap_or("");
    let tool = first.rsplit('/').next().unwrap_or(first);
    if TOOLS.contains(&tool) {
        return Some(CommandLine {
            host: None,
            command: Some(parse_command(typed)),
        });
    }
    match after_prompt {
        // `~ # ls`: a prompt with another command, whose output is skipped.
        Some(rest) if !text.starts_with('#') && !rest.is_empty() => Some(CommandLine {
            host: None,
            command: Some(Command::Other(rest.to_string())),
        }),
        Some("") if !text.starts_with('#') => Some(CommandLine {
            host: None,
            command: None,
        }),
        _ => None,
    }
}

/// `~ # rest`, `/vmfs/volumes # rest`, `# rest`, `$ rest`: the text after the prompt.
fn shell_prompt(text: &str) -> Option<&str> {
    let after_mark = |t: &str| -> Option<usize> {
        let mut chars = t.char_indices();
        match chars.next() {
            Some((_, '#' | '$')) => match chars.next() {
                None => Some(1),
                Some((i, c)) if c.is_whitespace() => Some(i),
                _ => None,
            },
            _ => None,
        }
    };
    if let Some(i) = after_mark(text) {
        return Some(text[i..].trim());
    }
    let (cwd, rest) = text.split_once(char::is_whitespace)?;
    if !(cwd.starts_with('~') || cwd.starts_with('/')) {
        return None;
    }
    let rest = rest.trim_start();
    after_mark(rest).map(|i| rest[i..].trim())
}

fn parse_command(typed: &str) -> Command {
    // Only the first command of a pipeline or a list says what the output is.
    let first = typed.split(['|', ';', '>']).next().unwrap_or(typed).trim();
    let words: Vec<String> = first.split_whitespace().map(str::to_string).collect();
    let lower: Vec<String> = words.iter().map(|w| w.to_ascii_lowercase()).collect();
    let tool = lower
        .first()
        .map(|w| w.rsplit('/').next().unwrap_or(w).to_string())
        .unwrap_or_default();
    let other = || Command::Other(first.to_string());
    match tool.as_str() {
        "esxcfg-vmknic" => {
            if lower.iter().skip(1).any(|w| w == "-l" || w == "--list") {
                Command::VmknicList
            } else {
                other()
            }
        }
        "esxcfg-route" => {
            let netstack = option(&words, "-N", "--netstack");
            let mut rest = Vec::new();
            let mut skip = false;
            for w in words.iter().skip(1) {
                if skip {
                    skip = false;
                } else if w == "-N" || w == "--netstack" {
                    skip = true;
                } else if !(w.starts_with("--netstack=") || (w.starts_with("-N") && w.len() > 2)) {
                    rest.push(w.as_str());
                }
            }
            match rest.as_slice() {
                [] => Command::DefaultGateway { netstack },
                ["-l" | "--list"] => Command::RouteList { netstack },
                _ => other(),
            }
        }
        "esxcli" | "localcli" => esxcli(&words, &lower).unwrap_or_else(other),
        _ => other(),
    }
}

fn esxcli(words: &[String], lower: &[String]) -> Option<Command> {
    let mut path = Vec::new();
    for w in lower.iter().skip(1) {
        if w.starts_with("--formatter") {
            // csv / xml / keyvalue output is another shape: not read.
            return None;
        }
        if w.starts_with('-') {
            if path.is_empty() {
                continue;
            }
            break;
        }
        path.push(w.as_str());
    }
    let netstack = option(words, "-N", "--netstack");
    let command = match path.as_slice() {
        ["network", "ip", "interface", "list"] => Command::InterfaceList,
        ["network", "ip", "interface", "ipv4", "get"]
        | ["network", "ip", "interface", "ipv4", "address", "list"] => Command::Ipv4Get,
        ["network", "ip", "interface", "tag", "get"] => Command::TagGet {
            vmk: option(words, "-i", "--interface-name").filter(|v| is_vmk_name(v)),
        },
        ["network", "ip", "route", "ipv4", "list"] => Command::RouteList { netstack },
        ["network", "ip", "netstack", "list"] => Command::NetstackList,
        ["system", "hostname", "get"] => Command::Hostname,
        _ => return None,
    };
    Some(command)
}

/// The value of `-x VALUE`, `-xVALUE`, `--long VALUE` or `--long=VALUE`.
fn option(words: &[String], short: &str, long: &str) -> Option<String> {
    for (i, w) in words.iter().enumerate() {
        if w == short || w == long {
            return words.get(i + 1).cloned();
        }
        if let Some(v) = w.strip_prefix(&format!("{long}=")) {
            return Some(v.to_string());
        }
        if let Some(v) = w.strip_prefix(&format!("{short}=")) {
            return Some(v.to_string());
        }
        if let Some(v) = w.strip_prefix(short) {
            if !v.is_empty() && !w.starts_with("--") {
                return Some(v.to_string());
            }
        }
    }
    None
}

/// `vmk0` … `vmk999999`.
pub fn is_vmk_name(text: &str) -> bool {
    text.strip_prefix("vmk")
        .is_some_and(|n| !n.is_empty() && n.len() <= 6 && n.bytes().all(|b| b.is_ascii_digit()))
}

/// The number of a vmknic name, for vmk order.
pub fn vmk_number(name: &str) -> u32 {
    name.strip_prefix("vmk")
        .and_then(|n| n.parse().ok())
        .unwrap_or(u32::MAX)
}

pub fn ipv4(text: &str) -> Option<Ipv4Addr> {
    text.parse().ok()
}

/// `255.255.255.192` -> 26; `None` for a non-contiguous mask or not a mask at all.
pub fn prefix_of(mask: &str) -> Option<u8> {
    let bits = u32::from(ipv4(mask)?);
    let ones = bits.leading_ones();
    // Contiguous: nothing is left once the leading ones are shifted out.
    (bits.checked_shl(ones).unwrap_or(0) == 0).then_some(ones as u8)
}

/// `Key: value` (a key of at most five words of letters and digits, colon followed by a blank
/// or the end). Table rows hold addresses (dots) or wide gaps, so they never read as one.
pub fn key_value(line: &str) -> Option<(&str, &str)> {
    let (key, value) = line.split_once(':')?;
    if !(value.is_empty() || value.starts_with(char::is_whitespace)) {
        return None;
    }
    let key = key.trim();
    let first = key.chars().next()?;
    let ok = first.is_ascii_alphabetic()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, ' ' | '(' | ')' | '/' | '_' | '-'))
        && key.split_whitespace().count() <= 5
        && !key.contains("  ");
    ok.then(|| (key, value.trim()))
}

/// A separator line of dashes under a table header (`----  ------`).
pub fn is_separator(line: &str) -> bool {
    let t = line.trim();
    !t.is_empty() && t.chars().all(|c| c == '-' || c.is_whitespace()) && t.contains("--")
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn prompts_and_commands() {
        let c = command_line("[root@esxi:~] esxcfg-vmknic -l").unwrap();
        assert_eq!(c.host.as_deref(), Some("esxi"));
        assert_eq!(c.command, Some(Command::VmknicList));
        let c = command_line("~ # esxcli network ip interface ipv4 get").unwrap();
        assert_eq!(c.command, Some(Command::Ipv4Get));
        let c = command_line("[root@VSAN03:~]  esxcli network ip  interface list").unwrap();
        assert_eq!(c.command, Some(Command::InterfaceList));
        let c = command_line(
            "[root@esx01 ~]# esxcli network ip interface tag get --interface-name=vmk1",
        )
        .unwrap();
        assert_eq!(c.host.as_deref(), Some("esx01"));
        assert_eq!(
            c.command,
            Some(Command::TagGet {
                vmk: Some("vmk1".into())
            })
        );
        let c = command_line("esxcli network ip route ipv4 list -N vmotion").unwrap();
        assert_eq!(
            c.command,
            Some(Command::RouteList {
                netstack: Some("vmotion".into())
            })
        );
        assert_eq!(
            command_line("esxcfg-route").unwrap().command,
            Some(Command::DefaultGateway { netstack: None })
        );
        assert_eq!(
            command_line("esxcfg-route -l").unwrap().command,
            Some(Command::RouteList { netstack: None })
        );
        assert!(matches!(
            command_line("/tmp # ls -l").unwrap().command,
            Some(Command::Other(_))
        ));
        assert!(matches!(
            command_line("esxcli --formatter=csv network ip interface ipv4 get")
                .unwrap()
                .command,
            Some(Command::Other(_))
        ));
        assert_eq!(command_line("# a comment"), None);
        assert_eq!(command_line("vmk0  Management Network  IPv4"), None);
        assert_eq!(command_line("[root@esxi:~] ").unwrap().command, None);
    }

    #[test]
    fn masks() {
        assert_eq!(prefix_of("255.255.255.192"), Some(26));
        assert_eq!(prefix_of("255.255.255.255"), Some(32));
        assert_eq!(prefix_of("0.0.0.0"), Some(0));
        assert_eq!(prefix_of("255.0.255.0"), None);
        assert_eq!(prefix_of("300.0.0.0"), None);
    }

    #[test]
    fn key_values() {
        assert_eq!(key_value("   Name: vmk0"), Some(("Name", "vmk0")));
        assert_eq!(key_value("   Portset: "), Some(("Portset", "")));
        assert_eq!(key_value("   Tags:"), Some(("Tags", "")));
        assert_eq!(key_value("vmk0 PG IPv6 fe80::1 64"), None);
        assert_eq!(key_value("MAC 00:50:56:aa:bb:cc"), None);
    }
}
