//! Column tables (`esxcfg-vmknic -l`, `esxcli … ipv4 get`, the route lists): columns are found
//! by their header names, never by position, so extra columns of newer builds, tabs and
//! collapsed or widened spacing all read the same.

use super::lines::{at, quote};
use crate::error::InputError;
use crate::lists::Joined;

/// A table header: canonical names of the known columns, raw names of the others.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    pub columns: Vec<String>,
    pub line: usize,
    /// Character extents of a dashed separator line under the header, when there is one.
    pub extents: Option<Vec<(usize, usize)>>,
}

impl Header {
    /// Splits a header line. `known` lists `(how it may be written, canonical name)`; a name may
    /// span several words (`IPv4 Address`), with any run of blanks between them.
    pub fn parse(text: &str, line: usize, known: &[(&str, &str)]) -> Self {
        // Some builds (and some pastes) write `Port_Group IP_Family IP_Address`.
        let text = &text.replace('_', " ");
        let mut by_length: Vec<&(&str, &str)> = crate::lists::map(known, |k| k);
        crate::sorted::sort_by_key(&mut by_length, |(written, _)| {
            std::cmp::Reverse(written.len())
        });
        let mut columns = Vec::new();
        let mut rest = text.trim_start();
        while !rest.is_empty() {
            let hit = by_length
                .iter()
                .find_map(|(written, canonical)| words_at(rest, written).map(|n| (n, *canonical)));
            let (used, name) = match hit {
                Some((n, canonical)) => (n, canonical.to_string()),
                None => {
                    let n = rest.find(char::is_whitespace).unwrap_or(rest.len());
                    (n, rest[..n].to_string())
                }
            };
            columns.push(name);
            rest = rest[used..].trim_start();
        }
        Self {
            columns,
            line,
            extents: None,
        }
    }

    pub fn has(&self, name: &str) -> bool {
        self.columns.iter().any(|c| c == name)
    }

    pub fn index(&self, name: &str) -> Option<usize> {
        self.columns.iter().position(|c| c == name)
    }

    /// The first of `names` the header lacks.
    pub fn require(&self, names: &[&str], table: &str) -> Result<(), InputError> {
        match names.iter().find(|n| !self.has(n)) {
            None => Ok(()),
            Some(missing) => Err(at(
                self.line,
                format!(
                    "this {table} header has no \"{missing}\" column; expected the columns {}",
                    names.joined(", ")
                ),
            )),
        }
    }

    /// Remembers the extents of a `----  -----` line under the header.
    pub fn set_separator(&mut self, text: &str) {
        let mut extents = Vec::new();
        let mut start = None;
        for (i, c) in text.chars().chain(std::iter::once(' ')).enumerate() {
            match (c == '-', start) {
                (true, None) => start = Some(i),
                (false, Some(s)) => {
                    extents.push((s, i));
                    start = None;
                }
                _ => {}
            }
        }
        if extents.len() == self.columns.len() {
            self.extents = Some(extents);
        }
    }

    /// The cells of a row whose values hold no blanks: one per column. Blank-separated values are
    /// taken as they come when there are exactly as many as columns; otherwise, under a dashed
    /// separator, the cells are cut at the separator's extents (a column left empty).
    pub fn cells(&self, text: &str, line: usize, table: &str) -> Result<Vec<String>, InputError> {
        let tokens: Vec<&str> = text.split_whitespace().collect();
        if tokens.len() == self.columns.len() {
            return Ok(crate::lists::map(&tokens, |t| t.to_string()));
        }
        // An address split by a stray tab or blank (`10.10.20\t.255`, copied from a web page).
        let joined = rejoin_addresses(&tokens);
        if joined.len() == self.columns.len() {
            return Ok(joined);
        }
        if let Some(extents) = &self.extents {
            let chars: Vec<char> = text.chars().collect();
            let mut cells = Vec::with_capacity(extents.len());
            for (k, (start, _)) in extents.iter().enumerate() {
                let end = extents.get(k + 1).map_or(chars.len(), |(s, _)| *s);
                let cell: String = chars
                    .get(*start..end.min(chars.len()))
                    .map(|c| c.iter().collect())
                    .unwrap_or_default();
                cells.push(cell.trim().to_string());
            }
            let consumed: usize = cells.iter().map(|c| c.split_whitespace().count()).sum();
            let aligned = consumed == tokens.len()
                && cells.iter().all(|c| c.split_whitespace().count() <= 1)
                && chars.iter().take(extents[0].0).all(|c| c.is_whitespace());
            if aligned {
                return Ok(cells);
            }
        }
        Err(at(
            line,
            format!(
                "expected a {table} row of {} values ({}), found {} in {}",
                self.columns.len(),
                self.columns.joined(", "),
                tokens.len(),
                quote(text)
            ),
        ))
    }
}

