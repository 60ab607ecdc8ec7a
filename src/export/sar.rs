//! Subject access: everything held about one person, with every other
//! person's name the record knows marked for the practitioner's review
//! wherever it appears (see [`super::third_party`]), a table of contents,
//! and a list of what was found that says plainly what it cannot find.

use super::doc::{Block, Doc, Section};
use super::sar_gather::SarFile;
use super::third_party::Marker;
use super::{Format, Made, summary};
use crate::dates::display;

/// The file names written into the chosen folder.
pub const RECORD_FILE: &str = "subject-access.html";
/// The plain-text twin.
pub const RECORD_TEXT: &str = "subject-access.txt";
/// The list of what was found and the names to review.
pub const FOUND_FILE: &str = "found.txt";

/// What the found list says about names it cannot know.
pub const UNKNOWN_NAMES: &str = "Only names the record holds (network members, other clients, \
people present at notes and visits) can be found. A name typed only in free text, and \
held nowhere else in the record, cannot be found and is NOT marked: a person must read \
every note, addendum, plan and visit before disclosure.";

/// Marks every text of `s` (the summary's sections), each place named.
fn mark_section(m: &mut Marker, s: &mut Section) {
    let title = s.title.clone();
    let risk = title == "Risk and alerts";
    for b in &mut s.blocks {
        match b {
            Block::Fields(f) => {
                for (k, v) in f.iter_mut() {
                    *v = m.mark(v, &format!("{title}: {k}"));
                }
            }
            Block::Text(t) => {
                *t = m.mark(t, if risk { "risk summary" } else { &title });
            }
            Block::List(items) => {
                for (i, t) in items.iter_mut().enumerate() {
                    let place = if risk {
                        format!("alert {}", i + 1)
                    } else {
                        format!("{title}, item {}", i + 1)
                    };
                    *t = m.mark(t, &place);
                }
            }
            Block::Table(_, rows) => {
                for (r, row) in rows.iter_mut().enumerate() {
                    for c in row.iter_mut() {
                        *c = m.mark(c, &format!("{title}, row {}", r + 1));
                    }
                }
            }
            Block::Raw { html, text } => {
                *text = m.mark(text, &title);
                *html = super::html::esc(text);
            }
        }
    }
}

fn network(sar: &SarFile, m: &mut Marker) -> Section {
    let rows = sar
        .file
        .network
        .iter()
        .map(|n| {
            let place = format!("network member {}", n.id);
            let opt = |o: &Option<String>| o.clone().unwrap_or_default();
            let cells = [
                n.name.clone(),
                n.role.clone(),
                opt(&n.relationship),
                opt(&n.organisation),
                opt(&n.phone),
                opt(&n.email),
                if n.consent_to_share { "yes" } else { "no" }.into(),
                opt(&n.notes),
                if n.archived { "archived" } else { "current" }.into(),
            ];
            cells.iter().map(|c| m.mark(c, &place)).collect()
        })
        .collect();
    let head = [
        "Name",
        "Role",
        "Relationship",
        "Organisation",
        "Phone",
        "Email",
        "Consent to share",
        "Notes",
        "State",
    ];
    Section::new(
        "Everyone in the network (archived included)",
        vec![Block::Table(head.map(String::from).to_vec(), rows)],
    )
}

fn notes(sar: &SarFile, m: &mut Marker) -> Section {
    let items = sar
        .file
        .notes
        .iter()
        .map(|(n, addenda)| {
            let mut t = m.mark(
                &format!(
                    "Note {} — {} {} — {} ({}written {})\nWhere: {}\nPresent: {}\n\n{}",
                    n.id,
                    display::date_time(n.occurred_at),
                    n.kind_label(),
                    n.status.label(),
                    if n.significant { "significant, " } else { "" },
                    display::date_time(n.written_at),
                    n.location.as_deref().unwrap_or("—"),
                    n.present.as_deref().unwrap_or("—"),
                    n.body
                ),
                &format!("note {}", n.id),
            );
            for a in addenda {
                t.push_str(&m.mark(
                    &format!(
                        "\n\nAddendum {} written {} — reason: {}\n{}",
                        a.id,
                        display::date_time(a.written_at),
                        a.reason,
                        a.body
                    ),
                    &format!("addendum {} to note {}", a.id, n.id),
                ));
            }
            t
        })
        .collect();
    Section::new(
        "All notes and addenda (drafts included)",
        vec![Block::List(items)],
    )
}

