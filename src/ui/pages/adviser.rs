//! The improvement adviser's view: bring in adviser files from many partnerships, then see
//! the national picture (partnerships by principle, the national profile, each expectation
//! across partnerships, disagreement hot spots, planned themes), filter it, and export it.
//! Figures across too few partnerships are suppressed.

use leptos::prelude::*;

use crate::ui::charts::{principle_chart, ChartView, RadarSeries};
use crate::ui::components::{use_page_title, BackLink, LoadProblems, PageHeading, TableScroll};
use crate::ui::extras::WorkbookButton;
use crate::ui::file_import::{FileDrop, ImportReport};
use crate::ui::route::Route;
use crate::ui::state::{expect_app_state, AppState, SaveStatus};
use cpp_domain::collation::{collate, Collation, Filter, Shown};
use cpp_domain::questionnaire::{Questionnaire, Scale};
use cpp_domain::session::MIN_ANONYMITY_THRESHOLD;
use cpp_domain::sorting::sort_by;
use cpp_format::adviser_file::{check_collection, import_files, open_collection_files, Collection};
use cpp_format::export::{collation_tables, to_csv};
use cpp_format::import::{FileReport, IncomingFile};
use cpp_format::record::{self, Record};

/// Chooses a ranked list (hot spots or themes) from a collation.
type PickRanking = fn(&Collation) -> &Shown<Vec<(String, usize)>>;

/// "1 partnership", "2 partnerships".
fn count_of(n: usize, thing: &str) -> String {
    if n == 1 {
        format!("1 {thing}")
    } else {
        format!("{n} {thing}s")
    }
}

/// A shade for a score, in quarters of the scale's range, always shown with the number.
fn band(mean: Option<f64>, scale: &Scale) -> &'static str {
    let (min, max) = (f64::from(scale.min_value()), f64::from(scale.max_value()));
    match mean.map(|m| (m - min) / (max - min).max(1.0)) {
        None => "heat heat--none",
        Some(share) if share < 0.3 => "heat heat--1",
        Some(share) if share < 0.5 => "heat heat--2",
        Some(share) if share < 0.7 => "heat heat--3",
        Some(_) => "heat heat--4",
    }
}

/// Writes the collection at once, so each file's report can say whether it is really kept:
/// a file added while the browser refuses to save is reported as not yet saved.
fn saved_or_not(state: AppState, reports: Vec<FileReport>) -> Vec<FileReport> {
    state.saving.flush();
    let SaveStatus::Failed(reason) = state.saving.status().get_untracked() else {
        return reports;
    };
    reports
        .into_iter()
        .map(|report| FileReport {
            outcome: match report.outcome {
                Ok(_) => Err(format!(
                    "Read, but not saved on this device ({reason}). It stays on this page while it is open, and is saved once there is room: download a backup meanwhile"
                )),
                refused => refused,
            },
            ..report
        })
        .collect()
}

