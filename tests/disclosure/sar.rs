//! Subject access marks every third party the record knows, wherever the
//! name appears: a mother's partner (no contact, no address sharing) in the
//! risk summary, an alert, a note, an addendum, a care plan, a visit and
//! the chronology; a sibling who is another client in the household. The
//! subject's own name is never marked. Read back from the HTML by a parser
//! (Python's html.parser when there is a Python, and a Rust walk always)
//! and from the text. Fictional people only.

use crate::common::{self, Fixture, at, day, new_note, now};
use caseload::domain::{
    NewCarePlan, NewClient, NewNetworkMember, NewVisit, NoteKind, VisitOutcome,
};
use caseload::export::files::{self, Job};
use caseload::store::prelude::*;

const MARK: &str = "[REVIEW third party: ";

/// The pack's HTML, plain text and found list for a caseload built to
/// name the partner and the sibling everywhere.
fn pack() -> (String, String, String) {
    let mut f = Fixture::new();
    let ada = f.client_with(NewClient {
        given_name: "Ada".into(),
        family_name: "Quill".into(),
        risk_summary: Some("Risk from Bernard Fennimore when he drinks.".into()),
        alerts: vec!["Never share the address with Fennimore".into()],
        ..NewClient::default()
    });
    let cora = f.client("Cora", "Quill");
    f.store.link_household(&[ada, cora], now()).unwrap();
    f.store
        .add_network_member(
            &NewNetworkMember {
                client_id: ada,
                name: "Bernard Fennimore".into(),
                role: "mother's partner".into(),
                consent_to_share: false,
                ..NewNetworkMember::default()
            },
            now(),
        )
        .unwrap();
    let mut n = new_note(
        ada,
        NoteKind::HomeVisit,
        at(8, 0),
        "Ada said Bernard shouted at Cora last week.",
    );
    n.present = Some("Ada Quill, Cora".into());
    n.significant = true;
    let note = f.store.add_final_note(&n, None, now()).unwrap();
    f.store
        .add_addendum(
            note,
            "name spelt wrong",
            "It was Mr Fennimore, not his brother.",
            now(),
        )
        .unwrap();
    f.store
        .add_plan_version(
            ada,
            &NewCarePlan {
                needs: "Ada wants to feel safe at home.".into(),
                outcomes: "Sleeps through.".into(),
                strengths: "Close to her sister.".into(),
                crisis_plan: "If Bernard Fennimore arrives, call 999.".into(),
                next_review: None,
                actions: vec![],
            },
            now(),
        )
        .unwrap();
    let visit = f
        .store
        .plan_visit(
            &NewVisit {
                clients: vec![ada, cora],
                at: Some(day(11, 20).and_hms_opt(10, 0, 0).unwrap()),
                with_whom: Some("Bernard Fennimore (to be told)".into()),
                ..NewVisit::default()
            },
            now(),
        )
        .unwrap();
    f.store
        .record_visit(
            visit,
            &[
                (ada, VisitOutcome::SeenAlone),
                (cora, VisitOutcome::NotSeen),
            ],
            None,
            now(),
        )
        .unwrap();
    let made = files::make(&f.store, &Job::Sar(ada), now()).unwrap();
    let get = |suffix: &str| {
        made.iter()
            .find(|m| m.name.ends_with(suffix))
            .unwrap()
            .content
            .clone()
    };
    (get(".html"), get(".txt"), get("found.txt"))
}

/// The marked names, and the text with every mark taken out.
fn marks(text: &str) -> (Vec<String>, String) {
    let mut names = Vec::new();
    let mut rest = String::new();
    let mut s = text;
    while let Some(i) = s.find(MARK) {
        rest.push_str(&s[..i]);
        let after = &s[i + MARK.len()..];
        let end = after.find(']').unwrap();
        names.push(after[..end].to_string());
        s = &after[end + 1..];
    }
    rest.push_str(s);
    (names, rest)
}

/// The HTML's text as a browser would show it: tags dropped, entities read.
fn rust_walk(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&amp;", "&")
}

/// The HTML's text through Python's html.parser, when a Python is here.
fn python_walk(html: &str) -> Option<String> {
    let py = std::env::var("CASELOAD_CONSUMER_PYTHON").unwrap_or_else(|_| "python3".into());
    if !common::require_tool(&py, "python3") {
        return None;
    }
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("sar.html");
    std::fs::write(&file, html).unwrap();
    let script = r"
import sys, html.parser
class P(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out = []
    def handle_data(self, d):
        self.out.append(d)
p = P()
p.feed(open(sys.argv[1], encoding='utf-8').read())
p.close()
sys.stdout.write(' '.join(p.out))
";
    let out = std::process::Command::new(py)
        .arg("-c")
        .arg(script)
        .arg(&file)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    Some(String::from_utf8(out.stdout).unwrap())
}

/// No third party's name is left unmarked, and the subject's is never marked.
fn check(which: &str, text: &str) {
    let (names, rest) = marks(text);
    // Whole words: "decoration" in the stylesheet is not Cora.
    let words: Vec<String> = rest
        .split(|c: char| !c.is_alphanumeric())
        .map(str::to_lowercase)
        .collect();
    for third in ["bernard", "fennimore", "cora"] {
        assert!(
            !words.iter().any(|w| w == third),
            "{which}: {third} left unmarked:\n{rest}"
        );
    }
    for n in &names {
        assert!(
            !["ada", "quill", "ada quill"].contains(&n.to_lowercase().as_str()),
            "{which}: the subject's own name was marked: {n}"
        );
    }
    assert!(
        rest.contains("Ada Quill"),
        "{which}: the subject's name is gone"
    );
}

#[test]
fn every_occurrence_of_a_third_party_is_marked_in_html_text_and_found_list() {
    let (html, text, found) = pack();
    check("text", &text);
    check("html (Rust walk)", &rust_walk(&html));
    if let Some(t) = python_walk(&html) {
        check("html (html.parser)", &t);
    }
    // Every part of the pack where the partner or the sister was marked.
    for place in [
        "risk summary",
        "alert 1",
        "note 1",
        "addendum 1 to note 1",
        "care plan version 1",
        "visit 1",
        "chronology entry",
    ] {
        assert!(found.contains(place), "found.txt lacks {place}:\n{found}");
    }
    assert!(
        found.contains("\"Cora Quill\", the name of Cora Quill (client 2, same household)"),
        "{found}"
    );
    assert!(
        found.contains("\"Fennimore\", the name of Bernard Fennimore (network: mother's partner)"),
        "{found}"
    );
    // It says plainly what it cannot find.
    assert!(
        found.contains("cannot be found and is NOT marked"),
        "{found}"
    );
    // Visits are in the pack with their outcomes, and it has contents.
    assert!(
        text.contains("Seen alone") && text.contains("Not seen"),
        "{text}"
    );
    assert!(
        text.contains("Contents") && text.contains("All visits"),
        "{text}"
    );
}
