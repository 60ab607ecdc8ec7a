//! The second line of defence: after a frame is drawn in privacy mode,
//! [`Redactor::apply`] sweeps it for any known name or record number that a
//! screen printed without going through [`super::shown`], and overwrites it.
//!
//! The matcher is one `aho-corasick` automaton (leftmost-longest, ASCII
//! case-insensitive) over every word of every known name, built once when
//! the store is opened or a client or network member is added or renamed,
//! never per key. A sweep is one pass per row with two reused buffers.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use ratatui::buffer::Buffer;

use super::MASK;
use crate::domain::Client;
use crate::domain::text::one_line;

/// The fewest characters a name word must have to be swept (a one-letter
/// name would blank every "a" on screen).
const MIN_NEEDLE: usize = 2;

/// Titles are not names: "Dr" is not swept from "Dr Kim".
const TITLES: [&str; 8] = ["dr", "mr", "mrs", "ms", "mx", "miss", "prof", "rev"];

/// The fewest characters of a name cut short by "…" that are still swept.
const MIN_CUT: usize = 4;

/// Known names and record numbers, compiled into one matcher.
#[derive(Debug, Clone, Default)]
pub struct Redactor {
    matcher: Option<AhoCorasick>,
    /// For each pattern, what to write over it.
    puts: Vec<String>,
}

/// Collects the patterns before the matcher is compiled once.
#[derive(Debug, Default)]
pub(super) struct Patterns {
    pub(super) find: Vec<String>,
    pub(super) put: Vec<String>,
    seen: std::collections::HashSet<String>,
}

impl Patterns {
    pub(super) fn push(&mut self, find: String, put: String) {
        if self.seen.insert(find.to_lowercase()) {
            self.find.push(find);
            self.put.push(put);
        }
    }

    pub(super) fn name(&mut self, name: &str) {
        for word in one_line(name).split(|c: char| c.is_whitespace() || c == '-') {
            let word = word.trim_matches(|c: char| !c.is_alphanumeric());
            let len = word.chars().count();
            let lower = word.chars().next().is_some_and(char::is_lowercase);
            if len < MIN_NEEDLE || lower || TITLES.contains(&word.to_lowercase().as_str()) {
                continue;
            }
            let initial: String = word.chars().take(1).flat_map(char::to_uppercase).collect();
            self.push(word.to_string(), format!("{initial}."));
            // A name cut short by a narrow column: "Fairwea…".
            for cut in MIN_CUT..len {
                let prefix: String = word.chars().take(cut).collect();
                self.push(format!("{prefix}…"), format!("{initial}.…"));
            }
        }
    }

    pub(super) fn record(&mut self, record: &str) {
        let clean = one_line(record);
        let clean = clean.trim();
        if clean.chars().count() >= MIN_NEEDLE {
            self.push(clean.to_string(), MASK.to_string());
        }
    }
}

/// Words that make a network member's "name" a service, not a person.
const SERVICE_WORDS: [&str; 32] = [
    "advocacy",
    "carers",
    "academy",
    "adviser",
    "association",
    "centre",
    "clinic",
    "college",
    "council",
    "employment",
    "group",
    "health",
    "home",
    "hospital",
    "hostel",
    "house",
    "hub",
    "interpreting",
    "nursery",
    "officer",
    "practice",
    "project",
    "rescue",
    "recovery",
    "school",
    "service",
    "services",
    "surgery",
    "team",
    "trust",
    "unit",
    "ward",
];

/// Whether a network member's name is a person's ("Dr Ada Kim", "Marigold
/// and Bernard Quince") rather than a service's ("Fennick Advocacy Hub",
/// "Health visitor team"): capitalised words, none of them a service word.
#[must_use]
pub fn is_persons_name(name: &str) -> bool {
    name.split_whitespace().all(|w| {
        let bare = w
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        let capital = w.chars().next().is_some_and(|c| !c.is_lowercase());
        (capital || bare == "and") && !SERVICE_WORDS.contains(&bare.as_str())
    })
}

