//! The pages of a facilitated board session: setting it up, collecting members' ratings
//! into the ballot box (passing the device, response files, ballot codes), a show of hands and who took
//! part, discussing each expectation with the spread revealed on request, and the
//! consensus results and plan. The discussion has two views, the facilitator's and the
//! projector's, which can be open in two windows that follow each other.
//!
//! Anonymity rule for every page here: no ballot is ever shown, and members' ratings are
//! shown only as the counts `Session::private_spread` gives (the ballot box closed, enough
//! members answered).

mod codes;
mod collect;
mod discuss;
mod follow;
mod home;
mod join_panel;
mod new;
mod outcome;
mod present;
mod scan;
mod spread;

pub use codes::BallotCodesPage;
pub use collect::{AttendancePage, HandoverPage, HandsPage, ImportResponsesPage, TurnPage};
pub use discuss::{AgendaPage, DiscussPage};
pub use home::SessionHomePage;
pub use new::{ImportSessionPage, NewSessionPage};
pub use outcome::{SessionPlanPage, SessionResultsPage};
pub use present::PresentPage;

use leptos::prelude::*;

use cpp_domain::assessment::long_date;
use cpp_domain::session::Session;

/// "Anytown CPP board session, 23 November 2026", with the partnership's name isolated so
/// that no character in it can reorder the text around it.
#[component]
fn SessionCaption(
    session: Memo<Session>,
    #[prop(default = "caption-l")] class: &'static str,
) -> impl IntoView {
    view! {
        <span class=class>
            <bdi>{move || session.with(|s| s.details.partnership.clone())}</bdi>
            {move || session.with(|s| format!(" board session, {}", long_date(&s.details.date)))}
        </span>
    }
}
