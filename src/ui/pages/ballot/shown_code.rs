//! A member's ballot shown for handing in: the QR code for the facilitator's camera, the
//! same ballot as a typed code, and the receipt both screens show. The screen is kept on
//! while it shows (Screen Wake Lock, where the browser offers it).

use leptos::prelude::*;

use crate::ui::browser;
use crate::ui::extras::{QrImage, QrOf};
use cpp_domain::assessment::Assessment;
use cpp_domain::questionnaire::Questionnaire;
use cpp_format::ballot_code::{self, BallotCode};

/// A ballot ready to show: the QR code's digits, the typed code and the receipt.
#[derive(Clone, PartialEq)]
pub struct ShownCode {
    digits: String,
    typed: String,
    receipt: String,
}

impl ShownCode {
    /// The member's ratings as a ballot for the session with this code.
    pub fn of(
        questionnaire: &Questionnaire,
        assessment: &Assessment,
        session_code: u32,
        token: &str,
    ) -> Option<ShownCode> {
        let ballot = BallotCode::from_assessment(questionnaire, assessment, session_code, token);
        Some(ShownCode {
            digits: ballot_code::to_digits(&ballot, questionnaire)?,
            typed: ballot_code::to_typed(&ballot, questionnaire)?,
            receipt: ballot.receipt(),
        })
    }
}

#[component]
pub fn BallotCodeShown(
    /// Made again whenever the ratings change, so the code always holds what is rated now.
    code: Memo<Option<ShownCode>>,
) -> impl IntoView {
    let screen_kept_on = keep_screen_on_while(Signal::derive(move || code.with(Option::is_some)));
    let digits = Signal::derive(move || code.with(|c| c.as_ref().map(|c| c.digits.clone())));
    move || {
        code.get().map(|ShownCode { typed, receipt, .. }| view! {
            <div class="ballot-code-panel">
                <QrImage text=digits of=QrOf::Ballot class="ballot-qr" label="QR code of your ballot"
                    instead="Read out the code below instead."/>
                <p class="body">"Turn your screen brightness up and hold the code about 30 cm from the facilitator's camera. Or read them this code:"</p>
                <p class="ballot-code">{typed}</p>
                <p class="body">{format!("When it is in, the facilitator's screen shows \u{201c}Ballot received (…{receipt})\u{201d}.")}</p>
                {move || (screen_kept_on.get() == Some(false)).then(|| view! {
                    <p class="hint">"This browser cannot keep your screen on. If it goes dark, tap it: the code is still here, and still the same."</p>
                })}
            </div>
        })
    }
}

/// Keeps the screen on while `showing` is true and the page is open, so it does not go
/// dark while the member waits for the camera. Says whether the browser did (`None` until
/// it answers), so the page can tell the member when it cannot.
fn keep_screen_on_while(showing: Signal<bool>) -> ReadSignal<Option<bool>> {
    let screen_lock = StoredValue::new_local(None::<wasm_bindgen::JsValue>);
    let kept_on = RwSignal::new(None::<bool>);
    Effect::new(move |_| {
        if showing.get() && screen_lock.with_value(Option::is_none) {
            leptos::task::spawn_local(async move {
                let lock = browser::keep_screen_on().await;
                let granted = lock.is_some();
                // A lock that arrives after the member left the page is let go at once.
                if let Some(Some(late)) = screen_lock.try_set_value(lock) {
                    browser::let_screen_sleep(&late);
                } else {
                    kept_on.try_set(Some(granted));
                }
            });
        }
    });
    on_cleanup(move || {
        if let Some(Some(lock)) = screen_lock.try_get_value() {
            browser::let_screen_sleep(&lock);
        }
    });
    kept_on.read_only()
}
