//! The HTML shell every HTML document shares: escaped text, no scripts, no
//! network, a print stylesheet.

/// Escapes text for HTML (after removing control characters).
#[must_use]
pub fn esc(s: &str) -> String {
    let s = crate::domain::text::sanitize(s);
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Escaped text with its paragraphs kept (newlines become `<br>`).
#[must_use]
pub fn esc_text(s: &str) -> String {
    esc(s.trim()).replace('\n', "<br>\n")
}

const STYLE: &str =
    "body{font-family:Georgia,serif;max-width:60em;margin:1em auto;padding:0 1em;line-height:1.4}
h1,h2,h3{font-family:Arial,sans-serif}
table{border-collapse:collapse;width:100%}
th,td{border:1px solid #999;padding:.2em .4em;text-align:left;vertical-align:top}
.made{color:#444;font-size:.9em}
.text{white-space:normal;margin:.3em 0 .6em 0}
.addendum{margin-left:2em;border-left:3px solid #999;padding-left:.6em}
.review{background:#ffe58a}
.client{page-break-before:always;break-before:page}
@media print{body{max-width:none;margin:0}a{color:black;text-decoration:none}
 tr,.entry{page-break-inside:avoid;break-inside:avoid}}";

/// A whole self-contained page: `title` in the head, `body` as given.
#[must_use]
pub fn page(title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n\
         <title>{}</title>\n<style>\n{STYLE}\n</style>\n</head>\n<body>\n{body}</body>\n</html>\n",
        esc(title)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_and_controls_are_escaped() {
        assert_eq!(
            esc("<script>x&\"y'</script>\u{1b}[2J"),
            "&lt;script&gt;x&amp;&quot;y&#39;&lt;/script&gt;"
        );
        assert_eq!(esc_text("a\nb"), "a<br>\nb");
        let p = page("t", "<p>x</p>");
        assert!(p.contains("@media print") && !p.contains("<script"));
    }
}
