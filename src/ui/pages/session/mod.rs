//! The pages of a facilitated board session: setting it up, collecting members' ratings
//! into the ballot box (passing the device, response files), a show of hands and who took
//! part, discussing each expectation with the spread revealed on request, and the
//! consensus results and plan.
//!
//! Anonymity rule for every page here: no ballot is ever shown, and members' ratings are
//! shown only as the counts `Session::private_spread` gives (the ballot box closed, enough
//! members answered).

mod collect;
mod discuss;
mod home;
mod new;
mod outcome;

pub use collect::{AttendancePage, HandoverPage, HandsPage, ImportResponsesPage, TurnPage};
pub use discuss::{AgendaPage, DiscussPage};
pub use home::SessionHomePage;
pub use new::{ImportSessionPage, NewSessionPage};
pub use outcome::{SessionPlanPage, SessionResultsPage};

use crate::domain::assessment::long_date;
use crate::domain::session::Session;

/// "Anytown CPP board session, 23 November 2026"
fn caption(session: &Session) -> String {
    format!(
        "{} board session, {}",
        session.details.partnership,
        long_date(&session.details.date)
    )
}
