//! The extras module: work the app needs only now and then, built as its own WebAssembly
//! file and loaded on first use (`ui::extras`), so its weight is not part of the first load.
//! Today it writes Excel workbooks: the XLSX writer and its compression are a large part
//! of what the app would otherwise download before its first page.

use wasm_bindgen::prelude::wasm_bindgen;

/// Tables as JSON (`format::export::tables_to_json`) in, an XLSX workbook out.
#[wasm_bindgen]
pub fn workbook(tables_json: &str) -> Result<Vec<u8>, String> {
    cpp_self_assessment::format::export::xlsx_from_json(tables_json)
}

fn main() {}
