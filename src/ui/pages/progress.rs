//! Progress since an earlier assessment or session of the same partnership, stored on this
//! device or opened from a file: the change in each principle (chart and table), what
//! improved and declined, and how far the earlier plan's actions got.

use leptos::prelude::*;

use crate::ui::browser;
use crate::ui::charts::{principle_chart, principle_means, ChartView, RadarSeries};
use crate::ui::components::{use_page_title, BackLink, PageHeading, TableScroll};
use crate::ui::route::Route;
use crate::ui::state::expect_app_state;
use cpp_domain::assessment::{long_date, Assessment};
use cpp_domain::plan::{ActionStatus, Plan};
use cpp_domain::progress::{compare, ExpectationChange, PrincipleChange, Progress};
use cpp_domain::questionnaire::Questionnaire;
use cpp_domain::scoring::Scores;
use cpp_domain::session::Session;
use cpp_domain::sorting::sort_by;
use cpp_format::import::{read_earlier, EarlierRecord};

/// The earlier record, reduced to what the comparison needs.
#[derive(Debug, Clone, PartialEq)]
pub struct Earlier {
    pub key: String,
    pub label: String,
    pub scores: Scores,
    pub plan: Plan,
}

fn from_assessment(q: &Questionnaire, a: &Assessment) -> Earlier {
    Earlier {
        key: format!("assessment-{}", a.id),
        label: format!("Self-assessment of {}", long_date(&a.details.date)),
        scores: a.scores(q),
        plan: a.plan.clone(),
    }
}

fn from_session(q: &Questionnaire, s: &Session) -> Earlier {
    Earlier {
        key: format!("session-{}", s.id),
        label: format!("Board session of {}", long_date(&s.details.date)),
        scores: s.agreed_scores(q),
        plan: s.plan.clone(),
    }
}

/// An earlier assessment or session file made with the same questionnaire.
fn earlier_from_file(q: &Questionnaire, bytes: &[u8]) -> Result<Earlier, String> {
    let earlier = match read_earlier(bytes, q)? {
        EarlierRecord::Assessment(a) => from_assessment(q, &a),
        EarlierRecord::Session(s) => from_session(q, &s),
    };
    Ok(Earlier {
        label: format!("{} (from a file)", earlier.label),
        ..earlier
    })
}

fn signed(change: Option<f64>) -> String {
    match change {
        Some(c) if c > 0.0 => format!("+{c:.1}"),
        Some(c) => format!("{c:.1}"),
        None => "Not comparable".into(),
    }
}

#[component]
pub fn ProgressPage(
    questionnaire: StoredValue<Questionnaire>,
    /// The current record's id, left out of the choices.
    current_id: String,
    partnership: String,
    scores: Memo<Scores>,
    back: Route,
) -> impl IntoView {
    use_page_title(|| "Progress since an earlier assessment".into());
    let chosen = RwSignal::new(None::<Earlier>);
    let problem = RwSignal::new(None::<String>);

    view! {
        <BackLink route=back label="Back to the results"/>
        <span class="caption-l"><bdi>{partnership.clone()}</bdi></span>
        <PageHeading>"Progress since an earlier assessment"</PageHeading>
        <EarlierChoices questionnaire current_id partnership chosen problem/>
        <EarlierFile questionnaire chosen problem/>
        <ProgressComparison questionnaire scores chosen/>
    }
}

