//! What a session produces: the agreed (consensus) results against the spread of members'
//! ratings, and the improvement plan drafted from the agreed ratings and the session's
//! findings.

use leptos::prelude::*;

use super::SessionCaption;
use crate::ui::charts::{principle_chart, principle_means, ChartView, RadarSeries};
use crate::ui::components::{
    use_page_title, BackLink, DataDownloads, NotificationBanner, PageHeading, SaveIndicator,
    TableScroll,
};
use crate::ui::pages::plan::{PlanBuilder, PlanEdit};
use crate::ui::route::{Route, SessionPage};
use crate::ui::state::expect_app_state;
use cpp_domain::group::Distribution;
use cpp_domain::questionnaire::Questionnaire;
use cpp_domain::scoring::Scores;
use cpp_domain::session::Session;
use cpp_format::export::session_tables;

fn consensus_scores(questionnaire: &Questionnaire, session: &Session) -> Scores {
    session.agreed_scores(questionnaire)
}

/// All members' ratings across a principle's expectations, counted together; `None` until
/// every one of its spreads has been revealed (and so has enough answers to show).
fn principle_spread(
    questionnaire: &Questionnaire,
    session: &Session,
    principle_id: &str,
) -> Option<Distribution> {
    let principle = questionnaire.principle(principle_id)?;
    let mut merged = Distribution::default();
    for e in &principle.expectations {
        let d = session.revealed_spread(&e.id)?;
        for (&value, &count) in &d.counts {
            merged.add_many(cpp_domain::rating::Rating::Level(value), count);
        }
        merged.add_many(cpp_domain::rating::Rating::DontKnow, d.dont_know);
    }
    Some(merged)
}

/// The agreed score for each principle against the median of members' ratings, as a chart
/// and as a table with the same figures.
#[component]
fn PrincipleProfile(
    session: Memo<Session>,
    questionnaire: StoredValue<Questionnaire>,
    scores: Memo<Scores>,
) -> impl IntoView {
    let chart = Signal::derive(move || {
        questionnaire.with_value(|q| {
            session.with(|s| {
                let medians = q
                    .principles
                    .iter()
                    .map(|p| principle_spread(q, s, &p.id).and_then(|d| d.median()))
                    .collect();
                scores.with(|sc| {
                    principle_chart(
                        q,
                        &[
                            RadarSeries {
                                name: "Agreed rating".into(),
                                values: principle_means(sc),
                            },
                            RadarSeries {
                                name: "Median of members' ratings".into(),
                                values: medians,
                            },
                        ],
                    )
                })
            })
        })
    });
    let principle_rows = move || {
        questionnaire.with_value(|q| {
            session.with(|s| {
                scores.with(|sc| {
                    q.principles
                        .iter()
                        .zip(&sc.principles)
                        .map(|(p, ps)| {
                            let spread = match principle_spread(q, s, &p.id) {
                                Some(d) if d.rated() > 0 => format!(
                                    "median {:.1}, from {} to {}",
                                    d.median().unwrap_or_default(),
                                    d.min().unwrap_or_default(),
                                    d.max().unwrap_or_default()
                                ),
                                Some(_) => "no ratings".to_owned(),
                                None => "shown when every spread in it is revealed".to_owned(),
                            };
                            view! {
                                <tr>
                                    <th scope="row">{p.title.clone()}</th>
                                    <td class="numeric">{q.score_label(ps.mean())}</td>
                                    <td>{spread}</td>
                                </tr>
                            }
                        })
                        .collect_view()
                })
            })
        })
    };
    view! {
        <h2 class="heading-m">"Profile by principle"</h2>
        <figure class="figure">
            <ChartView id="session-profile-chart" chart=chart label="Chart of the agreed score and the median of members' ratings for each principle; the same figures are in the table below."/>
        </figure>
        <TableScroll label="Agreed scores by principle">
            <table class="table">
                <caption class="table__caption table__caption--s">"Agreed score and members' ratings by principle"</caption>
                <thead><tr><th scope="col">"Principle"</th><th scope="col" class="numeric">"Agreed score"</th><th scope="col">"Members' ratings"</th></tr></thead>
                <tbody>{principle_rows}</tbody>
            </table>
        </TableScroll>
    }
}

