//! Reads pasted text line by line: finds each output block by its command line or its header,
//! hands rows and records to the parser of that command family, and collects [`Facts`].
//! Any line it cannot place is an error naming the line and what was expected there.

use super::collect::{self, Record};
use super::facts::Facts;
use super::interface::{hand_tags, ipv4_table, is_ipv4_header, services_of_tags};
use super::lines::{at, command_line, is_separator, key_value, numbered, quote, Command};
use super::powercli;
use super::route;
use super::table::{Header, RowText, TableBlock, TableKind};
use super::version;
use super::vmknic;
use crate::error::InputError;
use crate::lists::Joined;

type Result<T> = std::result::Result<T, InputError>;

pub const EXPECTED: &str = "the output of esxcfg-vmknic -l, esxcli network ip interface list, ipv4 get or tag get, esxcli network ip route ipv4 list, esxcfg-route [-l] or esxcli network ip netstack list";

#[derive(Debug)]
enum Block {
    Nothing,
    /// Output of a command this reader does not read.
    Skipped,
    Table(TableBlock),
    /// `VMkernel Routes:` seen, its header comes next.
    RoutesTitle(usize),
    /// Between or inside `Key: value` records (interface list, netstack list).
    Records,
}

#[derive(Debug)]
struct Running {
    command: Command,
    line: usize,
    output: bool,
}

struct Reader {
    facts: Facts,
    block: Block,
    record: Option<Record>,
    command: Option<Running>,
}

/// Does this line start a table (or the `VMkernel Routes:` title above one)?
fn starts_table(t: &str) -> bool {
    vmknic::is_header(t)
        || powercli::is_header(t)
        || is_ipv4_header(t)
        || route::is_header(t)
        || route::is_title(t)
}

/// Reads everything pasted into facts.
pub fn read(text: &str) -> Result<Facts> {
    let lines = numbered(text);
    let mut reader = Reader {
        facts: Facts::default(),
        block: Block::Nothing,
        record: None,
        command: None,
    };
    // The next non-blank line after each line, found in one backward pass.
    let mut next_text: Vec<Option<usize>> = vec![None; lines.len()];
    let mut after = None;
    for k in (0..lines.len()).rev() {
        next_text[k] = after;
        if !lines[k].1.trim().is_empty() {
            after = Some(k);
        }
    }
    for (k, (n, line)) in lines.iter().enumerate() {
        let next = next_text[k].map(|j| lines[j].1.as_str());
        reader.line(*n, line, next)?;
    }
    reader.flush_record()?;
    reader.close_block()?;
    reader.end_command()?;
    if let Some((_, _, line)) = reader
        .facts
        .loose_tags
        .first()
        .filter(|_| reader.facts.is_empty())
    {
        return Err(at(*line, "a Tags line, but no `esxcli network ip interface tag get -i vmkN` line right above it says which vmknic it belongs to, and no vmknic was read: paste the command line too, or write the line as `vmk1: Management, VMotion`"));
    }
    if let Some(v) = reader
        .facts
        .esxi
        .as_ref()
        .filter(|_| reader.facts.is_empty())
    {
        return Err(at(
            v.line,
            format!(
                "read the version, {}, but no vmknic, route or stack; expected also {EXPECTED}",
                v.value.describe()
            ),
        ));
    }
    if reader.facts.is_empty() {
        return Err(at(
            1,
            format!("found no ESXi command output; expected {EXPECTED}"),
        ));
    }
    Ok(reader.facts)
}

impl Reader {
    fn netstack_of_command(&self) -> Option<String> {
        match self.command.as_ref().map(|c| &c.command) {
            Some(Command::RouteList { netstack } | Command::DefaultGateway { netstack }) => {
                netstack.clone()
            }
            _ => None,
        }
    }

