//! The app shell: skip link, header, the page for the current route, and footer.

use leptos::prelude::*;

use super::browser;
use super::components::{DownloadProblem, SaveProblem};
use super::pages;
use super::route::Route;
use super::state::AppState;
use super::update_banner::UpdateBanner;

#[component]
pub fn App() -> impl IntoView {
    // Inside another page's frame, a click meant for that page could land on "Delete
    // everything": the tool does not start there.
    if browser::is_framed() {
        return view! {
            <main class="main width-container">
                <h1 class="heading-l">"Open this tool in its own window"</h1>
                <p class="body">"It is shown inside another web page, which could trick you into clicking its buttons, so it does not start here."</p>
                <p class="body"><a href=browser::own_address() target="_top">"Open the self-assessment tool in its own window"</a></p>
            </main>
        }
        .into_any();
    }
    let state = AppState::provide(Route::parse(&browser::current_hash()));
    let route = state.route;

    let _listener = window_event_listener(leptos::ev::hashchange, move |_| {
        route.set(Route::parse(&browser::current_hash()));
    });

    // After a page change, start keyboard and screen reader users at the new heading.
    Effect::new(move |previous: Option<Route>| {
        let current = route.get();
        if previous.is_some_and(|p| p != current) {
            state.notices.page_changed();
            request_animation_frame(|| browser::focus_by_id(pages::MAIN_HEADING_ID));
        }
        current
    });

    view! {
        <a href="#main-content" class="skip-link" on:click=|ev| {
            ev.prevent_default();
            browser::focus_by_id("main-content");
        }>"Skip to main content"</a>
        <header class="header">
            <div class="width-container header__inner">
                <a href=Route::Start.href() class="header__service">"Community planning self-assessment"</a>
                <span class="header__tagline">"Principles of Effective Community Planning"</span>
            </div>
        </header>
        <div class="width-container">
            <main id="main-content" class="main" tabindex="-1">
                <UpdateBanner/>
                <SaveProblem/>
                <DownloadProblem/>
                {move || {
                    // Drawn again when another tab's changes arrive, so every field shows
                    // what is stored and no keystroke here overwrites them with old text.
                    state.changes_from_elsewhere().track();
                    pages::page_for(route.get())
                }}
            </main>
        </div>
        <footer class="footer">
            <div class="width-container">
                <h2 class="visually-hidden">"Support links"</h2>
                <ul class="footer__links">
                    <li><a href=Route::Accessibility.href()>"Accessibility statement"</a></li>
                    <li><a href=Route::Privacy.href()>"Privacy and storage"</a></li>
                </ul>
                <p>
                    "Your answers are kept only in this browser on this device. Nothing is sent anywhere."
                </p>
                <p>
                    "Expectation statements are quoted from the Scottish Government's statutory guidance on community planning (Community Empowerment (Scotland) Act 2015, Part 2) and are Crown copyright, reused under the "
                    <span lang="en-GB">"Open Government Licence v3.0"</span>
                    ". The CPP Board expectations quote the Improvement Service's Notebook 1: Overview of Community Planning. Everything else, the statutory plans checklist and the summaries of the guidance's paragraphs included, is this tool's own wording."
                </p>
            </div>
        </footer>
    }
    .into_any()
}
