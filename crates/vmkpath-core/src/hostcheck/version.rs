//! The ESXi version a host prints: `esxcli system version get` (`Product: VMware ESXi`,
//! `Version: 6.7.0`, `Build: Releasebuild-8169922`, `Update: 3`, `Patch: 0`, as indented
//! `Key: value` lines, or padded `Key : value` through PowerCLI's `Get-EsxCli`), and `vmware -v`
//! / `vmware -l` / `vmware -vl` (`VMware ESXi 5.5.0 build-3248547`, `VMware ESXi 7.0 Update 3`).
//! Layouts as published (tests/fixtures/hostcheck/version-*.txt name where each comes from).
//!
//! The reading answers the version question in advance (it stays editable): the scenario
//! format's version is the `major.minor` of the ESXi version (`6.7.0` -> `6.7`). An ESXi
//! version outside 5.0 … 8.0 answers nothing and is said; so is a 7.0 before Update 2, since
//! vmkpath's 7.0 means 7.0 Update 2 or later (domain.md section 8, rule 17).

use super::lines::{at, quote};
use crate::error::InputError;
use crate::model::Version;

/// An ESXi version as a host printed it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EsxiVersion {
    pub major: u32,
    pub minor: u32,
    /// The third number (`6.7.0`), absent in `vmware -l`'s `VMware ESXi 7.0 Update 3`.
    pub third: Option<u32>,
    /// `Update: 3`, `… Update 3`.
    pub update: Option<u32>,
    /// The build number (`Releasebuild-8169922`, `build-8169922` -> `8169922`).
    pub build: Option<String>,
}

impl EsxiVersion {
    /// `ESXi 6.7.0 Update 3 (build 8169922)`.
    pub fn describe(&self) -> String {
        let mut out = format!("ESXi {}.{}", self.major, self.minor);
        if let Some(t) = self.third {
            out.push_str(&format!(".{t}"));
        }
        if let Some(u) = self.update.filter(|u| *u > 0) {
            out.push_str(&format!(" Update {u}"));
        }
        if let Some(b) = &self.build {
            out.push_str(&format!(" (build {b})"));
        }
        out
    }

    /// The scenario format's version of this host, if vmkpath models it.
    pub fn widget_version(&self) -> Option<Version> {
        Version::parse(&format!("{}.{}", self.major, self.minor))
    }

    /// The update of a 7.0: its `Update`, else the third number, which counts the updates of
    /// 7.0 and 8.0 (published pairs: `Version: 7.0.1` with `Update: 1`, `Version: 8.0.1` with
    /// `Update: 1`, `vmware -v` `7.0.3` beside `vmware -l` `7.0 Update 3` on one host).
    fn update_of_7_0(&self) -> Option<u32> {
        self.update.or(self.third)
    }

    /// What the reader is told about this reading (`None`: nothing beyond the answer).
    pub fn caveat(&self) -> Option<String> {
        match self.widget_version() {
            None => Some(format!(
                "{} is not one of the versions vmkpath models (5.0 … 8.0): the version question is not answered from it",
                self.describe()
            )),
            Some(Version::V7_0) => match self.update_of_7_0() {
                Some(u) if u < 2 => Some(format!(
                    "{} is before 7.0 Update 2, and vmkpath's 7.0 means 7.0 Update 2 or later: what it shows for 7.0 may not hold for this host",
                    self.describe()
                )),
                _ => None,
            },
            Some(_) => None,
        }
    }

    /// Folds another reading of the same host into this one; `Err` names what disagrees.
    pub fn merge(&mut self, other: &EsxiVersion) -> Result<(), String> {
        let differ = |a: Option<u32>, b: Option<u32>| a.is_some() && b.is_some() && a != b;
        if (self.major, self.minor) != (other.major, other.minor)
            || differ(self.third, other.third)
            || differ(self.update, other.update)
            || (self.build.is_some() && other.build.is_some() && self.build != other.build)
        {
            return Err(format!(
                "the ESXi version is {} here but {} above",
                other.describe(),
                self.describe()
            ));
        }
        self.third = self.third.or(other.third);
        self.update = self.update.or(other.update);
        if self.build.is_none() {
            self.build.clone_from(&other.build);
        }
        Ok(())
    }
}

/// `5.5.0` or `7.0`: two or three numbers.
fn numbers(text: &str) -> Option<(u32, u32, Option<u32>)> {
    let parts: Vec<&str> = text.split('.').collect();
    let num = |s: &str| -> Option<u32> {
        (!s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| crate::integer::parse(s, 10))
            .flatten()
    };
    match parts.as_slice() {
        [a, b] => Some((num(a)?, num(b)?, None)),
        [a, b, c] => Some((num(a)?, num(b)?, Some(num(c)?))),
        _ => None,
    }
}

/// `Releasebuild-8169922` / `build-8169922` -> `8169922`.
fn build_number(text: &str) -> Option<String> {
    let lower = text.to_ascii_lowercase();
    let digits = lower
        .strip_prefix("releasebuild-")
        .or_else(|| lower.strip_prefix("build-"))?;
    (!digits.is_empty() && digits.len() <= 12 && digits.bytes().all(|b| b.is_ascii_digit()))
        .then(|| digits.to_string())
}

/// A line `vmware -v` or `vmware -l` prints: `VMware ESXi 5.5.0 build-3248547`,
/// `VMware ESXi 6.7.0 Update 3`, `VMware ESXi 7.0 Update 3`.
pub fn line(text: &str) -> Option<EsxiVersion> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let (version, rest) = match words.as_slice() {
        ["VMware", "ESXi", version, rest @ ..] => (*version, rest),
        _ => return None,
    };
    let (major, minor, third) = numbers(version)?;
    let mut v = EsxiVersion {
        major,
        minor,
        third,
        update: None,
        build: None,
    };
    match rest {
        [build] => v.build = Some(build_number(build)?),
        ["Update", n] => v.update = Some(crate::integer::parse(n, 10).filter(|n: &u32| *n < 100)?),
        _ => return None,
    }
    Some(v)
}

