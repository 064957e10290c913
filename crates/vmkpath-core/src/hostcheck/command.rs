//! Prompts and command lines in pasted text: which command printed the lines below, and the
//! host a prompt names (ESXi shell, busybox, Linux, PowerShell, govc on the reader's machine).

use super::lines::is_vmk_name;

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
    /// `esxcli system version get`, `vmware -v` / `-l` / `-vl`, PowerCLI's
    /// `(Get-EsxCli).system.version.get()`.
    EsxiVersion,
    /// PowerCLI's `Get-VMHostNetworkAdapter` (its `-VMHost` when that is a plain name).
    PowerCliAdapters { host: Option<String> },
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
            Self::EsxiVersion => "esxcli system version get / vmware -v".into(),
            Self::PowerCliAdapters { .. } => "Get-VMHostNetworkAdapter".into(),
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

const TOOLS: [&str; 5] = [
    "esxcli",
    "localcli",
    "esxcfg-vmknic",
    "esxcfg-route",
    "govc",
];

/// Recognizes `[root@esx01:~] cmd`, `[root@esx01 ~]# cmd` (also with its start cut off, as in
/// `ot@esx01:~] cmd`), `~ # cmd`, `/tmp # cmd`, `# cmd`, PowerShell's `PS C:\> cmd`, and a
/// bare `esxcli …` / `esxcfg-…` / `govc host.esxcli …` / `Get-VMHost…` line. `None`: not a
/// prompt or command line. A `#` line that is not a known command is a comment, also `None`
/// (the caller skips it).
pub fn command_line(line: &str) -> Option<CommandLine> {
    let text = line.trim();
    if let Some((host, rest)) = bracket_prompt(text) {
        // govc runs on the reader's own machine: its prompt names that machine, not the host.
        let command = (!rest.is_empty()).then(|| parse_command(rest));
        let local = rest
            .split_whitespace()
            .next()
            .is_some_and(|w| w.rsplit('/').next() == Some("govc"));
        return Some(CommandLine {
            host: (!host.is_empty() && !local).then_some(host),
            command,
        });
    }
    if let Some(rest) = powershell_prompt(text) {
        return Some(CommandLine {
            host: None,
            command: (!rest.is_empty()).then(|| parse_command(rest)),
        });
    }
    if let Some((host, rest)) = user_prompt(text) {
        if let Some(mut cl) = command_line(rest) {
            cl.host = cl.host.or(host);
            return Some(cl);
        }
        return Some(CommandLine {
            host,
            command: (!rest.is_empty()).then(|| Command::Other(rest.to_string())),
        });
    }
    let after_prompt = shell_prompt(text);
    let typed = after_prompt.unwrap_or(text);
    let first = typed.split_whitespace().next().unwrap_or("");
    let tool = first.rsplit('/').next().unwrap_or(first);
    if TOOLS.contains(&tool) || is_cmdlet(tool) || version_command(typed) {
        return Some(CommandLine {
            host: (tool == "govc").then(|| govc_host(typed)).flatten(),
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

/// `[root@esx01:~] rest` or the same prompt with its start cut off (`ot@esx01:~] rest`): the
/// host and the text typed after it.
fn bracket_prompt(text: &str) -> Option<(String, &str)> {
    let close = text.find(']')?;
    let inner = text[..close].strip_prefix('[').unwrap_or(&text[..close]);
    if inner.as_bytes().contains(&b'[') || inner.starts_with(char::is_whitespace) {
        return None;
    }
    let (user, after_at) = inner.split_once('@')?;
    if user.contains(char::is_whitespace) {
        return None;
    }
    let host: String = after_at
        .chars()
        .take_while(|c| !matches!(c, ':' | ']') && !c.is_whitespace())
        .collect();
    let rest = text[close + 1..].trim_start();
    let rest = rest
        .strip_prefix('#')
        .or_else(|| rest.strip_prefix('$'))
        .unwrap_or(rest)
        .trim();
    Some((host, rest))
}

/// `root@esx01:~# rest` or `me@laptop:~$ rest` (a Linux shell's prompt): the host it names
/// (`None` when the command is govc, which runs on the reader's machine) and the text typed.
fn user_prompt(text: &str) -> Option<(Option<String>, &str)> {
    let (first, rest) = text.split_once(char::is_whitespace).unwrap_or((text, ""));
    let mark = first.strip_suffix(['$', '#'])?;
    let (user, at_host) = mark.split_once('@')?;
    let host = at_host.split(':').next().unwrap_or("");
    if user.is_empty() || host.is_empty() || !at_host.as_bytes().contains(&b':') {
        return None;
    }
    let rest = rest.trim();
    let govc = rest
        .split_whitespace()
        .next()
        .is_some_and(|w| w.rsplit('/').next() == Some("govc"));
    Some(((!govc).then(|| host.to_string()), rest))
}

/// The `-host NAME` / `-host=NAME` of a govc command line, when it is a plain host name.
fn govc_host(typed: &str) -> Option<String> {
    let words: Vec<&str> = typed.split_whitespace().collect();
    let value = words.iter().enumerate().find_map(|(i, w)| {
        w.strip_prefix("-host=")
            .or_else(|| w.strip_prefix("--host="))
            .or_else(|| {
                (*w == "-host" || *w == "--host")
                    .then(|| words.get(i + 1).copied())
                    .flatten()
            })
    })?;
    let name = value
        .trim_matches(['"', '\''])
        .rsplit('/')
        .next()
        .unwrap_or("");
    super::netstack::is_netstack_name(name).then(|| name.to_string())
}

/// `PS C:\Users\me> rest` (also `PS /home/me> rest`): the text typed after it.
fn powershell_prompt(text: &str) -> Option<&str> {
    let rest = text.strip_prefix("PS ")?;
    let end = crate::find::find(rest, "> ")?;
    let path = &rest[..end];
    (path.contains(['\\', '/', ':']) && !path.contains(char::is_whitespace))
        .then(|| rest[end + 2..].trim())
}

/// A PowerCLI cmdlet name (`Get-VMHostNetworkAdapter`, `New-VMHostNetworkAdapter`, …).
fn is_cmdlet(word: &str) -> bool {
    let Some((verb, noun)) = word.split_once('-') else {
        return false;
    };
    ["get", "new", "set"].contains(&verb.to_ascii_lowercase().as_str())
        && noun.to_ascii_lowercase().starts_with("vmhost")
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

/// `vmware -v`, `vmware -l`, `vmware -vl` (the only `vmware` lines read as commands, so that
/// its output line `VMware ESXi …` is not one), and PowerCLI's `(Get-EsxCli).system.version
/// .get()` / `$esxcli.system.version.get.Invoke()`.
fn version_command(typed: &str) -> bool {
    let first = typed.split(['|', ';', '>']).next().unwrap_or(typed).trim();
    let words: Vec<&str> = first.split_whitespace().collect();
    let vmware = match words.as_slice() {
        [tool, flags @ ..] if tool.rsplit('/').next() == Some("vmware") && !flags.is_empty() => {
            flags
                .iter()
                .all(|f| matches!(*f, "-v" | "-l" | "-vl" | "-lv"))
        }
        _ => false,
    };
    let lower = first.to_ascii_lowercase();
    vmware
        || ((lower.starts_with("(get-esxcli") || lower.starts_with('$'))
            && crate::find::has(&lower, ".system.version.get"))
}

fn parse_command(typed: &str) -> Command {
    if version_command(typed) {
        return Command::EsxiVersion;
    }
    // Only the first command of a pipeline or a list says what the output is.
    let first = typed.split(['|', ';', '>']).next().unwrap_or(typed).trim();
    let words: Vec<String> = first.split_whitespace().map(str::to_string).collect();
    let lower: Vec<String> = crate::lists::map(&words, |w| w.to_ascii_lowercase());
    let tool = lower
        .first()
        .map(|w| w.rsplit('/').next().unwrap_or(w).to_string())
        .unwrap_or_default();
    let other = || Command::Other(first.to_string());
    if is_cmdlet(&tool) {
        return match tool.as_str() {
            "get-vmhostnetworkadapter" | "new-vmhostnetworkadapter" => {
                // `-VMHost esx01` names the host; `-VMHost (Get-VMHost …)` or `$h` does not.
                let host = words
                    .iter()
                    .position(|w| w.eq_ignore_ascii_case("-VMHost"))
                    .and_then(|i| words.get(i + 1))
                    .map(|h| h.trim_matches(['"', '\'']))
                    .filter(|h| !h.is_empty() && !h.starts_with(['(', '$']))
                    .map(str::to_string);
                Command::PowerCliAdapters { host }
            }
            _ => other(),
        };
    }
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
        // `govc host.esxcli [-host=…] network ip …`: esxcli's output, run through vCenter.
        "govc" => match lower.get(1).map(String::as_str) {
            Some("host.esxcli") => {
                // govc's own options come first; `-host NAME` takes the next word.
                let mut kept: Vec<String> = Vec::new();
                let mut skip = false;
                for w in &words[1..] {
                    if std::mem::take(&mut skip) {
                        continue;
                    }
                    if kept.len() == 1 && w.starts_with('-') && !w.starts_with("--") {
                        skip = !w.as_bytes().contains(&b'=') && !w.starts_with("-hints");
                        continue;
                    }
                    kept.push(w.clone());
                }
                let kept_lower: Vec<String> = crate::lists::map(&kept, |w| w.to_ascii_lowercase());
                esxcli(&kept, &kept_lower).unwrap_or_else(other)
            }
            _ => other(),
        },
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
        ["system", "version", "get"] => Command::EsxiVersion,
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

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests;
