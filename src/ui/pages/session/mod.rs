//! The pages of a facilitated board session: setting it up, collecting members' ratings
//! (passing the device, importing files, show of hands), discussing each expectation with
//! the spread revealed on request, and the consensus results and plan.
//!
//! Anonymity rule for every page here: individual ratings are never shown, and a spread is
//! shown only when `Session::spread_is_large_enough` allows it.

mod collect;
mod discuss;
mod home;
mod new;
mod outcome;

pub use collect::{HandoverPage, HandsPage, ImportResponsesPage, TurnPage};
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
