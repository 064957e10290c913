//! The no-JS fallback of a `<vmk-path scenario="NAME">` element: a static poster (the same
//! `scene::to_svg` drawing the live widget shows) and the explanation as text (the narration
//! steps and the findings), written into the element's light DOM at build time. When the script
//! runs, the element's shadow root replaces it (the shell has no `<slot>`), so readers with
//! JavaScript never see it and readers without it, search engines and feed readers still do.
//!
//! The fill is idempotent: an element whose content is empty or one marked poster
//! (`<!-- vmkpath:poster NAME -->…<!-- /vmkpath:poster -->`) gets a fresh one; an element with any
//! other content is the author's and is left alone. No `style=` attributes, no scripts.

use crate::Result;
use vmkpath_core::format::PlanFile;
use vmkpath_core::scenarios::builtin;
use vmkpath_core::scene::{escape, layout, to_svg, LayoutOptions, SvgOptions};
use vmkpath_core::{Plan, Scenario};

/// The widths the three drawings are made for, one per arrangement the live widget picks
/// (`Arrangement::for_width` of its width less its 24 px padding): a wide page, a 680 px blog
/// column, a 390 px phone. Each is the live drawing of that width; the SVG scales to its
/// container (a viewBox and no size), and `vmkpath-poster.css` shows the one whose arrangement
/// the element's width calls for.
const WIDE_WIDTH: f64 = 1200.0;
const MEDIUM_WIDTH: f64 = 656.0;
const COMPACT_WIDTH: f64 = 366.0;
const OPEN: &str = "<!-- vmkpath:poster";
const CLOSE: &str = "<!-- /vmkpath:poster -->";

/// `cargo xtask poster NAME`: the element with its fallback, for authors to paste into a page
/// that no build of ours touches (a Hugo, Jekyll or WordPress post).
pub fn print(name: &str) -> Result {
    if name.is_empty() {
        return Err("usage: cargo xtask poster NAME (see `vmkpath scenarios`)".to_string());
    }
    // Ids carry the scenario's name, so posters of different scenarios pasted into one page
    // do not collide.
    println!(
        "<vmk-path scenario=\"{}\">{}</vmk-path>",
        escape(name),
        block(name, name)?
    );
    Ok(())
}

/// The light-DOM fallback for built-in scenario `name`. `tag` makes the SVG's ids unique on a
/// page with several posters.
pub fn poster(name: &str, tag: &str) -> Result<String> {
    let scenario = scenario(name)?;
    let analysis = vmkpath_core::analyze(&scenario);
    let plan = &analysis.plan;
    let draw = |width: f64, tag: &str| static_drawing(&scenario, plan, width, tag);
    // The wide drawing, and the medium and stacked ones for narrower columns: `hidden` unless
    // vmkpath-poster.css swaps them (container queries), so a page without that CSS shows one.
    // (Divs: `hidden` on an SVG element hides nothing.)
    let svg = format!(
        "<div class=\"wide\">{}</div><div class=\"medium\" hidden>{}</div>\
         <div class=\"compact\" hidden>{}</div>",
        draw(WIDE_WIDTH, tag).trim_end(),
        draw(MEDIUM_WIDTH, &format!("{tag}m")).trim_end(),
        draw(COMPACT_WIDTH, &format!("{tag}c")).trim_end()
    );
    let steps: String = analysis
        .narration
        .iter()
        .map(|e| format!("<li>{}</li>", escape(&e.text)))
        .collect();
    let file = PlanFile::new(&scenario, &analysis);
    let findings: String = file
        .findings
        .iter()
        .map(|f| {
            format!(
                "<li><strong>{}</strong> {}{}</li>",
                escape(f.severity),
                escape(&f.message),
                f.fix
                    .as_deref()
                    .map(|x| format!(" Fix: {}", escape(x)))
                    .unwrap_or_default()
            )
        })
        .collect();
    let findings = if findings.is_empty() {
        "<p>Nothing to warn about.</p>".to_string()
    } else {
        format!("<ul>{findings}</ul>")
    };
    Ok(format!(
        "<figure class=\"vmkpath-poster\">\n{svg}<figcaption><p>{}. A static picture: the live, \
         animated version needs JavaScript.</p>\n<p>What happens:</p><ol>{steps}</ol>\n\
         <p>Findings:</p>{findings}</figcaption>\n</figure>",
        escape(scenario.title.trim())
    ))
}

