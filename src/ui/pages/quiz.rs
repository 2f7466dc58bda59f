//! "Test your understanding": the quiz's start page, one question per page with feedback
//! straight after the answer, the results with the topics to revisit, and a page per topic
//! saying what to read. Progress is saved after every answer.

use leptos::prelude::*;

use crate::ui::browser;
use crate::ui::components::{
    use_page_title, BackLink, ErrorSummary, FormError, FormErrors, LoadProblems, PageHeading,
    TableScroll, Tag,
};
use crate::ui::route::{QuizPage, Route};
use crate::ui::state::{expect_app_state, AppState};
use cpp_domain::assessment::long_date;
use cpp_domain::quiz::{Question, Quiz, QuizAttempt, QuizOption, Reference};

const FEEDBACK_ID: &str = "quiz-feedback";
const FIRST_OPTION_ID: &str = "quiz-option-0";

/// Starts a fresh attempt in a new shuffled order and goes to its first question.
fn start_attempt(state: AppState) {
    state.quiz.update_progress(|quiz, progress| {
        progress.start(quiz, browser::random_seed(), browser::now_iso());
    });
    let first = state.quiz.progress().with_untracked(|p| {
        p.as_ref()
            .and_then(|p| p.current.as_ref())
            .and_then(|a| a.next_unanswered().map(str::to_owned))
    });
    if let Some(question) = first {
        state.navigate(&Route::Quiz(QuizPage::Question { question }));
    }
}

/// Where "Continue" goes: the next question not yet answered, or the results.
fn continue_route(attempt: &QuizAttempt) -> Route {
    attempt
        .next_unanswered()
        .map(|question| {
            Route::Quiz(QuizPage::Question {
                question: question.to_owned(),
            })
        })
        .unwrap_or(Route::Quiz(QuizPage::Results))
}

fn current_attempt(state: AppState) -> Option<QuizAttempt> {
    state
        .quiz
        .progress()
        .with(|p| p.as_ref().and_then(|p| p.current.clone()))
}

/// A reference as text, linked to the source online where the quiz knows its address.
fn reference_view(quiz: &Quiz, reference: &Reference) -> AnyView {
    let text = quiz.cite(reference);
    match quiz.source(&reference.source).and_then(|s| s.url.clone()) {
        Some(url) => view! { <a href=url rel="noreferrer">{text}</a> }.into_any(),
        None => view! { <span>{text}</span> }.into_any(),
    }
}

/// Shown when the bundled quiz could not be read (a broken build, never expected).
fn quiz_unavailable() -> AnyView {
    view! {
        <PageHeading>"The quiz is not available"</PageHeading>
        <p class="body"><a href=Route::Start.href()>"Go to the start page"</a></p>
    }
    .into_any()
}

