//! "A new version is available": shown when the service worker has a newer version of the
//! app waiting. Updating saves every queued change first and never reloads over unsaved
//! work.

use leptos::prelude::*;

use super::browser;
use super::state::expect_app_state;

#[component]
pub fn UpdateBanner() -> impl IntoView {
    let state = expect_app_state();
    // The registration script announces a waiting version once, and may do so before this
    // listens (a version already waiting at load), so what it found is read here too.
    let available = RwSignal::new(
        browser::global("__appUpdateWaiting").is_some_and(|waiting| waiting.is_truthy()),
    );
    let problem = RwSignal::new(None::<String>);
    // The listener lives as long as the page.
    let _ = window_event_listener_untyped("app-update-available", move |_| available.set(true));
    let update = move |_| {
        state.saving.flush();
        if state.saving.has_unsaved_changes() {
            problem.set(Some(
                "Your latest change could not be saved on this device, so the tool was not updated. Download a backup file first, then try again.".into(),
            ));
            return;
        }
        browser::dispatch_window_event("app-update-accepted");
    };
    view! {
        <Show when=move || available.get()>
            <div class="notification-banner" role="region" aria-labelledby="update-banner-title">
                <div class="notification-banner__header">
                    <h2 class="notification-banner__title" id="update-banner-title">"Update"</h2>
                </div>
                <div class="notification-banner__content">
                    <p class="notification-banner__heading">"A new version is available"</p>
                    <p class="body">"Your work is saved on this device and is kept when you update. If you carry on instead, the new version is used the next time you open the tool."</p>
                    {move || problem.get().map(|p| view! { <p class="field-error" role="alert">{p}</p> })}
                    <button type="button" class="button" on:click=update>"Update now"</button>
                </div>
            </div>
        </Show>
    }
}
