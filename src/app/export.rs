//! Exports from the terminal UI: the Export menu, writing the files the
//! export layer makes (the same files as the command line), and paste packs
//! copied to the clipboard (OSC 52) and shown.

use crate::store::prelude::*;
use std::path::Path;

use super::App;
use crate::export::files::{self, Job};
use crate::ui::export_menu::ExportMenu;
use crate::ui::screen::{Effect, Screen};
use crate::ui::text_view::TextView;

impl App {
    /// The client in view (from the screen on top, or a note's client) and
    /// the note in view.
    fn in_view(&self) -> (Option<(i64, String)>, Option<i64>) {
        let top = self.top();
        let note = top.and_then(Screen::note);
        let client = top.and_then(Screen::client).or_else(|| {
            let n = self.store.note(note?).ok()?;
            let c = self.store.client(n.client_id).ok()?;
            Some((c.id, c.display_name()))
        });
        (client, note)
    }

    /// Opens the Export menu for the client in view (whole-caseload
    /// documents only when there is none).
    pub(super) fn open_export_menu(&mut self) {
        let (client, mut note) = self.in_view();
        if note.is_none()
            && let Some((id, _)) = &client
        {
            note = self
                .store
                .notes(*id)
                .ok()
                .and_then(|v| v.into_iter().max_by_key(|n| (n.occurred_at, n.id)))
                .map(|n| n.id);
        }
        let menu = ExportMenu::new(client, note, self.export_dir.clone(), self.theme);
        self.run(vec![Effect::Push(menu.into())]);
    }

    /// The paste key: the note in view as a case note.
    pub(super) fn paste_note(&mut self) {
        match self.in_view().1 {
            Some(id) => self.paste_pack(&Job::Paste(id, None)),
            None => self.error("No note here to paste: open a note, or a client with notes."),
        }
    }

    /// Makes `job`'s files and writes them into `dir`; says what it wrote.
    pub(super) fn export(&mut self, job: &Job, dir: &Path) {
        let now = self.now();
        let made = files::make(&self.store, job, now).and_then(|f| files::write_into(dir, &f));
        match made {
            Ok(paths) => {
                let names: Vec<String> = paths
                    .iter()
                    .filter_map(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
                    .collect();
                self.info(format!("Wrote into {}: {}", short_home(dir), brief(&names)));
            }
            Err(e) => self.error(format!("Nothing exported: {e}")),
        }
    }

    /// Makes a paste pack, queues its clipboard copy and shows it.
    pub(super) fn paste_pack(&mut self, job: &Job) {
        let now = self.now();
        let (text, names) = match files::make(&self.store, job, now) {
            Ok(mut f) if !f.is_empty() => {
                let names = self.in_view().0.map(|c| vec![c.1]).unwrap_or_default();
                (f.remove(0).content, names)
            }
            Ok(_) => return,
            Err(e) => return self.error(format!("Nothing copied: {e}")),
        };
        self.clipboard = crate::clipboard::osc52(&text);
        let view = TextView {
            heading: "Paste pack".into(),
            copied: self.clipboard.is_some(),
            text,
            names,
            scroll: 0,
            theme: self.theme,
        };
        if view.copied {
            self.info("Copied to the clipboard; the text is shown to select by hand too.");
        }
        self.run(vec![Effect::Push(view.into())]);
    }

    /// The clipboard copy waiting for the terminal, taken once.
    pub fn take_clipboard(&mut self) -> Option<String> {
        self.clipboard.take()
    }
}

/// `dir` with the home folder written `~`, so the status line keeps the
/// part that differs.
fn short_home(dir: &Path) -> String {
    if let Some(home) = directories::UserDirs::new()
        && let Ok(rest) = dir.strip_prefix(home.home_dir())
    {
        return format!("~/{}", rest.display());
    }
    dir.display().to_string()
}

/// File names as briefly as the status line needs: one name whole, several
/// as their shared start and the rest in braces ("outage-pack.{html, txt}").
fn brief(names: &[String]) -> String {
    let [first, rest @ ..] = names else {
        return String::new();
    };
    if rest.is_empty() {
        return first.clone();
    }
    let mut common = first.len();
    for n in rest {
        common = common.min(
            first
                .char_indices()
                .zip(n.chars())
                .find(|((_, a), b)| a != b)
                .map_or(first.len().min(n.len()), |((i, _), _)| i),
        );
    }
    let tails: Vec<&str> = names.iter().map(|n| n.get(common..).unwrap_or(n)).collect();
    format!(
        "{}{{{}}}",
        first.get(..common).unwrap_or_default(),
        tails.join(", ")
    )
}

#[cfg(test)]
mod tests {
    use super::brief;

    #[test]
    fn several_names_share_their_start() {
        let v = |a: &[&str]| a.iter().map(|s| (*s).to_string()).collect::<Vec<_>>();
        assert_eq!(brief(&v(&["a.html"])), "a.html");
        assert_eq!(
            brief(&v(&["outage-pack.html", "outage-pack.txt"])),
            "outage-pack.{html, txt}"
        );
        assert_eq!(
            brief(&v(&[
                "c-1-subject-access.html",
                "c-1-subject-access.txt",
                "c-1-found.txt"
            ])),
            "c-1-{subject-access.html, subject-access.txt, found.txt}"
        );
    }
}
