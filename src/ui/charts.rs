//! Charts: pure builders that turn scores into an ECharts option (tested natively), and
//! one component that draws an option with the locally bundled ECharts. Every chart is
//! paired with a data table on its page, so nothing depends on seeing it, and says in
//! words where it has gaps (a principle with nothing rated is never drawn at 0).
//!
//! The option reaches ECharts as JSON text, through the JSON code the app has anyway:
//! charming's own renderer converts it value by value, which cost about 60 KB of
//! WebAssembly (23 KB gzip).

use charming::component::{Axis, Grid, Legend, RadarAxisName, RadarCoordinate};
use charming::datatype::CompositeValue;
use charming::element::{AreaStyle, AxisLabel, AxisType, Symbol, TextStyle};
use charming::series::{Bar, Radar};
use charming::Chart;
use leptos::prelude::*;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::JsValue;

use cpp_domain::questionnaire::Questionnaire;
use cpp_domain::scoring::Scores;

use super::browser;

/// A principle's full title on lines of at most about `width` characters, whole words kept,
/// for a chart's axis (ECharts breaks lines at `\n`).
pub fn wrapped_label(title: &str, width: usize) -> String {
    let mut lines: Vec<String> = Vec::new();
    for word in title.split_whitespace() {
        match lines.last_mut() {
            Some(line) if line.chars().count() + 1 + word.chars().count() <= width => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(word.to_owned()),
        }
    }
    lines.join("\n")
}

/// One line on the principle profile: a value per principle, `None` where nothing was
/// rated (left as a gap, and said in words).
pub struct RadarSeries {
    pub name: String,
    pub values: Vec<Option<f64>>,
}

/// The mean score of each principle, in questionnaire order.
pub fn principle_means(scores: &Scores) -> Vec<Option<f64>> {
    scores.principles.iter().map(|p| p.mean()).collect()
}

/// The principle profile as drawn (the ECharts option), and the gaps in it in words.
#[derive(Clone, PartialEq)]
pub struct ProfileChart {
    pub option: serde_json::Value,
    /// "Nothing rated for principle 3 (Our partnership): a gap in the chart, not a zero."
    pub gaps: Option<String>,
}

/// A radar needs three axes to be a shape: a questionnaire of one or two principles is
/// drawn as bars instead.
const FEWEST_FOR_A_RADAR: usize = 3;
/// Lines of a wrapped label, in pixels apart: ECharts' default sets them on top of each
/// other in its SVG drawing.
const LABEL_LINE_HEIGHT: f64 = 16.0;

/// Each series' values as ECharts takes them: one decimal, `"-"` (ECharts' empty value)
/// where nothing was rated, so the line breaks there instead of falling to 0.
fn values_with_gaps(series: &RadarSeries) -> Vec<CompositeValue> {
    series
        .values
        .iter()
        .map(|v| match v {
            Some(m) => CompositeValue::from((m * 10.0).round() / 10.0),
            None => CompositeValue::from("-"),
        })
        .collect()
}

/// The principles each series has nothing rated for, in words, if any.
fn gaps_in_words(questionnaire: &Questionnaire, series: &[RadarSeries]) -> Option<String> {
    let sentences: Vec<String> = series
        .iter()
        .filter_map(|s| {
            let missing: Vec<String> = s
                .values
                .iter()
                .enumerate()
                .filter(|(_, v)| v.is_none())
                .map(|(i, _)| {
                    let title = questionnaire
                        .principles
                        .get(i)
                        .map(|p| p.title.as_str())
                        .unwrap_or("");
                    format!("{} ({title})", i + 1)
                })
                .collect();
            match missing.as_slice() {
                [] => None,
                [one] => Some(format!("{}: nothing rated for principle {one}.", s.name)),
                many => Some(format!(
                    "{}: nothing rated for principles {}.",
                    s.name,
                    many.join(", ")
                )),
            }
        })
        .collect();
    (!sentences.is_empty()).then(|| {
        format!(
            "{} These are gaps in the chart, not scores of 0.",
            sentences.join(" ")
        )
    })
}

