//! Paste packs: a note and its client laid out to match the employer's form
//! sections, so one copy fills one form. Templates are minijinja files: the
//! built-in ones ship in `data/templates/`; a file of the same name in the
//! practitioner's templates folder overrides one, and new names add more.
//! A broken template is reported with its file and line, and nothing of it
//! is shown: the whole text is rendered before any of it is used.

use minijinja::{Environment, UndefinedBehavior};
use serde::Serialize;
use std::path::{Path, PathBuf};

use super::{ClientFile, ExportError, Made, Result, clean};
use crate::domain::{Addendum, Note};

/// The file ending of template files.
pub const EXT: &str = "j2";

/// The templates shipped with the program: name and source.
pub const BUILT_IN: [(&str, &str); 4] = [
    (
        "case-note",
        include_str!("../../data/templates/case-note.j2"),
    ),
    (
        "visit-record",
        include_str!("../../data/templates/visit-record.j2"),
    ),
    (
        "care-plan-review",
        include_str!("../../data/templates/care-plan-review.j2"),
    ),
    (
        "social-circumstances-report",
        include_str!("../../data/templates/social-circumstances-report.j2"),
    ),
];

/// The template used when none is named.
pub const DEFAULT: &str = "case-note";

/// A template found: its name, where it comes from, its source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template {
    /// The name (file name without `.j2`).
    pub name: String,
    /// The file it was read from, or `built-in NAME.j2`.
    pub file: String,
    /// The template text.
    pub source: String,
}

/// Every template name available: built-in ones and the user's, sorted.
#[must_use]
pub fn names(user_dir: Option<&Path>) -> Vec<String> {
    let mut v: Vec<String> = BUILT_IN.iter().map(|(n, _)| (*n).to_string()).collect();
    if let Some(dir) = user_dir
        && let Ok(rd) = std::fs::read_dir(dir)
    {
        for e in rd.flatten() {
            let p = e.path();
            if p.extension().is_some_and(|x| x == EXT)
                && let Some(stem) = p.file_stem().and_then(|s| s.to_str())
            {
                v.push(stem.to_string());
            }
        }
    }
    v.sort();
    v.dedup();
    v
}

/// Finds template `name`: the user's file first, then the built-in one.
pub fn find(name: &str, user_dir: Option<&Path>) -> Result<Template> {
    if name.is_empty() || name.contains(['/', '\\']) || name.starts_with('.') {
        return Err(ExportError::Format(
            "a template name is a plain file name without .j2".into(),
        ));
    }
    if let Some(dir) = user_dir {
        let path: PathBuf = dir.join(format!("{name}.{EXT}"));
        if path.is_file() {
            let source = std::fs::read_to_string(&path).map_err(|source| ExportError::Io {
                path: path.display().to_string(),
                source,
            })?;
            return Ok(Template {
                name: name.into(),
                file: path.display().to_string(),
                source,
            });
        }
    }
    BUILT_IN
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(n, s)| Template {
            name: name.into(),
            file: format!("built-in {n}.{EXT}"),
            source: (*s).to_string(),
        })
        .ok_or_else(|| {
            ExportError::Format(format!(
                "there is no template called {name}; available: {}",
                names(user_dir).join(", ")
            ))
        })
}

#[derive(Debug, Serialize)]
struct ClientCtx {
    name: String,
    given_name: String,
    family_name: String,
    preferred_name: Option<String>,
    pronouns: Option<String>,
    dob: Option<String>,
    record_no: Option<String>,
    address: Option<String>,
    phone: Option<String>,
    language: Option<String>,
    interpreter: bool,
    team: Option<String>,
    service: String,
    risk: String,
    risk_summary: Option<String>,
    alerts: Vec<String>,
}

#[derive(Debug, Serialize)]
struct AddendumCtx {
    written_at: String,
    reason: String,
    text: String,
}

#[derive(Debug, Serialize)]
struct NoteCtx {
    id: i64,
    kind: String,
    date: String,
    time: String,
    written_at: String,
    location: Option<String>,
    present: Option<String>,
    text: String,
    significant: bool,
    status: String,
    late_reason: Option<String>,
    addenda: Vec<AddendumCtx>,
}

/// What a template sees (every string already cleaned of control characters).
#[derive(Debug, Serialize)]
struct Context {
    client: ClientCtx,
    note: NoteCtx,
    plan: Option<serde_json::Value>,
    network: Vec<serde_json::Value>,
    episodes: Vec<serde_json::Value>,
    deadlines: Vec<serde_json::Value>,
    made: String,
}

fn o(s: Option<&String>) -> Option<String> {
    s.map(|x| clean(x)).filter(|x| !x.is_empty())
}