fn visits(sar: &SarFile, m: &mut Marker) -> Section {
    let me = sar.file.client.id;
    let items: Vec<String> = sar
        .visits
        .iter()
        .map(|v| {
            let when = v
                .when()
                .map_or_else(|| "no time".into(), display::date_time);
            let mut t = format!(
                "Visit {} — {when} — {} — {}",
                v.id,
                v.kind.label(),
                v.status.label()
            );
            if let Some(l) = &v.location {
                t.push_str(&format!("\nWhere: {l}"));
            }
            if let Some(w) = &v.with_whom {
                t.push_str(&format!("\nWith: {w}"));
            }
            for p in &v.people {
                let outcome = p.outcome.map_or("no outcome recorded", |o| o.label());
                // Another client seen at the same visit is a third party:
                // their name goes through the marker like any text.
                let who = if p.client_id == me {
                    "This client".to_string()
                } else {
                    p.name.clone()
                };
                t.push_str(&format!("\n{who}: {outcome}"));
            }
            for mv in &v.moves {
                t.push_str(&format!(
                    "\nMoved from {} to {}",
                    display::date_time(mv.from),
                    display::date_time(mv.to)
                ));
            }
            if let Some(r) = &v.cancel_reason {
                t.push_str(&format!("\nCancelled: {r}"));
            }
            if let Some(n) = v.note_id {
                t.push_str(&format!("\nRecorded in note {n}"));
            }
            m.mark(&t, &format!("visit {}", v.id))
        })
        .collect();
    let blocks = if items.is_empty() {
        vec![Block::Text("No visits recorded.".into())]
    } else {
        vec![Block::List(items)]
    };
    Section::new(
        "All visits (planned, done and cancelled, with outcomes)",
        blocks,
    )
}

fn plans(sar: &SarFile, m: &mut Marker) -> Section {
    let items = sar
        .file
        .plans
        .iter()
        .map(|p| {
            m.mark(
                &format!(
                    "Version {} of {}\nNeeds:\n{}\nOutcomes:\n{}\nStrengths:\n{}\nCrisis plan:\n{}",
                    p.version,
                    display::date(p.created_at.date()),
                    p.needs,
                    p.outcomes,
                    p.strengths,
                    p.crisis_plan
                ),
                &format!("care plan version {}", p.version),
            )
        })
        .collect();
    Section::new("All care plan versions", vec![Block::List(items)])
}

fn chronology(sar: &SarFile, m: &mut Marker) -> Section {
    let items: Vec<String> = sar
        .file
        .chronology
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let mut t = format!(
                "{}. {} — {} ({})",
                i + 1,
                display::date(e.date),
                e.event,
                e.source_ref()
            );
            if let Some(r) = &e.reason {
                t.push_str(&format!("\nReason: {r}"));
            }
            if !e.text.is_empty() {
                t.push_str(&format!("\n{}", e.text));
            }
            m.mark(&t, &format!("chronology entry {}", i + 1))
        })
        .collect();
    let blocks = if items.is_empty() {
        vec![Block::Text("Nothing in the chronology.".into())]
    } else {
        vec![Block::List(items)]
    };
    Section::new("Chronology", blocks)
}

fn deadlines_and_actions(sar: &SarFile, m: &mut Marker) -> Vec<Section> {
    let file = &sar.file;
    let deadlines = file
        .deadlines
        .iter()
        .map(|d| {
            let place = format!("deadline {}", d.id);
            vec![
                d.id.to_string(),
                m.mark(&d.what, &place),
                crate::domain::when::due_at_words(d.due, d.due_at),
                d.rule.clone().unwrap_or_default(),
                d.completed_on.map(display::date).unwrap_or_default(),
                m.mark(d.outcome.as_deref().unwrap_or_default(), &place),
            ]
        })
        .collect();
    let actions = file
        .actions
        .iter()
        .map(|a| {
            let place = format!("action {}", a.id);
            vec![
                a.id.to_string(),
                m.mark(&a.what, &place),
                a.due.map(display::date).unwrap_or_default(),
                a.done_on.map(display::date).unwrap_or_default(),
            ]
        })
        .collect();
    let episodes = file
        .episodes
        .iter()
        .map(|e| {
            format!(
                "{} from {}{}",
                e.kind.label(),
                e.started(),
                e.ended().map(|d| format!(" to {d}")).unwrap_or_default()
            )
        })
        .collect();
    vec![
        Section::new(
            "All deadlines",
            vec![Block::Table(
                ["Id", "What", "Due", "Rule", "Done", "Outcome"]
                    .map(String::from)
                    .to_vec(),
                deadlines,
            )],
        ),
        Section::new(
            "All actions",
            vec![Block::Table(
                ["Id", "What", "Due", "Done"].map(String::from).to_vec(),
                actions,
            )],
        ),
        Section::new("Legal episodes", vec![Block::List(episodes)]),
    ]
}

