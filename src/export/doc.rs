//! A tiny document model (sections of fields, text, lists and tables) with
//! one renderer per format, so the summary, outage pack and subject access
//! file are laid out once and written as Markdown, HTML or plain text.

use super::{Format, clean, clean_line, html};

/// One piece of a section.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// Label: value pairs.
    Fields(Vec<(String, String)>),
    /// Free text with its paragraphs.
    Text(String),
    /// A bulleted list.
    List(Vec<String>),
    /// A table: header and rows.
    Table(Vec<String>, Vec<Vec<String>>),
    /// Ready-made HTML (already escaped), shown only in HTML; other formats
    /// get the plain text beside it.
    Raw {
        /// The HTML.
        html: String,
        /// The same content as plain text.
        text: String,
    },
}

/// A titled section.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    /// The heading.
    pub title: String,
    /// What it holds.
    pub blocks: Vec<Block>,
    /// Start a new printed page here (HTML).
    pub page_break: bool,
}

impl Section {
    /// A section on the same page.
    #[must_use]
    pub fn new(title: impl Into<String>, blocks: Vec<Block>) -> Self {
        Section {
            title: title.into(),
            blocks,
            page_break: false,
        }
    }
}

/// A whole document.
#[derive(Debug, Clone, PartialEq)]
pub struct Doc {
    /// The title.
    pub title: String,
    /// Lines under the title: when made, from which records.
    pub made: Vec<String>,
    /// The body.
    pub sections: Vec<Section>,
}

impl Doc {
    /// The document in `format` (CSV is not a document format: plain text).
    #[must_use]
    pub fn render(&self, format: Format) -> String {
        match format {
            Format::Md => self.markdown(),
            Format::Html => self.html(),
            Format::Txt | Format::Csv => self.text(),
        }
    }

    fn markdown(&self) -> String {
        let mut s = format!("# {}\n\n", clean_line(&self.title));
        for l in &self.made {
            s.push_str(&format!("{}  \n", clean_line(l)));
        }
        for sec in &self.sections {
            s.push_str(&format!("\n## {}\n", clean_line(&sec.title)));
            for b in &sec.blocks {
                s.push('\n');
                match b {
                    Block::Fields(f) => {
                        for (k, v) in f {
                            s.push_str(&format!("- **{}:** {}\n", clean_line(k), clean_line(v)));
                        }
                    }
                    Block::Text(t) => s.push_str(&format!("{}\n", clean(t))),
                    Block::List(items) => {
                        for i in items {
                            s.push_str(&format!("- {}\n", clean(i).replace('\n', "\n  ")));
                        }
                    }
                    Block::Table(h, rows) => {
                        let cell = |c: &str| clean_line(c).replace('|', "\\|");
                        s.push_str(&format!(
                            "| {} |\n",
                            h.iter().map(|c| cell(c)).collect::<Vec<_>>().join(" | ")
                        ));
                        s.push_str(&format!("|{}\n", "---|".repeat(h.len())));
                        for r in rows {
                            s.push_str(&format!(
                                "| {} |\n",
                                r.iter().map(|c| cell(c)).collect::<Vec<_>>().join(" | ")
                            ));
                        }
                    }
                    Block::Raw { text, .. } => s.push_str(&format!("{}\n", clean(text))),
                }
            }
        }
        s
    }

