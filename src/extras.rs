//! The extras module: work the app needs only now and then, built as its own WebAssembly
//! file and loaded on first use (`ui::extras`), so its weight is not part of the first load:
//! writing Excel workbooks (the XLSX writer and its compression), checking a questionnaire
//! file a person has chosen (with every problem's field and line), and the files that help
//! someone write a questionnaire.

use cpp_format::{export, questionnaire_file};
use wasm_bindgen::prelude::wasm_bindgen;

/// Tables as JSON (`format::export::tables_to_json`) in, an XLSX workbook out.
#[wasm_bindgen]
pub fn workbook(tables_json: &str) -> Result<Vec<u8>, String> {
    export::xlsx_from_json(tables_json)
}

/// Nothing when the questionnaire file is valid; otherwise its problems, as the JSON of a
/// `format::checked_json::FileError`.
#[wasm_bindgen]
pub fn questionnaire_problems(text: &str) -> Option<String> {
    questionnaire_file::parse(text)
        .err()
        .and_then(|error| serde_json::to_string(&error).ok())
}

/// The text of one of `questionnaire_file::WRITING_AIDS`, by the name it downloads as.
#[wasm_bindgen]
pub fn writing_aid(file_name: &str) -> Option<String> {
    questionnaire_file::WRITING_AIDS
        .iter()
        .find(|(name, _)| *name == file_name)
        .map(|(_, text)| (*text).to_owned())
}

fn main() {}
