//! Saving an adviser file: the partnership chooses what to include, sees what the file
//! will contain in plain words (a summary, then each expectation's line), with the file
//! itself folded below, and downloads it.

use leptos::prelude::*;

use crate::ui::components::{
    BackLink, ErrorSummary, FormError, FormErrors, PageHeading, TableScroll, TextField, WarningText,
};
use crate::ui::route::Route;
use crate::ui::state::expect_app_state;
use cpp_domain::assessment::long_date;
use cpp_domain::collation::Source;
use cpp_domain::questionnaire::Questionnaire;
use cpp_domain::rating::Rating;
use cpp_domain::session::{HandCount, Sector};
use cpp_format::adviser_file::{validate_code, AdviserChoices, AdviserFile, OTHER_SECTORS};
use cpp_format::record;

const CODE_ID: &str = "partnership-code";

#[component]
pub fn AdviserExportPage(
    /// Makes the file from the choices.
    make_file: Callback<AdviserChoices, AdviserFile>,
    /// The questionnaire the file answers, for its words.
    questionnaire: StoredValue<Questionnaire>,
    /// Sessions can say how many members came from each sector.
    offer_sectors: bool,
    back: Route,
) -> impl IntoView {
    let state = expect_app_state();
    let errors = FormErrors::new();
    errors.use_title(|| "Save a file for your improvement adviser".into());
    let code = RwSignal::new(String::new());
    let include_name = RwSignal::new(false);
    let include_sectors = RwSignal::new(false);
    let choices = move || AdviserChoices {
        partnership_code: code.get().trim().to_owned(),
        include_name: include_name.get(),
        include_sectors: include_sectors.get(),
    };
    // Made once per choice: a session's file counts every ballot, and the pages below read
    // it many times.
    let file = Memo::new(move |_| make_file.run(choices()));
    let preview = move || record::encode_pretty(&file.get()).unwrap_or_else(|e| e.to_string());
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match validate_code(&code.get_untracked()) {
            Ok(valid) => {
                errors.clear();
                let file = make_file.run(AdviserChoices {
                    partnership_code: valid,
                    ..choices()
                });
                state.notices.offer_as_shown(&file);
            }
            Err(message) => errors.show(vec![FormError {
                field_id: CODE_ID.into(),
                message,
            }]),
        }
    };
    let checkbox = move |id: &'static str,
                         label: &'static str,
                         hint: &'static str,
                         value: RwSignal<bool>| {
        let hint_id = format!("{id}-hint");
        view! {
            <div class="checkboxes__item">
                <input class="checkboxes__input" type="checkbox" id=id aria-describedby=hint_id.clone()
                    prop:checked=move || value.get() on:change=move |ev| value.set(event_target_checked(&ev))/>
                <label class="label checkboxes__label" for=id>{label}</label>
                <p class="hint radios__hint" id=hint_id>{hint}</p>
            </div>
        }
    };
    // A questionnaire of the partnership's own names it as surely as its name would.
    let questionnaire_id = make_file
        .run(AdviserChoices {
            partnership_code: String::new(),
            include_name: false,
            include_sectors: false,
        })
        .questionnaire_id;
    let own_questionnaire = !state
        .catalogue
        .built_in()
        .iter()
        .any(|q| q.id == questionnaire_id);
    view! {
        <BackLink route=back label="Back to the results"/>
        <ErrorSummary errors=errors.list()/>
        <PageHeading>"Save a file for your improvement adviser"</PageHeading>
        <p class="body">"Improvement advisers collate results from many partnerships to see the national picture. This file carries your ratings and, for a board session, the counts of members' private ratings where enough members answered. It never carries names of members, notes, reasons or the wording of your plan."</p>
        {own_questionnaire.then(|| view! {
            <WarningText>{format!("The file names the questionnaire it answers, \u{201c}{questionnaire_id}\u{201d}. This is your partnership's own questionnaire, so anyone who knows it can tell the file is yours even without your name. If that matters, give the questionnaire a neutral id before you load it and assess with it.")}</WarningText>
        })}
        <form novalidate on:submit=save>
            <TextField id=CODE_ID label="Partnership code" hint="The code your improvement adviser gave your partnership, for example CPP-07"
                value=code error=errors.for_field(CODE_ID)/>
            <fieldset class="fieldset">
                <legend class="fieldset__legend fieldset__legend--s">"Also include (optional)"</legend>
                <div class="checkboxes">
                    {checkbox("include-name", "The partnership's name", "Otherwise the adviser sees only your code.", include_name)}
                    {offer_sectors.then(|| checkbox("include-sectors", "How many members took part from each sector", "Counts only, for example \u{201c}NHS board: 2\u{201d}.", include_sectors))}
                </div>
            </fieldset>
            <h2 class="heading-m">"What the file contains"</h2>
            <FileSummary file questionnaire/>
            <FileRatings file questionnaire/>
            <details class="details">
                <summary class="details__summary"><span class="details__summary-text">"The file exactly as it is written (JSON)"</span></summary>
                <div class="details__text">
                    <pre class="file-preview" tabindex="0" aria-label="The adviser file's contents">{preview}</pre>
                </div>
            </details>
            <button type="submit" class="button">"Download the adviser file"</button>
        </form>
    }
}

