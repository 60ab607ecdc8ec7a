//! What a key means: the `Action` vocabulary. The names (snake_case) are the
//! words used in `data/keymap.toml` and in a user's own keymap, and each
//! action's description is what the help screen and the palette show, so the
//! keys, the help and the palette can never disagree.

use serde::Deserialize;

macro_rules! actions {
    ( $( $variant:ident => ($hint:literal, $desc:literal) ),+ $(,)? ) => {
        /// Everything a key can ask the app to do.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum Action {
            $( #[doc = $desc] $variant ),+
        }

        impl Action {
            /// Every action, in declaration order.
            pub const ALL: &'static [Action] = &[$(Action::$variant),+];

            /// A sentence saying what the action does (help and palette).
            #[must_use]
            pub fn describe(self) -> &'static str {
                match self { $(Action::$variant => $desc),+ }
            }

            /// One or two words for the hint bar.
            #[must_use]
            pub fn hint(self) -> &'static str {
                match self { $(Action::$variant => $hint),+ }
            }
        }
    };
}

actions! {
    Quit => ("quit", "Go back; on the first screen, leave caseload"),
    Back => ("back", "Go back to the previous screen (text typed is kept as a draft)"),
    Up => ("up", "Move up one row"),
    Down => ("down", "Move down one row"),
    PageUp => ("page up", "Move up one page"),
    PageDown => ("page down", "Move down one page"),
    Top => ("top", "Jump to the first row"),
    Bottom => ("bottom", "Jump to the last row"),
    NextTab => ("next tab", "Show the next tab"),
    PrevTab => ("prev tab", "Show the previous tab"),
    NextSection => ("next section", "Move to the next section (Today's lists; the calendar's month and day)"),
    PrevSection => ("prev section", "Move to the previous section (Today's lists; the calendar's month and day)"),
    Open => ("open", "Open the selected row"),
    Help => ("help", "Show the keys for this screen"),
    Palette => ("palette", "Jump to a client or a command by typing part of its name"),
    GoToday => ("today", "Go to the Today screen"),
    GoCaseload => ("caseload", "Go to the Caseload table"),
    Filter => ("filter", "Filter the table by typing part of a name or record number"),
    ClearFilter => ("clear", "Clear the filter and stop filtering"),
    SortNext => ("sort", "Sort by the next column"),
    SortReverse => ("reverse", "Reverse the sort order"),
    ToggleClosed => ("closed", "Show or hide closed cases"),
    NewClient => ("new client", "Add a new client"),
    EditClient => ("edit", "Edit the client's details, risk and alerts"),
    NewNote => ("note", "Write a new contact note for this client"),
    Add => ("add", "Add to this tab: a note, a plan review, a deadline or a network member"),
    NewDeadline => ("deadline", "Add a deadline for this client"),
    NewEpisode => ("legal episode", "Add a legal episode; its statutory dates are generated"),
    NewAction => ("action", "Add a small to-do (action)"),
    MarkDone => ("done", "Mark the selected deadline or action done"),
    OlderVersion => ("older", "Show the previous version of the care plan"),
    NewerVersion => ("newer", "Show the next version of the care plan"),
    TabSummary => ("summary", "Show the Summary tab"),
    TabNotes => ("notes", "Show the Notes tab"),
    TabPlan => ("plan", "Show the care Plan tab"),
    TabDeadlines => ("deadlines", "Show the Deadlines tab"),
    TabNetwork => ("network", "Show the Network tab"),
    AddAddendum => ("addendum", "Add an addendum (with a reason) to this final note"),
    NextField => ("next field", "Move to the next field"),
    PrevField => ("prev field", "Move to the previous field"),
    Save => ("save", "Save now"),
    Finalise => ("finalise", "Finalise the note (asks first; a final note can only get addenda)"),
    Submit => ("save", "Check and save the form"),
    Yes => ("yes", "Answer yes"),
    Lock => ("lock", "Lock caseload now: the draft is saved, the screen cleared, and the passphrase needed to come back (the command line locks too)"),
    TogglePrivacy => ("privacy", "Privacy mode on or off: initials for names, record numbers masked, note text hidden until a note is opened"),
    No => ("no", "Answer no"),
    Undo => ("undo", "Undo the last change (recorded as a change itself; finalising cannot be undone)"),
    GoSearch => ("search", "Search notes, addenda and care plans"),
    TabChronology => ("chronology", "Show the Chronology tab"),
    ToggleScope => ("scope", "Search this client only, or everyone"),
    GoCalendar => ("calendar", "Open the calendar: a month of planned visits, deadlines and reviews, with each day's agenda"),
    PrevDay => ("prev day", "Select the previous day"),
    PrevWeek => ("prev week", "Select the same day a week earlier (in the day's agenda: the line above)"),
    NextWeek => ("next week", "Select the same day a week later (in the day's agenda: the line below)"),
    NextDay => ("next day", "Select the next day"),
    PrevMonth => ("prev month", "Show the previous month"),
    NextMonth => ("next month", "Show the next month"),
    ShowToday => ("today", "Select today in the calendar"),
    PlanVisit => ("plan visit", "Plan a visit to this client (the household too, if linked)"),
    MoveVisit => ("move visit", "Move the selected planned visit to another time (the old time is kept)"),
    CancelVisit => ("cancel visit", "Cancel the selected planned visit, with a reason (it stays in the record)"),
    Export => ("export", "Export or print: summary, chronology, ics, csv, json, outage pack"),
    Paste => ("paste", "Copy the note for pasting into a form, and show it"),
    CloseCase => ("close case", "Close the case: asks for the closure summary, lists what stops being tracked, and sets the retention review date"),
    EndEpisode => ("end episode", "End an open legal episode; its open deadlines after the end are cancelled (kept)"),
    RevokeEpisode => ("revoke CTO", "Revoke a community treatment order (s17F(4)): the section 3 revives for 6 months from the revocation (s17G), with the managers' reference (s68(7)) and a new tribunal right (s66(1)(cb))"),
    MoveEpisode => ("move episode", "Correct a legal episode's start date; its open deadlines are recalculated"),
    DiscardDraft => ("discard", "Discard the draft note (on the Notes tab, the selected one; asks first, u puts it back)"),
    EditMember => ("edit", "Edit this network member's details"),
    ArchiveMember => ("archive", "Archive this network member (asks first; kept in the record, u undoes)"),
    GoActivity => ("activity", "Open the activity chart: your own work week by week in counts (visits, contacts, late notes, deadlines), no names"),
    NextMeasure => ("next count", "Show the next count in the activity chart"),
    PrevMeasure => ("prev count", "Show the previous count in the activity chart"),
    EarlierWeeks => ("earlier", "Show the twelve weeks before these"),
    LaterWeeks => ("later", "Show the twelve weeks after these (up to today)"),
    NewSupervision => ("supervision", "Record a case supervision about this client: decisions, actions with owners, sealed like a note"),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_snake_case_and_described() {
        let a: Action = toml::Value::String("go_today".into()).try_into().unwrap();
        assert_eq!(a, Action::GoToday);
        for a in Action::ALL {
            assert!(!a.describe().is_empty() && !a.hint().is_empty());
        }
    }
}