#[component]
pub fn AdviserPage() -> impl IntoView {
    let state = expect_app_state();
    use_page_title(|| "Improvement adviser: collate results".into());
    // The stored collection goes through the same checker as every file before anything
    // is collated from it: one that fails is set aside, never left to break this page.
    let stored = state.collection.current().get_untracked();
    match check_collection(stored.clone(), &state.catalogue.all().get_untracked()) {
        Ok(checked) if checked != stored => state.collection.use_checked(checked),
        Ok(_) => {}
        Err(reason) => state.collection.set_aside(&reason),
    }
    let reports = RwSignal::new(Vec::<FileReport>::new());
    let on_files = Callback::new(move |incoming: Vec<IncomingFile>| {
        let questionnaires = state.catalogue.all().get_untracked();
        let mut outcome = Vec::new();
        state
            .collection
            .add_files(|c| outcome = import_files(c, &questionnaires, &incoming));
        reports.set(saved_or_not(state, outcome));
    });
    // The questionnaires the collected files answer; each is collated on its own.
    let collected = Memo::new(move |_| {
        let mut ids: Vec<String> = state.collection.current().with(|c| {
            c.submissions
                .iter()
                .map(|s| s.questionnaire_id.clone())
                .collect()
        });
        sort_by(&mut ids, Ord::cmp);
        ids.dedup();
        ids
    });
    let chosen = RwSignal::new(state.catalogue.default().map(|q| q.id).unwrap_or_default());
    // The chosen questionnaire, or the first one files answer when none answer the chosen one.
    let shown = Memo::new(move |_| {
        let chosen = chosen.get();
        collected.with(|ids| match ids.first() {
            Some(first) if !ids.contains(&chosen) => first.clone(),
            _ => chosen,
        })
    });
    let choices = move || {
        let ids = collected.get();
        (ids.len() > 1).then(|| {
            let options = ids
                .into_iter()
                .map(|id| {
                    let title = state
                        .catalogue.latest_version(&id)
                        .map(|q| q.title)
                        .unwrap_or_else(|| id.clone());
                    let selected = shown.get_untracked() == id;
                    view! { <option value=id selected=selected>{title}</option> }
                })
                .collect_view();
            view! {
                <div class="form-group">
                    <label class="label" for="adviser-questionnaire">"Questionnaire"</label>
                    <p class="hint" id="adviser-questionnaire-hint">"Files answer different questionnaires. Each questionnaire is collated on its own."</p>
                    <select class="select" id="adviser-questionnaire" aria-describedby="adviser-questionnaire-hint"
                        on:change=move |ev| chosen.set(event_target_value(&ev))>
                        {options}
                    </select>
                </div>
            }
        })
    };
    let picture = move || {
        let id = shown.get();
        match state.catalogue.latest_version(&id) {
            Some(questionnaire) => view! { <AdviserPicture questionnaire reports/> }.into_any(),
            None => view! { <p class="body">"This questionnaire is not available in this browser. Load it on the questionnaires page to collate its files."</p> }.into_any(),
        }
    };
    view! {
        <BackLink route=Route::Start label="Back"/>
        <LoadProblems/>
        <PageHeading>"Collate results from many partnerships"</PageHeading>
        <p class="body">"For improvement advisers. Partnerships send you adviser files; add them here to see the national picture. Everything stays in this browser. Partnerships appear by code unless they chose to include their name, and figures across fewer partnerships than the threshold are suppressed."</p>
        <h2 class="heading-m">"Add adviser files"</h2>
        <FileDrop id="adviser-files" label="Choose adviser files" hint="You can choose many at once. They end in .adviser.json" on_files folder=true/>
        <ImportReport reports=reports.into()/>
        {choices}
        {picture}
    }
}

/// The national picture for one questionnaire, its exports, and the collection itself.
#[component]
fn AdviserPicture(
    questionnaire: Questionnaire,
    reports: RwSignal<Vec<FileReport>>,
) -> impl IntoView {
    let state = expect_app_state();
    let questionnaire = StoredValue::new(questionnaire);
    let from = RwSignal::new(String::new());
    let to = RwSignal::new(String::new());
    let version = RwSignal::new(String::new());
    let filter = Memo::new(move |_| Filter {
        from: from.get(),
        to: to.get(),
        questionnaire_version: Some(version.get()).filter(|v| !v.is_empty()),
    });
    let collation = Memo::new(move |_| {
        questionnaire.with_value(|q| {
            state
                .collection
                .current()
                .with(|c| filter.with(|f| collate(q, &c.submissions, f, c.threshold)))
        })
    });

    view! {
        <h2 class="heading-m">"The national picture"</h2>
        <p class="body progress" role="status">{move || collation.with(|c| {
            let files = state.collection.current().with(|s| s.submissions.len());
            let mut text = format!("{} in view ({} collected).", count_of(c.partnerships, "partnership"), count_of(files, "file"));
            if c.left_out > 0 {
                let verb = if c.left_out == 1 { "is" } else { "are" };
                text.push_str(&format!(" {} {verb} outside the filter or shown from an earlier file.", count_of(c.left_out, "partnership")));
            }
            text
        })}</p>
        <p class="body">{move || {
            let threshold = state.collection.current().with(|c| c.threshold).max(MIN_ANONYMITY_THRESHOLD);
            format!("Figures across partnerships (the national profile, each expectation, hot spots and themes) are suppressed when fewer than {threshold} partnerships are in them, or when a filter leaves out fewer than {threshold}, since comparing them with the figures without the filter would show those partnerships' own. Each partnership's row in the table below is its own file, so it is always shown.")
        }}</p>
        <CollationFilters from to version/>
        <PartnershipsByPrinciple questionnaire collation/>
        <NationalProfile questionnaire collation/>
        <ExpectationsAcrossPartnerships questionnaire collation/>
        <h3 class="heading-s">"Disagreement hot spots"</h3>
        <p class="hint">"Expectations where board members' ratings were far apart, by how many partnerships' sessions showed it."</p>
        <RankedExpectations questionnaire collation pick=|c| &c.hot_spots what="partnerships"/>
        <h3 class="heading-s">"Improvement themes most often planned"</h3>
        <RankedExpectations questionnaire collation pick=|c| &c.themes what="partnerships"/>
        <CollationExport questionnaire collation/>
        <CollectionControls reports/>
    }
}

