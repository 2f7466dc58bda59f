//! Confirms before an assessment or a board session is deleted from this device.

use leptos::prelude::*;

use crate::ui::components::{use_page_title, BackLink, PageHeading};
use crate::ui::route::Route;
use crate::ui::state::expect_app_state;
use cpp_domain::assessment::long_date;
use cpp_format::record::Record;
use cpp_format::store::StorageError;

#[component]
pub fn DeletePage<T: Record + PartialEq + Send + Sync + 'static>(
    record: Memo<T>,
    /// Where "Back" and "No, keep it" go.
    back: Route,
    delete: Callback<String, Result<(), StorageError>>,
) -> impl IntoView {
    let state = expect_app_state();
    let noun = T::NOUN;
    use_page_title(move || format!("Delete this {noun}?"));
    let (id, name, date) = record.with_untracked(|r| {
        (
            r.id().to_owned(),
            r.partnership().to_owned(),
            r.date().to_owned(),
        )
    });
    let failure = RwSignal::new(None::<String>);
    let confirm = {
        let name = name.clone();
        move |_| match delete.run(id.clone()) {
            Ok(()) => {
                state
                    .notices
                    .announce(format!("The {noun} of {name} was deleted from this device"));
                state.navigate(&Route::Start);
            }
            Err(error) => failure.set(Some(format!("{error}. The {noun} was not deleted."))),
        }
    };
    view! {
        <BackLink route=back.clone() label="Back"/>
        <Show when=move || failure.with(Option::is_some)>
            <div class="warning-callout" role="alert"><p>{move || failure.get().unwrap_or_default()}</p></div>
        </Show>
        <PageHeading>{format!("Delete the {noun} of {name}?")}</PageHeading>
        <p class="body">{format!("Dated {}. ", long_date(&date))}"Everything in it will be removed from this browser. This cannot be undone."</p>
        <p class="body">"If you might need it again, go back and download a copy of its file first."</p>
        <div class="button-group">
            <button type="button" class="button button--warning" on:click=confirm>{format!("Yes, delete this {noun}")}</button>
            <a class="link" href=back.href()>"No, keep it"</a>
        </div>
    }
}
