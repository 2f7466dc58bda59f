//! The national picture for one questionnaire: which file represents each partnership,
//! the view (year and version) and threshold, then every table across partnerships and
//! their exports.

use std::collections::BTreeSet;

use leptos::prelude::*;

use super::count_of;
use super::export::CollationExport;
use super::heatmap::PartnershipsByPrinciple;
use crate::ui::charts::{principle_chart, ChartView, RadarSeries};
use crate::ui::components::{capitalised, TableScroll};
use crate::ui::state::expect_app_state;
use cpp_domain::collation::{collate, Collation, Filter, Rule, Shown};
use cpp_domain::questionnaire::Questionnaire;
use cpp_domain::session::MIN_ANONYMITY_THRESHOLD;

/// Chooses a ranked list (hot spots or themes) from a collation.
type PickRanking = fn(&Collation) -> &Shown<Vec<(String, usize)>>;

/// The national picture for one questionnaire and its exports.
#[component]
pub(super) fn AdviserPicture(questionnaire: Questionnaire) -> impl IntoView {
    let state = expect_app_state();
    let questionnaire = StoredValue::new(questionnaire);
    let year = RwSignal::new(None::<u16>);
    let version = RwSignal::new(None::<String>);
    // The views on offer for these files; a choice no longer on offer (its files removed)
    // falls back to all.
    let offered = Memo::new(move |_| {
        questionnaire.with_value(|q| {
            state
                .collection
                .current()
                .with(|c| Filter::offered(&q.id, &c.submissions))
        })
    });
    let filter = Memo::new(move |_| {
        let wanted = Filter {
            year: year.get(),
            questionnaire_version: version.get(),
        };
        if offered.with(|views| views.contains(&wanted)) {
            wanted
        } else {
            Filter::default()
        }
    });
    let collation = Memo::new(move |_| {
        questionnaire.with_value(|q| {
            state.collection.current().with(|c| {
                filter.with(|f| collate(q, &c.submissions, &c.representation, f, c.threshold))
            })
        })
    });

    view! {
        <h2 class="heading-m">"The national picture"</h2>
        <p class="body progress" role="status">{move || collation.with(|c| {
            let files = state.collection.current().with(|s| s.submissions.len());
            let mut text = format!("{} in view ({} collected).", count_of(c.partnerships, "partnership"), count_of(files, "file"));
            if c.left_out > 0 {
                let verb = if c.left_out == 1 { "is" } else { "are" };
                text.push_str(&format!(" {} {verb} outside this view or shown from another file.", count_of(c.left_out, "partnership")));
            }
            text
        })}</p>
        <p class="body">{move || {
            let threshold = state.collection.current().with(|c| c.threshold).max(MIN_ANONYMITY_THRESHOLD);
            format!("Figures across partnerships (the national profile, each expectation, hot spots and themes) are shown only when at least {threshold} partnerships contribute to them. They are also suppressed when the same figure for all files, or for another year or version, comes from files that differ in fewer than {threshold} partnerships, since comparing the two would show those partnerships' own. Each partnership's row in the table is its own file, so it is always shown. Figures published at two different times, before and after files are added, removed or chosen, can still be compared: publish them once a round of collection is complete.")
        }}</p>
        <RepresentationChoice questionnaire/>
        <CollationFilters offered year version/>
        <PartnershipsByPrinciple questionnaire collation/>
        <NationalProfile questionnaire collation/>
        <ExpectationsAcrossPartnerships questionnaire collation/>
        <h3 class="heading-s">"Disagreement hot spots"</h3>
        <p class="hint">"Expectations where board members' ratings were far apart, by how many partnerships' sessions showed it."</p>
        <RankedExpectations questionnaire collation pick=|c| &c.hot_spots what="partnerships"/>
        <h3 class="heading-s">"Improvement themes most often planned"</h3>
        <RankedExpectations questionnaire collation pick=|c| &c.themes what="partnerships"/>
        <CollationExport questionnaire collation filter/>
    }
}

