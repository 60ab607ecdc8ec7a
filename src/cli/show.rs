//! `caseload client show`: one client with everything around them.

use crate::dates::display;
use crate::store::prelude::*;
use anyhow::Result;
use chrono::NaiveDate;
use serde::Serialize;

use crate::domain::text::{one_line, sanitize};
use crate::domain::{Action, CarePlan, Client, Deadline, LegalEpisode, NetworkMember, NoteStatus};
use crate::store::Store;

/// Everything `client show` prints, in the shape its JSON takes.
#[derive(Debug, Serialize)]
pub struct ClientView {
    /// The client's details.
    pub client: Client,
    /// The latest day they were seen in person (see `crate::practice`).
    pub last_seen: Option<NaiveDate>,
    /// The latest contact of any kind, calls included.
    pub last_contact: Option<NaiveDate>,
    /// The next visit due under a visiting rule.
    pub next_visit: Option<NaiveDate>,
    /// The other clients in their household (ids).
    pub household: Vec<i64>,
    /// How many notes there are.
    pub notes: usize,
    /// How many of them are drafts.
    pub drafts: usize,
    /// Network members.
    pub network: Vec<NetworkMember>,
    /// Legal episodes, current first.
    pub episodes: Vec<LegalEpisode>,
    /// Where each open episode's current period ends and its renewal
    /// window opens (the same facts the Summary tab shows).
    pub periods: Vec<crate::practice::CurrentPeriod>,
    /// The current care plan version.
    pub plan: Option<CarePlan>,
    /// Deadlines, open first.
    pub deadlines: Vec<Deadline>,
    /// Actions, open first.
    pub actions: Vec<Action>,
}

impl ClientView {
    /// Reads what is shown about `client` as of `today`.
    pub fn load(store: &Store, client: Client, today: NaiveDate) -> Result<Self> {
        let id = client.id;
        let notes = store.notes(id)?;
        let facts = store.client_visit_facts(id)?;
        let episodes = store.episodes(id)?;
        let deadlines = store.deadlines(id)?;
        Ok(Self {
            last_seen: facts.last_seen,
            last_contact: facts.last_contact,
            next_visit: facts.next_visit().map(|v| v.due),
            household: store.household_of(id)?,
            drafts: notes
                .iter()
                .filter(|n| n.status == NoteStatus::Draft)
                .count(),
            notes: notes.len(),
            network: store.network(id)?,
            periods: crate::practice::current_periods(&episodes, &deadlines, store.rules(), today),
            episodes,
            plan: store.current_plan(id)?,
            deadlines,
            actions: store.actions(Some(id))?,
            client,
        })
    }

    /// Prints the view as plain text, every stored string sanitised.
    pub fn print(&self) {
        let c = &self.client;
        let opt = |o: &Option<String>| o.as_deref().map(one_line).unwrap_or_default();
        println!("{} (id {})", one_line(&c.display_name()), c.id);
        for a in &c.alerts {
            println!("  ALERT: {}", one_line(a));
        }
        let field = |label: &str, value: String| {
            if !value.is_empty() {
                println!("  {label:<15} {value}");
            }
        };
        field("Record no.", opt(&c.record_no));
        field(
            "Full name",
            one_line(&format!("{} {}", c.given_name, c.family_name)),
        );
        if let Some(legal) = c.legal_name() {
            field("Legal name", one_line(&legal));
        }
        field("Pronouns", opt(&c.pronouns));
        field("Born", c.dob.map(display::date).unwrap_or_default());
        field("Service", c.service.label().to_string());
        field("Team", opt(&c.team));
        field("Status", status_line(c));
        field("Address", opt(&c.address));
        field("Phone", opt(&c.phone));
        let lang = match (&c.language, c.interpreter) {
            (Some(l), true) => format!("{} (interpreter needed)", one_line(l)),
            (Some(l), false) => one_line(l),
            (None, true) => "interpreter needed".into(),
            (None, false) => String::new(),
        };
        field("Language", lang);
        field(
            "NHS number",
            c.nhs_number
                .as_deref()
                .map(crate::domain::nhs::display)
                .unwrap_or_default(),
        );
        field("GP", opt(&c.gp));
        field(
            "Consent",
            match c.consent_recorded_on {
                Some(d) if c.consent_to_share.is_some() => {
                    format!("{} (recorded {})", c.consent_words(), display::date(d))
                }
                _ => c.consent_words().to_string(),
            },
        );
        field("Risk", risk_line(c));
        field(
            "Visit every",
            c.visit_every_days
                .map(|d| format!("{d} days"))
                .unwrap_or_default(),
        );
        field(
            "Last seen",
            self.last_seen
                .map(display::date)
                .unwrap_or_else(|| "never".into()),
        );
        field(
            "Last contact",
            self.last_contact
                .map(display::date)
                .unwrap_or_else(|| "never".into()),
        );
        field(
            "Next visit",
            self.next_visit.map(display::date).unwrap_or_default(),
        );
        field(
            "Household",
            self.household
                .iter()
                .map(|i| format!("client {i}"))
                .collect::<Vec<_>>()
                .join(", "),
        );
        field("Notes", format!("{} ({} draft)", self.notes, self.drafts));
        if let Some(s) = &c.risk_summary {
            println!("\nRisk summary\n  {}", indent(s));
        }
        self.print_lists();
    }