/// Do these keys make an `esxcli system version get` entry?
pub fn is_record(keys: &[&str]) -> bool {
    let has = |w: &str| keys.iter().any(|k| k.eq_ignore_ascii_case(w));
    has("Product") && has("Version")
}

/// An `esxcli system version get` entry: its `(key, value, line)` fields; `line` for errors
/// about the entry as a whole.
pub fn record(fields: &[(String, String, usize)], line: usize) -> Result<EsxiVersion, InputError> {
    let get = |key: &str| {
        fields
            .iter()
            .find(|(k, _, _)| k.eq_ignore_ascii_case(key))
            .map(|(_, v, n)| (v.trim(), *n))
    };
    if let Some((product, n)) = get("Product") {
        if !crate::find::has(product, "ESXi") {
            return Err(at(
                n,
                format!(
                    "expected Product: VMware ESXi in this version output, found {}",
                    quote(product)
                ),
            ));
        }
    }
    let Some((version, n)) = get("Version") else {
        return Err(at(
            line,
            "this version output has no Version line (like \"Version: 6.7.0\"): is the paste cut short?",
        ));
    };
    let Some((major, minor, third)) = numbers(version) else {
        return Err(at(
            n,
            format!(
                "expected an ESXi version like 6.7.0 after Version:, found {}",
                quote(version)
            ),
        ));
    };
    let update = match get("Update") {
        None => None,
        Some((u, n)) => Some(
            crate::integer::parse::<u32>(u, 10)
                .filter(|u| *u < 100)
                .ok_or_else(|| {
                    at(
                        n,
                        format!(
                            "expected an update number after Update:, found {}",
                            quote(u)
                        ),
                    )
                })?,
        ),
    };
    let build = match get("Build") {
        None => None,
        Some((b, n)) => Some(build_number(b).ok_or_else(|| {
            at(
                n,
                format!(
                    "expected a build like Releasebuild-8169922 after Build:, found {}",
                    quote(b)
                ),
            )
        })?),
    };
    Ok(EsxiVersion {
        major,
        minor,
        third,
        update,
        build,
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn fields(lines: &[(&str, &str)]) -> Vec<(String, String, usize)> {
        lines
            .iter()
            .enumerate()
            .map(|(i, (k, v))| (k.to_string(), v.to_string(), i + 2))
            .collect()
    }

    #[test]
    fn vmware_v_and_l_lines() {
        let v = line("VMware ESXi 5.5.0 build-3248547").unwrap();
        assert_eq!((v.major, v.minor, v.third), (5, 5, Some(0)));
        assert_eq!(v.build.as_deref(), Some("3248547"));
        assert_eq!(v.widget_version(), Some(Version::V5_5));
        let l = line("VMware ESXi 7.0 Update 3").unwrap();
        assert_eq!((l.third, l.update), (None, Some(3)));
        assert_eq!(line("VMware ESXi 6.7.0 Update 3").unwrap().update, Some(3));
        for not in [
            "VMware ESXi",
            "VMware ESXi 6.7.0",
            "VMware ESXi 6.7.0 build-",
            "VMware ESXi 6.x build-1",
            "VMware ESXi 6.7.0 Update three",
            "VMware ESXi 6.7.0 build-1 extra",
            "VMware Workstation 17.0.0 build-1",
        ] {
            assert_eq!(line(not), None, "{not}");
        }
    }

    #[test]
    fn version_get_record_and_its_errors() {
        let f = fields(&[
            ("Product", "VMware ESXi"),
            ("Version", "8.0.1"),
            ("Build", "Releasebuild-21495797"),
            ("Update", "1"),
            ("Patch", "0"),
        ]);
        let v = record(&f, 1).unwrap();
        assert_eq!(v.describe(), "ESXi 8.0.1 Update 1 (build 21495797)");
        assert_eq!(v.widget_version(), Some(Version::V8_0));
        let bad = fields(&[("Product", "VMware ESXi"), ("Version", "eight")]);
        assert_eq!(record(&bad, 1).unwrap_err().path, "line 3");
        let cut = fields(&[("Product", "VMware ESXi")]);
        assert_eq!(record(&cut, 1).unwrap_err().path, "line 1");
        let other = fields(&[("Product", "VMware vCenter Server"), ("Version", "8.0.1")]);
        assert_eq!(record(&other, 1).unwrap_err().path, "line 2");
    }

    #[test]
    fn caveats_for_unmodelled_versions_and_early_7_0() {
        let early = line("VMware ESXi 7.0.1 build-16850804").unwrap();
        assert!(early.caveat().unwrap().contains("before 7.0 Update 2"));
        assert_eq!(line("VMware ESXi 7.0 Update 3").unwrap().caveat(), None);
        let new = line("VMware ESXi 9.0.0 build-1").unwrap();
        assert_eq!(new.widget_version(), None);
        assert!(new.caveat().unwrap().contains("not one of the versions"));
    }

    #[test]
    fn readings_of_one_host_merge_and_two_hosts_disagree() {
        let mut l = line("VMware ESXi 7.0 Update 3").unwrap();
        l.merge(&line("VMware ESXi 7.0.3 build-20328353").unwrap())
            .unwrap();
        assert_eq!(l.describe(), "ESXi 7.0.3 Update 3 (build 20328353)");
        let e = l
            .merge(&line("VMware ESXi 6.7.0 build-8169922").unwrap())
            .unwrap_err();
        assert!(e.contains("6.7.0"), "{e}");
    }
}
