//! Partnerships by principle: each partnership's score for each principle, shaded by band,
//! with a legend for the shading, a key to the principles' numbers, and 50 partnerships to
//! a page.

use leptos::prelude::*;

use crate::ui::components::{page_range, Pagination, TableScroll};
use cpp_domain::assessment::short_date;
use cpp_domain::collation::Collation;
use cpp_domain::questionnaire::{Questionnaire, Scale};

/// At most this many shades: more are hard to tell apart.
const MOST_BANDS: u8 = 5;

/// The shading's bands over a scale: each band's lowest score (to one decimal place, as
/// the table shows scores), lowest first. A six-point scale has five: 1.0, 2.0 … 5.0.
fn band_starts(scale_min: u8, scale_max: u8) -> Vec<f64> {
    let span = f64::from(scale_max.saturating_sub(scale_min).max(1));
    let bands = (scale_max.saturating_sub(scale_min)).clamp(1, MOST_BANDS);
    (0..bands)
        .map(|k| {
            let start = f64::from(scale_min) + span * f64::from(k) / f64::from(bands);
            (start * 10.0).round() / 10.0
        })
        .collect()
}

/// The band (0 = lowest) a score falls in, judged by the score as shown, so a cell and the
/// legend never disagree about a boundary.
fn band_of(mean: f64, starts: &[f64]) -> usize {
    let shown = (mean * 10.0).round() / 10.0;
    starts
        .iter()
        .rposition(|&start| shown >= start)
        .unwrap_or(0)
}

/// Each band's range in words: "1.0 to 1.9" … "5.0 to 6.0".
fn band_labels(starts: &[f64], scale_max: u8) -> Vec<String> {
    starts
        .iter()
        .enumerate()
        .map(|(k, start)| {
            let end = starts
                .get(k + 1)
                .map_or(f64::from(scale_max), |next| next - 0.1);
            format!("{start:.1} to {end:.1}")
        })
        .collect()
}

fn shade(mean: Option<f64>, starts: &[f64]) -> String {
    match mean {
        None => "heat heat--none".into(),
        Some(m) => format!("heat heat--{}", band_of(m, starts) + 1),
    }
}

fn scale_bounds(scale: &Scale) -> (u8, u8) {
    (scale.min_value(), scale.max_value())
}

/// The heat map: each partnership's score for each principle from the file that
/// represents it, shaded by band.
#[component]
pub(super) fn PartnershipsByPrinciple(
    questionnaire: StoredValue<Questionnaire>,
    collation: Memo<Collation>,
) -> impl IntoView {
    let (scale_min, scale_max) = questionnaire.with_value(|q| scale_bounds(&q.scale));
    let starts = band_starts(scale_min, scale_max);
    let legend = band_labels(&starts, scale_max)
        .into_iter()
        .enumerate()
        .map(|(k, label)| view! { <li><span class=format!("heat-legend__swatch heat heat--{}", k + 1) aria-hidden="true"></span>{label}</li> })
        .collect_view();
    let key = questionnaire.with_value(|q| {
        q.principles
            .iter()
            .enumerate()
            .map(|(i, p)| view! { <li><strong>{format!("P{}", i + 1)}</strong>" "{p.title.clone()}</li> })
            .collect_view()
    });
    let principle_headers = questionnaire.with_value(|q| {
        (1..=q.principles.len())
            .map(|n| view! { <th scope="col" class="numeric"><span aria-hidden="true">{format!("P{n}")}</span><span class="visually-hidden">{format!("Principle {n}")}</span></th> })
            .collect_view()
    });
    let page = RwSignal::new(0);
    let count = Signal::derive(move || collation.with(|c| c.heatmap.len()));
    let rows = move || {
        collation.with(|c| {
            c.heatmap[page_range(page.get(), c.heatmap.len())]
                .iter()
                .map(|row| {
                    let cells = row
                        .principle_means
                        .iter()
                        .map(|m| view! { <td class=shade(*m, &starts)>{m.map(|m| format!("{m:.1}")).unwrap_or_else(|| "\u{2013}".into())}</td> })
                        .collect_view();
                    let chosen = row.chosen.then(|| view! { " "<strong class="tag tag--small">"Chosen"</strong> });
                    view! {
                        <tr>
                            <th scope="row"><bdi>{row.partnership()}</bdi></th>
                            <td>{row.source.label()}{chosen}</td>
                            <td class="nowrap">{short_date(&row.date)}</td>
                            {cells}
                        </tr>
                    }
                })
                .collect_view()
        })
    };

    view! {
        <h3 class="heading-s" id="partnerships-by-principle" tabindex="-1">"Partnerships by principle"</h3>
        <p class="hint">{format!("Each partnership's score for each principle (the mean of its ratings, {scale_min} to {scale_max}; higher is better), from the file that represents it.")}</p>
        <div class="key-grid">
            <div>
                <h4 class="heading-xs" id="heat-legend-heading">"Shading"</h4>
                <ul class="heat-legend" aria-labelledby="heat-legend-heading">{legend}<li><span class="heat-legend__swatch heat heat--none" aria-hidden="true"></span>"\u{2013} nothing rated"</li></ul>
            </div>
            <div>
                <h4 class="heading-xs" id="principle-key-heading">"Principles"</h4>
                <ul class="principle-key" aria-labelledby="principle-key-heading">{key}</ul>
            </div>
        </div>
        <TableScroll label="Partnerships by principle">
            <table class="table heatmap">
                <caption class="visually-hidden">"Partnerships by principle"</caption>
                <thead><tr><th scope="col">"Partnership"</th><th scope="col">"Source"</th><th scope="col">"Date"</th>{principle_headers}</tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </TableScroll>
        <Pagination page count what="partnerships" label="Pages of partnerships" top="partnerships-by-principle"/>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bands_follow_the_scale_and_the_number_shown() {
        for (min, max, starts, labels) in [
            (
                1,
                6,
                vec![1.0, 2.0, 3.0, 4.0, 5.0],
                vec![
                    "1.0 to 1.9",
                    "2.0 to 2.9",
                    "3.0 to 3.9",
                    "4.0 to 4.9",
                    "5.0 to 6.0",
                ],
            ),
            (1, 3, vec![1.0, 2.0], vec!["1.0 to 1.9", "2.0 to 3.0"]),
            (
                0,
                10,
                vec![0.0, 2.0, 4.0, 6.0, 8.0],
                vec![
                    "0.0 to 1.9",
                    "2.0 to 3.9",
                    "4.0 to 5.9",
                    "6.0 to 7.9",
                    "8.0 to 10.0",
                ],
            ),
            (1, 1, vec![1.0], vec!["1.0 to 1.0"]),
        ] {
            assert_eq!(band_starts(min, max), starts, "{min} to {max}");
            assert_eq!(band_labels(&starts, max), labels, "{min} to {max}");
        }
        let six = band_starts(1, 6);
        for (mean, band) in [
            (1.0, 0),
            (1.94, 0),
            (1.96, 1),
            (2.0, 1),
            (4.99, 4),
            (6.0, 4),
            (0.5, 0),
        ] {
            assert_eq!(band_of(mean, &six), band, "{mean}");
        }
        assert_eq!(shade(None, &six), "heat heat--none");
        assert_eq!(shade(Some(5.2), &six), "heat heat--5");
    }
}
