//! Subject access: everything held about one person, with other people's
//! names (their network members, and everyone in a note's "present" list)
//! marked for the practitioner's review before anything is disclosed, and a
//! list of what was found.

use super::doc::{Block, Doc, Section};
use super::{ClientFile, Format, Made, summary};
use crate::store::AuditEntry;

/// The file names written into the chosen folder.
pub const RECORD_FILE: &str = "subject-access.html";
/// The plain-text twin.
pub const RECORD_TEXT: &str = "subject-access.txt";
/// The list of what was found and the names to review.
pub const FOUND_FILE: &str = "found.txt";

/// Marks a third party's name for review.
fn mark(name: &str) -> String {
    format!("[REVIEW third party: {name}]")
}

/// Third parties' names: network members, and each comma/semicolon/"and"
/// separated name in the notes' "present" lists (the client excluded).
#[must_use]
pub fn third_parties(file: &ClientFile) -> Vec<String> {
    let own = [
        file.client.given_name.to_lowercase(),
        file.client.family_name.to_lowercase(),
        file.client.display_name().to_lowercase(),
        format!("{} {}", file.client.given_name, file.client.family_name).to_lowercase(),
    ];
    let mut v: Vec<String> = file
        .network
        .iter()
        .map(|m| m.name.trim().to_string())
        .collect();
    for (n, _) in &file.notes {
        if let Some(p) = &n.present {
            for part in p.split([',', ';', '\n']).flat_map(|s| s.split(" and ")) {
                let part = part.trim();
                // Roles in brackets ("Ann (mother)") keep only the name.
                let name = part.split('(').next().unwrap_or(part).trim();
                if name.chars().any(char::is_uppercase) && !own.contains(&name.to_lowercase()) {
                    v.push(name.to_string());
                }
            }
        }
    }
    v.retain(|s| s.chars().count() >= 2);
    v.sort();
    v.dedup();
    // Longest first, so "Ann Smith" is marked before "Ann".
    v.sort_by_key(|s| std::cmp::Reverse(s.chars().count()));
    v
}

/// `text` with every third party's name marked (whole words, longest name
/// first at each place); each name found is noted with `place`.
fn marked(text: &str, names: &[String], found: &mut Vec<(String, String)>, place: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut prev: Option<char> = None;
    let mut i = 0;
    while i < text.len() {
        let rest = &text[i..];
        let at_word_start = prev.is_none_or(|c| !c.is_alphanumeric());
        let hit = names.iter().find(|n| {
            at_word_start
                && rest.starts_with(n.as_str())
                && rest[n.len()..]
                    .chars()
                    .next()
                    .is_none_or(|c| !c.is_alphanumeric())
        });
        if let Some(n) = hit {
            out.push_str(&mark(n));
            found.push((n.clone(), place.to_string()));
            prev = n.chars().last();
            i += n.len();
        } else if let Some(c) = rest.chars().next() {
            out.push(c);
            prev = Some(c);
            i += c.len_utf8();
        } else {
            break;
        }
    }
    out
}