/// Tokens with the pieces of a split IPv4 address joined again: a piece ending in a dot and the
/// next starting with a digit, or a piece ending in a digit and the next starting with a dot,
/// when together they make an address.
pub fn rejoin_addresses(tokens: &[&str]) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(tokens.len());
    for t in tokens {
        if let Some(last) = out.last_mut() {
            let split = (last.ends_with('.') && t.starts_with(|c: char| c.is_ascii_digit()))
                || (last.ends_with(|c: char| c.is_ascii_digit()) && t.starts_with('.'));
            let whole = format!("{last}{t}");
            if split && super::lines::ipv4(&whole).is_some() {
                *last = whole;
                continue;
            }
        }
        out.push((*t).to_string());
    }
    out
}

/// An IPv6 network or address (`fe80::`, `2001:db8::/32`), as route lists of some builds show.
fn is_ipv6(text: &str) -> bool {
    text.split('/')
        .next()
        .is_some_and(|a| crate::net::addr::v6(a).is_some())
}

/// The tables hostcheck reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TableKind {
    Vmknics,
    Ipv4,
    Routes,
    /// PowerCLI's `Get-VMHostNetworkAdapter` as a table.
    PowerCli,
}

impl TableKind {
    pub fn label(self) -> &'static str {
        match self {
            Self::Vmknics => "esxcfg-vmknic -l",
            Self::Ipv4 => "esxcli network ip interface ipv4 get",
            Self::Routes => "route list",
            Self::PowerCli => "Get-VMHostNetworkAdapter",
        }
    }

    /// Does a line start a row (a vmknic name, or a network / `default` for routes)?
    pub fn starts_row(self, text: &str) -> bool {
        let first = text.split_whitespace().next().unwrap_or("");
        match self {
            Self::Vmknics | Self::Ipv4 => super::lines::is_vmk_name(first),
            Self::Routes => {
                first.eq_ignore_ascii_case("default")
                    || is_ipv6(first)
                    || super::lines::ipv4(first).is_some()
            }
            // PowerShell never wraps a table row (it cuts it with "..."): every line is one,
            // until a `Key : value` list begins.
            Self::PowerCli => super::lines::key_value(text).is_none(),
        }
    }
}

/// A row's text, joined from the lines it was wrapped over.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowText {
    pub text: String,
    pub line: usize,
    /// The last line it continued on, when it was wrapped.
    pub continued: Option<usize>,
}

/// One table being read: its header (which may wrap over several lines) and its rows (which may
/// too: a line that does not start a row continues the row above it).
#[derive(Debug, Clone)]
pub struct TableBlock {
    pub kind: TableKind,
    header_text: String,
    header_line: usize,
    header: Option<Header>,
    separator: Option<String>,
    pending: Option<RowText>,
    rows: usize,
    known: &'static [(&'static str, &'static str)],
    required: &'static [&'static str],
}