#[component]
pub fn QuizStartPage() -> impl IntoView {
    let state = expect_app_state();
    let Some(quiz) = state.quiz.quiz() else {
        return quiz_unavailable();
    };
    let title = quiz.title.clone();
    use_page_title(move || title.clone());
    let topics = quiz
        .topics
        .iter()
        .map(|t| view! { <li>{t.title.clone()}</li> })
        .collect_view();
    let question_count = quiz.questions.len();
    let quiz_value = StoredValue::new(quiz.clone());
    let under_way = move || {
        current_attempt(state).map(|attempt| {
            let done = attempt.answers.len();
            let total = attempt.order.len();
            let status = if attempt.is_finished() {
                let correct = quiz_value.with_value(|q| attempt.result(q).correct);
                format!("You finished your last attempt: {correct} of {total} right.")
            } else {
                format!("You have answered {done} of {total} questions in this attempt.")
            };
            let continue_label = if attempt.is_finished() {
                "See your results"
            } else {
                "Continue where you left off"
            };
            view! {
                <div class="inset">
                    <p class="body">{status}</p>
                    <div class="button-group">
                        <a class="button" href=continue_route(&attempt).href()>{continue_label}</a>
                        <button type="button" class="button button--secondary" on:click=move |_| start_attempt(state)>
                            "Start again in a new order"
                        </button>
                    </div>
                </div>
            }
            .into_any()
        })
        .unwrap_or_else(|| {
            view! {
                <button type="button" class="button button--start" on:click=move |_| start_attempt(state)>
                    "Start the quiz"
                </button>
            }
            .into_any()
        })
    };
    let history = move || {
        state.quiz.progress().with(|p| {
            let finished = p.as_ref().map(|p| p.finished.clone()).unwrap_or_default();
            (!finished.is_empty()).then(|| {
                let rows = finished
                    .iter()
                    .rev()
                    .map(|f| {
                        view! {
                            <tr>
                                <td>{long_date(f.finished_at.get(..10).unwrap_or(""))}</td>
                                <td class="numeric">{format!("{} of {}", f.correct, f.total)}</td>
                            </tr>
                        }
                    })
                    .collect_view();
                view! {
                    <table class="table">
                        <caption class="table__caption table__caption--s">"Your earlier attempts"</caption>
                        <thead><tr><th scope="col">"Finished"</th><th scope="col" class="numeric">"Right"</th></tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                }
            })
        })
    };
    view! {
        <BackLink route=Route::Start label="Back"/>
        <LoadProblems/>
        <PageHeading class="heading-xl">{quiz.title.clone()}</PageHeading>
        <p class="lead">{quiz.summary.clone()}</p>
        <p class="body">{format!("There are {question_count} questions. Most people take about 15 minutes. After each answer you see the right answer, why, and where to read more. Your answers are kept in this browser only, so you can stop and come back.")}</p>
        <h2 class="heading-s">"Topics"</h2>
        <ul class="list list--bullet">{topics}</ul>
        {under_way}
        {history}
    }
    .into_any()
}

#[component]
pub fn QuizQuestionPage(question_id: String) -> impl IntoView {
    let state = expect_app_state();
    let Some(quiz) = state.quiz.quiz() else {
        return quiz_unavailable();
    };
    let Some(attempt) = current_attempt(state) else {
        return not_in_attempt();
    };
    let (Some(question), Some(position)) = (
        quiz.question(&question_id).cloned(),
        attempt.position_of(&question_id),
    ) else {
        return not_in_attempt();
    };
    let total = attempt.order.len();
    let topic_title = quiz
        .topic(&question.topic)
        .map(|t| t.title.clone())
        .unwrap_or_default();
    let errors = FormErrors::new();
    let error = errors.first();
    errors.use_title(move || format!("Question {position} of {total}"));
    let chosen = RwSignal::new(Vec::<String>::new());
    let qid = question_id.clone();
    // The answer as saved, once checked; a checked answer is final.
    let answered = Memo::new(move |_| {
        state.quiz.progress().with(|p| {
            p.as_ref()
                .and_then(|p| p.current.as_ref())
                .and_then(|a| a.answers.get(&qid).cloned())
        })
    });
    let single = question.kind.is_single();
    let check = {
        let question_id = question_id.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let choice = chosen.get_untracked();
            if choice.is_empty() {
                errors.show(vec![FormError {
                    field_id: FIRST_OPTION_ID.into(),
                    message: if single {
                        "Select an answer".into()
                    } else {
                        "Select at least one answer".into()
                    },
                }]);
                return;
            }
            errors.clear();
            state.quiz.update_progress(|quiz, progress| {
                if let Some(attempt) = progress.current.as_mut() {
                    // A repeated submit of an answered question changes nothing.
                    let _ = attempt.answer(quiz, &question_id, choice);
                }
            });
            // Once the feedback is drawn, start screen reader users there.
            request_animation_frame(|| browser::focus_by_id(FEEDBACK_ID));
        }
    };

    let hint = (!single)
        .then(|| view! { <p class="hint" id="quiz-answer-hint">"Select all that apply."</p> });

    let feedback_question = question.clone();
    let feedback_quiz = quiz.clone();
    let feedback = move || {
        answered.get().map(|saved| {
            let attempt = current_attempt(state);
            let next = attempt
                .as_ref()
                .map(continue_route)
                .unwrap_or(Route::Quiz(QuizPage::Results));
            feedback_view(&feedback_quiz, &feedback_question, &saved, next)
        })
    };
    view! {
        <BackLink route=Route::Quiz(QuizPage::Start) label="Back to the quiz"/>
        <ErrorSummary errors=errors.list()/>
        <span class="caption-m">{format!("Question {position} of {total}: {topic_title}")}</span>
        <form novalidate on:submit=check>
            <div class=move || if error.with(Option::is_some) { "form-group form-group--error" } else { "form-group" }>
                <fieldset class="fieldset" aria-describedby=(!single).then_some("quiz-answer-hint")>
                    <legend class="fieldset__legend">
                        <PageHeading>{question.text.clone()}</PageHeading>
                    </legend>
                    {hint}
                    <crate::ui::components::FieldError id="quiz-answer-error" message=error/>
                    <AnswerOptions options=question.options.clone() single chosen answered error/>
                </fieldset>
            </div>
            <Show when=move || answered.with(Option::is_none)>
                <button type="submit" class="button">"Check answer"</button>
            </Show>
        </form>
        {feedback}
    }
    .into_any()
}