fn audit(sar: &SarFile) -> Section {
    let rows = sar
        .audit
        .iter()
        .map(|a| {
            vec![
                display::date_time(a.at),
                a.entity.clone(),
                a.entity_id.to_string(),
                a.op.clone(),
                a.fields.clone(),
            ]
        })
        .collect();
    Section::new(
        "Changes made to the record (audit trail)",
        vec![Block::Table(
            ["When", "Record", "Id", "Change", "Fields"]
                .map(String::from)
                .to_vec(),
            rows,
        )],
    )
}

/// The records counted, for the top of the found list.
fn counts(sar: &SarFile, made: &Made) -> String {
    let file = &sar.file;
    let addenda: usize = file.notes.iter().map(|(_, a)| a.len()).sum();
    let drafts = file
        .notes
        .iter()
        .filter(|(n, _)| n.status == crate::domain::NoteStatus::Draft)
        .count();
    format!(
        "Subject access: what was found for client {} ({})\n{}\n\nRecords:\n- client details: 1\n\
         - network members: {}\n- notes: {} (drafts {drafts})\n- addenda: {addenda}\n\
         - visits: {}\n- care plan versions: {}\n- chronology entries: {}\n\
         - legal episodes: {}\n- deadlines: {}\n- actions: {}\n- audit entries: {}\n\n",
        file.client.id,
        super::clean_line(&file.client.display_name()),
        made.line(),
        file.network.len(),
        file.notes.len(),
        sar.visits.len(),
        file.plans.len(),
        file.chronology.len(),
        file.episodes.len(),
        file.deadlines.len(),
        file.actions.len(),
        sar.audit.len(),
    )
}

/// The subject access record and the list of what was found.
#[must_use]
pub fn doc(sar: &SarFile, made: &Made) -> (Doc, String) {
    let file = &sar.file;
    let mut m = Marker::for_subject(&file.client, sar.others.clone());
    let mut sections = summary::doc(file, made).sections;
    for s in &mut sections {
        mark_section(&mut m, s);
    }
    sections.push(network(sar, &mut m));
    sections.push(notes(sar, &mut m));
    sections.push(visits(sar, &mut m));
    sections.push(plans(sar, &mut m));
    sections.push(chronology(sar, &mut m));
    sections.extend(deadlines_and_actions(sar, &mut m));
    sections.push(audit(sar));
    for (i, s) in sections.iter_mut().enumerate() {
        s.title = format!("{}. {}", i + 1, s.title);
    }
    let contents = sections.iter().map(|s| s.title.clone()).collect();
    sections.insert(0, Section::new("Contents", vec![Block::List(contents)]));
    let mut list = counts(sar, made);
    list.push_str(
        "Other people's names marked [REVIEW third party: …], each with where it was marked; \
         review every one before disclosure:\n",
    );
    list.push_str(&m.report());
    list.push_str(&format!("\nWhat this list cannot find: {UNKNOWN_NAMES}\n"));
    let d = Doc {
        title: format!("Subject access record: {}", file.client.display_name()),
        made: vec![
            made.line(),
            "Other people's names the record knows are marked [REVIEW third party: …]: \
             review each before disclosure."
                .into(),
            UNKNOWN_NAMES.into(),
        ],
        sections,
    };
    (d, super::clean(&list) + "\n")
}

/// The record as (HTML, plain text, list of what was found).
#[must_use]
pub fn render(sar: &SarFile, made: &Made) -> (String, String, String) {
    let (d, found) = doc(sar, made);
    (d.render(Format::Html), d.render(Format::Txt), found)
}