    fn print_lists(&self) {
        if !self.episodes.is_empty() {
            println!("\nLegal episodes");
            for l in crate::practice::journey::lines(&self.episodes) {
                println!("  journey: {l}");
            }
            for e in &self.episodes {
                let end = match (e.ended(), e.end_reason.as_deref()) {
                    (Some(d), Some(r)) if r != "ended" => format!(" to {d} ({r})"),
                    (Some(d), _) => format!(" to {d}"),
                    (None, _) => " (current)".into(),
                };
                let period = self
                    .periods
                    .iter()
                    .find(|p| p.episode_id == e.id)
                    .map(|p| format!(" — {}", p.words()))
                    .unwrap_or_default();
                println!(
                    "  {:>5}  {}  from {}{end}{period}",
                    e.id,
                    e.kind.label(),
                    e.started()
                );
            }
        }
        if let Some(p) = &self.plan {
            println!(
                "\nCare plan (version {}, written {})",
                p.version,
                display::date(p.created_at.date())
            );
            for (label, text) in [
                ("Needs", &p.needs),
                ("Outcomes", &p.outcomes),
                ("Strengths", &p.strengths),
                ("Crisis plan", &p.crisis_plan),
            ] {
                if !text.trim().is_empty() {
                    println!("  {label}: {}", indent(text));
                }
            }
            if let Some(r) = p.next_review {
                println!("  Next review: {}", display::date(r));
            }
            for a in &p.actions {
                let state = a
                    .done_on
                    .map(|d| format!("done {}", display::date(d)))
                    .unwrap_or_else(|| {
                        a.due
                            .map(|d| format!("due {}", display::date(d)))
                            .unwrap_or_default()
                    });
                println!("  - {} ({}) {state}", one_line(&a.what), one_line(&a.owner));
            }
        }
        if !self.network.is_empty() {
            println!("\nNetwork");
            for m in self.network.iter().filter(|m| !m.archived) {
                let org = m
                    .organisation
                    .as_deref()
                    .map(|o| format!(", {}", one_line(o)))
                    .unwrap_or_default();
                let consent = if m.consent_to_share {
                    "consents to share"
                } else {
                    "no consent to share"
                };
                let phone = m.phone.as_deref().map(one_line).unwrap_or_default();
                println!(
                    "  {} ({}{org}) {phone}  [{consent}]",
                    one_line(&m.name),
                    one_line(&m.role)
                );
            }
        }
        let open: Vec<&Deadline> = self
            .deadlines
            .iter()
            .filter(|d| d.completed_on.is_none() && !d.cancelled)
            .collect();
        if !open.is_empty() {
            println!("\nOpen deadlines");
            for d in open {
                println!(
                    "  {:>5}  {}  {}",
                    d.id,
                    crate::domain::when::due_at_words(d.due, d.due_at),
                    one_line(&d.what)
                );
            }
        }
        let actions: Vec<&Action> = self
            .actions
            .iter()
            .filter(|a| a.done_on.is_none())
            .collect();
        if !actions.is_empty() {
            println!("\nOpen actions");
            for a in actions {
                let due = a.due.map(display::date).unwrap_or_else(|| "-".into());
                println!("  {:>5}  {due:<10}  {}", a.id, one_line(&a.what));
            }
        }
    }
}

fn status_line(c: &Client) -> String {
    match (c.closed_on, &c.closure_reason) {
        (Some(on), reason) => format!(
            "closed {}{}",
            display::date(on),
            reason
                .as_deref()
                .map(|r| format!(": {}", one_line(r)))
                .unwrap_or_default()
        ),
        (None, _) => format!("open since {}", display::date(c.opened_on)),
    }
}

fn risk_line(c: &Client) -> String {
    match c.risk_reviewed_on {
        Some(d) => format!("{} (reviewed {})", c.risk.label(), display::date(d)),
        None => c.risk.label().to_string(),
    }
}

/// Multi-line stored text, sanitised and indented under its label.
fn indent(s: &str) -> String {
    sanitize(s.trim()).replace('\n', "\n  ")
}
