//! What an undo step is, in words the practitioner saw on screen
//! ("complete deadline 'CPA review'"), and which audit rows make one step:
//! a burst of autosaves on one draft is one step, not one per keystroke
//! pause.

use chrono::NaiveDateTime;
use rusqlite::{Connection, OptionalExtension};

use super::Result;
use super::due::NAME_SQL;
use crate::domain::text::one_line;

/// Autosaves of one draft further apart than this are separate undo steps.
pub const BURST_GAP_MINUTES: i64 = 10;

/// One audited change.
#[derive(Debug, Clone)]
pub(crate) struct Change {
    pub id: i64,
    pub at: String,
    pub entity: String,
    pub entity_id: i64,
    pub client_id: Option<i64>,
    pub op: String,
    pub fields: String,
}

/// The changes not yet undone, newest first, that make up the next undo
/// step: the newest change, with the autosaves of the same draft just
/// before it (nothing else in between, each within the burst gap).
pub(crate) fn next_step(conn: &Connection) -> Result<Vec<Change>> {
    let mut stmt = conn.prepare(
        "SELECT a.id, a.at, a.entity, a.entity_id, a.client_id, a.op, a.fields FROM audit a
         WHERE a.op <> 'undo' AND NOT EXISTS
            (SELECT 1 FROM undo_log u WHERE u.audit_id = a.id AND u.undone_by IS NOT NULL)
         ORDER BY a.id DESC LIMIT 500",
    )?;
    let mut rows = stmt.query_map([], |r| {
        Ok(Change {
            id: r.get(0)?,
            at: r.get(1)?,
            entity: r.get(2)?,
            entity_id: r.get(3)?,
            client_id: r.get(4)?,
            op: r.get(5)?,
            fields: r.get(6)?,
        })
    })?;
    let Some(first) = rows.next().transpose()? else {
        return Ok(Vec::new());
    };
    let autosave = |c: &Change| c.entity == "note" && c.op == "update";
    let mut step = vec![first];
    // Completing a deadline also adds the next one in its rule's chain, in
    // the same transaction: one step, undone together.
    if step[0].entity == "deadline" && step[0].op == "create" {
        for row in rows.by_ref() {
            let row = row?;
            let Some(last) = step.last() else { break };
            let same_tx = row.id + 1 == last.id && row.at == last.at && row.entity == "deadline";
            if !same_tx {
                return Ok(vec![step.swap_remove(0)]);
            }
            let complete = row.op == "complete";
            step.push(row);
            if complete {
                return Ok(step);
            }
        }
        return Ok(vec![step.swap_remove(0)]);
    }
    if !autosave(&step[0]) {
        return Ok(step);
    }
    for row in rows {
        let row = row?;
        let Some(last) = step.last() else { break };
        let adjacent = row.id + 1 == last.id;
        let same_burst = adjacent
            && autosave(&row)
            && row.entity_id == last.entity_id
            && within_gap(&row.at, &last.at);
        if !same_burst {
            break;
        }
        step.push(row);
    }
    Ok(step)
}

fn within_gap(earlier: &str, later: &str) -> bool {
    let parse = |s: &str| NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S").ok();
    match (parse(earlier), parse(later)) {
        (Some(a), Some(b)) => (b - a).num_minutes() <= BURST_GAP_MINUTES,
        _ => false,
    }
}

/// The step in words: "complete deadline 'CPA review'", "edit the draft
/// note of 20 Nov (3 autosaves)".
pub(crate) fn label(conn: &Connection, step: &[Change]) -> Result<String> {
    // A completion with the deadlines it added is named by the completion.
    let Some(c) = step
        .iter()
        .find(|c| c.op == "complete")
        .or_else(|| step.first())
    else {
        return Ok("nothing".into());
    };
    let text = |sql: &str| -> Result<Option<String>> {
        Ok(conn
            .query_row(sql, [c.entity_id], |r| r.get::<_, Option<String>>(0))
            .optional()?
            .flatten()
            .map(|s| one_line(&s)))
    };
    let quoted = |s: Option<String>| s.map_or_else(String::new, |s| format!(" '{s}'"));
    Ok(match (c.entity.as_str(), c.op.as_str()) {
        ("deadline", op) => {
            let what = quoted(text("SELECT what FROM deadlines WHERE id = ?1")?);
            match op {
                "complete" => format!("complete deadline{what}"),
                "create" => format!("add deadline{what}"),
                "cancel" => format!("cancel deadline{what}"),
                "extend" => format!("extend deadline{what}"),
                _ => format!("change deadline{what}"),
            }
        }
        ("action", op) => {
            let what = quoted(text("SELECT what FROM actions WHERE id = ?1")?);
            match op {
                "complete" => format!("complete action{what}"),
                "create" => format!("add action{what}"),
                _ => format!("change action{what}"),
            }
        }
        ("plan_action", _) => {
            let what = quoted(text("SELECT what FROM plan_actions WHERE id = ?1")?);
            format!("mark plan action{what} done")
        }
        ("note", "discard") => {
            // The draft is gone from `notes`: its date is in what undo kept.
            let when: Option<String> = conn
                .query_row(
                    "SELECT substr(json_extract(before, '$.occurred_at'), 1, 10) FROM undo_log
                     WHERE audit_id = ?1 AND tbl = 'notes' AND op = 'delete'",
                    [c.id],
                    |r| r.get(0),
                )
                .optional()?
                .flatten();
            format!("discard the draft note of {}", when.unwrap_or_default())
        }
        ("note", op) => {
            let when = text("SELECT substr(occurred_at, 1, 10) FROM notes WHERE id = ?1")?
                .map(|s| {
                    chrono::NaiveDate::parse_from_str(&s, crate::domain::DATE_FMT)
                        .map_or(s, crate::dates::display::date)
                })
                .unwrap_or_default();
            match op {
                "create" => format!("start the draft note of {when}"),
                "update" if step.len() > 1 => {
                    format!("edit the draft note of {when} ({} autosaves)", step.len())
                }
                "update" => format!("edit the draft note of {when}"),
                _ => format!("{op} the note of {when}"),
            }
        }
        ("client", op) => {
            let name = text(&format!("SELECT {NAME_SQL} FROM clients c WHERE c.id = ?1"))?
                .unwrap_or_default();
            match op {
                "close" => format!("close the case of {name}"),
                "reopen" => format!("reopen the case of {name}"),
                "create" => format!("add client {name}"),
                _ => format!("edit the details of {name}"),
            }
        }
        ("episode", op) => {
            let kind = text("SELECT kind FROM legal_episodes WHERE id = ?1")?.unwrap_or_default();
            match op {
                "create" => format!("add the {kind} legal episode"),
                "end" => format!("end the {kind} legal episode"),
                "link" => format!("link the {kind} legal episode to the one it follows"),
                "revoke" => format!("revoke the {kind}"),
                _ => format!("change the {kind} legal episode"),
            }
        }
        ("care_plan", _) => "write a care plan version".into(),
        ("network_member", op) => {
            let name = quoted(text("SELECT name FROM network_members WHERE id = ?1")?);
            match op {
                "create" => format!("add network member{name}"),
                "archive" => format!("archive network member{name}"),
                "edit" => format!("edit network member{name}"),
                _ => format!("{op} network member{name}"),
            }
        }
        (entity, op) => format!("{op} {} {}", entity.replace('_', " "), c.entity_id),
    })
}