fn context(file: &ClientFile, note: &Note, addenda: &[Addendum], made: &Made) -> Context {
    let c = &file.client;
    // Pasted text reads dates as the practitioner does (date_style).
    let dt = crate::dates::display::date_time;
    let day = crate::dates::display::date;
    Context {
        client: ClientCtx {
            name: clean(&c.display_name()),
            given_name: clean(&c.given_name),
            family_name: clean(&c.family_name),
            preferred_name: o(c.preferred_name.as_ref()),
            pronouns: o(c.pronouns.as_ref()),
            dob: c.dob.map(day),
            record_no: o(c.record_no.as_ref()),
            address: o(c.address.as_ref()),
            phone: o(c.phone.as_ref()),
            language: o(c.language.as_ref()),
            interpreter: c.interpreter,
            team: o(c.team.as_ref()),
            service: c.service.label().into(),
            risk: c.risk.label().into(),
            risk_summary: o(c.risk_summary.as_ref()),
            alerts: c.alerts.iter().map(|a| clean(a)).collect(),
        },
        note: NoteCtx {
            id: note.id,
            kind: note.kind_label().into(),
            date: day(note.occurred_at.date()),
            time: note.occurred_at.format("%H:%M").to_string(),
            written_at: dt(note.written_at),
            location: o(note.location.as_ref()),
            present: o(note.present.as_ref()),
            text: clean(&note.body),
            significant: note.significant,
            status: note.status.label().into(),
            late_reason: o(note.late_reason.as_ref()),
            addenda: addenda
                .iter()
                .map(|a| AddendumCtx {
                    written_at: dt(a.written_at),
                    reason: clean(&a.reason),
                    text: clean(&a.body),
                })
                .collect(),
        },
        plan: file.current_plan().map(|p| {
            serde_json::json!({
                "version": p.version,
                "created_at": day(p.created_at.date()),
                "needs": clean(&p.needs),
                "outcomes": clean(&p.outcomes),
                "strengths": clean(&p.strengths),
                "crisis_plan": clean(&p.crisis_plan),
                "next_review": p.next_review.map(day),
                "actions": p.actions.iter().map(|a| serde_json::json!({
                    "what": clean(&a.what),
                    "owner": clean(&a.owner),
                    "due": a.due.map(day),
                    "done_on": a.done_on.map(day),
                })).collect::<Vec<_>>(),
            })
        }),
        network: file
            .current_network()
            .iter()
            .map(|m| {
                serde_json::json!({
                    "name": clean(&m.name),
                    "role": clean(&m.role),
                    "relationship": o(m.relationship.as_ref()),
                    "organisation": o(m.organisation.as_ref()),
                    "phone": o(m.phone.as_ref()),
                    "consent": m.consent_to_share,
                })
            })
            .collect(),
        episodes: file
            .episodes
            .iter()
            .filter(|e| e.end_on.is_none())
            .map(|e| serde_json::json!({"kind": e.kind.label(), "start_on": e.started()}))
            .collect(),
        deadlines: file
            .open_deadlines()
            .iter()
            .map(|d| {
                serde_json::json!({
                    "what": clean(&d.what),
                    "due": crate::domain::when::due_at_words(d.due, d.due_at),
                })
            })
            .collect(),
        made: made.line(),
    }
}

fn template_error(t: &Template, e: &minijinja::Error) -> ExportError {
    ExportError::Template {
        file: t.file.clone(),
        line: e.line(),
        detail: match e.detail() {
            Some(d) => format!("{}: {d}", e.kind()),
            None => e.kind().to_string(),
        },
    }
}

/// Renders `template` for `note` of `file`: the whole text, or an error
/// naming the template's file and line (and nothing rendered).
pub fn render(template: &Template, file: &ClientFile, note_id: i64, made: &Made) -> Result<String> {
    let Some((note, addenda)) = file.notes.iter().find(|(n, _)| n.id == note_id) else {
        return Err(ExportError::Format(format!(
            "note {note_id} is not one of this client's"
        )));
    };
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    let syntax = minijinja::syntax::SyntaxConfig::builder()
        .trim_blocks(true)
        .lstrip_blocks(true)
        .keep_trailing_newline(true)
        .build()
        .map_err(|e| template_error(template, &e))?;
    env.set_syntax(syntax);
    env.add_template_owned(template.file.clone(), template.source.clone())
        .map_err(|e| template_error(template, &e))?;
    let tpl = env
        .get_template(&template.file)
        .map_err(|e| template_error(template, &e))?;
    let out = tpl
        .render(minijinja::value::Serde(context(file, note, addenda, made)))
        .map_err(|e| template_error(template, &e))?;
    // A template's own text could carry control characters too.
    let mut out = clean(&out);
    out.push('\n');
    Ok(out)
}