/// The earlier assessments and sessions of the same partnership saved in this browser,
/// newest first, to choose one to compare with.
#[component]
fn EarlierChoices(
    questionnaire: StoredValue<Questionnaire>,
    /// The current record's id, left out of the choices.
    current_id: String,
    partnership: String,
    chosen: RwSignal<Option<Earlier>>,
    problem: RwSignal<Option<String>>,
) -> impl IntoView {
    let state = expect_app_state();
    let same_partnership = {
        let name = partnership.trim().to_lowercase();
        move |other: &str| other.trim().to_lowercase() == name
    };
    let candidates: Vec<Earlier> = questionnaire.with_value(|q| {
        let assessments = state.assessments.all().with_untracked(|list| {
            list.iter()
                .filter(|a| {
                    a.id != current_id
                        && a.questionnaire_id == q.id
                        && same_partnership(&a.details.partnership)
                })
                .map(|a| (a.details.date.clone(), from_assessment(q, a)))
                .collect::<Vec<_>>()
        });
        let sessions = state.sessions.all().with_untracked(|list| {
            list.iter()
                .filter(|s| {
                    s.id != current_id
                        && s.questionnaire_id == q.id
                        && same_partnership(&s.details.partnership)
                })
                .map(|s| (s.details.date.clone(), from_session(q, s)))
                .collect::<Vec<_>>()
        });
        let mut all: Vec<(String, Earlier)> = assessments.into_iter().chain(sessions).collect();
        sort_by(&mut all, |a, b| b.0.cmp(&a.0));
        all.into_iter().map(|(_, e)| e).collect()
    });
    let no_candidates = candidates.is_empty();
    let choices = candidates
        .into_iter()
        .map(|earlier| {
            let input_id = format!("earlier-{}", earlier.key);
            let key = earlier.key.clone();
            let label = earlier.label.clone();
            view! {
                <div class="radios__item">
                    <input class="radios__input" type="radio" name="earlier" id=input_id.clone()
                        prop:checked=move || chosen.with(|c| c.as_ref().is_some_and(|c| c.key == key))
                        on:change=move |_| { problem.set(None); chosen.set(Some(earlier.clone())); }/>
                    <label class="label radios__label" for=input_id>{label}</label>
                </div>
            }
        })
        .collect_view();

    view! {
        <fieldset class="fieldset">
            <legend class="fieldset__legend fieldset__legend--s">"Compare with"</legend>
            <Show when=move || no_candidates>
                <p class="body">"No earlier assessment or session of this partnership is saved in this browser. Open a file instead."</p>
            </Show>
            <div class="radios">{choices}</div>
        </fieldset>
    }
}

/// Opening an earlier assessment or session file to compare with, and why one could not be
/// used.
#[component]
fn EarlierFile(
    questionnaire: StoredValue<Questionnaire>,
    chosen: RwSignal<Option<Earlier>>,
    problem: RwSignal<Option<String>>,
) -> impl IntoView {
    let on_file = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let Some(files) = input.files().map(browser::take_files) else {
            return;
        };
        leptos::task::spawn_local(async move {
            let Some(file) = browser::read_files(files).await.into_iter().next() else {
                return;
            };
            let q = questionnaire.get_value();
            match file
                .contents
                .and_then(|bytes| earlier_from_file(&q, &bytes))
            {
                Ok(earlier) => {
                    problem.set(None);
                    chosen.set(Some(earlier));
                }
                Err(reason) => problem.set(Some(format!("{}: {reason}", file.name))),
            }
        });
    };

    view! {
        <div class="form-group">
            <label class="label" for="earlier-file">"Or open an earlier assessment or session file"</label>
            <p class="hint" id="earlier-file-hint">"A .self-assessment.json or .board-session.json file from this tool"</p>
            <Show when=move || problem.with(Option::is_some)>
                <p class="field-error" role="alert">{move || problem.get().unwrap_or_default()}</p>
            </Show>
            <input class="file-input" type="file" id="earlier-file" accept=".json,application/json" aria-describedby="earlier-file-hint" on:change=on_file/>
        </div>
    }
}

/// The comparison with the chosen earlier record, once there is one: the change in each
/// principle (chart and table), what improved and declined, and the earlier plan.
#[component]
fn ProgressComparison(
    questionnaire: StoredValue<Questionnaire>,
    scores: Memo<Scores>,
    #[prop(into)] chosen: Signal<Option<Earlier>>,
) -> impl IntoView {
    // All of it is redrawn when the choice or the current scores change, so the parts
    // below are given the figures of one comparison rather than signals.
    move || {
        let earlier = chosen.get()?;
        let Progress {
            principles,
            improved,
            declined,
            earlier_actions,
        } = questionnaire
            .with_value(|q| scores.with(|now| compare(q, &earlier.scores, now, &earlier.plan)));
        let chart = {
            let earlier = earlier.clone();
            Signal::derive(move || {
                questionnaire.with_value(|q| {
                    scores.with(|now| {
                        principle_chart(
                            q,
                            &[
                                RadarSeries {
                                    name: earlier.label.clone(),
                                    values: principle_means(&earlier.scores),
                                },
                                RadarSeries {
                                    name: "Now".into(),
                                    values: principle_means(now),
                                },
                            ],
                        )
                    })
                })
            })
        };
        Some(view! {
            <h2 class="heading-m">{format!("Compared with the {}", earlier.label.to_lowercase())}</h2>
            <figure class="figure">
                <ChartView id="progress-chart" chart label="Chart of each principle's score then and now; the same scores are in the table below."/>
            </figure>
            <PrincipleChanges questionnaire changes=principles/>
            <h2 class="heading-m">"Improved"</h2>
            <ExpectationChanges questionnaire changes=improved none="No expectation is rated higher than before."/>
            <h2 class="heading-m">"Declined"</h2>
            <ExpectationChanges questionnaire changes=declined none="No expectation is rated lower than before."/>
            <EarlierPlan plan=earlier.plan statuses=earlier_actions/>
        })
    }
}