    fn line(&mut self, n: usize, line: &str, next: Option<&str>) -> Result<()> {
        let t = line.trim();
        if t.is_empty() || t.starts_with("```") {
            return self.flush_record();
        }
        if t.starts_with("<#") {
            return Ok(()); // PowerShell's block comment, around outputs in published notes
        }
        // One word above a `Key: value` line names a list entry, even a word like `esxcfg-route`.
        let next_is_field = next.is_some_and(|l| {
            key_value(l).is_some_and(|(k, _)| !k.eq_ignore_ascii_case("Tags"))
                && hand_tags(l).is_none()
        });
        let entry_name = next_is_field
            && !t.contains(char::is_whitespace)
            && !t.starts_with(['[', '#', '~', '/', '$', '<', '('])
            && hand_tags(t).is_none()
            && key_value(t).is_none();
        if entry_name {
            return self.start_record(t, n);
        }
        if let Some(cl) = command_line(line) {
            self.flush_record()?;
            self.close_block()?;
            self.end_command()?;
            let named = match &cl.command {
                Some(Command::PowerCliAdapters { host }) => host.clone(),
                _ => None,
            };
            if let Some(host) = cl.host.or(named) {
                self.facts.host_name(&host, n)?;
            }
            self.block = match &cl.command {
                Some(Command::Other(text)) => {
                    self.facts.note(format!(
                        "line {n}: skipped the output of `{text}`, a command vmkpath does not read"
                    ));
                    Block::Skipped
                }
                Some(
                    Command::InterfaceList
                    | Command::NetstackList
                    | Command::PowerCliAdapters { .. }
                    | Command::EsxiVersion,
                ) => Block::Records,
                _ => Block::Nothing,
            };
            self.command = cl.command.map(|command| Running {
                command,
                line: n,
                output: false,
            });
            return Ok(());
        }
        if t.starts_with('#') {
            return Ok(()); // a comment
        }
        let starts_block = starts_table(t);
        if matches!(self.block, Block::Skipped) {
            if !starts_block {
                return Ok(());
            }
            self.command = None;
            self.block = Block::Nothing;
        }
        if let Some(c) = self.command.as_mut() {
            c.output = true;
        }
        if starts_block {
            self.flush_record()?;
            let title_open = matches!(self.block, Block::RoutesTitle(_));
            if !(title_open && route::is_header(t)) {
                self.close_block()?;
            }
            self.block = if vmknic::is_header(t) {
                Block::Table(vmknic::table(line, n))
            } else if powercli::is_header(t) {
                Block::Table(powercli::table(line, n))
            } else if is_ipv4_header(t) {
                Block::Table(ipv4_table(line, n))
            } else if route::is_header(t) {
                self.facts.saw_routes = true;
                Block::Table(route::table(line, n))
            } else {
                Block::RoutesTitle(n)
            };
            return Ok(());
        }
        if let Some(v) = version::line(t) {
            // `vmware -v` / `-l`, with or without its command line.
            self.flush_record()?;
            return self.facts.esxi(v, n);
        }
        if let Some(gateway) = route::default_gateway_line(t) {
            self.facts.saw_routes = true;
            let netstack = self.netstack_of_command();
            match gateway {
                Some(gw) => self.facts.default_gateways.push((netstack, gw, n)),
                None => self
                    .facts
                    .note(format!("line {n}: no default gateway is set")),
            }
            return Ok(());
        }
        if is_separator(t) {
            return match &mut self.block {
                Block::Table(table) => table.separator(line, n),
                _ => Err(at(n, "a separator line (----) without a table header right above it; expected a header like \"Name  IPv4 Address  IPv4 Netmask …\"")),
            };
        }
        // A row of the open table (a single word may instead name a list entry).
        if let Block::Table(table) = &self.block {
            if table.kind.starts_row(t) && t.contains(char::is_whitespace) {
                return self.table_line(line, n);
            }
        }
        if let Some((key, value)) = key_value(t) {
            if key.eq_ignore_ascii_case("Tags") {
                return self.tags(n, value);
            }
        }
        if let Some((vmk, list)) = hand_tags(t) {
            let (services, ignored) = services_of_tags(&list);
            self.ignored_tags(&vmk, &ignored);
            return self.facts.services(&vmk, services, n);
        }
        let lone_title = key_value(t).is_some_and(|(_, v)| v.is_empty()) && self.record.is_none();
        if let Some((key, value)) = key_value(t).filter(|_| !(lone_title && self.is_stray(t, next)))
        {
            return self.field(n, key, value);
        }
        if self.is_stray(t, next) {
            self.facts.note(format!(
                "line {n}: skipped {}, a single line between outputs that vmkpath does not read",
                quote(t)
            ));
            return Ok(());
        }
        if matches!(self.block, Block::Table(_)) {
            return self.table_line(line, n);
        }
        Err(at(n, self.expected_here(t)))
    }

    /// A line on its own between two outputs (a remark, a stray prompt): what comes before it is
    /// complete (a table whose last row reads without it, or a finished block) and what comes
    /// after it starts another output. Anything else that is not understood is an error.
    fn is_stray(&self, t: &str, next: Option<&str>) -> bool {
        let Some(next) = next else { return false };
        let after_is_output = starts_table(next)
            || command_line(next).is_some()
            || key_value(next.trim()).is_some_and(|(_, v)| !v.is_empty())
            || hand_tags(next).is_some()
            || route::default_gateway_line(next).is_some();
        if !after_is_output || self.record.is_some() {
            return false;
        }
        match &self.block {
            Block::Table(table) => table.complete_without(t),
            Block::Nothing | Block::Records => !self.facts.is_empty(),
            _ => false,
        }
    }

    fn start_record(&mut self, title: &str, n: usize) -> Result<()> {
        self.flush_record()?;
        if !matches!(self.block, Block::Records) {
            self.close_block()?;
            self.block = Block::Records;
        }
        if let Some(c) = self.command.as_mut() {
            c.output = true;
        }
        self.record = Some(Record {
            title: title.to_string(),
            line: n,
            fields: Vec::new(),
        });
        Ok(())
    }

    fn table_line(&mut self, line: &str, n: usize) -> Result<()> {
        let Block::Table(table) = &mut self.block else {
            return Ok(());
        };
        match table.line(line, n)? {
            Some(done) => {
                let (kind, header) = (table.kind, table.header()?);
                self.row(kind, &header, &done)
            }
            None => Ok(()),
        }
    }

