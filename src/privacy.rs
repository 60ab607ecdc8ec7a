//! Privacy mode, for working where others can see the screen: names shown
//! as initials, record numbers masked, note bodies hidden until a note is
//! opened.
//!
//! Two layers. Screens call the helpers here ([`client_name`],
//! [`record_no`], [`note_body`]) where they draw those fields. And after the
//! whole frame is drawn, [`Redactor::apply`] sweeps the buffer for any
//! client's names and record numbers that a screen printed some other way
//! (a heading, a palette entry, a note's text) and overwrites them, so
//! "everywhere on screen" does not depend on every screen remembering.

use ratatui::buffer::Buffer;

use crate::domain::Client;
use crate::domain::text::one_line;

/// What a masked record number looks like (the same for every record, so
/// its length says nothing).
pub const MASK: &str = "••••";

/// Shown instead of a note's text in privacy mode until the note is opened.
pub const HIDDEN_BODY: &str = "(hidden in privacy mode: open the note to read it)";

/// Initials of every word of a name: "Ann Marie Zed" → "A.M.Z.".
#[must_use]
pub fn initials_of(full: &str) -> String {
    one_line(full)
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter_map(|w| w.chars().find(|c| c.is_alphanumeric()))
        .map(|c| format!("{}.", c.to_uppercase()))
        .collect()
}

/// A client's name as shown: the display name, or initials in privacy mode.
#[must_use]
pub fn client_name(c: &Client, on: bool) -> String {
    if on {
        initials_of(&format!("{} {}", c.given_name, c.family_name))
    } else {
        one_line(&c.display_name())
    }
}

/// Any other person's name (network members, people present).
#[must_use]
pub fn person(full: &str, on: bool) -> String {
    if on {
        initials_of(full)
    } else {
        one_line(full)
    }
}

/// A record number as shown: masked in privacy mode.
#[must_use]
pub fn record_no(r: Option<&str>, on: bool) -> String {
    match r {
        Some(r) if !r.trim().is_empty() => {
            if on {
                MASK.to_string()
            } else {
                one_line(r)
            }
        }
        _ => String::new(),
    }
}

/// A note's text as shown: hidden in privacy mode unless this note is open.
#[must_use]
pub fn note_body(body: &str, on: bool, opened: bool) -> String {
    if on && !opened {
        HIDDEN_BODY.to_string()
    } else {
        crate::domain::text::sanitize(body).into_owned()
    }
}

/// Overwrites names and record numbers wherever they appear in a drawn
/// buffer. Matching is case-insensitive, on whole words, and also catches a
/// name cut short with "…" by a narrow column.
#[derive(Debug, Clone, Default)]
pub struct Redactor {
    /// (what to find, lower-cased; what to write over it).
    needles: Vec<(Vec<char>, Vec<char>)>,
}

/// The fewest characters a name part must have to be swept (a one-letter
/// name would blank every "a" on screen).
const MIN_NEEDLE: usize = 2;

impl Redactor {
    /// A redactor for these clients' names (given, family, preferred) and
    /// record numbers.
    #[must_use]
    pub fn for_clients<'a>(clients: impl IntoIterator<Item = &'a Client>) -> Redactor {
        let mut r = Redactor::default();
        for c in clients {
            r.add_name(&c.given_name);
            r.add_name(&c.family_name);
            if let Some(p) = &c.preferred_name {
                r.add_name(p);
            }
            if let Some(rec) = &c.record_no {
                r.add_record(rec);
            }
        }
        r
    }

    /// Adds a name: each of its words is swept and replaced by its initial.
    pub fn add_name(&mut self, name: &str) {
        for word in one_line(name).split_whitespace() {
            let find: Vec<char> = word.chars().flat_map(char::to_lowercase).collect();
            if find.len() < MIN_NEEDLE || self.needles.iter().any(|(f, _)| *f == find) {
                continue;
            }
            let mut put: Vec<char> = word.chars().take(1).flat_map(char::to_uppercase).collect();
            put.push('.');
            self.needles.push((find, put));
        }
        self.sort();
    }

    /// Adds another person's name from free text ("Ada and her mother"):
    /// only capitalised words are swept, so ordinary words stay readable.
    pub fn add_person(&mut self, text: &str) {
        for word in one_line(text).split(|c: char| !c.is_alphanumeric() && c != '\'') {
            if word.chars().next().is_some_and(char::is_uppercase) {
                self.add_name(word);
            }
        }
    }

    /// Adds a record number, swept whole and replaced by bullets.
    pub fn add_record(&mut self, record: &str) {
        let clean = one_line(record);
        let find: Vec<char> = clean.trim().chars().flat_map(char::to_lowercase).collect();
        if find.len() >= MIN_NEEDLE {
            self.needles.push((find, MASK.chars().collect()));
            self.sort();
        }
    }

    /// Longest first, so "Annabel" is swept before "Ann".
    fn sort(&mut self) {
        self.needles.sort_by_key(|n| std::cmp::Reverse(n.0.len()));
    }

    /// Sweeps every row of `buf`.
    pub fn apply(&self, buf: &mut Buffer) {
        let area = buf.area;
        for y in area.top()..area.bottom() {
            let mut row: Vec<(u16, char)> = Vec::with_capacity(usize::from(area.width));
            for x in area.left()..area.right() {
                let Some(cell) = buf.cell((x, y)) else {
                    continue;
                };
                // Wide characters leave an empty cell after them; skip it.
                let mut chars = cell.symbol().chars();
                if let Some(c) = chars.next() {
                    row.push((x, c));
                }
            }
            for (find, put) in &self.needles {
                redact_row(buf, y, &mut row, find, put);
            }
        }
    }
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric()
}