/// The question's options: radio buttons when one answer is right, checkboxes when more
/// may be. Once the answer is checked they show it and cannot be changed.
#[component]
fn AnswerOptions(
    options: Vec<QuizOption>,
    single: bool,
    chosen: RwSignal<Vec<String>>,
    answered: Memo<Option<Vec<String>>>,
    error: Signal<Option<String>>,
) -> impl IntoView {
    let (group_class, kind, item_class, input_class, label_class) = if single {
        (
            "radios",
            "radio",
            "radios__item",
            "radios__input",
            "label radios__label",
        )
    } else {
        (
            "checkboxes",
            "checkbox",
            "checkboxes__item",
            "checkboxes__input",
            "label checkboxes__label",
        )
    };
    let items = options
        .into_iter()
        .enumerate()
        .map(|(index, option)| {
            let input_id = format!("quiz-option-{index}");
            let option_id = option.id.clone();
            let for_checked = option.id.clone();
            let for_answered = option.id.clone();
            view! {
                <div class=item_class>
                    <input class=input_class type=kind name="quiz-answer" id=input_id.clone() value=option.id
                        aria-describedby=move || error.with(|e| e.is_some().then(|| "quiz-answer-error".to_owned()))
                        prop:disabled=move || answered.with(Option::is_some)
                        prop:checked=move || match answered.get() {
                            Some(saved) => saved.contains(&for_answered),
                            None => chosen.with(|c| c.contains(&for_checked)),
                        }
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            chosen.update(|c| {
                                if single {
                                    c.clear();
                                }
                                c.retain(|id| *id != option_id);
                                if on {
                                    c.push(option_id.clone());
                                }
                            });
                        }/>
                    <label class=label_class for=input_id>{option.text}</label>
                </div>
            }
        })
        .collect_view();
    view! { <div class=group_class>{items}</div> }
}

/// Options as one line, "A; B; C", each without its own closing full stop.
fn options_in_words<'a>(options: impl Iterator<Item = &'a QuizOption>) -> String {
    options
        .map(|o| o.text.trim_end_matches('.'))
        .collect::<Vec<_>>()
        .join("; ")
}

