//! The facilitator's view and the projector's view of the discussion, open in two windows
//! (the laptop's screen and the projector beside it), stay on the same expectation:
//! whichever moves along the agenda, the other follows. Only the expectation's id passes
//! between the windows, and only within this browser.

use leptos::prelude::*;

use crate::ui::browser::WindowChannel;
use crate::ui::route::{Route, SessionPage};
use crate::ui::state::expect_app_state;

/// While this page is open, tells the session's other windows which expectation it shows,
/// and moves to the expectation another window moves to, as `page_for` of it.
pub(super) fn follow_between_windows(
    session_id: &str,
    expectation_id: &str,
    page_for: fn(String) -> SessionPage,
) {
    let state = expect_app_state();
    let (sid, here) = (session_id.to_owned(), expectation_id.to_owned());
    let channel = WindowChannel::open(&format!("discussion-{session_id}"), move |shown| {
        if shown != here {
            state.navigate(&Route::session(sid.clone(), page_for(shown)));
        }
    });
    if let Some(channel) = &channel {
        channel.post(expectation_id);
    }
    let channel = StoredValue::new_local(channel);
    on_cleanup(move || {
        channel.try_update_value(Option::take);
    });
}