/// The filter on the picture (dates and questionnaire version) and the suppression threshold.
#[component]
fn CollationFilters(
    from: RwSignal<String>,
    to: RwSignal<String>,
    version: RwSignal<String>,
) -> impl IntoView {
    let state = expect_app_state();
    let versions = move || {
        let mut list: Vec<String> = state.collection.current().with(|c| {
            c.submissions
                .iter()
                .map(|s| s.questionnaire_version.clone())
                .collect()
        });
        sort_by(&mut list, Ord::cmp);
        list.dedup();
        list.into_iter()
            .map(|v| view! { <option value=v.clone()>{format!("Version {v}")}</option> })
            .collect_view()
    };
    let set_threshold = move |ev: leptos::ev::Event| {
        if let Ok(value) = event_target_value(&ev).trim().parse::<usize>() {
            state
                .collection
                .update(|c| c.threshold = value.max(MIN_ANONYMITY_THRESHOLD));
        }
    };

    view! {
        <fieldset class="fieldset filters">
            <legend class="fieldset__legend fieldset__legend--s">"Filter"</legend>
            <div class="inline-controls">
                <div class="form-group"><label class="label" for="filter-from">"From date"</label>
                    <input class="input input--date" type="date" id="filter-from" on:change=move |ev| from.set(event_target_value(&ev))/></div>
                <div class="form-group"><label class="label" for="filter-to">"To date"</label>
                    <input class="input input--date" type="date" id="filter-to" on:change=move |ev| to.set(event_target_value(&ev))/></div>
                <div class="form-group"><label class="label" for="filter-version">"Questionnaire version"</label>
                    <select class="select" id="filter-version" on:change=move |ev| version.set(event_target_value(&ev))>
                        <option value="">"All versions"</option>{versions}
                    </select></div>
                <div class="form-group"><label class="label" for="collation-threshold">"Suppress below this many partnerships"</label>
                    <input class="input input--short" type="number" id="collation-threshold" min=MIN_ANONYMITY_THRESHOLD.to_string()
                        prop:value=state.collection.current().with_untracked(|c| c.threshold.to_string()) on:change=set_threshold/></div>
            </div>
        </fieldset>
    }
}

/// The heat map: each partnership's latest score for each principle, shaded by band.
#[component]
fn PartnershipsByPrinciple(
    questionnaire: StoredValue<Questionnaire>,
    collation: Memo<Collation>,
) -> impl IntoView {
    let (scale_min, scale_max) =
        questionnaire.with_value(|q| (q.scale.min_value(), q.scale.max_value()));
    let principle_headers = questionnaire.with_value(|q| {
        q.principles
            .iter()
            .enumerate()
            .map(|(i, p)| view! { <th scope="col" class="numeric"><abbr title=p.title.clone()>{format!("P{}", i + 1)}</abbr></th> })
            .collect_view()
    });
    let heat_rows = move || {
        collation.with(|c| {
            c.heatmap
                .iter()
                .map(|row| {
                    let cells = row
                        .principle_means
                        .iter()
                        .map(|m| view! { <td class=questionnaire.with_value(|q| band(*m, &q.scale))>{m.map(|m| format!("{m:.1}")).unwrap_or_else(|| "\u{2013}".into())}</td> })
                        .collect_view();
                    view! { <tr><th scope="row"><bdi>{row.partnership()}</bdi></th><td>{row.source.label()}</td><td>{row.date.clone()}</td>{cells}</tr> }
                })
                .collect_view()
        })
    };

    view! {
        <h3 class="heading-s">"Partnerships by principle"</h3>
        <p class="hint">{format!("Each partnership's latest score for each principle (mean of its ratings, {scale_min} to {scale_max}). Shading follows the number.")}</p>
        <TableScroll label="Partnerships by principle">
            <table class="table heatmap">
                <caption class="visually-hidden">"Partnerships by principle"</caption>
                <thead><tr><th scope="col">"Partnership"</th><th scope="col">"Source"</th><th scope="col">"Date"</th>{principle_headers}</tr></thead>
                <tbody>{heat_rows}</tbody>
            </table>
        </TableScroll>
    }
}