/// The subject access record, the list of what was found, and the names to review.
#[must_use]
pub fn doc(file: &ClientFile, audit: &[AuditEntry], made: &Made) -> (Doc, String) {
    let names = third_parties(file);
    let mut found = Vec::new();
    let mut sections = summary::doc(file, made).sections;
    // The summary's network table names third parties: mark them there too.
    for s in &mut sections {
        for b in &mut s.blocks {
            if let Block::Table(_, rows) = b {
                for r in rows.iter_mut() {
                    for c in r.iter_mut() {
                        *c = marked(c, &names, &mut found, &format!("summary: {}", s.title));
                    }
                }
            }
        }
    }
    let mut notes = Vec::new();
    for (n, addenda) in &file.notes {
        let place = format!("note {}", n.id);
        let mut t = format!(
            "Note {} — {} {} — {} ({}{})\nWhere: {}\nPresent: {}\n\n{}",
            n.id,
            crate::dates::display::date_time(n.occurred_at),
            n.kind.label(),
            n.status.label(),
            if n.significant { "significant, " } else { "" },
            format_args!("written {}", crate::dates::display::date_time(n.written_at)),
            n.location.as_deref().unwrap_or("—"),
            n.present.as_deref().unwrap_or("—"),
            n.body
        );
        for a in addenda {
            t.push_str(&format!(
                "\n\nAddendum {} written {} — reason: {}\n{}",
                a.id,
                crate::dates::display::date_time(a.written_at),
                a.reason,
                a.body
            ));
        }
        notes.push(marked(&t, &names, &mut found, &place));
    }
    let plans: Vec<String> = file
        .plans
        .iter()
        .map(|p| {
            let t = format!(
                "Version {} of {}\nNeeds:\n{}\nOutcomes:\n{}\nStrengths:\n{}\nCrisis plan:\n{}",
                p.version,
                crate::dates::display::date(p.created_at.date()),
                p.needs,
                p.outcomes,
                p.strengths,
                p.crisis_plan
            );
            marked(
                &t,
                &names,
                &mut found,
                &format!("care plan version {}", p.version),
            )
        })
        .collect();
    let deadlines = file
        .deadlines
        .iter()
        .map(|d| {
            vec![
                d.id.to_string(),
                d.what.clone(),
                crate::dates::display::date(d.due),
                d.rule.clone().unwrap_or_default(),
                d.completed_on
                    .map(crate::dates::display::date)
                    .unwrap_or_default(),
                d.outcome.clone().unwrap_or_default(),
            ]
        })
        .collect();
    let audit_rows = audit
        .iter()
        .map(|a| {
            vec![
                crate::dates::display::date_time(a.at),
                a.entity.clone(),
                a.entity_id.to_string(),
                a.op.clone(),
                a.fields.clone(),
            ]
        })
        .collect();
    sections.push(Section::new(
        "All notes and addenda (drafts included)",
        vec![Block::List(notes)],
    ));
    sections.push(Section::new(
        "All care plan versions",
        vec![Block::List(plans)],
    ));
    sections.push(Section::new(
        "All deadlines",
        vec![Block::Table(
            ["Id", "What", "Due", "Rule", "Done", "Outcome"]
                .map(String::from)
                .to_vec(),
            deadlines,
        )],
    ));
    sections.push(Section::new(
        "Legal episodes",
        vec![Block::List(
            file.episodes
                .iter()
                .map(|e| {
                    format!(
                        "{} from {}{}",
                        e.kind.label(),
                        crate::dates::display::date(e.start_on),
                        e.end_on
                            .map(|d| format!(" to {}", crate::dates::display::date(d)))
                            .unwrap_or_default()
                    )
                })
                .collect(),
        )],
    ));
    sections.push(Section::new(
        "Changes made to the record (audit trail)",
        vec![Block::Table(
            ["When", "Record", "Id", "Change", "Fields"]
                .map(String::from)
                .to_vec(),
            audit_rows,
        )],
    ));
    let addenda: usize = file.notes.iter().map(|(_, a)| a.len()).sum();
    let mut list = format!(
        "Subject access: what was found for client {} ({})\n{}\n\nRecords:\n- client details: 1\n- network members: {}\n- notes: {} (drafts {})\n- addenda: {addenda}\n- care plan versions: {}\n- legal episodes: {}\n- deadlines: {}\n- actions: {}\n- audit entries: {}\n\n",
        file.client.id,
        super::clean_line(&file.client.display_name()),
        made.line(),
        file.network.len(),
        file.notes.len(),
        file.notes
            .iter()
            .filter(|(n, _)| n.status == crate::domain::NoteStatus::Draft)
            .count(),
        file.plans.len(),
        file.episodes.len(),
        file.deadlines.len(),
        file.actions.len(),
        audit.len(),
    );
    list.push_str(
        "Third parties' names marked [REVIEW third party: …] — review before disclosure:\n",
    );
    if found.is_empty() {
        list.push_str("- none found\n");
    }
    found.sort();
    found.dedup();
    for (name, place) in &found {
        list.push_str(&format!("- {} in {place}\n", super::clean_line(name)));
    }
    let d = Doc {
        title: format!("Subject access record: {}", file.client.display_name()),
        made: vec![
            made.line(),
            "Third parties' names are marked [REVIEW third party: …]: review each before disclosure.".into(),
        ],
        sections,
    };
    (d, super::clean(&list) + "\n")
}

/// The record as (HTML, plain text, list of what was found).
#[must_use]
pub fn render(file: &ClientFile, audit: &[AuditEntry], made: &Made) -> (String, String, String) {
    let (d, found) = doc(file, audit, made);
    (d.render(Format::Html), d.render(Format::Txt), found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_marked_as_whole_words_longest_first() {
        let names = vec!["Ann Smith".to_string(), "Ann".to_string()];
        let mut found = Vec::new();
        let out = marked(
            "Ann Smith and Ann met Annabel.",
            &names,
            &mut found,
            "note 1",
        );
        assert_eq!(
            out,
            "[REVIEW third party: Ann Smith] and [REVIEW third party: Ann] met Annabel."
        );
        assert_eq!(found.len(), 2);
    }
}
