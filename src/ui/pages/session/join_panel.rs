//! "Members: scan to join", large enough to project: a QR code of the link that opens the
//! member's ballot for this session on their phone, the link itself, and the session's
//! code. The link carries the session's code and questionnaire in its fragment (after the
//! `#`), which browsers never send to a server. A copy of the app opened as a file cannot
//! be reached from a phone, so then the panel says how members join instead.

use leptos::prelude::*;

use crate::ui::browser;
use crate::ui::extras::{QrImage, QrOf};
use crate::ui::route::Route;
use cpp_domain::questionnaire::Questionnaire;
use cpp_domain::session::Session;
use cpp_format::ballot_code::{session_code, spaced_session_code};

#[component]
pub fn JoinPanel(
    session: Memo<Session>,
    /// The questionnaire this browser runs the session with: phones must rate the same
    /// version, or their ballot codes would not fit (a session saved by an earlier release
    /// runs with the version this browser has).
    questionnaire: StoredValue<Questionnaire>,
) -> impl IntoView {
    let (code, route) = session.with_untracked(|s| {
        let code = session_code(&s.id);
        let route = Route::Join {
            session_code: code,
            questionnaire: s.questionnaire_id.clone(),
            version: questionnaire.with_value(|q| q.version.clone()),
        };
        (code, route)
    });
    let spaced = spaced_session_code(code);
    let address = browser::app_address();
    if address.starts_with("file:") {
        return view! {
            <div class="join-panel">
                <h3 class="heading-m">"Members: join with the session code"</h3>
                <p class="body">"This copy of the app is a file on this computer, so phones cannot open it from a link. Members use a copy of the app on their own device (your organisation's hosted copy, or this file sent to them): on its start page they choose \u{201c}Rate for a board session\u{201d} and enter the session code:"</p>
                <p class="session-code session-code--large">{spaced}</p>
            </div>
        }
        .into_any();
    }
    let link = format!("{address}{}", route.href());
    view! {
        <div class="join-panel">
            <h3 class="heading-m">"Members: scan to join"</h3>
            <QrImage text=Some(link.clone()) of=QrOf::Link class="join-panel__qr"
                label="QR code of the link for members to join" instead="Give members the link instead."/>
            <div class="join-panel__text">
                <p class="body">"Members scan this with their phone's camera, rate on their phone and show you their ballot's code. Or they open:"</p>
                <p class="join-panel__link"><a href=link.clone()>{link.clone()}</a></p>
                <p class="body">"Session code "<strong class="session-code session-code--large">{spaced}</strong></p>
            </div>
        </div>
    }
    .into_any()
}