    fn text(&self) -> String {
        let title = clean_line(&self.title);
        let mut s = format!("{title}\n{}\n", "=".repeat(title.chars().count()));
        for l in &self.made {
            s.push_str(&format!("{}\n", clean_line(l)));
        }
        for sec in &self.sections {
            if sec.page_break {
                s.push('\u{c}');
            }
            let t = clean_line(&sec.title);
            s.push_str(&format!("\n{t}\n{}\n", "-".repeat(t.chars().count())));
            for b in &sec.blocks {
                match b {
                    Block::Fields(f) => {
                        for (k, v) in f {
                            s.push_str(&format!("{}: {}\n", clean_line(k), clean_line(v)));
                        }
                    }
                    Block::Text(t) => s.push_str(&format!("{}\n", clean(t))),
                    Block::List(items) => {
                        for i in items {
                            s.push_str(&format!("* {}\n", clean(i).replace('\n', "\n  ")));
                        }
                    }
                    Block::Table(h, rows) => {
                        s.push_str(&format!(
                            "{}\n",
                            h.iter()
                                .map(|c| clean_line(c))
                                .collect::<Vec<_>>()
                                .join(" | ")
                        ));
                        for r in rows {
                            s.push_str(&format!(
                                "{}\n",
                                r.iter()
                                    .map(|c| clean_line(c))
                                    .collect::<Vec<_>>()
                                    .join(" | ")
                            ));
                        }
                    }
                    Block::Raw { text, .. } => s.push_str(&format!("{}\n", clean(text))),
                }
                s.push('\n');
            }
        }
        s
    }

    fn html(&self) -> String {
        let mut s = format!("<h1>{}</h1>\n<p class=\"made\">", html::esc(&self.title));
        s.push_str(
            &self
                .made
                .iter()
                .map(|l| html::esc(l))
                .collect::<Vec<_>>()
                .join("<br>\n"),
        );
        s.push_str("</p>\n");
        for sec in &self.sections {
            let class = if sec.page_break {
                " class=\"client\""
            } else {
                ""
            };
            s.push_str(&format!(
                "<section{class}>\n<h2>{}</h2>\n",
                html::esc(&sec.title)
            ));
            for b in &sec.blocks {
                match b {
                    Block::Fields(f) => {
                        s.push_str("<table>\n");
                        for (k, v) in f {
                            s.push_str(&format!(
                                "<tr><th>{}</th><td>{}</td></tr>\n",
                                html::esc(k),
                                html::esc(v)
                            ));
                        }
                        s.push_str("</table>\n");
                    }
                    Block::Text(t) => {
                        s.push_str(&format!("<p class=\"text\">{}</p>\n", html::esc_text(t)))
                    }
                    Block::List(items) => {
                        s.push_str("<ul>\n");
                        for i in items {
                            s.push_str(&format!("<li>{}</li>\n", html::esc_text(i)));
                        }
                        s.push_str("</ul>\n");
                    }
                    Block::Table(h, rows) => {
                        s.push_str("<table>\n<tr>");
                        for c in h {
                            s.push_str(&format!("<th>{}</th>", html::esc(c)));
                        }
                        s.push_str("</tr>\n");
                        for r in rows {
                            s.push_str("<tr>");
                            for c in r {
                                s.push_str(&format!("<td>{}</td>", html::esc_text(c)));
                            }
                            s.push_str("</tr>\n");
                        }
                        s.push_str("</table>\n");
                    }
                    Block::Raw { html, .. } => s.push_str(html),
                }
            }
            s.push_str("</section>\n");
        }
        html::page(&self.title, &s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc() -> Doc {
        Doc {
            title: "T <x>".into(),
            made: vec!["Made now".into()],
            sections: vec![Section::new(
                "S",
                vec![
                    Block::Fields(vec![("Name".into(), "Ann\u{1b}[2J".into())]),
                    Block::Text("para one\npara two".into()),
                    Block::List(vec!["a".into()]),
                    Block::Table(vec!["h".into()], vec![vec!["c|d".into()]]),
                ],
            )],
        }
    }

    #[test]
    fn every_format_holds_every_block_cleanly() {
        for f in [Format::Md, Format::Html, Format::Txt] {
            let out = doc().render(f);
            assert!(out.contains("Ann") && !out.contains('\u{1b}'), "{f:?}");
            assert!(
                out.contains("para two") && out.contains("Made now"),
                "{f:?}"
            );
        }
        assert!(doc().render(Format::Html).contains("T &lt;x&gt;"));
        assert!(doc().render(Format::Md).contains("c\\|d"));
    }
}