    fn expected_here(&self, t: &str) -> String {
        let what = match (&self.block, self.command.as_ref()) {
            (Block::RoutesTitle(_), _) => "the route table header (Network  Netmask  Gateway  Interface) after \"VMkernel Routes:\"".to_string(),
            (Block::Records, _) => "a `Key: value` line or the name line (vmk0) of a list entry".to_string(),
            (_, Some(c)) if !matches!(c.command, Command::Other(_)) => format!("the output of `{}`", c.command.label()),
            _ => EXPECTED.to_string(),
        };
        format!("expected {what}, found {}", quote(t))
    }

    fn tags(&mut self, n: usize, value: &str) -> Result<()> {
        let (services, ignored) = services_of_tags(value);
        let vmk = match self.command.as_ref().map(|c| &c.command) {
            Some(Command::TagGet { vmk: Some(vmk) }) => vmk.clone(),
            _ => {
                // Pasted without its `tag get -i vmkN` line: kept, and placed when only one
                // vmknic can be meant (host.rs); otherwise said.
                self.close_block()?;
                self.facts.loose_tags.push((services, ignored, n));
                return Ok(());
            }
        };
        self.ignored_tags(&vmk, &ignored);
        self.facts.services(&vmk, services, n)
    }

    fn ignored_tags(&mut self, vmk: &str, ignored: &[String]) {
        if !ignored.is_empty() {
            self.facts.note(format!(
                "{vmk}: ignored the tag{} {}, which vmkpath does not model (it models management, vmotion, provisioning, ft, vsan, replication)",
                if ignored.len() > 1 { "s" } else { "" },
                ignored.joined(", ")
            ));
        }
    }

    fn field(&mut self, n: usize, key: &str, value: &str) -> Result<()> {
        if let Some(record) = self.record.as_mut() {
            record.fields.push((key.to_string(), value.to_string(), n));
            return Ok(());
        }
        let key_lower = key.to_ascii_lowercase();
        match key_lower.as_str() {
            "host name" if !value.is_empty() => return self.facts.host_name(value, n),
            "domain name" | "fully qualified domain name" => return Ok(()),
            _ => {}
        }
        if matches!(
            self.command.as_ref().map(|c| &c.command),
            Some(Command::Hostname)
        ) {
            return Ok(());
        }
        if !matches!(self.block, Block::RoutesTitle(_)) {
            // An entry without a name line above it (PowerShell's Format-List, govc's esxcli, a
            // paste cut at its top): it starts here and ends at the next blank line.
            self.close_block()?;
            self.block = Block::Records;
            if let Some(c) = self.command.as_mut() {
                c.output = true;
            }
            self.record = Some(Record {
                title: String::new(),
                line: n,
                fields: vec![(key.to_string(), value.to_string(), n)],
            });
            return Ok(());
        }
        Err(at(n, self.expected_here(&format!("{key}: {value}"))))
    }

    /// Reads a complete row; a wrapped row's error says where it was continued.
    fn row(&mut self, kind: TableKind, header: &Header, row: &RowText) -> Result<()> {
        {
            let netstack = self.netstack_of_command();
            collect::row_facts(&mut self.facts, kind, header, &row.text, row.line, netstack)
        }.map_err(|e| match row.continued {
            None => e,
            Some(last) => at(
                last,
                format!("this line continues the row of line {} (a wrapped row?), but together they are no {} row: {}", row.line, kind.label(), e.message),
            ),
        })
    }

    /// A table needs at least one row; a `VMkernel Routes:` title needs its table.
    fn flush_record(&mut self) -> Result<()> {
        match self.record.take() {
            Some(record) => collect::record_facts(
                &mut self.facts,
                &record,
                self.command.as_ref().map(|c| &c.command),
            ),
            None => Ok(()),
        }
    }

    fn close_block(&mut self) -> Result<()> {
        match std::mem::replace(&mut self.block, Block::Nothing) {
            Block::Table(mut table) => match table.finish()? {
                Some(last) => {
                    let header = table.header()?;
                    self.row(table.kind, &header, &last)
                }
                None => Ok(()),
            },
            Block::RoutesTitle(line) => Err(at(
                line,
                "\"VMkernel Routes:\" has no route table below it: is the paste cut short?",
            )),
            _ => Ok(()),
        }
    }

    /// A command must print something (a `tag get` that printed nothing leaves the services unknown).
    fn end_command(&mut self) -> Result<()> {
        let Some(running) = self.command.take() else {
            return Ok(());
        };
        if running.output {
            return Ok(());
        }
        match running.command {
            Command::Other(_) => Ok(()),
            Command::TagGet { vmk } => {
                self.facts.note(format!(
                    "line {}: `esxcli network ip interface tag get -i {}` printed nothing",
                    running.line,
                    vmk.as_deref().unwrap_or("?")
                ));
                Ok(())
            }
            command => Err(at(
                running.line,
                format!("`{}` printed nothing here; expected its output below the command line (is the paste cut short?)", command.label()),
            )),
        }
    }
}
