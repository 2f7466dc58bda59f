//! One revealed spread as the room sees it, on the facilitator's view and the projector's
//! alike: a bar per rating with its count written beside it (one chart, readable without
//! colour or a table), and what the spread says in words.

use leptos::prelude::*;

use cpp_domain::group::Distribution;
use cpp_domain::questionnaire::Questionnaire;
use cpp_domain::rating::Rating;

/// "Good (4)" for a whole number, "between Satisfactory and Good (3.5)" for a half.
pub(super) fn value_label(questionnaire: &Questionnaire, value: f64) -> String {
    if value.fract() == 0.0 {
        return questionnaire.rating_label(Some(Rating::Level(value as u8)));
    }
    let label_of = |level: f64| {
        questionnaire
            .scale
            .level(level as u8)
            .map(|l| l.label.as_str())
            .unwrap_or("")
    };
    format!(
        "between {} and {} ({value:.1})",
        label_of(value.floor()),
        label_of(value.ceil())
    )
}

/// A revealed spread as both views show it: the chart, then what it says.
#[component]
pub(super) fn Spread(
    questionnaire: StoredValue<Questionnaire>,
    distribution: Distribution,
) -> impl IntoView {
    view! {
        <SpreadChart questionnaire distribution=distribution.clone()/>
        <SpreadInWords questionnaire distribution/>
    }
}

/// Each rating on the scale and "Don't know" with how many members chose it.
#[component]
fn SpreadChart(
    questionnaire: StoredValue<Questionnaire>,
    distribution: Distribution,
) -> impl IntoView {
    let mut rows: Vec<(String, usize)> = questionnaire.with_value(|q| {
        q.scale
            .levels
            .iter()
            .map(|l| {
                (
                    format!("{} ({})", l.label, l.value),
                    distribution.count(l.value),
                )
            })
            .collect()
    });
    rows.push((
        questionnaire.with_value(|q| q.scale.dont_know.label.clone()),
        distribution.dont_know,
    ));
    let most = rows.iter().map(|(_, n)| *n).max().unwrap_or(0).max(1);
    let items = rows
        .into_iter()
        .map(|(label, count)| {
            let width = format!("{}%", count * 100 / most);
            let members = if count == 1 { " member" } else { " members" };
            view! {
                <li class="spread-chart__row">
                    <span class="spread-chart__label">{label}</span>
                    <span class="spread-chart__track" aria-hidden="true"><span class="spread-chart__bar" style:width=width></span></span>
                    <span class="spread-chart__count">{count}<span class="visually-hidden">{members}</span></span>
                </li>
            }
        })
        .collect_view();
    view! { <ul class="spread-chart" aria-label="Members' ratings">{items}</ul> }
}

/// The middle rating, the range, and the flags (disagreement, many "Don't know") in words.
#[component]
fn SpreadInWords(
    questionnaire: StoredValue<Questionnaire>,
    distribution: Distribution,
) -> impl IntoView {
    let (median, range) = questionnaire.with_value(|q| {
        let median = distribution.median().map(|m| value_label(q, m));
        let range = distribution
            .min()
            .zip(distribution.max())
            .map(|(low, high)| {
                (
                    q.rating_label(Some(Rating::Level(low))),
                    q.rating_label(Some(Rating::Level(high))),
                )
            });
        (median, range)
    });
    let agreement = match (&range, distribution.disagreement()) {
        (Some((low, high)), true) => format!(
            "Members disagree: their ratings run from {low} to {high}. Hear the different views before agreeing a rating."
        ),
        (Some((low, high)), false) if low != high => {
            format!("Members broadly agree: their ratings run from {low} to {high}.")
        }
        (Some((low, _)), false) => format!("Every member who rated chose {low}."),
        (None, _) => "No member gave a rating on the scale.".to_owned(),
    };
    view! {
        <p class="body spread-words">
            {median.map(|m| view! { "Middle rating (median): "<strong>{m}</strong>". " })}
            {format!("{} rated, {} said \u{201c}Don't know\u{201d}.", distribution.rated(), distribution.dont_know)}
        </p>
        <p class="body spread-words" class:spread-words--flag=distribution.disagreement()>{agreement}</p>
        {distribution.many_dont_know().then(|| view! {
            <p class="body spread-words spread-words--flag">"Many members said \u{201c}Don't know\u{201d}. That is a finding in itself: the board may need more information on this."</p>
        })}
    }
}
