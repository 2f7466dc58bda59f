//! A member's ballot for a board session, on their own phone: joining from the session's
//! link, rating one expectation per screen, reviewing, handing the ballot in as a code, and
//! wiping it from the phone. The ballot is an assessment on this device that knows the
//! session's code (`Assessment::board_session`); it never holds anyone else's ratings.

mod hand_in;
mod join;
mod join_with_code;
mod rate;
mod review;
mod shown_code;

pub use hand_in::HandInPage;
pub use join::JoinPage;
pub use join_with_code::JoinWithCodePage;
pub use rate::RatePage;
pub use review::ReviewPage;
pub use shown_code::{BallotCodeShown, ShownCode};

use crate::ui::route::{AssessmentPage, Route};
use cpp_domain::assessment::Assessment;
use cpp_domain::questionnaire::Questionnaire;
use cpp_format::ballot_code::spaced_session_code;

fn rate(id: &str, expectation: &str) -> Route {
    Route::assessment(
        id.to_owned(),
        AssessmentPage::Rate {
            expectation: expectation.to_owned(),
        },
    )
}

fn review(id: &str) -> Route {
    Route::assessment(id.to_owned(), AssessmentPage::Review)
}

fn hand_in(id: &str) -> Route {
    Route::assessment(id.to_owned(), AssessmentPage::HandIn)
}

/// Where a member picks up their ballot: the first expectation they have not rated, or the
/// review once every one is rated.
fn resume(questionnaire: &Questionnaire, ballot: &Assessment) -> Route {
    match ballot.first_unanswered(questionnaire) {
        Some(expectation) => rate(&ballot.id, &expectation.id),
        None => review(&ballot.id),
    }
}

/// "Board session 123 456", or the assessment's own name when it is not a ballot.
fn session_name(ballot: &Assessment) -> String {
    match ballot.board_session {
        Some(code) => format!("Board session {}", spaced_session_code(code)),
        None => ballot.details.partnership.clone(),
    }
}