impl TableBlock {
    pub fn new(
        kind: TableKind,
        text: &str,
        line: usize,
        known: &'static [(&'static str, &'static str)],
        required: &'static [&'static str],
    ) -> Self {
        Self {
            kind,
            header_text: text.to_string(),
            header_line: line,
            header: None,
            separator: None,
            pending: None,
            rows: 0,
            known,
            required,
        }
    }

    /// The header, parsed once it is complete; an error when it lacks a column rows need.
    pub fn header(&mut self) -> Result<Header, InputError> {
        if let Some(h) = &self.header {
            return Ok(h.clone());
        }
        let mut h = Header::parse(&self.header_text, self.header_line, self.known);
        h.require(self.required, self.kind.label())?;
        if let Some(sep) = &self.separator {
            h.set_separator(sep);
        }
        self.header = Some(h.clone());
        Ok(h)
    }

    /// A dashed line: allowed right under the header only.
    pub fn separator(&mut self, text: &str, line: usize) -> Result<(), InputError> {
        if self.rows > 0 {
            return Err(at(line, "a separator line (----) below the rows of a table; expected a row or a new table header"));
        }
        // A separator wrapped over two lines continues the first.
        let joined = match self.separator.take() {
            Some(first) => format!("{first} {}", text.trim()),
            None => text.to_string(),
        };
        self.separator = Some(joined);
        self.header = None;
        self.header().map(|_| ())
    }

    /// Takes a line of the table; returns the row it completes (the one above), if any.
    pub fn line(&mut self, text: &str, line: usize) -> Result<Option<RowText>, InputError> {
        if self.kind.starts_row(text) {
            self.header()?;
            self.rows += 1;
            return Ok(self.pending.replace(RowText {
                text: text.to_string(),
                line,
                continued: None,
            }));
        }
        let header_words = Header::parse(text, line, self.known)
            .columns
            .iter()
            .any(|c| self.known.iter().any(|(_, k)| k == c));
        if self.rows == 0 && self.separator.is_none() && header_words {
            // A header wrapped over two lines.
            self.header_text.push(' ');
            self.header_text.push_str(text.trim());
            self.header = None;
            return Ok(None);
        }
        match &mut self.pending {
            Some(row) => {
                row.text.push(' ');
                row.text.push_str(text.trim());
                row.continued = Some(line);
                Ok(None)
            }
            None => Err(at(
                line,
                format!(
                    "expected a row of {} starting with {}, found {}",
                    self.kind.label(),
                    if self.kind == TableKind::Routes {
                        "a network or \"default\""
                    } else {
                        "a vmknic name (vmk0, vmk1, …)"
                    },
                    quote(text)
                ),
            )),
        }
    }

    /// Is the table complete without `text`: it has a row that reads on its own (so `text` is
    /// not its continuation)?
    pub fn complete_without(&self, text: &str) -> bool {
        let Some(header) = &self.header else {
            return false;
        };
        if self.kind.starts_row(text) && self.kind != TableKind::PowerCli {
            return false;
        }
        match &self.pending {
            Some(row) => super::collect::row_reads(self.kind, header, &row.text),
            None => false,
        }
    }

    /// The last row; an error when the table had none.
    pub fn finish(&mut self) -> Result<Option<RowText>, InputError> {
        if self.rows == 0 {
            self.header()?;
            return Err(at(
                self.header_line,
                format!(
                    "this {} header has no rows below it: is the paste cut short?",
                    self.kind.label()
                ),
            ));
        }
        Ok(self.pending.take())
    }
}

/// Byte length of `written` (words separated by any blanks) at the start of `text`, when it is
/// there as whole words (case-insensitive).
fn words_at(text: &str, written: &str) -> Option<usize> {
    let mut pos = 0;
    let words: Vec<&str> = written.split(' ').collect();
    for (k, word) in words.iter().enumerate() {
        let rest = text.get(pos..)?;
        let head = rest.get(..word.len())?;
        if !head.eq_ignore_ascii_case(word) {
            return None;
        }
        pos += word.len();
        let after = text.get(pos..)?;
        let blanks = after.len() - after.trim_start().len();
        let is_last = k + 1 == words.len();
        if is_last {
            return (blanks > 0 || after.is_empty()).then_some(pos);
        }
        if blanks == 0 {
            return None;
        }
        pos += blanks;
    }
    Some(pos)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    const KNOWN: [(&str, &str); 3] = [
        ("IPv4 Address", "IPv4 Address"),
        ("Name", "Name"),
        ("DHCP DNS", "DHCP DNS"),
    ];

    #[test]
    fn header_names_with_blanks_and_unknown_columns() {
        let h = Header::parse("Name\tIPv4   Address  Extra   DHCP DNS", 1, &KNOWN);
        assert_eq!(h.columns, ["Name", "IPv4 Address", "Extra", "DHCP DNS"]);
        let h = Header::parse("Name IPv4Address", 1, &KNOWN);
        assert_eq!(h.columns, ["Name", "IPv4Address"]);
    }

    #[test]
    fn cells_by_count_or_by_separator() {
        let mut h = Header::parse("Name  IPv4 Address  DHCP DNS", 1, &KNOWN);
        assert_eq!(
            h.cells("vmk0 10.0.0.1 false", 2, "t").unwrap(),
            ["vmk0", "10.0.0.1", "false"]
        );
        assert!(h.cells("vmk0 10.0.0.1", 2, "t").is_err());
        h.set_separator("----  ------------  --------");
        assert_eq!(
            h.cells("vmk0                   false", 3, "t").unwrap(),
            ["vmk0", "", "false"]
        );
    }
}