/// The principle profile: a radar with one axis per principle on the questionnaire's
/// scale; or bars, one group per principle, where there are too few principles for a
/// radar, or where a principle has nothing rated (a radar cannot leave a gap: ECharts
/// draws a missing value at its centre, which reads as 0).
pub fn principle_chart(questionnaire: &Questionnaire, series: &[RadarSeries]) -> ProfileChart {
    let max = f64::from(questionnaire.scale.max_value());
    let names: Vec<String> = series.iter().map(|s| s.name.clone()).collect();
    let legend = Legend::new()
        .bottom(0)
        .text_style(TextStyle::new().color("#0b0c0c").font_size(14))
        .data(names);
    // No ECharts `aria`: it would put its own generated description (the chart type and a
    // run of bare numbers) over the container's label, which says what the chart shows and
    // that the table after it holds the same scores.
    let chart = Chart::new().legend(legend);
    let complete = series.iter().all(|s| s.values.iter().all(Option::is_some));
    let option = if questionnaire.principles.len() < FEWEST_FOR_A_RADAR || !complete {
        let labels: Vec<String> = questionnaire
            .principles
            .iter()
            .map(|p| wrapped_label(&p.title, 40))
            .collect();
        let bars = series.iter().fold(chart, |chart, s| {
            chart.series(Bar::new().name(s.name.clone()).data(values_with_gaps(s)))
        });
        bars.grid(
            Grid::new()
                .left(10)
                .right(20)
                .top(10)
                .bottom(40)
                .contain_label(true),
        )
        .x_axis(
            Axis::new()
                .type_(AxisType::Value)
                .min(0)
                .max(max)
                .interval(1.0)
                .axis_label(AxisLabel::new().color("#0b0c0c").font_size(13)),
        )
        .y_axis(
            Axis::new()
                .type_(AxisType::Category)
                .inverse(true)
                .data(labels)
                .axis_label(AxisLabel::new().color("#0b0c0c").font_size(13)),
        )
    } else {
        let indicators: Vec<(String, f64, f64)> = questionnaire
            .principles
            .iter()
            .map(|p| (wrapped_label(&p.title, 22), 0.0, max))
            .collect();
        let data: Vec<(Vec<CompositeValue>, String)> = series
            .iter()
            .map(|s| (values_with_gaps(s), s.name.clone()))
            .collect();
        chart
            .radar(
                RadarCoordinate::new()
                    .radius("55%")
                    // ECharts' default grey axis names fail WCAG contrast.
                    .axis_name(
                        RadarAxisName::new()
                            .color("#0b0c0c")
                            .font_size(12)
                            .line_height(LABEL_LINE_HEIGHT),
                    )
                    .split_number(questionnaire.scale.levels.len() as f64)
                    .indicator(
                        indicators
                            .iter()
                            .map(|(name, min, max)| (name.as_str(), *min, *max))
                            .collect::<Vec<_>>(),
                    ),
            )
            .series(
                Radar::new()
                    .name("Principle profile")
                    .symbol(Symbol::Circle)
                    .area_style(AreaStyle::new().opacity(0.15))
                    .data(data),
            )
    };
    let mut option = serde_json::to_value(&option).unwrap_or_default();
    // charming has no line height for axis labels; the bars' wrapped names need one.
    let path = if option["yAxis"].is_array() {
        "/yAxis/0/axisLabel"
    } else {
        "/yAxis/axisLabel"
    };
    if let Some(label) = option.pointer_mut(path) {
        label["lineHeight"] = LABEL_LINE_HEIGHT.into();
    }
    ProfileChart {
        option,
        gaps: gaps_in_words(questionnaire, series),
    }
}

/// The custom ECharts build, copied beside the app by the build.
const ECHARTS_SCRIPT: &str = "./echarts.js";
/// The global the ECharts build defines, which `ChartView` draws with.
const ECHARTS_GLOBAL: &str = "echarts";

#[wasm_bindgen]
extern "C" {
    /// A chart ECharts has drawn in an element.
    type DrawnChart;

    #[wasm_bindgen(js_namespace = echarts, js_name = init)]
    fn draw_in(element: &web_sys::Element) -> DrawnChart;

    #[wasm_bindgen(method, js_name = setOption)]
    fn set_option(this: &DrawnChart, option: &JsValue);

    #[wasm_bindgen(method)]
    fn resize(this: &DrawnChart);

    #[wasm_bindgen(method)]
    fn dispose(this: &DrawnChart);
}

