//! Charts: pure builders that turn scores into an ECharts option (tested natively), and
//! one component that draws an option with the locally bundled ECharts. Every chart is
//! paired with a data table on its page, so nothing depends on seeing it.
//!
//! The option reaches ECharts as JSON text, through the JSON code the app has anyway:
//! charming's own renderer converts it value by value, which cost about 60 KB of
//! WebAssembly (23 KB gzip).

use charming::component::{Aria, Legend, RadarAxisName, RadarCoordinate};
use charming::element::{AreaStyle, Symbol, TextStyle};
use charming::series::Radar;
use charming::Chart;
use leptos::prelude::*;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::JsValue;

use cpp_domain::questionnaire::Questionnaire;
use cpp_domain::scoring::Scores;

use super::browser;

/// Principle titles are long; the radar axis shows a short form and the table the rest.
pub fn short_principle_label(title: &str) -> String {
    const MAX_CHARS: usize = 24;
    if title.chars().count() <= MAX_CHARS {
        return title.to_owned();
    }
    let mut label = String::new();
    for word in title.split_whitespace() {
        if label.chars().count() + word.chars().count() + 1 > MAX_CHARS - 1 {
            break;
        }
        if !label.is_empty() {
            label.push(' ');
        }
        label.push_str(word);
    }
    format!("{label}…")
}

/// One line on the principle profile: a value per principle, `None` where nothing was
/// rated (drawn at zero and named as such in the table beside the chart).
pub struct RadarSeries {
    pub name: String,
    pub values: Vec<Option<f64>>,
}

/// The mean score of each principle, in questionnaire order.
pub fn principle_means(scores: &Scores) -> Vec<Option<f64>> {
    scores.principles.iter().map(|p| p.mean()).collect()
}

/// The principle profile: one radar axis per principle, on the questionnaire's scale.
pub fn principle_radar(questionnaire: &Questionnaire, series: &[RadarSeries]) -> Chart {
    let max = f64::from(questionnaire.scale.max_value());
    let indicators: Vec<(String, f64, f64)> = questionnaire
        .principles
        .iter()
        .map(|p| (short_principle_label(&p.title), 0.0, max))
        .collect();
    let names: Vec<String> = series.iter().map(|s| s.name.clone()).collect();
    let data: Vec<(Vec<f64>, String)> = series
        .iter()
        .map(|s| {
            let values = s
                .values
                .iter()
                .map(|v| v.map(|m| (m * 10.0).round() / 10.0).unwrap_or(0.0))
                .collect();
            (values, s.name.clone())
        })
        .collect();
    Chart::new()
        .aria(Aria::new().enabled(true))
        .legend(
            Legend::new()
                .bottom(0)
                .text_style(TextStyle::new().color("#0b0c0c").font_size(14))
                .data(names),
        )
        .radar(
            RadarCoordinate::new()
                .radius("58%")
                // ECharts' default grey axis names fail WCAG contrast.
                .axis_name(RadarAxisName::new().color("#0b0c0c").font_size(13))
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
fn option_for(chart: &Chart) -> Option<JsValue> {
    let json = serde_json::to_string(chart).ok()?;
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
    chart: Signal<Chart>,
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
        let option = chart.with(option_for);
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
    view! { <div class="chart" id=id role="img" aria-label=label node_ref=container></div> }
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
    fn short_labels() {
        assert_eq!(
            short_principle_label("Shared leadership"),
            "Shared leadership"
        );
        let long = short_principle_label(
            "Understanding of local communities' needs, circumstances and opportunities",
        );
        assert!(long.ends_with('…'));
        assert!(long.chars().count() <= 24);
        assert!(long.starts_with("Understanding of local"));
    }

    #[test]
    fn radar_has_one_axis_per_principle_and_rounded_scores() {
        let q = questionnaire(&[2, 1, 1]);
        let scores = Scores::compute(&q, |id| match id {
            "p1-1" => Some(Rating::Level(5)),
            "p1-2" => Some(Rating::Level(4)),
            "p2-1" => Some(Rating::DontKnow),
            _ => Some(Rating::Level(2)),
        });
        let series = [
            RadarSeries {
                name: "Our partnership".into(),
                values: principle_means(&scores),
            },
            RadarSeries {
                name: "Board".into(),
                values: vec![Some(3.04), None, Some(6.0)],
            },
        ];
        let option = serde_json::to_value(principle_radar(&q, &series)).unwrap();
        let indicators = option["radar"][0]["indicator"]
            .as_array()
            .or(option["radar"]["indicator"].as_array())
            .unwrap()
            .clone();
        assert_eq!(indicators.len(), 3);
        assert_eq!(indicators[0]["max"], 6.0);
        let data = &option["series"][0]["data"][0];
        assert_eq!(data["value"], serde_json::json!([4.5, 0.0, 2.0]));
        assert_eq!(data["name"], "Our partnership");
        assert_eq!(
            option["series"][0]["data"][1]["value"],
            serde_json::json!([3.0, 0.0, 6.0])
        );
        let legend: Vec<&str> = option["legend"]["data"]
            .as_array()
            .unwrap()
            .iter()
            .map(|item| item["name"].as_str().unwrap())
            .collect();
        assert_eq!(legend, ["Our partnership", "Board"]);
        assert_eq!(option["aria"]["enabled"], true);
    }
}
