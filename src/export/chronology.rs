//! The chronology for a court or tribunal bundle: numbered entries in date
//! order, the author's full text of significant notes with each addendum
//! under its note (own time and reason), legal episodes and statutory
//! events, under a header naming the client, record number and period.

use super::{ClientFile, Format, Made, Period, Result, clean, clean_line, html};
use crate::domain::NoteStatus;
use crate::store::{ChronologyEntry, ChronologySource};

/// One numbered entry with the addenda shown under it.
#[derive(Debug, Clone)]
pub struct Item<'a> {
    /// 1, 2, 3… in date order.
    pub number: usize,
    /// The entry.
    pub entry: &'a ChronologyEntry,
    /// A short heading: the kind of contact, or the event.
    pub heading: String,
    /// Addenda to this note, oldest first.
    pub addenda: Vec<&'a ChronologyEntry>,
}

/// The numbered entries of `file`'s chronology within `period` (an addendum
/// goes with its note, whenever it was written).
#[must_use]
pub fn items<'a>(file: &'a ClientFile, period: &Period) -> Vec<Item<'a>> {
    let mut out = Vec::new();
    for e in &file.chronology {
        if e.source == ChronologySource::Addendum || !period.contains(e.date) {
            continue;
        }
        let addenda = file
            .chronology
            .iter()
            .filter(|a| a.source == ChronologySource::Addendum && a.note_id == e.note_id)
            .filter(|_| e.source == ChronologySource::Note)
            .collect();
        out.push(Item {
            number: out.len() + 1,
            heading: heading(file, e),
            entry: e,
            addenda,
        });
    }
    out
}

fn heading(file: &ClientFile, e: &ChronologyEntry) -> String {
    let note = e
        .note_id
        .and_then(|id| file.notes.iter().find(|(n, _)| n.id == id));
    match (e.source, note) {
        (ChronologySource::Note, Some((n, _))) => {
            let mut h = format!("{} (significant note)", n.kind_label());
            if n.status == NoteStatus::Draft {
                h.push_str(", draft, not yet final");
            }
            if let Some(r) = &n.late_reason {
                h.push_str(&format!(", late entry: {}", clean_line(r)));
            }
            h
        }
        _ => clean_line(&e.event),
    }
}

/// The entry's day (and time) as the practitioner reads dates.
fn when(e: &ChronologyEntry) -> String {
    match e.time {
        Some(t) => crate::dates::display::date_time(e.date.and_time(t)),
        None => crate::dates::display::date(e.date),
    }
}

fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// "3 significant notes, 1 addendum, 2 legal episode entries, 1 statutory deadline".
fn sources(items: &[Item<'_>]) -> String {
    let of = |s: ChronologySource| items.iter().filter(|i| i.entry.source == s).count();
    let addenda: usize = items.iter().map(|i| i.addenda.len()).sum();
    [
        count(
            of(ChronologySource::Note),
            "significant note",
            "significant notes",
        ),
        count(addenda, "addendum", "addenda"),
        count(
            of(ChronologySource::Episode),
            "legal episode entry",
            "legal episode entries",
        ),
        count(
            of(ChronologySource::Deadline),
            "statutory deadline",
            "statutory deadlines",
        ),
    ]
    .join(", ")
}

fn header_lines(
    file: &ClientFile,
    period: &Period,
    made: &Made,
    items: &[Item<'_>],
) -> Vec<String> {
    let c = &file.client;
    let mut v = vec![
        format!(
            "Record number: {}",
            c.record_no.as_deref().map_or("none".into(), clean_line)
        ),
        format!(
            "Date of birth: {}",
            c.dob
                .map_or("not recorded".into(), crate::dates::display::date)
        ),
    ];
    let span = match (items.first(), items.last()) {
        (Some(a), Some(b)) => format!(
            " (entries {} to {})",
            crate::dates::display::date(a.entry.date),
            crate::dates::display::date(b.entry.date)
        ),
        _ => " (no entries)".into(),
    };
    v.push(format!("Period covered: {}{span}", period.describe()));
    v.push(format!("{}; from {}.", made.line(), sources(items)));
    v
}

/// The chronology as a document in `format` (md, html, csv; txt is plain md).
pub fn render(file: &ClientFile, period: &Period, made: &Made, format: Format) -> Result<String> {
    let items = items(file, period);
    Ok(match format {
        Format::Md | Format::Txt => markdown(file, period, made, &items),
        Format::Html => to_html(file, period, made, &items),
        Format::Csv => to_csv(&items)?,
    })
}

fn quote(text: &str) -> String {
    text.lines()
        .map(|l| {
            if l.is_empty() {
                ">".into()
            } else {
                format!("> {l}")
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn markdown(file: &ClientFile, period: &Period, made: &Made, items: &[Item<'_>]) -> String {
    let mut s = format!(
        "# Chronology: {}\n\n",
        clean_line(&file.client.display_name())
    );
    for l in header_lines(file, period, made, items) {
        s.push_str(&format!("{l}  \n"));
    }
    if items.is_empty() {
        s.push_str("\nNothing in this period.\n");
    }
    for it in items {
        let e = it.entry;
        s.push_str(&format!(
            "\n## {}. {} — {} ({})\n",
            it.number,
            when(e),
            it.heading,
            e.source_ref()
        ));
        if !e.text.is_empty() {
            s.push_str(&format!("\n{}\n", clean(&e.text)));
        }
        for a in &it.addenda {
            s.push_str(&format!(
                "\n> **Addendum written {}** ({}) — reason: {}\n>\n{}\n",
                when(a),
                a.source_ref(),
                clean_line(a.reason.as_deref().unwrap_or_default()),
                quote(&clean(&a.text))
            ));
        }
    }
    s
}

fn to_html(file: &ClientFile, period: &Period, made: &Made, items: &[Item<'_>]) -> String {
    let title = format!("Chronology: {}", file.client.display_name());
    html::page(&title, &html_body(file, period, made, items, 1))
}

/// The chronology's HTML body (headings from level `h`), for pages that hold several.
#[must_use]
pub fn html_section(file: &ClientFile, period: &Period, made: &Made, h: u8) -> String {
    html_body(file, period, made, &items(file, period), h)
}

fn html_body(file: &ClientFile, period: &Period, made: &Made, items: &[Item<'_>], h: u8) -> String {
    let h2 = h + 1;
    let mut s = format!(
        "<h{h}>Chronology: {}</h{h}>\n<p class=\"made\">",
        html::esc(&file.client.display_name())
    );
    s.push_str(
        &header_lines(file, period, made, items)
            .iter()
            .map(|l| html::esc(l))
            .collect::<Vec<_>>()
            .join("<br>\n"),
    );
    s.push_str("</p>\n");
    if items.is_empty() {
        s.push_str("<p>Nothing in this period.</p>\n");
    }
    for it in items {
        let e = it.entry;
        s.push_str(&format!(
            "<div class=\"entry\"><h{h2}>{}. {} — {} <small>({})</small></h{h2}>\n",
            it.number,
            html::esc(&when(e)),
            html::esc(&it.heading),
            html::esc(&e.source_ref())
        ));
        if !e.text.is_empty() {
            s.push_str(&format!(
                "<p class=\"text\">{}</p>\n",
                html::esc_text(&e.text)
            ));
        }
        for a in &it.addenda {
            s.push_str(&format!(
                "<div class=\"addendum\"><p><b>Addendum written {}</b> ({}) — reason: {}</p>\n<p class=\"text\">{}</p></div>\n",
                html::esc(&when(a)),
                html::esc(&a.source_ref()),
                html::esc(a.reason.as_deref().unwrap_or_default()),
                html::esc_text(&a.text)
            ));
        }
        s.push_str("</div>\n");
    }
    s
}

fn to_csv(items: &[Item<'_>]) -> Result<String> {
    let mut rows = Vec::new();
    for it in items {
        let e = it.entry;
        rows.push(row(&it.number.to_string(), e, &it.heading, ""));
        for (i, a) in it.addenda.iter().enumerate() {
            let n = format!("{}.{}", it.number, i + 1);
            let heading = format!("Addendum to entry {}", it.number);
            rows.push(row(
                &n,
                a,
                &heading,
                a.reason.as_deref().unwrap_or_default(),
            ));
        }
    }
    super::csv::document(
        &[
            "number", "date", "time", "event", "source", "reason", "text",
        ],
        &rows,
    )
}

fn row(number: &str, e: &ChronologyEntry, heading: &str, reason: &str) -> Vec<String> {
    vec![
        number.to_string(),
        e.date.to_string(),
        e.time
            .map(|t| t.format("%H:%M").to_string())
            .unwrap_or_default(),
        heading.to_string(),
        e.source_ref(),
        clean_line(reason),
        clean(&e.text),
    ]
}