/// Each expectation's agreed rating beside a summary of members' ratings and the board's
/// reasons.
#[component]
fn ExpectationResults(
    session: Memo<Session>,
    questionnaire: StoredValue<Questionnaire>,
) -> impl IntoView {
    let expectation_rows = move || {
        questionnaire.with_value(|q| {
            session.with(|s| {
                q.expectations()
                    .map(|e| {
                        let agreed = q.rating_label(s.consensus_rating(&e.id));
                        let members = if let Some(d) = s.revealed_spread(&e.id) {
                            let mut text = format!(
                                "n {}, median {}",
                                d.rated(),
                                d.median()
                                    .map(|m| format!("{m:.1}"))
                                    .unwrap_or_else(|| "none".into())
                            );
                            if d.dont_know > 0 {
                                text.push_str(&format!(", {} don't know", d.dont_know));
                            }
                            if d.disagreement() {
                                text.push_str("; members disagree");
                            }
                            text
                        } else if s.is_revealed(&e.id) {
                            "hidden: too few answers".into()
                        } else {
                            "not revealed".into()
                        };
                        let rationale = s
                            .consensus
                            .get(&e.id)
                            .map(|c| c.rationale.clone())
                            .unwrap_or_default();
                        view! {
                            <tr>
                                <td>{q.number_of(&e.id)}</td>
                                <td>{e.statement.clone()}</td>
                                <td>{agreed}</td>
                                <td>{members}</td>
                                <td class="pre-wrap">{rationale}</td>
                            </tr>
                        }
                    })
                    .collect_view()
            })
        })
    };
    view! {
        <h2 class="heading-m">"Each expectation"</h2>
        <TableScroll label="Agreed rating for each expectation">
            <table class="table">
                <caption class="table__caption table__caption--s">"Agreed rating, members' ratings and reasons"</caption>
                <thead><tr><th scope="col">"No."</th><th scope="col">"Expectation"</th><th scope="col">"Agreed"</th><th scope="col">"Members"</th><th scope="col">"Reasons"</th></tr></thead>
                <tbody>{expectation_rows}</tbody>
            </table>
        </TableScroll>
    }
}

/// Which spreads this page shows: only those revealed in the discussion, so it can be
/// projected safely; and revealing the rest at once, asked twice.
#[component]
fn RevealEverySpread(
    session: Memo<Session>,
    questionnaire: StoredValue<Questionnaire>,
) -> impl IntoView {
    let state = expect_app_state();
    let total = questionnaire.with_value(Questionnaire::expectation_count);
    let revealed = move || questionnaire.with_value(|q| session.with(|s| s.revealed_count(q)));
    let confirming = RwSignal::new(false);
    let problem = RwSignal::new(None::<String>);
    let reveal_all = move |_| {
        let id = session.with_untracked(|s| s.id.clone());
        let mut refused = None;
        state.sessions.update(&id, |s| {
            refused = questionnaire.with_value(|q| s.reveal_all(q)).err();
        });
        problem.set(refused.map(|r| format!("{r}.")));
        confirming.set(false);
    };
    view! {
        <p class="body" role="status">{move || format!("Members' ratings are shown here only for expectations whose spread was revealed in the discussion: {} of {total}.", revealed())}</p>
        <Show when=move || problem.with(Option::is_some)>
            <div class="warning-callout" role="alert"><p>{move || problem.get().unwrap_or_default()}</p></div>
        </Show>
        <Show when=move || { revealed() < total }>
            <Show when=move || confirming.get()
                fallback=move || view! { <button type="button" class="button button--secondary" on:click=move |_| confirming.set(true)>"Reveal every spread"</button> }>
                <div class="warning-callout" role="alert">
                    <h2 class="warning-callout__title">"Reveal every spread? Anyone who can see this screen will see them. If the ballot box is open, it closes."</h2>
                    <div class="button-group">
                        <button type="button" class="button button--warning" on:click=reveal_all>"Yes, reveal every spread"</button>
                        <button type="button" class="button button--secondary" on:click=move |_| confirming.set(false)>"Cancel"</button>
                    </div>
                </div>
            </Show>
        </Show>
    }
}