/// The wide drawing of built-in scenario `name` alone, made static (no text, no other sizes):
/// the benchmark's plainest inline SVG of the diagram (`browser_bench.rs`).
pub fn drawing(name: &str, tag: &str) -> Result<String> {
    let scenario = scenario(name)?;
    let plan = vmkpath_core::plan(&scenario);
    Ok(static_drawing(&scenario, &plan, WIDE_WIDTH, tag))
}

fn scenario(name: &str) -> Result<Scenario> {
    let b = builtin(name).ok_or_else(|| format!("no built-in scenario \"{name}\""))?;
    b.scenario()
        .map_err(|e| format!("built-in scenario {name}: {e}"))
}

/// The live drawing at `width`, made static (`static_svg`).
fn static_drawing(scenario: &Scenario, plan: &Plan, width: f64, tag: &str) -> String {
    let scene = layout(scenario, plan, &LayoutOptions::for_width(width));
    static_svg(&to_svg(&scene, &SvgOptions { standalone: false }), tag)
}

/// The live drawing made static: ids prefixed per poster (a page holds several), no keyboard
/// stops (nothing in a poster answers a key), and no fixed size (it scales to its container).
fn static_svg(svg: &str, tag: &str) -> String {
    let mut out = svg.replace(" tabindex=\"0\"", "");
    for id in [
        "vmkpath-title",
        "vmkpath-desc",
        "vmkpath-marker-",
        "vmkpath-idle",
    ] {
        out = out.replace(id, &id.replacen("vmkpath-", &format!("vmkpath-{tag}-"), 1));
    }
    out = out.replace("id=\"flow-", &format!("id=\"vmkpath-{tag}-flow-"));
    // Drop the root's width/height (the first two after the viewBox), keep everything else.
    if let Some(end) = out.find('>') {
        let head = &out[..end];
        let stripped: Vec<&str> = head
            .split(' ')
            .filter(|a| !a.starts_with("width=\"") && !a.starts_with("height=\""))
            .collect();
        out = format!("{}{}", stripped.join(" "), &out[end..]);
    }
    out
}

/// Fill every `<vmk-path scenario="NAME">` of an HTML page with its poster (see the module doc).
pub fn fill(html: &str) -> Result<String> {
    let mut out = String::with_capacity(html.len() * 4);
    let mut rest = html;
    let mut n = 0;
    while let Some(start) = rest.find("<vmk-path") {
        let Some(tag_end) = rest[start..].find('>').map(|i| start + i + 1) else {
            break;
        };
        let Some(close) = rest[tag_end..].find("</vmk-path>").map(|i| tag_end + i) else {
            return Err("a <vmk-path> element is not closed".to_string());
        };
        out.push_str(&rest[..tag_end]);
        let content = &rest[tag_end..close];
        let trimmed = content.trim();
        let ours = trimmed.is_empty() || (trimmed.starts_with(OPEN) && trimmed.ends_with(CLOSE));
        match attribute(&rest[start..tag_end], "scenario") {
            Some(name) if ours => {
                n += 1;
                out.push_str(&block(&name, &format!("p{n}"))?);
            }
            _ => out.push_str(content),
        }
        rest = &rest[close..];
        out.push_str("</vmk-path>");
        rest = &rest["</vmk-path>".len()..];
    }
    out.push_str(rest);
    Ok(out)
}