/// The table of each principle's score then and now, and the change.
#[component]
fn PrincipleChanges(
    questionnaire: StoredValue<Questionnaire>,
    changes: Vec<PrincipleChange>,
) -> impl IntoView {
    let rows = questionnaire.with_value(|q| {
        changes
            .iter()
            .filter_map(|c| q.principle(&c.principle_id).map(|p| (p.title.clone(), c)))
            .map(|(title, c)| {
                view! {
                    <tr>
                        <th scope="row">{title}</th>
                        <td class="numeric">{q.score_label(c.before)}</td>
                        <td class="numeric">{q.score_label(c.after)}</td>
                        <td class="numeric">{signed(c.change())}</td>
                    </tr>
                }
            })
            .collect_view()
    });

    view! {
        <TableScroll label="Change by principle">
            <table class="table">
                <caption class="table__caption table__caption--s">"Change by principle"</caption>
                <thead><tr><th scope="col">"Principle"</th><th scope="col" class="numeric">"Then"</th><th scope="col" class="numeric">"Now"</th><th scope="col" class="numeric">"Change"</th></tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </TableScroll>
    }
}

/// The expectations rated higher (or lower) than before, each with its rating then and now.
#[component]
fn ExpectationChanges(
    questionnaire: StoredValue<Questionnaire>,
    changes: Vec<ExpectationChange>,
    /// Said instead when no expectation changed this way.
    none: &'static str,
) -> impl IntoView {
    questionnaire.with_value(|q| {
        if changes.is_empty() {
            return view! { <p class="body">{none}</p> }.into_any();
        }
        let items = changes
            .iter()
            .map(|c| {
                let statement = q.expectation(&c.expectation_id).map(|e| e.statement.clone()).unwrap_or_default();
                view! {
                    <li>
                        <strong>{format!("{} from {} to {}", q.number_of(&c.expectation_id), q.rating_label(Some(cpp_domain::rating::Rating::Level(c.before))), q.rating_label(Some(cpp_domain::rating::Rating::Level(c.after))))}</strong>
                        " "{statement}
                    </li>
                }
            })
            .collect_view();
        view! { <ul class="list list--bullet">{items}</ul> }.into_any()
    })
}

/// How far the earlier plan got: how many of its actions are at each status, and the actions.
#[component]
fn EarlierPlan(plan: Plan, statuses: Vec<(ActionStatus, usize)>) -> impl IntoView {
    let total_actions: usize = statuses.iter().map(|(_, n)| n).sum();
    let status_counts = statuses
        .iter()
        .map(|(status, n)| view! { <div><dt>{status.label()}</dt><dd>{*n}</dd></div> })
        .collect_view();
    let action_rows = plan
        .actions
        .iter()
        .enumerate()
        .map(|(i, a)| view! {
            <tr><td class="numeric">{i + 1}</td><td>{a.text.clone()}</td><td>{a.owner.display().to_owned()}</td><td>{a.status.label()}</td></tr>
        })
        .collect_view();

    view! {
        <h2 class="heading-m">"The earlier plan"</h2>
        <p class="body">{format!("{total_actions} actions in the earlier plan.")}</p>
        <dl class="stats">{status_counts}</dl>
        {(total_actions > 0).then(|| view! {
            <TableScroll label="Earlier plan's actions">
                <table class="table">
                    <caption class="table__caption table__caption--s">"Earlier plan's actions"</caption>
                    <thead><tr><th scope="col" class="numeric">"No."</th><th scope="col">"Action"</th><th scope="col">"Lead"</th><th scope="col">"Status"</th></tr></thead>
                    <tbody>{action_rows}</tbody>
                </table>
            </TableScroll>
        })}
    }
}