/// The national profile: the median of partnerships for each principle, as a chart and a table.
#[component]
fn NationalProfile(
    questionnaire: StoredValue<Questionnaire>,
    collation: Memo<Collation>,
) -> impl IntoView {
    let profile_chart = Signal::derive(move || {
        questionnaire.with_value(|q| {
            collation.with(|c| {
                let values = c
                    .profile
                    .iter()
                    .map(|p| match p {
                        Shown::Value(v) => Some(*v),
                        Shown::Suppressed(_) => None,
                    })
                    .collect();
                principle_chart(
                    q,
                    &[RadarSeries {
                        name: "Median of partnerships".into(),
                        values,
                    }],
                )
            })
        })
    });
    let profile_rows = move || {
        questionnaire.with_value(|q| {
            collation.with(|c| {
                q.principles
                    .iter()
                    .zip(&c.profile)
                    .map(|(p, shown)| {
                        let text = match shown {
                            Shown::Value(v) => q.score_label(Some(*v)),
                            Shown::Suppressed(why) => why.describe(),
                        };
                        view! { <tr><th scope="row">{p.title.clone()}</th><td>{text}</td></tr> }
                    })
                    .collect_view()
            })
        })
    };

    view! {
        <h3 class="heading-s">"National profile"</h3>
        // With every median suppressed there is nothing to draw: the table says why.
        <Show when=move || collation.with(|c| c.profile.iter().any(|p| matches!(p, Shown::Value(_))))>
            <figure class="figure">
                <ChartView id="national-profile-chart" chart=profile_chart label="Chart of the median score of partnerships for each principle. The same figures are in the table below."/>
            </figure>
        </Show>
        <TableScroll label="Median of partnerships by principle">
            <table class="table table--compact">
                <caption class="table__caption table__caption--s">"Median of partnerships by principle"</caption>
                <tbody>{profile_rows}</tbody>
            </table>
        </TableScroll>
    }
}

/// Each expectation's spread, median, range and "Don't know" count across partnerships.
#[component]
fn ExpectationsAcrossPartnerships(
    questionnaire: StoredValue<Questionnaire>,
    collation: Memo<Collation>,
) -> impl IntoView {
    let scale_max = questionnaire.with_value(|q| q.scale.max_value());
    let expectation_rows = move || {
        questionnaire.with_value(|q| {
            collation.with(|c| {
                c.distributions
                    .iter()
                    .map(|(id, shown)| {
                        let cells = match shown {
                            Shown::Value(d) => view! {
                                <td><RangePlot low=d.min() high=d.max() median=d.median() max=scale_max/></td>
                                <td class="numeric">{d.rated()}</td>
                                <td class="numeric">{d.median().map(|m| format!("{m:.1}")).unwrap_or_default()}</td>
                                <td>{match (d.min(), d.max()) { (Some(a), Some(b)) => format!("{a} to {b}"), _ => String::new() }}</td>
                                <td class="numeric">{d.dont_know}</td>
                            }
                            .into_any(),
                            Shown::Suppressed(why) => view! { <td colspan="5">{why.describe()}</td> }.into_any(),
                        };
                        let statement = q.expectation(id).map(|e| e.statement.clone()).unwrap_or_default();
                        view! { <tr><th scope="row"><strong>{q.number_of(id)}</strong>" "{statement}</th>{cells}</tr> }
                    })
                    .collect_view()
            })
        })
    };

    view! {
        <h3 class="heading-s">"Each expectation across partnerships"</h3>
        <TableScroll label="Each expectation across partnerships">
            <table class="table">
                <caption class="visually-hidden">"Each expectation across partnerships"</caption>
                <thead><tr><th scope="col">"Expectation"</th><th scope="col">"Spread"</th><th scope="col" class="numeric">"Partnerships rating"</th><th scope="col" class="numeric">"Median"</th><th scope="col">"Range"</th><th scope="col" class="numeric">"Don't know"</th></tr></thead>
                <tbody>{expectation_rows}</tbody>
            </table>
        </TableScroll>
    }
}

/// The first ten expectations of a ranked list (hot spots or themes), with how many
/// partnerships each came up for.
#[component]
fn RankedExpectations(
    questionnaire: StoredValue<Questionnaire>,
    collation: Memo<Collation>,
    pick: PickRanking,
    /// What the count beside each expectation counts.
    what: &'static str,
) -> impl IntoView {
    move || {
        questionnaire.with_value(|q| {
            collation.with(|c| match pick(c) {
                Shown::Suppressed(why) => view! { <p class="body">{why.describe()}</p> }.into_any(),
                Shown::Value(list) if list.is_empty() => view! { <p class="body">"None."</p> }.into_any(),
                Shown::Value(list) => view! {
                    <ol class="list list--number">
                        {list.iter().take(10).map(|(id, n)| {
                            let statement = q.expectation(id).map(|e| e.statement.clone()).unwrap_or_default();
                            view! { <li><strong>{format!("{}: {n} {what}", q.number_of(id))}</strong>" "{statement}</li> }
                        }).collect_view()}
                    </ol>
                }
                .into_any(),
            })
        })
    }
}