fn feedback_view(quiz: &Quiz, question: &Question, chosen: &[String], next: Route) -> AnyView {
    let right = question.is_answered_correctly(chosen);
    let answer_text = match question.correct_options().count() {
        1 => format!(
            "The answer is: {}",
            options_in_words(question.correct_options())
        ),
        _ => format!(
            "The answers are: {}",
            options_in_words(question.correct_options())
        ),
    };
    let next_label = if next == Route::Quiz(QuizPage::Results) {
        "See your results"
    } else {
        "Next question"
    };
    // With several right answers, each option is marked, so the member sees which they
    // missed or chose wrongly.
    let marked =
        (!question.kind.is_single()).then(|| {
            let items = question
            .verdicts(chosen)
            .map(|(option, verdict)| {
                let modifier = if verdict.is_right_call() { "completed" } else { "in-progress" };
                view! { <li><Tag text=verdict.describe() modifier/>" "{option.text.clone()}</li> }
            })
            .collect_view();
            view! { <ul class="list option-verdicts" aria-label="Each option">{items}</ul> }
        });
    view! {
        <div class=if right { "feedback feedback--right" } else { "feedback feedback--wrong" }>
            <h2 class="heading-m" id=FEEDBACK_ID tabindex="-1">{if right { "Correct" } else { "Not quite" }}</h2>
            <p class="body"><strong>{answer_text}</strong></p>
            {marked}
            <p class="body">{question.explanation.clone()}</p>
            <p class="hint">"Source: " {reference_view(quiz, &question.source)}</p>
        </div>
        <a class="button" href=next.href()>{next_label}</a>
    }
    .into_any()
}

fn not_in_attempt() -> AnyView {
    view! {
        <PageHeading>"This question is not in your current quiz"</PageHeading>
        <p class="body">"You may have started again, or the quiz was cleared from this browser."</p>
        <p class="body"><a href=Route::Quiz(QuizPage::Start).href()>"Go to the quiz"</a></p>
    }
    .into_any()
}

#[component]
pub fn QuizResultsPage() -> impl IntoView {
    let state = expect_app_state();
    use_page_title(|| "Your quiz results".into());
    let Some(quiz) = state.quiz.quiz() else {
        return quiz_unavailable();
    };
    let Some(attempt) = current_attempt(state) else {
        return view! {
            <PageHeading>"You have no quiz results yet"</PageHeading>
            <p class="body"><a href=Route::Quiz(QuizPage::Start).href()>"Start the quiz"</a></p>
        }
        .into_any();
    };
    let result = attempt.result(&quiz);
    let unfinished = (!attempt.is_finished()).then(|| {
        view! {
            <div class="warning-callout"><p>
                {format!("You have answered {} of {} questions. These are your results so far. ", result.answered, result.total)}
                <a href=continue_route(&attempt).href()>"Answer the rest"</a>
            </p></div>
        }
    });
    let topic_rows = result
        .topics
        .iter()
        .map(|t| {
            let title = quiz
                .topic(&t.topic_id)
                .map(|topic| topic.title.clone())
                .unwrap_or_default();
            let (label, modifier) = if t.needs_revisiting() {
                ("Revisit", "in-progress")
            } else {
                ("All right", "completed")
            };
            view! {
                <tr>
                    <th scope="row"><a href=Route::Quiz(QuizPage::Topic { topic: t.topic_id.clone() }).href()>{title}</a></th>
                    <td class="numeric">{format!("{} of {}", t.correct, t.answered)}</td>
                    <td><Tag text=label modifier/></td>
                </tr>
            }
        })
        .collect_view();
    let revisit: Vec<_> = result
        .topics_to_revisit()
        .filter_map(|t| quiz.topic(&t.topic_id))
        .map(|topic| {
            view! {
                <li><a href=Route::Quiz(QuizPage::Topic { topic: topic.id.clone() }).href()>{format!("Read about: {}", topic.title)}</a></li>
            }
        })
        .collect();
    let revisit_section = if revisit.is_empty() {
        view! { <p class="body">"You answered every question right. Well done."</p> }.into_any()
    } else {
        view! {
            <h2 class="heading-m">"Topics to revisit"</h2>
            <p class="body">"Each page says what a board member should know, in brief, and where to read more in the guidance."</p>
            <ul class="list">{revisit}</ul>
        }
        .into_any()
    };
    view! {
        <BackLink route=Route::Quiz(QuizPage::Start) label="Back to the quiz"/>
        {unfinished}
        <PageHeading class="heading-xl">"Your results"</PageHeading>
        <p class="lead quiz-score">{format!("You answered {} of {} questions right.", result.correct, result.total)}</p>
        {revisit_section}
        <table class="table">
            <caption class="table__caption table__caption--s">"By topic"</caption>
            <thead><tr><th scope="col">"Topic"</th><th scope="col" class="numeric">"Right"</th><th scope="col">"Status"</th></tr></thead>
            <tbody>{topic_rows}</tbody>
        </table>
        <AnswerReviewTable quiz=quiz.clone() attempt=attempt.clone()/>
        <div class="button-group">
            <button type="button" class="button" on:click=move |_| start_attempt(state)>"Retake the quiz in a new order"</button>
            <a class="link" href=Route::Start.href()>"Back to the start page"</a>
        </div>
    }
    .into_any()
}