/// The chart as the plain object ECharts takes.
fn option_for(option: &serde_json::Value) -> Option<JsValue> {
    let json = serde_json::to_string(option).ok()?;
    js_sys::JSON::parse(&json).ok()
}

/// Draws `chart` into a container with this id once it is in the page, updates it when the
/// chart changes, and fits it to the container when the window is resized (for example
/// when a projector goes full screen). If ECharts is missing, the table beside the chart
/// still carries the data.
#[component]
pub fn ChartView(
    /// Unique on the page.
    id: &'static str,
    chart: Signal<ProfileChart>,
    /// A one-line description read out instead of the drawing.
    #[prop(into)]
    label: String,
) -> impl IntoView {
    let drawn = StoredValue::new_local(None::<DrawnChart>);
    let container = NodeRef::<leptos::html::Div>::new();
    // ECharts is loaded the first time a page shows a chart, so pages without one never
    // download it.
    let ready = RwSignal::new(browser::script_is_loaded(ECHARTS_GLOBAL));
    if !ready.get_untracked() {
        leptos::task::spawn_local(async move {
            if browser::load_script(ECHARTS_SCRIPT).await.is_ok() {
                ready.set(true);
            }
        });
    }
    Effect::new(move |_| {
        let option = chart.with(|c| option_for(&c.option));
        let (Some(element), true, Some(option)) = (container.get(), ready.get(), option) else {
            return;
        };
        draw_when_in_page(element.into(), option, drawn, FRAMES_TO_WAIT_FOR_THE_PAGE);
    });
    let resize = window_event_listener(leptos::ev::resize, move |_| {
        drawn.with_value(|slot| {
            if let Some(drawn) = slot {
                drawn.resize();
            }
        });
    });
    on_cleanup(move || {
        resize.remove();
        // ECharts keeps every chart it draws until told to let it go.
        if let Some(Some(chart)) = drawn.try_update_value(Option::take) {
            chart.dispose();
        }
    });
    view! {
        <div class="chart" id=id role="img" aria-label=label node_ref=container></div>
        {move || chart.with(|c| c.gaps.clone()).map(|gaps| view! { <p class="hint chart-gaps">{gaps}</p> })}
    }
}

/// A page whose code arrives in a chunk builds its view before putting it in the page, and
/// ECharts measures its container when it first draws; so the first drawing waits, a frame
/// at a time, until the container is in the page (and gives up if it never is).
const FRAMES_TO_WAIT_FOR_THE_PAGE: u32 = 120;

