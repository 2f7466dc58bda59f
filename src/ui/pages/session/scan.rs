//! "Scan ballot codes": the laptop's camera, started only when the facilitator asks, with a
//! choice of camera once it runs. About five frames a second go to the code reader, which
//! runs in a Web Worker (`code_reader`), so the page never waits on it. Each code seen is
//! handed in once; holding it there, or showing it again, does not add it again (a member
//! who changed their mind shows a new code).

use std::collections::BTreeSet;
use std::rc::Rc;

use leptos::prelude::*;
use web_sys::MediaStream;

use crate::ui::camera::{self, FrameGrabber};
use crate::ui::code_reader::CodeReader;

/// How often a frame is read while the camera runs (about five a second).
const SCAN_EVERY_MS: u64 = 200;

/// The camera, the reader and what they have seen, while the page is open.
#[derive(Clone, Copy)]
struct Scanner {
    video: NodeRef<leptos::html::Video>,
    stream: StoredValue<Option<MediaStream>, LocalStorage>,
    grabber: StoredValue<Option<FrameGrabber>, LocalStorage>,
    reader: StoredValue<Option<Rc<CodeReader>>, LocalStorage>,
    timer: StoredValue<Option<IntervalHandle>>,
    /// A frame is with the reader; the next waits for its answer.
    reading: StoredValue<bool>,
    /// Every code seen while this page is open.
    seen: StoredValue<BTreeSet<String>>,
    running: RwSignal<bool>,
    cameras: RwSignal<Vec<(String, String)>>,
    problem: RwSignal<Option<String>>,
    /// What the last code handed in gave.
    received: RwSignal<Option<String>>,
    /// Hands one code's digits in: what to tell the facilitator, or why it was refused.
    hand_in: Callback<String, Result<String, String>>,
}

impl Scanner {
    /// Stops the camera and the reader, and says so.
    fn stop(self) {
        self.release();
        self.running.set(false);
    }

    /// Lets the camera, the timer and the reader go. Also run as the page closes, so it
    /// tolerates values already gone and changes nothing the page shows (which would wake
    /// parts of the page that are going).
    fn release(self) {
        if let Some(Some(handle)) = self.timer.try_get_value() {
            handle.clear();
        }
        self.timer.try_set_value(None);
        self.stream.try_with_value(|s| s.as_ref().map(camera::stop));
        self.stream.try_set_value(None);
        // Dropping the reader stops its worker.
        self.reader.try_set_value(None);
    }

    fn start(self, device: Option<String>) {
        self.stop();
        let Some(element) = self.video.get_untracked() else {
            return;
        };
        match CodeReader::start() {
            Ok(started) => self.reader.set_value(Some(Rc::new(started))),
            Err(why) => {
                let why = format!("Codes cannot be scanned here: {why}. Type them instead.");
                self.problem.set(Some(why));
                return;
            }
        }
        leptos::task::spawn_local(async move {
            match camera::start(&element, device).await {
                Ok(started) => {
                    // The page may have closed while the camera started: then let it go.
                    if let Some(Some(orphan)) = self.stream.try_set_value(Some(started)) {
                        camera::stop(&orphan);
                        return;
                    }
                    if self.grabber.with_value(Option::is_none) {
                        self.grabber.set_value(FrameGrabber::new());
                    }
                    self.problem.set(None);
                    self.running.set(true);
                    let cameras = camera::cameras().await;
                    if self.cameras.try_set(cameras).is_some() {
                        // The page closed meanwhile, and stopped the camera as it did.
                        return;
                    }
                    let every = std::time::Duration::from_millis(SCAN_EVERY_MS);
                    let timer = set_interval_with_handle(move || self.read_frame(), every);
                    self.timer.set_value(timer.ok());
                }
                Err(why) => {
                    if self.running.try_set(false).is_none() {
                        self.release();
                        self.problem.set(Some(format!("{why}.")));
                    }
                }
            }
        });
    }

    fn read_frame(self) {
        // Not while a frame is with the reader, nor once the page has closed.
        if self.reading.try_get_value() != Some(false) {
            return;
        }
        let (Some(video), Some(Some(reader))) =
            (self.video.get_untracked(), self.reader.try_get_value())
        else {
            return;
        };
        let frame = self
            .grabber
            .try_with_value(|g| g.as_ref().and_then(|g| g.frame(&video)))
            .flatten();
        let Some(frame) = frame else {
            return;
        };
        self.reading.set_value(true);
        leptos::task::spawn_local(async move {
            let found = reader.read(frame).await;
            if self.reading.try_set_value(false).is_some() {
                // The page has closed while the frame was read.
                return;
            }
            match found {
                Ok(found) => found.into_iter().for_each(|digits| self.take(digits)),
                Err(why) => {
                    let why = format!("The codes cannot be read: {why}.");
                    self.problem.try_set(Some(why));
                }
            }
        });
    }

    /// Hands a code in the first time it is seen.
    fn take(self, digits: String) {
        let new = self
            .seen
            .try_update_value(|seen| seen.insert(digits.clone()))
            .unwrap_or(false);
        if new {
            match self.hand_in.run(digits) {
                Ok(message) => {
                    self.problem.set(None);
                    self.received.set(Some(message));
                }
                Err(why) => self.problem.set(Some(why)),
            }
        }
    }
}

#[component]
pub fn ScanBallots(
    received: RwSignal<Option<String>>,
    hand_in: Callback<String, Result<String, String>>,
) -> impl IntoView {
    let scanner = Scanner {
        video: NodeRef::new(),
        stream: StoredValue::new_local(None),
        grabber: StoredValue::new_local(None),
        reader: StoredValue::new_local(None),
        timer: StoredValue::new(None),
        reading: StoredValue::new(false),
        seen: StoredValue::new(BTreeSet::new()),
        running: RwSignal::new(false),
        cameras: RwSignal::new(Vec::new()),
        problem: RwSignal::new(None),
        received,
        hand_in,
    };
    on_cleanup(move || scanner.release());
    let (running, cameras) = (scanner.running, scanner.cameras);
    view! {
        <h2 class="heading-m">"Scan ballot codes"</h2>
        <p class="body">"Each member holds their ballot code about 30 cm from this laptop's camera. The camera is used only on this page; nothing it sees is kept or sent anywhere. Its picture is blurred here, so a projected screen never shows a member's code."</p>
        <p class="inline-problem" role="alert">{move || scanner.problem.get()}</p>
        <video node_ref=scanner.video class="scan-video" prop:muted=true autoplay playsinline
            aria-label="Camera view" hidden=move || !running.get()></video>
        <Show when=move || running.get() && cameras.with(|c| c.len() > 1)>
            <div class="form-group">
                <label class="label" for="scan-camera">"Camera"</label>
                <select class="select" id="scan-camera" on:change=move |ev| scanner.start(Some(event_target_value(&ev)))>
                    {move || cameras.get().into_iter().map(|(id, name)| view! { <option value=id>{name}</option> }).collect_view()}
                </select>
            </div>
        </Show>
        <Show when=move || running.get()
            fallback=move || view! { <button type="button" class="button" on:click=move |_| scanner.start(None)>"Start the camera"</button> }>
            <button type="button" class="button button--secondary" on:click=move |_| scanner.stop()>"Stop the camera"</button>
        </Show>
    }
}