fn redact_row(buf: &mut Buffer, y: u16, row: &mut [(u16, char)], find: &[char], put: &[char]) {
    let mut i = 0;
    while i < row.len() {
        let matched = match_at(row, i, find);
        if let Some(len) = matched {
            let before_ok = i == 0 || !is_word(row[i - 1].1);
            if before_ok {
                for (k, (x, c)) in row[i..i + len].iter_mut().enumerate() {
                    let new = put.get(k).copied().unwrap_or(' ');
                    *c = new;
                    if let Some(cell) = buf.cell_mut((*x, y)) {
                        cell.set_char(new);
                    }
                }
                i += len;
                continue;
            }
        }
        i += 1;
    }
}

/// The length matched at `i`: the whole needle at a word end, or a prefix of
/// at least three characters cut off by "…".
fn match_at(row: &[(u16, char)], i: usize, find: &[char]) -> Option<usize> {
    let mut k = 0;
    while k < find.len() {
        let (_, c) = *row.get(i + k)?;
        let lower: Vec<char> = c.to_lowercase().collect();
        if lower.as_slice() != [find[k]] {
            if c == '…' && k >= 3 {
                return Some(k);
            }
            return None;
        }
        k += 1;
    }
    match row.get(i + k) {
        Some((_, c)) if is_word(*c) => None,
        _ => Some(k),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::layout::Rect;

    fn client(given: &str, family: &str, rec: Option<&str>) -> Client {
        let mut c: Client = serde_json::from_value(serde_json::json!({
            "id": 1, "given_name": given, "family_name": family,
            "preferred_name": null, "pronouns": null, "dob": null,
            "record_no": rec, "address": null, "phone": null, "language": null,
            "interpreter": false, "team": null, "service": "adult",
            "status": "open", "opened_on": "2026-01-05", "closed_on": null,
            "closure_reason": null, "visit_every_days": null, "risk": "low",
            "risk_summary": null, "risk_reviewed_on": null, "alerts": [],
            "created_at": "2026-01-05T09:00:00", "updated_at": "2026-01-05T09:00:00"
        }))
        .unwrap();
        c.preferred_name = None;
        c
    }

    fn text(buf: &Buffer) -> String {
        let mut s = String::new();
        for y in 0..buf.area.height {
            for x in 0..buf.area.width {
                s.push_str(buf[(x, y)].symbol());
            }
            s.push('\n');
        }
        s
    }

    #[test]
    fn helpers_hide_names_records_and_bodies_only_when_on() {
        let c = client("Ann Marie", "Zed-Quill", Some("MOS 123 456"));
        assert_eq!(client_name(&c, true), "A.M.Z.Q.");
        assert_eq!(client_name(&c, false), "Ann Marie Zed-Quill");
        assert_eq!(record_no(c.record_no.as_deref(), true), MASK);
        assert_eq!(record_no(c.record_no.as_deref(), false), "MOS 123 456");
        assert_eq!(record_no(None, true), "");
        assert_eq!(note_body("Saw Ann", true, false), HIDDEN_BODY);
        assert_eq!(note_body("Saw Ann", true, true), "Saw Ann");
        assert_eq!(note_body("Saw\u{1b}[2J Ann", false, false), "Saw Ann");
        assert_eq!(person("\u{1b}]0;x\u{7}Dr Bo Kim", true), "D.B.K.");
    }

    #[test]
    fn the_sweep_replaces_whole_words_and_cut_names_but_not_parts_of_words() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 40, 3));
        buf.set_string(
            0,
            0,
            "Ann Zqxmarker  MOS 123 456",
            ratatui::style::Style::new(),
        );
        buf.set_string(
            0,
            1,
            "Planner: zqxmark… annex",
            ratatui::style::Style::new(),
        );
        buf.set_string(0, 2, "Banner ANN.", ratatui::style::Style::new());
        let r = Redactor::for_clients([&client("Ann", "Zqxmarker", Some("MOS 123 456"))]);
        r.apply(&mut buf);
        let out = text(&buf);
        assert!(!out.to_lowercase().contains("zqxmark"), "{out}");
        assert!(!out.contains("123 456"), "{out}");
        assert!(out.contains("A.  Z."), "{out}");
        assert!(out.contains(MASK), "{out}");
        // Words that merely contain a name are left alone.
        assert!(out.contains("Planner") && out.contains("annex") && out.contains("Banner"));
        assert!(
            out.lines().nth(2).unwrap().starts_with("Banner A. "),
            "{out}"
        );
    }

    #[test]
    fn other_people_are_swept_by_their_capitalised_words_only() {
        let mut p = Redactor::default();
        p.add_person("Ada and her mother, Dr Kim");
        let mut buf = Buffer::empty(Rect::new(0, 0, 40, 1));
        buf.set_string(0, 0, "Kim said Ada and her", ratatui::style::Style::new());
        p.apply(&mut buf);
        assert!(
            text(&buf).starts_with("K.  said A.  and her"),
            "{}",
            text(&buf)
        );
    }
}