impl Redactor {
    /// A redactor for these clients' names (given, family, preferred),
    /// their record numbers, and other people's names (network members).
    #[must_use]
    pub fn build<'a>(
        clients: impl IntoIterator<Item = &'a Client>,
        people: impl IntoIterator<Item = &'a str>,
    ) -> Redactor {
        let mut p = Patterns::default();
        for c in clients {
            p.name(&c.given_name);
            p.name(&c.family_name);
            if let Some(n) = &c.preferred_name {
                p.name(n);
            }
            if let Some(r) = &c.record_no {
                p.record(r);
            }
        }
        // A network "member" may be a service ("Fennick Leaving Care
        // personal adviser"): its words are ordinary ones, and sweeping
        // "Care" would blank "Care plan review". Only people's names are.
        for name in people.into_iter().filter(|n| is_persons_name(n)) {
            p.name(name);
        }
        let matcher = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .ascii_case_insensitive(true)
            .build(&p.find)
            .ok();
        Redactor {
            matcher,
            puts: p.put,
        }
    }

    /// How many patterns the matcher holds.
    #[must_use]
    pub fn len(&self) -> usize {
        self.puts.len()
    }

    /// Whether there is nothing to sweep for.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.puts.is_empty()
    }

    /// Sweeps every row of `buf`, overwriting whole-word matches; returns
    /// how many it overwrote (0 when the first line did its job).
    pub fn apply(&self, buf: &mut Buffer) -> usize {
        let Some(ac) = &self.matcher else { return 0 };
        let area = buf.area;
        let mut row = String::with_capacity(usize::from(area.width) * 2);
        // The x of the cell each byte of `row` came from.
        let mut xs: Vec<u16> = Vec::with_capacity(usize::from(area.width) * 2);
        let mut found = 0;
        for y in area.top()..area.bottom() {
            row.clear();
            xs.clear();
            for x in area.left()..area.right() {
                let Some(cell) = buf.cell((x, y)) else {
                    continue;
                };
                // Wide characters leave an empty cell after them; skip it.
                if let Some(c) = cell.symbol().chars().next() {
                    row.push(c);
                    xs.resize(row.len(), x);
                }
            }
            for m in ac.find_iter(&row) {
                let before = row[..m.start()].chars().next_back();
                let after = row[m.end()..].chars().next();
                let cut = row[..m.end()].ends_with('…');
                // Names are written capitalised: "and" or "review" in the
                // program's words is not the network member "And…".
                let lower = row[m.start()..]
                    .chars()
                    .next()
                    .is_some_and(char::is_lowercase);
                if lower
                    || before.is_some_and(char::is_alphanumeric)
                    || (!cut && after.is_some_and(char::is_alphanumeric))
                {
                    continue;
                }
                found += 1;
                let put = &self.puts[m.pattern().as_usize()];
                let mut put = put.chars();
                let mut last = None;
                for (i, _) in row[m.start()..m.end()].char_indices() {
                    let x = xs[m.start() + i];
                    if last == Some(x) {
                        continue;
                    }
                    last = Some(x);
                    if let Some(cell) = buf.cell_mut((x, y)) {
                        cell.set_char(put.next().unwrap_or(' '));
                    }
                }
            }
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::layout::Rect;

    fn client(given: &str, family: &str, rec: Option<&str>) -> Client {
        serde_json::from_value(serde_json::json!({
            "id": 1, "given_name": given, "family_name": family,
            "preferred_name": null, "pronouns": null, "dob": null,
            "record_no": rec, "address": null, "phone": null, "language": null,
            "interpreter": false, "team": null, "service": "adult",
            "status": "open", "opened_on": "2026-01-05", "closed_on": null,
            "closure_reason": null, "visit_every_days": null, "risk": "low",
            "risk_summary": null, "risk_reviewed_on": null, "alerts": [],
            "created_at": "2026-01-05T09:00:00", "updated_at": "2026-01-05T09:00:00"
        }))
        .unwrap()
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
    fn the_sweep_replaces_whole_words_and_cut_names_but_not_parts_of_words() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 40, 3));
        let st = ratatui::style::Style::new();
        buf.set_string(0, 0, "Ann Zqxmarker  MOS 123 456", st);
        buf.set_string(0, 1, "Planner: Zqxmark… annex", st);
        buf.set_string(0, 2, "Banner ANN. ann", st);
        let r = Redactor::build([&client("Ann", "Zqxmarker", Some("MOS 123 456"))], []);
        assert_eq!(r.apply(&mut buf), 5);
        let out = text(&buf);
        assert!(!out.to_lowercase().contains("zqxmark"), "{out}");
        assert!(!out.contains("123 456"), "{out}");
        assert!(out.contains("A.  Z."), "{out}");
        assert!(out.contains(MASK), "{out}");
        // Words that merely contain a name are left alone.
        assert!(out.contains("Planner") && out.contains("annex") && out.contains("Banner"));
        // Ordinary lower-case words are not names.
        assert!(
            out.lines().nth(2).unwrap().starts_with("Banner A. . ann"),
            "{out}"
        );
        // A clean frame: nothing found.
        let mut clean = Buffer::empty(Rect::new(0, 0, 20, 1));
        clean.set_string(0, 0, "A.Z.  ••••", st);
        assert_eq!(r.apply(&mut clean), 0);
    }

    #[test]
    fn other_people_are_swept_by_their_names_words() {
        let p = Redactor::build([], ["Dr Kimberley-Ode", "Fennick Care Hub"]);
        assert!(is_persons_name("Marigold and Bernard Quince"));
        assert!(!is_persons_name("Health visitor team"));
        assert!(!is_persons_name("Fennick Interpreting (Polish)"));
        let mut buf = Buffer::empty(Rect::new(0, 0, 40, 1));
        buf.set_string(
            0,
            0,
            "Kimberley said Ode: Care",
            ratatui::style::Style::new(),
        );
        p.apply(&mut buf);
        assert!(
            text(&buf).starts_with("K.        said O. : Care"),
            "{}",
            text(&buf)
        );
    }
}
