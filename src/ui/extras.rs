//! The extras module (`src/extras.rs`), loaded on first use and called from here: Excel
//! workbooks, checking a chosen questionnaire file, and the questionnaire writing aids. It is
//! wasm-bindgen's classic-script output: `extras/extras.js` defines the global `cppExtras`,
//! which starts the module from `extras/extras_bg.wasm`. The single-file edition carries
//! both inline, with the WebAssembly behind the global `cppExtrasWasm`.

use js_sys::{Function, Object, Reflect, Uint8Array};
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use super::browser::{self, global, load_script, script_is_loaded};
use cpp_format::checked_json::FileError;
use cpp_format::export::{tables_to_json, Table};

const GLOBAL: &str = "cppExtras";
const INLINE_WASM: &str = "cppExtrasWasm";
const XLSX_TYPE: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

fn not_loaded() -> String {
    "part of the app could not be loaded: check the connection and try again".into()
}

/// The started module. Starting it again is cheap: wasm-bindgen keeps the first instance.
async fn started_module() -> Result<Function, String> {
    if !script_is_loaded(GLOBAL) {
        load_script("extras/extras.js").await?;
    }
    let start: Function = global(GLOBAL)
        .and_then(|f| f.dyn_into().ok())
        .ok_or_else(not_loaded)?;
    let wasm = match global(INLINE_WASM).and_then(|f| f.dyn_into::<Function>().ok()) {
        Some(inline) => inline.call0(&JsValue::NULL).map_err(|_| not_loaded())?,
        None => JsValue::from_str("extras/extras_bg.wasm"),
    };
    let options = Object::new();
    Reflect::set(&options, &"module_or_path".into(), &wasm).map_err(|_| not_loaded())?;
    let starting: js_sys::Promise = start
        .call1(&JsValue::NULL, &options)
        .ok()
        .and_then(|p| p.dyn_into().ok())
        .ok_or_else(not_loaded)?;
    JsFuture::from(starting).await.map_err(|_| not_loaded())?;
    Ok(start)
}

/// Calls one of the module's functions with one text, starting the module first. A
/// function that refuses its input throws the reason as text.
async fn call(function: &str, argument: &str) -> Result<JsValue, String> {
    let module = started_module().await?;
    let function: Function = Reflect::get(&module, &function.into())
        .ok()
        .and_then(|f| f.dyn_into().ok())
        .ok_or_else(not_loaded)?;
    function
        .call1(&JsValue::NULL, &argument.into())
        .map_err(|e| e.as_string().unwrap_or_else(not_loaded))
}

/// Tables as an XLSX workbook.
pub async fn workbook(tables: &[&Table]) -> Result<Vec<u8>, String> {
    let bytes = call("workbook", &tables_to_json(tables)).await?;
    Ok(Uint8Array::new(&bytes).to_vec())
}

/// The problems in a questionnaire file a person has chosen: `Ok(None)` when it is valid.
pub async fn questionnaire_problems(text: &str) -> Result<Option<FileError>, String> {
    match call("questionnaire_problems", text).await?.as_string() {
        None => Ok(None),
        Some(json) => serde_json::from_str(&json)
            .map(Some)
            .map_err(|_| not_loaded()),
    }
}

/// The text of a questionnaire writing aid, by the name it downloads as.
pub async fn writing_aid(file_name: &str) -> Result<String, String> {
    call("writing_aid", file_name)
        .await?
        .as_string()
        .ok_or_else(not_loaded)
}

/// "Excel workbook (.xlsx)": makes the workbook and downloads it. The writer is loaded on
/// the first click, so the button says so while it works; a failure goes to `problem`.
#[component]
pub fn WorkbookButton(
    #[prop(into)] file_name: Signal<String>,
    #[prop(into)] tables: Signal<Vec<Table>>,
    problem: RwSignal<Option<String>>,
) -> impl IntoView {
    let busy = RwSignal::new(false);
    let make = move |_| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        problem.set(None);
        let name = file_name.get_untracked();
        let tables = tables.get_untracked();
        leptos::task::spawn_local(async move {
            let refs: Vec<&Table> = tables.iter().collect();
            let result = workbook(&refs)
                .await
                .and_then(|bytes| browser::download(&name, XLSX_TYPE, &bytes));
            if let Err(e) = result {
                problem.set(Some(format!(
                    "The workbook could not be made ({e}). Try the CSV files instead."
                )));
            }
            busy.set(false);
        });
    };
    view! {
        <button type="button" class="button button--secondary" on:click=make
            aria-disabled=move || busy.get().then_some("true")>
            {move || if busy.get() { "Making the workbook…" } else { "Excel workbook (.xlsx)" }}
        </button>
    }
}