/// The picture's downloads: a workbook of every table, and partnerships by principle as CSV.
#[component]
fn CollationExport(
    questionnaire: StoredValue<Questionnaire>,
    collation: Memo<Collation>,
) -> impl IntoView {
    let state = expect_app_state();
    // Only the workbook's own problems (its writer not arriving) are shown here.
    let export_problem = RwSignal::new(None::<String>);
    let export_csv = move |_| {
        let tables = questionnaire.with_value(|q| collation.with(|c| collation_tables(q, c)));
        state.notices.offer_file(
            "adviser-collation.partnerships.csv",
            "text/csv;charset=utf-8",
            Ok(to_csv(&tables[0]).into_bytes()),
        );
    };

    view! {
        <h2 class="heading-m">"Export"</h2>
        <Show when=move || export_problem.with(Option::is_some)>
            <div class="warning-callout" role="alert"><p>{move || export_problem.get().unwrap_or_default()}</p></div>
        </Show>
        <div class="button-group">
            <WorkbookButton file_name="adviser-collation.xlsx".to_owned()
                tables=Signal::derive(move || questionnaire.with_value(|q| collation.with(|c| collation_tables(q, c))))
                problem=export_problem/>
            <button type="button" class="button button--secondary" on:click=export_csv>"Partnerships by principle (CSV)"</button>
        </div>
    }
}

/// The collection itself: downloading it as one file, opening such a file, and clearing it.
#[component]
fn CollectionControls(reports: RwSignal<Vec<FileReport>>) -> impl IntoView {
    let state = expect_app_state();
    let confirm_clear = RwSignal::new(false);
    let save_collection = move |_| {
        let collection = state.collection.current().get_untracked();
        state.notices.offer_file(
            &format!("{}.json", Collection::FILE_SUFFIX),
            "application/json",
            record::encode(&collection)
                .map(String::into_bytes)
                .map_err(|e| e.to_string()),
        );
    };
    let open_collection = Callback::new(move |incoming: Vec<IncomingFile>| {
        let questionnaires = state.catalogue.all().get_untracked();
        let mut outcome = Vec::new();
        state.collection.add_files(|c| {
            outcome = open_collection_files(c, &questionnaires, &incoming);
        });
        reports.set(saved_or_not(state, outcome));
    });

    view! {
        <h2 class="heading-m">"The collection"</h2>
        <p class="body">"The collection is saved in this browser. Download it as one file to keep a copy or move it to another computer."</p>
        <div class="button-group">
            <button type="button" class="button button--secondary" on:click=save_collection>"Download the collection"</button>
        </div>
        <FileDrop id="collection-file" label="Open a collection file" hint="Its files are added to this collection; repeated ones are skipped" on_files=open_collection/>
        <Show when=move || !confirm_clear.get() fallback=move || view! {
            <div class="warning-callout" role="alert">
                <h3 class="warning-callout__title">"Remove every file from the collection?"</h3>
                <div class="button-group">
                    <button type="button" class="button button--warning" on:click=move |_| { state.collection.update(|c| c.submissions.clear()); confirm_clear.set(false); reports.set(Vec::new()); }>"Yes, clear the collection"</button>
                    <button type="button" class="button button--secondary" on:click=move |_| confirm_clear.set(false)>"Cancel"</button>
                </div>
            </div>
        }>
            <button type="button" class="button button--warning" on:click=move |_| confirm_clear.set(true)>"Clear the collection"</button>
        </Show>
    }
}

/// A small dot plot of one expectation across partnerships: a line from the lowest to the
/// highest rating and a dot at the median. Decorative: the same figures are in the row.
#[component]
fn RangePlot(low: Option<u8>, high: Option<u8>, median: Option<f64>, max: u8) -> impl IntoView {
    let (Some(low), Some(high), Some(median)) = (low, high, median) else {
        return ().into_any();
    };
    let position =
        |value: f64| format!("{:.1}%", (value - 1.0) / f64::from(max.max(2) - 1) * 100.0);
    let width = format!(
        "{:.1}%",
        f64::from(high - low) / f64::from(max.max(2) - 1) * 100.0
    );
    view! {
        <span class="range-plot" aria-hidden="true">
            <span class="range-plot__range" style:left=position(f64::from(low)) style:width=width></span>
            <span class="range-plot__median" style:left=position(median)></span>
        </span>
    }
    .into_any()
}