#[component]
pub fn SessionResultsPage(
    session: Memo<Session>,
    questionnaire: StoredValue<Questionnaire>,
) -> impl IntoView {
    use_page_title(|| "Agreed results".into());
    let id = session.with_untracked(|s| s.id.clone());
    let total = questionnaire.with_value(Questionnaire::expectation_count);
    let scores =
        Memo::new(move |_| questionnaire.with_value(|q| session.with(|s| consensus_scores(q, s))));
    let tables = Signal::derive(move || {
        questionnaire.with_value(|q| session.with(|s| session_tables(q, s)))
    });
    let summary = move || {
        questionnaire.with_value(|q| {
            session.with(|s| {
                let agreed = s.agreed_count(q);
                let members = s.ballot_count();
                let overall = scores.with(|sc| q.score_label(sc.overall.mean()));
                format!("Agreed ratings for {agreed} of {total} expectations; overall {overall}. {members} members rated privately.")
            })
        })
    };
    view! {
        <BackLink route=Route::session(id.clone(), SessionPage::Home) label="Back to the session"/>
        <SessionCaption session/>
        <PageHeading>"Agreed results"</PageHeading>
        <p class="lead" id="session-summary">{summary}</p>
        <RevealEverySpread session questionnaire/>
        <PrincipleProfile session questionnaire scores/>
        <ExpectationResults session questionnaire/>
        <h2 class="heading-m">"Board report"</h2>
        <p class="body"><a href=Route::session(id.clone(), SessionPage::Report).href()>"Open the board report"</a></p>
        <h2 class="heading-m">"For your improvement adviser"</h2>
        <p class="body"><a href=Route::session(id.clone(), SessionPage::AdviserExport).href()>"Save a file for your improvement adviser"</a></p>
        <h2 class="heading-m">"Progress over time"</h2>
        <p class="body"><a href=Route::session(id.clone(), SessionPage::Progress).href()>"Compare with an earlier assessment"</a></p>
        <DataDownloads record=session tables/>
        <a class="button" href=Route::session(id, SessionPage::Plan).href()>"Draft the improvement plan"</a>
    }
}

/// The actions the board agreed in the discussion and not yet in the plan, to add in the
/// board's own words, each linked to its expectation.
#[component]
fn ActionsArising(
    session: Memo<Session>,
    questionnaire: StoredValue<Questionnaire>,
    edit: Callback<PlanEdit>,
) -> impl IntoView {
    let to_add = Memo::new(move |_| {
        questionnaire.with_value(|q| session.with(|s| s.actions_arising_to_add(q)))
    });
    let added = RwSignal::new(None::<usize>);
    let add = move |_| {
        let arising = to_add.get_untracked();
        added.set(Some(arising.len()));
        edit.run(Box::new(move |plan| {
            plan.add_actions_arising(&arising);
        }));
    };
    let pending = move || {
        let items = to_add.get();
        (!items.is_empty()).then(|| {
            let rows = items
                .into_iter()
                .map(|(e, text)| {
                    let number = questionnaire.with_value(|q| q.number_of(&e));
                    view! { <li><strong>{number}</strong>" "{text}</li> }
                })
                .collect_view();
            view! {
                <h2 class="heading-m">"Actions the board agreed in the discussion"</h2>
                <ul class="list list--bullet">{rows}</ul>
                <button type="button" class="button" on:click=add>"Add them to the plan"</button>
            }
        })
    };
    view! {
        <p class="body" role="status">
            {move || added.get().map(|n| format!("The board's {n} actions arising are in the plan, each linked to its expectation."))}
        </p>
        {pending}
    }
}

#[component]
pub fn SessionPlanPage(
    session: Memo<Session>,
    questionnaire: StoredValue<Questionnaire>,
) -> impl IntoView {
    let state = expect_app_state();
    use_page_title(|| "Improvement plan".into());
    let id = session.with_untracked(|s| s.id.clone());
    let scores =
        Memo::new(move |_| questionnaire.with_value(|q| session.with(|s| consensus_scores(q, s))));
    let findings =
        Signal::derive(move || questionnaire.with_value(|q| session.with(|s| s.findings(q))));
    let plan = Memo::new(move |_| session.with(|s| s.plan.clone()));
    let edit = {
        let id = id.clone();
        Callback::new(move |change: PlanEdit| state.sessions.update(&id, |s| change(&mut s.plan)))
    };
    view! {
        <BackLink route=Route::session(id, SessionPage::Results) label="Back to the agreed results"/>
        <NotificationBanner/>
        <SessionCaption session/>
        <PageHeading>"Improvement plan"</PageHeading>
        <SaveIndicator/>
        <p class="body">"The draft starts from the board's agreed ratings, and from what the discussion showed but did not settle: where a revealed spread had members disagreeing, or many who did not know, and the board agreed no rating."</p>
        <ActionsArising session questionnaire edit/>
        <PlanBuilder questionnaire scores plan edit findings/>
    }
}