/// "Review all my answers": each question answered, in the order asked, with what the
/// member chose beside the answer.
#[component]
fn AnswerReviewTable(quiz: Quiz, attempt: QuizAttempt) -> impl IntoView {
    let rows = attempt
        .review(&quiz)
        .into_iter()
        .enumerate()
        .map(|(index, review)| {
            let (label, modifier) = if review.right {
                ("Right", "completed")
            } else {
                ("Not quite", "in-progress")
            };
            let chosen = options_in_words(review.chosen.iter().copied());
            let answer = options_in_words(review.question.correct_options());
            view! {
                <tr>
                    <td class="numeric">{index + 1}</td>
                    <th scope="row">{review.question.text.clone()}</th>
                    <td>{chosen}</td>
                    <td>{answer}</td>
                    <td><Tag text=label modifier/></td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <details class="details">
            <summary class="details__summary">"Review all my answers"</summary>
            <div class="details__text">
                <TableScroll label="Your answers">
                    <table class="table table--small">
                        <caption class="table__caption table__caption--s">"Your answers beside the right ones"</caption>
                        <thead><tr><th scope="col" class="numeric">"No."</th><th scope="col">"Question"</th><th scope="col">"You chose"</th><th scope="col">"The answer"</th><th scope="col">"Result"</th></tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                </TableScroll>
            </div>
        </details>
    }
}

#[component]
pub fn QuizTopicPage(topic_id: String) -> impl IntoView {
    let state = expect_app_state();
    let Some(quiz) = state.quiz.quiz() else {
        return quiz_unavailable();
    };
    let Some(topic) = quiz.topic(&topic_id).cloned() else {
        return view! {
            <PageHeading>"Page not found"</PageHeading>
            <p class="body"><a href=Route::Quiz(QuizPage::Start).href()>"Go to the quiz"</a></p>
        }
        .into_any();
    };
    let title = topic.title.clone();
    use_page_title(move || title.clone());
    let references = topic
        .references
        .iter()
        .map(|r| view! { <li>{reference_view(&quiz, r)}</li> })
        .collect_view();
    // The questions in this topic the member got wrong, with what they should know.
    let missed = current_attempt(state)
        .map(|attempt| {
            quiz.questions
                .iter()
                .filter(|q| q.topic == topic.id)
                .filter(|q| {
                    attempt
                        .answers
                        .get(&q.id)
                        .is_some_and(|chosen| !q.is_answered_correctly(chosen))
                })
                .map(|q| {
                    let answers = options_in_words(q.correct_options());
                    view! {
                        <div class="inset">
                            <h3 class="heading-s">{q.text.clone()}</h3>
                            <p class="body"><strong>{format!("Answer: {answers}")}</strong></p>
                            <p class="body">{q.explanation.clone()}</p>
                            <p class="hint">"Source: " {reference_view(&quiz, &q.source)}</p>
                        </div>
                    }
                })
                .collect::<Vec<_>>()
        })
        .unwrap_or_default();
    let missed_section = (!missed.is_empty()).then(|| {
        view! {
            <h2 class="heading-m">"Questions to look at again"</h2>
            {missed}
        }
    });
    view! {
        <BackLink route=Route::Quiz(QuizPage::Results) label="Back to your results"/>
        <span class="caption-m">"Test your understanding"</span>
        <PageHeading>{topic.title.clone()}</PageHeading>
        <p class="body">{topic.summary.clone()}</p>
        <h2 class="heading-m">"Read more"</h2>
        <ul class="list list--bullet">{references}</ul>
        {missed_section}
    }
    .into_any()
}
