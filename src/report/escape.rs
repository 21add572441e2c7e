//! Every string that comes from a dataset or an input file is untrusted in every output: this
//! module owns the escaping of such strings for HTML, Markdown and spreadsheet-bound CSV, and
//! decides which links may be live (only `http` and `https`).

use std::borrow::Cow;

/// Escapes text for HTML content and attribute values.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Escapes text for Markdown so that it renders as the same text: no raw HTML, no link,
/// image or emphasis can be formed from it (entities for `<`, `>`, `&`; CommonMark
/// backslash escapes for the rest).
pub fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\n' | '\r' => out.push(' '),
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '!' => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

/// The URL, if it may be a live link: an absolute `http` or `https` address without spaces,
/// quotes, angle brackets or control characters. Anything else (`javascript:`, `data:`,
/// relative paths) is shown as text, never linked.
pub fn safe_link(url: &str) -> Option<&str> {
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    let scheme_ok = lower.starts_with("http://") || lower.starts_with("https://");
    let clean = !url
        .chars()
        .any(|c| c.is_control() || c.is_whitespace() || matches!(c, '"' | '\'' | '<' | '>' | '`'));
    (scheme_ok && clean).then_some(url)
}

/// A source as one HTML line, `[id] title. publisher. address (read DAY)`, every part escaped
/// and the address a live link only if [`safe_link`] allows it.
pub fn source_html(id: &str, title: &str, publisher: &str, url: &str, read_on: &str) -> String {
    let link = match safe_link(url) {
        Some(url) => format!("<a href=\"{}\">{}</a>", escape_html(url), escape_html(url)),
        None => escape_html(url),
    };
    format!(
        "[{}] {}. {}. {link} (read {})",
        escape_html(id),
        escape_html(title),
        escape_html(publisher),
        escape_html(read_on)
    )
}

/// A CSV cell that a spreadsheet would read as a formula (it starts with `=`, `+`, `-`, `@`,
/// a tab or a carriage return) is prefixed with a single quote, as OWASP advises for CSV
/// injection; every other cell is unchanged.
pub fn spreadsheet_safe(cell: &str) -> Cow<'_, str> {
    match cell.as_bytes().first() {
        Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r') => Cow::Owned(format!("'{cell}")),
        _ => Cow::Borrowed(cell),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_are_live_only_for_http_and_https() {
        assert_eq!(
            safe_link("https://example.org/a?b=1"),
            Some("https://example.org/a?b=1")
        );
        assert_eq!(safe_link("HTTP://EXAMPLE.ORG"), Some("HTTP://EXAMPLE.ORG"));
        for bad in [
            "javascript:alert(1)",
            " JavaScript:alert(1)",
            "data:text/html,x",
            "//evil.example",
            "https://a\" onmouseover=\"x",
            "https://a b",
            "",
        ] {
            assert_eq!(safe_link(bad), None, "{bad}");
        }
    }

    #[test]
    fn formula_cells_are_neutralised_and_others_kept() {
        for formula in ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(spreadsheet_safe(formula), format!("'{formula}"));
        }
        for plain in ["AUS", "1", "a=b", ""] {
            assert_eq!(spreadsheet_safe(plain), plain);
        }
    }

    #[test]
    fn markdown_cannot_form_html_or_links() {
        let text = escape_markdown("<script>x</script> [a](javascript:b) *c*");
        assert!(!text.contains("<script"), "{text}");
        assert_eq!(
            text,
            "&lt;script&gt;x&lt;/script&gt; \\[a\\](javascript:b) \\*c\\*"
        );
    }
}