/// The rule for which file represents a partnership that sent several, as a choice.
#[component]
fn RepresentationChoice(questionnaire: StoredValue<Questionnaire>) -> impl IntoView {
    let state = expect_app_state();
    let current = move || state.collection.current().with(|c| c.representation.rule);
    let by_hand = move || {
        let id = questionnaire.with_value(|q| q.id.clone());
        let n = state.collection.current().with(|c| {
            c.representation
                .chosen
                .iter()
                .filter(|k| k.questionnaire_id == id)
                .count()
        });
        (n > 0).then(|| {
            let files = count_of(n, "file");
            view! { <p class="body">{format!("{files} chosen by hand in \u{201c}Files in the collection\u{201d} go before the rule.")}</p> }
        })
    };
    let options = Rule::ALL
        .into_iter()
        .map(|rule| {
            let id = format!("rule-{}", rule.as_str());
            let hint_id = format!("{id}-hint");
            let hint = format!("{}.", capitalised(rule.describe()));
            view! {
                <div class="radios__item">
                    <input class="radios__input" type="radio" name="representation-rule" id=id.clone() value=rule.as_str()
                        aria-describedby=hint_id.clone() prop:checked=move || current() == rule
                        on:change=move |_| state.collection.update(|c| c.representation.rule = rule)/>
                    <label class="label radios__label" for=id>{rule.label()}</label>
                    <p class="hint radios__hint" id=hint_id>{hint}</p>
                </div>
            }
        })
        .collect_view();
    view! {
        <fieldset class="fieldset">
            <legend class="fieldset__legend fieldset__legend--s">"Which file represents each partnership"</legend>
            <p class="hint">"A partnership may send several files: a board session's agreed ratings, members' individual assessments, and files from earlier years. One file represents it in the picture."</p>
            <div class="radios">{options}</div>
            {by_hand}
        </fieldset>
    }
}

/// The view (a year, a questionnaire version) and the suppression threshold.
#[component]
fn CollationFilters(
    offered: Memo<Vec<Filter>>,
    year: RwSignal<Option<u16>>,
    version: RwSignal<Option<String>>,
) -> impl IntoView {
    let state = expect_app_state();
    let years = move || {
        offered.with(|views| views.iter().filter_map(|v| v.year).collect::<BTreeSet<u16>>())
            .into_iter()
            .map(|y| view! { <option value=y.to_string() selected=move || year.get() == Some(y)>{y.to_string()}</option> })
            .collect_view()
    };
    let versions = move || {
        let mut list: Vec<String> = Vec::new();
        offered.with(|views| {
            for v in views.iter().filter_map(|v| v.questionnaire_version.clone()) {
                if !list.contains(&v) {
                    list.push(v);
                }
            }
        });
        list.into_iter()
            .map(|v| {
                let chosen = v.clone();
                view! { <option value=v.clone() selected=move || version.get().as_ref() == Some(&chosen)>{format!("Version {v}")}</option> }
            })
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
            <legend class="fieldset__legend fieldset__legend--s">"View"</legend>
            <div class="inline-controls">
                <div class="form-group"><label class="label" for="filter-year">"Files dated"</label>
                    <select class="select" id="filter-year" on:change=move |ev| year.set(event_target_value(&ev).parse().ok())>
                        <option value="">"All dates"</option>{years}
                    </select></div>
                <div class="form-group"><label class="label" for="filter-version">"Questionnaire version"</label>
                    <select class="select" id="filter-version" on:change=move |ev| version.set(Some(event_target_value(&ev)).filter(|v| !v.is_empty()))>
                        <option value="">"All versions"</option>{versions}
                    </select></div>
                <div class="form-group"><label class="label" for="collation-threshold">"Suppress below this many partnerships"</label>
                    <input class="input input--short" type="number" id="collation-threshold" min=MIN_ANONYMITY_THRESHOLD.to_string()
                        prop:value=state.collection.current().with_untracked(|c| c.threshold.to_string()) on:change=set_threshold/></div>
            </div>
        </fieldset>
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
                <ChartView id="national-profile-chart" chart=profile_chart label="Chart of the median score of partnerships for each principle; the same figures are in the table below."/>
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
                                <td class="nowrap">{match (d.min(), d.max()) { (Some(a), Some(b)) => format!("{a} to {b}"), _ => String::new() }}</td>
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