fn draw_when_in_page(
    element: web_sys::Element,
    option: JsValue,
    drawn: StoredValue<Option<DrawnChart>, LocalStorage>,
    frames_left: u32,
) {
    if !element.is_connected() {
        if frames_left > 0 {
            request_animation_frame(move || {
                draw_when_in_page(element, option, drawn, frames_left - 1)
            });
        }
        return;
    }
    drawn.update_value(|slot| {
        let chart = slot.get_or_insert_with(|| draw_in(&element));
        chart.set_option(&option);
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use cpp_domain::questionnaire::test_support::questionnaire;
    use cpp_domain::rating::Rating;

    #[test]
    fn labels_wrap_whole_words_and_keep_every_word() {
        let table = [
            ("Shared leadership", 22, "Shared leadership"),
            (
                "Understanding of local communities' needs, circumstances and opportunities",
                22,
                "Understanding of local\ncommunities' needs,\ncircumstances and\nopportunities",
            ),
            (
                "Governance and accountability",
                22,
                "Governance and\naccountability",
            ),
            (
                "A-very-long-single-word-title",
                10,
                "A-very-long-single-word-title",
            ),
        ];
        for (title, width, wrapped) in table {
            assert_eq!(wrapped_label(title, width), wrapped, "{title}");
            assert_eq!(wrapped.replace('\n', " "), title, "no word lost");
        }
    }

    fn option_of(chart: &ProfileChart) -> serde_json::Value {
        chart.option.clone()
    }

    fn series(name: &str, values: &[Option<f64>]) -> RadarSeries {
        RadarSeries {
            name: name.into(),
            values: values.to_vec(),
        }
    }

    #[test]
    fn a_complete_profile_is_a_radar_with_one_axis_per_principle_and_rounded_scores() {
        let q = questionnaire(&[2, 1, 1]);
        let scores = Scores::compute(&q, |id| match id {
            "p1-1" => Some(Rating::Level(5)),
            "p1-2" => Some(Rating::Level(4)),
            _ => Some(Rating::Level(2)),
        });
        let ours = RadarSeries {
            name: "Our partnership".into(),
            values: principle_means(&scores),
        };
        let chart = principle_chart(
            &q,
            &[ours, series("Board", &[Some(3.04), Some(1.0), Some(6.0)])],
        );
        let option = option_of(&chart);
        let radar = if option["radar"].is_array() {
            &option["radar"][0]
        } else {
            &option["radar"]
        };
        let indicators = radar["indicator"].as_array().unwrap();
        assert_eq!(indicators.len(), 3);
        assert_eq!(indicators[0]["max"], 6.0);
        assert_eq!(radar["axisName"]["lineHeight"], LABEL_LINE_HEIGHT);
        let data = &option["series"][0]["data"][0];
        assert_eq!(option["series"][0]["type"], "radar");
        assert_eq!(data["value"], serde_json::json!([4.5, 2.0, 2.0]));
        assert_eq!(data["name"], "Our partnership");
        assert_eq!(
            option["series"][0]["data"][1]["value"],
            serde_json::json!([3.0, 1.0, 6.0])
        );
        let legend: Vec<&str> = option["legend"]["data"]
            .as_array()
            .unwrap()
            .iter()
            .map(|item| item["name"].as_str().unwrap())
            .collect();
        assert_eq!(legend, ["Our partnership", "Board"]);
        assert!(
            option.get("aria").is_none(),
            "ECharts' own description would replace the chart's label"
        );
        assert_eq!(chart.gaps, None);
    }

    #[test]
    fn a_principle_with_nothing_rated_is_a_gap_in_bars_and_said_in_words() {
        let q = questionnaire(&[2, 1, 1]);
        let chart = principle_chart(
            &q,
            &[
                series("Agreed", &[Some(4.0), None, Some(2.0)]),
                series("Members", &[Some(3.5), None, None]),
            ],
        );
        let option = option_of(&chart);
        assert!(
            option.get("radar").is_none_or(serde_json::Value::is_null),
            "a radar would draw the gap at 0"
        );
        assert_eq!(option["series"][0]["type"], "bar");
        assert_eq!(
            option["series"][0]["data"],
            serde_json::json!([4.0, "-", 2.0])
        );
        assert_eq!(
            option["series"][1]["data"],
            serde_json::json!([3.5, "-", "-"])
        );
        let gaps = chart.gaps.expect("the gaps said in words");
        assert!(
            gaps.starts_with("Agreed: nothing rated for principle 2 ("),
            "{gaps}"
        );
        assert!(
            gaps.contains("Members: nothing rated for principles 2 ("),
            "{gaps}"
        );
        assert!(gaps.ends_with("These are gaps in the chart, not scores of 0."));
    }

    #[test]
    fn two_principles_are_drawn_as_bars_and_a_full_profile_has_no_gap_note() {
        let q = questionnaire(&[2, 1]);
        let series = [RadarSeries {
            name: "Me".into(),
            values: vec![Some(3.25), Some(5.0)],
        }];
        let chart = principle_chart(&q, &series);
        let option = option_of(&chart);
        assert!(option.get("radar").is_none_or(serde_json::Value::is_null));
        assert_eq!(option["series"][0]["type"], "bar");
        assert_eq!(option["series"][0]["data"], serde_json::json!([3.3, 5.0]));
        let axis = if option["yAxis"].is_array() {
            &option["yAxis"][0]
        } else {
            &option["yAxis"]
        };
        assert_eq!(axis["data"].as_array().unwrap().len(), 2);
        assert_eq!(
            axis["axisLabel"]["lineHeight"], LABEL_LINE_HEIGHT,
            "wrapped names need a line height"
        );
        assert_eq!(chart.gaps, None);
    }
}
