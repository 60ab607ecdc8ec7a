//! The details `client add` and `client edit` share: every field the
//! terminal UI's client form sets, so a script or a test can build any
//! record. Only what is given changes; an empty value clears a text field.
//! A new option is one field here and one line in [`Details::apply`].

use anyhow::{Result, bail};
use chrono::NaiveDate;

use super::parse;
use crate::domain::{NewClient, RiskLevel, Service};

/// The optional details of a client.
#[derive(Debug, clap::Args)]
pub struct Details {
    /// The name they like to be called.
    #[arg(long)]
    preferred: Option<String>,
    /// Pronouns (she/her, they/them…).
    #[arg(long)]
    pronouns: Option<String>,
    /// Date of birth (03/12/1985 or 1985-12-03; 3/12/85 is 1985).
    #[arg(long)]
    dob: Option<String>,
    /// The employer's record number.
    #[arg(long = "ref")]
    record_no: Option<String>,
    /// Address.
    #[arg(long)]
    address: Option<String>,
    /// Phone.
    #[arg(long)]
    phone: Option<String>,
    /// First language.
    #[arg(long)]
    language: Option<String>,
    /// Whether an interpreter is needed: yes or no.
    #[arg(long, value_name = "yes|no", value_parser = yes_no)]
    interpreter: Option<bool>,
    /// Team.
    #[arg(long)]
    team: Option<String>,
    /// Service: adult or children.
    #[arg(long)]
    service: Option<Service>,
    /// When the case opened (default: today, for a new client).
    #[arg(long, value_name = "DATE")]
    opened: Option<String>,
    /// Target days between visits.
    #[arg(long)]
    visit_every: Option<u32>,
    /// Risk level: low, medium or high.
    #[arg(long)]
    risk: Option<RiskLevel>,
    /// The risk summary (its review date becomes today).
    #[arg(long)]
    risk_summary: Option<String>,
    /// An alert shown in red wherever the client appears (repeat for more;
    /// added to those already held).
    #[arg(long = "alert", value_name = "TEXT")]
    alerts: Vec<String>,
    /// Remove every alert held before adding those given with --alert.
    #[arg(long)]
    clear_alerts: bool,
    /// NHS number, 10 digits (spaces allowed: "943 476 5919"); refused
    /// unless its check digit matches.
    #[arg(long)]
    nhs: Option<String>,
    /// The GP (name and practice).
    #[arg(long)]
    gp: Option<String>,
    /// Consent to share information: yes, no, or unknown (not recorded).
    #[arg(long, value_name = "yes|no|unknown", value_parser = parse_consent)]
    consent: Option<Consent>,
}

/// A consent answer as typed.
#[derive(Debug, Clone, Copy)]
pub struct Consent(Option<bool>);

fn parse_consent(typed: &str) -> std::result::Result<Consent, String> {
    if let Some(answer) = parse::yes_no(typed) {
        return Ok(Consent(Some(answer)));
    }
    match typed.trim().to_lowercase().as_str() {
        "unknown" | "not recorded" | "" => Ok(Consent(None)),
        _ => Err("should be yes, no or unknown".into()),
    }
}

fn yes_no(typed: &str) -> std::result::Result<bool, String> {
    parse::yes_no(typed).ok_or_else(|| "should be yes or no".into())
}

/// Puts `given` into `slot`; an empty value clears it.
fn text(slot: &mut Option<String>, given: Option<String>) {
    if let Some(v) = given {
        *slot = Some(v).filter(|v| !v.trim().is_empty());
    }
}

impl Details {
    /// Puts the options given into `c`; a date that cannot be read, or a
    /// case opened after today, is refused before anything is saved.
    pub fn apply(self, c: &mut NewClient, today: NaiveDate) -> Result<()> {
        text(&mut c.preferred_name, self.preferred);
        text(&mut c.pronouns, self.pronouns);
        text(&mut c.record_no, self.record_no);
        text(&mut c.address, self.address);
        text(&mut c.phone, self.phone);
        text(&mut c.language, self.language);
        text(&mut c.team, self.team);
        text(&mut c.risk_summary, self.risk_summary);
        text(&mut c.nhs_number, self.nhs);
        text(&mut c.gp, self.gp);
        if let Some(d) = self.dob {
            c.dob = if d.trim().is_empty() {
                None
            } else {
                Some(parse::birth_date("--dob", &d, today)?)
            };
        }
        if let Some(o) = self.opened {
            let on = parse::date("--opened", &o, today)?;
            if on > today {
                bail!("--opened is after today; a case opens on a day that has come");
            }
            c.opened_on = Some(on);
        }
        if let Some(i) = self.interpreter {
            c.interpreter = i;
        }
        if self.service.is_some() {
            c.service = self.service;
        }
        if self.visit_every.is_some() {
            c.visit_every_days = self.visit_every;
        }
        if self.risk.is_some() {
            c.risk = self.risk;
        }
        if self.clear_alerts {
            c.alerts.clear();
        }
        c.alerts.extend(self.alerts);
        if let Some(Consent(v)) = self.consent {
            c.consent_to_share = v;
        }
        Ok(())
    }
}
