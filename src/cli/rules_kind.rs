//! `caseload rules show KIND`: an episode kind's rules, the powers it may
//! follow and what may follow it, each joint with what it does and its
//! source (from the packs' `[[follows]]`).

use crate::domain::EpisodeKind;
use crate::rules::{RuleSet, Succession};

/// The page for one kind, as printed.
#[must_use]
pub fn describe_kind(set: &RuleSet, kind: EpisodeKind) -> String {
    let mut out = format!("{} ({})\n", kind.label(), kind.as_str());
    let ids: Vec<&str> = set
        .rule_ids()
        .into_iter()
        .filter(|id| set.rule(id).is_some_and(|r| r.kind == Some(kind)))
        .collect();
    out.push_str(&format!(
        "Rules: {}\n",
        if ids.is_empty() {
            "none".to_string()
        } else {
            ids.join(", ")
        }
    ));
    let joint = |s: &Succession, from: &str| {
        format!(
            "  {from} ({}): {}.\n    Source: {}\n",
            s.effect.as_str(),
            s.does,
            s.source
        )
    };
    let into = set.follows_of(kind);
    out.push_str("May follow:\n");
    if into.is_empty() {
        out.push_str("  nothing (it starts a journey)\n");
    }
    for s in into {
        let from: Vec<&str> = s.follows.iter().map(|k| k.as_str()).collect();
        out.push_str(&joint(s, &from.join(", ")));
    }
    let after = set.followed_by(kind);
    out.push_str("May be followed by:\n");
    if after.is_empty() {
        out.push_str("  nothing\n");
    }
    for s in after {
        out.push_str(&joint(s, s.kind.as_str()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cto_page_names_the_s3_it_follows_and_the_suspension() {
        let set = RuleSet::embedded().unwrap();
        let page = describe_kind(&set, EpisodeKind::Cto);
        assert!(page.contains("May follow:\n  mha-s3 (suspends)"), "{page}");
        assert!(page.contains("s17D"), "{page}");
        assert!(page.contains("cto-recall (continues)"), "{page}");
    }
}
