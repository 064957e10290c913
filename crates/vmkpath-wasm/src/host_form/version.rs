//! The version question of one host. When the output printed the ESXi version (`esxcli system
//! version get`, `vmware -v`, PowerCLI's `Get-EsxCli`), it is answered in advance with what the
//! output says, and says so; it stays editable, and a changed answer is kept when checking the
//! same output again. A hidden `<side>.version-read` control remembers what was read, so that a
//! new paste with another version (or none) is not held to the old answer.

use super::previous_value;
use crate::html::esc;
use vmkpath_core::hostcheck::HostReport;
use vmkpath_core::model::Version;

/// The version chosen for the select: the reader's earlier choice if it was made for the same
/// reading, else what the output printed, else (nothing read) the earlier choice or `widget`.
fn chosen<'a>(
    read: Option<&'a str>,
    previous: &'a [(String, String)],
    side: &str,
    widget: &'a str,
) -> &'a str {
    let earlier = previous_value(previous, &format!("{side}.version"));
    let earlier_read = previous_value(previous, &format!("{side}.version-read")).unwrap_or("");
    match read {
        Some(r) if earlier_read == r => earlier.unwrap_or(r),
        Some(r) => r,
        // The earlier answer came from an output that is no longer pasted.
        None if !earlier_read.is_empty() => widget,
        None => earlier.unwrap_or(widget),
    }
}

/// The question's markup: a select of every version (7.0 labelled "Update 2 or later").
pub fn question(
    side: &str,
    report: &HostReport,
    previous: &[(String, String)],
    widget: &str,
) -> String {
    let read = report.host.version.as_deref();
    let chosen = chosen(read, previous, side, widget);
    let mut options = String::new();
    for v in Version::ALL {
        let selected = if v.as_str() == chosen {
            " selected"
        } else {
            ""
        };
        options.push_str(&format!(
            "<option value=\"{}\"{selected}>{}</option>",
            v.as_str(),
            crate::controls::version_label(v)
        ));
    }
    let said = match (&report.esxi, read) {
        (Some(esxi), Some(_)) => format!(
            " <span class=\"hostcheck-read\">(the output says {}: change it if this host runs another)</span>",
            esc(esxi)
        ),
        (Some(esxi), None) => format!(
            " <span class=\"hostcheck-read\">(the output says {}, which vmkpath does not model: choose the nearest)</span>",
            esc(esxi)
        ),
        _ => String::new(),
    };
    format!(
        "<p><label>vSphere version of this host <select data-answer=\"{side}.version\">{options}</select></label>{said}<input type=\"hidden\" data-answer=\"{side}.version-read\" value=\"{}\"></p>",
        esc(read.unwrap_or("")),
        side = esc(side),
    )
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::chosen;

    fn values(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn read_versions_answer_first_and_an_edit_is_kept_for_the_same_reading() {
        // First check: nothing earlier.
        assert_eq!(chosen(Some("6.7"), &[], "source", "5.1"), "6.7");
        // Checked again after changing it to 6.5: kept.
        let edited = values(&[("source.version", "6.5"), ("source.version-read", "6.7")]);
        assert_eq!(chosen(Some("6.7"), &edited, "source", "5.1"), "6.5");
        // Another output, another version: the new reading answers.
        assert_eq!(chosen(Some("8.0"), &edited, "source", "5.1"), "8.0");
        // An output without a version, after one with: the widget's, not the old reading.
        assert_eq!(chosen(None, &edited, "source", "5.1"), "5.1");
        // Nothing ever read: the earlier choice, else the widget's.
        let earlier = values(&[("source.version", "6.0"), ("source.version-read", "")]);
        assert_eq!(chosen(None, &earlier, "source", "5.1"), "6.0");
        assert_eq!(chosen(None, &[], "source", "5.1"), "5.1");
    }
}