/// The poster between its markers.
fn block(name: &str, tag: &str) -> Result<String> {
    Ok(format!(
        "\n{OPEN} {name} -->\n{}\n{CLOSE}\n",
        poster(name, tag)?
    ))
}

/// The value of `name="…"` in a start tag.
fn attribute(tag: &str, name: &str) -> Option<String> {
    let key = format!(" {name}=\"");
    let at = tag.find(&key)? + key.len();
    let len = tag[at..].find('"')?;
    Some(tag[at..at + len].to_string())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    const PAGE: &str = "<p>a</p><vmk-path scenario=\"shared-subnet\" controls=\"none\"></vmk-path>\n\
        <vmk-path src=\"x.toml\"></vmk-path><vmk-path scenario=\"multi-nic-fix\"><p>mine</p></vmk-path>";

    #[test]
    fn fills_empty_elements_once_and_is_idempotent() {
        let once = fill(PAGE).unwrap();
        assert_eq!(once.matches("<figure class=\"vmkpath-poster\">").count(), 1);
        assert_eq!(
            once.matches("<svg ").count(),
            3,
            "wide, medium and compact drawings"
        );
        assert_eq!(
            once.matches("<div class=\"medium\" hidden><svg ").count(),
            1,
            "the medium one hidden"
        );
        for layout in ["wide", "medium", "compact"] {
            assert!(
                once.contains(&format!("data-layout=\"{layout}\"")),
                "{layout}"
            );
        }
        assert_eq!(
            once.matches("<div class=\"compact\" hidden><svg ").count(),
            1,
            "the compact one hidden"
        );
        assert!(once.contains("<!-- vmkpath:poster shared-subnet -->"));
        assert!(once.contains("<p>mine</p>"), "author content is kept");
        assert!(once.contains("<vmk-path src=\"x.toml\"></vmk-path>"));
        assert_eq!(fill(&once).unwrap(), once);
    }

    #[test]
    fn poster_is_csp_safe_named_and_has_unique_ids() {
        let html = fill(&format!(
            "{PAGE}<vmk-path scenario=\"shared-subnet\"></vmk-path>"
        ))
        .unwrap();
        assert!(!html.contains("style="), "no style attributes");
        assert!(!html.contains("<style"), "no style elements");
        assert!(!html.contains("<script"));
        assert!(!html.contains("tabindex"));
        assert!(html.contains("role=\"img\" aria-labelledby=\"vmkpath-p1-title vmkpath-p1-desc\""));
        assert!(html.contains("id=\"vmkpath-p2-title\""));
        assert!(html.contains("url(#vmkpath-p2-marker-") || !html.contains("url(#vmkpath-marker-"));
        assert!(!html.contains("id=\"vmkpath-title\""));
        assert!(!html.contains("id=\"flow-"));
        assert!(html.contains("<li>"), "the narration is written out");
    }

    /// The posters' stylesheet is the core's theme and scene rules verbatim, so the poster in a
    /// page looks like the widget (dark theme included) and cannot drift from it.
    #[test]
    fn poster_css_is_the_core_css() {
        let css = include_str!("../../www/vmkpath-poster.css");
        let expected = format!(
            "{}{}",
            vmkpath_core::scene::THEME_CSS,
            vmkpath_core::scene::SCENE_CSS
        );
        if !css.contains(&expected) {
            let header = css.split("*/").next().unwrap_or("");
            std::fs::write(
                concat!(env!("CARGO_MANIFEST_DIR"), "/../target/vmkpath-poster.css"),
                format!("{header}*/\n{expected}"),
            )
            .ok();
            panic!("www/vmkpath-poster.css differs from THEME_CSS + SCENE_CSS: see target/vmkpath-poster.css");
        }
    }

    #[test]
    fn unknown_scenario_fails_the_build() {
        assert!(fill("<vmk-path scenario=\"nope\"></vmk-path>").is_err());
    }
}