/// "4: 3 members, 5: 2 members, Don't know: 1 member".
fn counts_in_words(count: &HandCount) -> String {
    let members = |n: usize| {
        if n == 1 {
            "1 member".to_owned()
        } else {
            format!("{n} members")
        }
    };
    let mut parts: Vec<String> = count
        .levels
        .iter()
        .filter(|(_, n)| **n > 0)
        .map(|(level, n)| format!("{level}: {}", members(*n)))
        .collect();
    if count.dont_know > 0 {
        parts.push(format!("Don't know: {}", members(count.dont_know)));
    }
    parts.join(", ")
}

/// The file in a few lines: whose, what, when, and what it carries and never carries.
#[component]
fn FileSummary(
    file: Memo<AdviserFile>,
    questionnaire: StoredValue<Questionnaire>,
) -> impl IntoView {
    let rows = move || {
        let f = file.get();
        let expectations = questionnaire.with_value(|q| q.expectations().count());
        let dont_know = f
            .ratings
            .values()
            .filter(|r| **r == Rating::DontKnow)
            .count();
        let rated = f.ratings.len();
        let mut lines: Vec<(&str, String)> = vec![
            ("Partnership code", if f.partnership_code.is_empty() { "Not entered yet".into() } else { f.partnership_code.clone() }),
            ("Partnership name", f.partnership_name.clone().unwrap_or_else(|| "Not included".into())),
            ("Questionnaire", questionnaire.with_value(|q| format!("{}, version {}", q.title, f.questionnaire_version))),
            ("Date", long_date(&f.date)),
            ("Kind", match f.source {
                Source::Session => "A board session's agreed ratings".into(),
                Source::Assessment => "One person's individual assessment".into(),
            }),
            ("Ratings", format!("{rated} of {expectations} expectations rated, {dont_know} of them \u{201c}Don't know\u{201d}")),
        ];
        if f.source == Source::Session {
            lines.push(("Members' private ratings", match f.counts.len() {
                0 => "None: too few members answered to keep them anonymous".into(),
                n => format!("How many members gave each rating, for {n} expectations where enough answered to keep them anonymous; never who gave which"),
            }));
            lines.push((
                "Members by sector",
                match &f.sectors {
                    None => "Not included".into(),
                    Some(sectors) => sectors
                        .iter()
                        .map(|(key, n)| {
                            let name = Sector::parse(key).map(Sector::label).unwrap_or(
                                if key == OTHER_SECTORS {
                                    "Other sectors"
                                } else {
                                    "Not given"
                                },
                            );
                            format!("{name}: {n}")
                        })
                        .collect::<Vec<_>>()
                        .join(", "),
                },
            ));
        }
        lines.push((
            "Expectations in the plan",
            match f.planned.len() {
                0 => "None".into(),
                n => format!(
                    "{n}, by number only: {}",
                    questionnaire.with_value(|q| f
                        .planned
                        .iter()
                        .map(|id| q.number_of(id))
                        .collect::<Vec<_>>()
                        .join(", "))
                ),
            },
        ));
        lines.push((
            "Never included",
            "Members' names, notes, reasons, roles, and the wording of your plan".into(),
        ));
        lines.into_iter().map(|(key, value)| view! { <tr><th scope="row">{key}</th><td><bdi>{value}</bdi></td></tr> }).collect_view()
    };
    view! {
        <table class="table">
            <caption class="table__caption table__caption--s">"In summary"</caption>
            <tbody>{rows}</tbody>
        </table>
    }
}

/// Each expectation's line in the file: its rating, members' counts and whether the plan
/// has an action for it.
#[component]
fn FileRatings(
    file: Memo<AdviserFile>,
    questionnaire: StoredValue<Questionnaire>,
) -> impl IntoView {
    let session = move || file.with(|f| f.source == Source::Session);
    let rows = move || {
        let f = file.get();
        let session = f.source == Source::Session;
        questionnaire.with_value(|q| {
            q.expectations()
                .map(|e| {
                    let counts = session.then(|| view! { <td>{f.counts.get(&e.id).map(counts_in_words).unwrap_or_else(|| "Not included".into())}</td> });
                    let planned = if f.planned.contains(&e.id) { "Yes" } else { "No" };
                    view! {
                        <tr>
                            <th scope="row">{q.number_of(&e.id)}</th>
                            <td>{q.rating_label(f.ratings.get(&e.id).copied())}</td>
                            {counts}
                            <td>{planned}</td>
                        </tr>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <TableScroll label="Each expectation in the file">
            <table class="table">
                <caption class="table__caption table__caption--s">"Each expectation in the file"</caption>
                <thead><tr>
                    <th scope="col">"No."</th>
                    <th scope="col">{move || if session() { "Agreed rating" } else { "Rating" }}</th>
                    {move || session().then(|| view! { <th scope="col">"Members' private ratings"</th> })}
                    <th scope="col">"In the plan"</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </TableScroll>
    }
}
