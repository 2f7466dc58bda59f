//! The ballot-code reader, in a Web Worker of its own, so reading camera frames never holds
//! up the page. The page makes the worker (`cppCodeReader` in `index.html`, or its
//! single-file form), which runs `cpp_format::ballot_code::digits_in_frame` compiled into
//! its own WebAssembly (`crates/qr-reader`). A frame's pixels are handed over, not copied.

use js_sys::{Array, Function, Object, Promise, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{ImageData, MessageEvent, Worker};

/// The running reader; the worker stops when this is dropped.
pub struct CodeReader {
    worker: Worker,
}

impl CodeReader {
    /// Starts the reader, or says why it cannot run here.
    pub fn start() -> Result<CodeReader, String> {
        let make = web_sys::window()
            .and_then(|w| Reflect::get(&w, &JsValue::from_str("cppCodeReader")).ok())
            .and_then(|f| f.dyn_into::<Function>().ok())
            .ok_or("this copy of the app has no code reader")?;
        let worker = make
            .call0(&JsValue::NULL)
            .ok()
            .and_then(|w| w.dyn_into::<Worker>().ok())
            .ok_or("the code reader could not be started in this browser")?;
        Ok(CodeReader { worker })
    }

    /// The digits of every ballot QR code in `frame`, which is handed to the worker.
    pub async fn read(&self, frame: ImageData) -> Result<Vec<String>, String> {
        let pixels = pixel_buffer(&frame);
        let message = Object::new();
        for (key, value) in [
            ("width", JsValue::from(frame.width())),
            ("height", JsValue::from(frame.height())),
            ("pixels", pixels.clone()),
        ] {
            Reflect::set(&message, &JsValue::from_str(key), &value)
                .map_err(|_| "the frame could not be handed to the code reader")?;
        }
        // One frame at a time: the next answer is this frame's.
        let answer = Promise::new(&mut |resolve, reject| {
            self.worker.set_onmessage(Some(&resolve));
            self.worker.set_onerror(Some(&reject));
        });
        self.worker
            .post_message_with_transfer(&message, &Array::of1(&pixels))
            .map_err(|_| "the frame could not be handed to the code reader")?;
        let event: MessageEvent = JsFuture::from(answer)
            .await
            .ok()
            .and_then(|e| e.dyn_into().ok())
            .ok_or("the code reader stopped")?;
        let data = event.data();
        if let Some(error) = Reflect::get(&data, &JsValue::from_str("error"))
            .ok()
            .and_then(|e| e.as_string())
        {
            return Err(error);
        }
        let found = Reflect::get(&data, &JsValue::from_str("found"))
            .ok()
            .and_then(|f| f.dyn_into::<Array>().ok())
            .ok_or("the code reader gave no answer")?;
        Ok(found
            .iter()
            .filter_map(|digits| digits.as_string())
            .collect())
    }
}

impl Drop for CodeReader {
    fn drop(&mut self) {
        self.worker.terminate();
    }
}

/// The `ArrayBuffer` behind a frame's pixels.
fn pixel_buffer(frame: &ImageData) -> JsValue {
    Reflect::get(frame, &JsValue::from_str("data"))
        .and_then(|data| Reflect::get(&data, &JsValue::from_str("buffer")))
        .unwrap_or(JsValue::UNDEFINED)
}
