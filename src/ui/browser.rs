//! Small wrappers over browser APIs the pages need: the clock, the URL hash, the page
//! title, focus, file downloads, keeping the screen on and messages between the app's own
//! windows. Failures are ignored or reported, never panics.

use wasm_bindgen::JsCast;

pub fn now_iso() -> String {
    js_sys::Date::new_0().to_iso_string().into()
}

/// Today's date in the person's own time zone, `YYYY-MM-DD`.
pub fn today_iso() -> String {
    let now = js_sys::Date::new_0();
    format!(
        "{:04}-{:02}-{:02}",
        now.get_full_year(),
        now.get_month() + 1,
        now.get_date()
    )
}

/// The moment `days` days ago, as an ISO 8601 timestamp comparable with `now_iso`.
pub fn days_ago_iso(days: u32) -> String {
    let then = js_sys::Date::now() - f64::from(days) * 86_400_000.0;
    js_sys::Date::new(&then.into()).to_iso_string().into()
}

pub fn local_time_hh_mm() -> String {
    let now = js_sys::Date::new_0();
    format!("{:02}:{:02}", now.get_hours(), now.get_minutes())
}

/// A short random id, unique enough for one person's saved assessments.
pub fn new_id() -> String {
    let time = js_sys::Date::now() as u64;
    let random = (js_sys::Math::random() * 1_000_000_000.0) as u64;
    format!("{}{}", radix36(time), radix36(random))
}

/// Random bytes from the browser's cryptographic generator, for tokens nobody should be
/// able to guess or link; `Math.random` stands in only where that is unavailable.
pub fn random_bytes<const N: usize>() -> [u8; N] {
    let mut bytes = [0u8; N];
    let filled = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .is_some_and(|c| c.get_random_values_with_u8_array(&mut bytes).is_ok());
    if !filled {
        for byte in &mut bytes {
            *byte = (js_sys::Math::random() * 256.0) as u8;
        }
    }
    bytes
}

/// A random id for a member's turn on the passed device: it cannot be guessed from the
/// order of turns.
pub fn turn_id() -> String {
    cpp_format::response_file::token_from_bytes(&random_bytes::<10>())
}

/// Whether this page is shown inside another page's frame. A host should forbid that with
/// `Content-Security-Policy: frame-ancestors 'none'` (see the README); this catches hosts
/// that do not.
pub fn is_framed() -> bool {
    web_sys::window()
        .is_some_and(|window| window.top().ok().flatten().is_some_and(|top| top != window))
}

/// This page's own address, to open it outside a frame.
pub fn own_address() -> String {
    web_sys::window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default()
}

/// The app's address without its fragment: where a link to one of its pages starts.
pub fn app_address() -> String {
    let address = own_address();
    match address.split_once('#') {
        Some((before, _)) => before.to_owned(),
        None => address,
    }
}

/// A seed for shuffling, different on every call.
pub fn random_seed() -> u64 {
    let time = js_sys::Date::now() as u64;
    let random = (js_sys::Math::random() * 9_007_199_254_740_992.0) as u64;
    time.rotate_left(32) ^ random
}

fn radix36(mut value: u64) -> String {
    const DIGITS: &[u8] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut out = Vec::new();
    loop {
        out.push(DIGITS[(value % 36) as usize]);
        value /= 36;
        if value == 0 {
            break;
        }
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// The browser's storage manager, where it has one (WebKitGTK has none).
fn storage_manager() -> Option<web_sys::StorageManager> {
    let navigator = web_sys::window()?.navigator();
    let storage = js_sys::Reflect::get(&navigator, &"storage".into()).ok()?;
    (!storage.is_undefined() && !storage.is_null()).then(|| storage.unchecked_into())
}

/// Asks the browser not to clear this site's storage under pressure, the first time
/// something is saved in a visit: Firefox asks the person, and a question is only fair once
/// they have something to keep. Browsers may say no; either way the app works the same, so
/// the answer is not awaited.
pub fn ask_to_keep_storage_once() {
    static ASKED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);
    if ASKED.swap(true, std::sync::atomic::Ordering::Relaxed) {
        return;
    }
    if let Some(storage) = storage_manager() {
        let _ = storage.persist();
    }
}

/// Whether the browser has agreed to keep this site's storage under pressure: after
/// asking it again if `ask`; `None` when it does not say.
pub async fn storage_kept(ask: bool) -> Option<bool> {
    let storage = storage_manager()?;
    let answer = if ask {
        storage.persist()
    } else {
        storage.persisted()
    };
    wasm_bindgen_futures::JsFuture::from(answer.ok()?)
        .await
        .ok()?
        .as_bool()
}

/// Whether this is Safari's engine: Safari on a Mac, and every browser on an iPhone or
/// iPad. Safari deletes what a site's scripts stored once the site goes 7 days of use
/// unvisited, unless it was added to the Home Screen.
pub fn storage_expires_after_a_week() -> bool {
    let Some(agent) = web_sys::window().and_then(|w| w.navigator().user_agent().ok()) else {
        return false;
    };
    agent.contains("AppleWebKit")
        && !["Chrome", "Chromium", "Edg/", "OPR/", "Firefox/"]
            .iter()
            .any(|other| agent.contains(other))
}

/// Whether the page is hidden (another tab chosen, the window minimised, or closing).
pub fn page_is_hidden() -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .is_some_and(|d| d.hidden())
}

/// The page's global of this name, if a script has defined it.
pub fn global(name: &str) -> Option<wasm_bindgen::JsValue> {
    js_sys::Reflect::get(&js_sys::global(), &name.into())
        .ok()
        .filter(|value| !value.is_undefined())
}

/// Asks the chunk loader to fetch and start a page area's chunk (the name given to its
/// `wasm_split` function) when the browser is next idle, so the page opens at once when
/// the person goes there. A failure is not reported: the page fetches its chunk again when
/// it opens, and says so then if it cannot.
pub fn prefetch_chunk(area: &str) {
    if let Some(prefetch) =
        global("cppPrefetchSplit").and_then(|f| f.dyn_into::<js_sys::Function>().ok())
    {
        let _ = prefetch.call1(&wasm_bindgen::JsValue::NULL, &area.into());
    }
}

/// Whether a script that defines this global has already run (in the single-file
/// edition, ECharts is part of the page).
pub fn script_is_loaded(name: &str) -> bool {
    global(name).is_some()
}

/// A new element of the page, or `problem` if it cannot be made.
fn new_element<T: JsCast>(tag: &str, problem: &str) -> Result<T, String> {
    web_sys::window()
        .and_then(|w| w.document())
        .ok_or("The page is not available")?
        .create_element(tag)
        .ok()
        .and_then(|e| e.dyn_into().ok())
        .ok_or_else(|| problem.to_owned())
}

/// Adds a script from this site to the page and waits until it has run.
pub async fn load_script(src: &str) -> Result<(), String> {
    let script: web_sys::HtmlScriptElement =
        new_element("script", "The script could not be added")?;
    script.set_src(src);
    let loaded = js_sys::Promise::new(&mut |resolve, reject| {
        script.set_onload(Some(&resolve));
        script.set_onerror(Some(&reject));
    });
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.head())
        .ok_or("The page has no head")?
        .append_child(&script)
        .map_err(|_| "The script could not be added")?;
    wasm_bindgen_futures::JsFuture::from(loaded)
        .await
        .map(drop)
        .map_err(|_| format!("{src} could not be loaded"))
}

/// Sends a plain event to the page's own scripts (the service worker's registration).
pub fn dispatch_window_event(name: &str) {
    if let (Some(window), Ok(event)) = (web_sys::window(), web_sys::Event::new(name)) {
        let _ = window.dispatch_event(&event);
    }
}

pub fn current_hash() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

pub fn set_hash(hash: &str) {
    if let Some(window) = web_sys::window() {
        let _ = window.location().set_hash(hash);
    }
}

pub fn set_title(title: &str) {
    if let Some(document) = web_sys::window().and_then(|w| w.document()) {
        document.set_title(&format!("{title} - Community planning self-assessment"));
    }
}

/// Moves focus to the element with this id, so keyboard and screen reader users start
/// at the new content after a page change or a failed submit.
pub fn focus_by_id(id: &str) {
    let element = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(element) = element {
        let _ = element.focus();
    }
}

/// Offers a file for download. Nothing leaves the device: the file is made in memory.
pub fn download(file_name: &str, mime_type: &str, contents: &[u8]) -> Result<(), String> {
    let blob = gloo_file::Blob::new_with_options(contents, Some(mime_type));
    let url = gloo_file::ObjectUrl::from(blob);
    let anchor: web_sys::HtmlAnchorElement =
        new_element("a", "The download link could not be made")?;
    anchor.set_href(&url);
    anchor.set_download(file_name);
    anchor.click();
    // Some browsers read the file after `click` returns: keep the URL alive for a minute.
    let release = wasm_bindgen::closure::Closure::once_into_js(move || drop(url));
    if let Some(window) = web_sys::window() {
        let _ = window
            .set_timeout_with_callback_and_timeout_and_arguments_0(release.unchecked_ref(), 60_000);
    }
    Ok(())
}

/// Takes the files out of a picker or a drop at once: the browser's list is live, and
/// empties when the picker is reset.
pub fn take_files(list: web_sys::FileList) -> gloo_file::FileList {
    gloo_file::FileList::from(list)
}

/// Reads the files a person picked or dropped. Each is read on its own, so one unreadable
/// file does not stop the rest; files too large to be ours are not read at all.
pub async fn read_files(files: gloo_file::FileList) -> Vec<cpp_format::import::IncomingFile> {
    read_files_counted(files, |_| {}).await
}

/// `read_files`, telling `on_read` how many files have been read after each one.
pub async fn read_files_counted(
    files: gloo_file::FileList,
    on_read: impl Fn(usize),
) -> Vec<cpp_format::import::IncomingFile> {
    use cpp_format::import::{check_size, IncomingFile};
    let mut read = Vec::new();
    for file in files.iter() {
        let contents = match check_size(file.size() as usize) {
            Ok(()) => gloo_file::futures::read_as_bytes(file)
                .await
                .map_err(|_| "The browser could not read the file".to_owned()),
            Err(too_large) => Err(too_large),
        };
        read.push(IncomingFile {
            name: file.name(),
            contents,
        });
        on_read(read.len());
    }
    read
}

/// Waits until the browser has painted what was just changed, so that a message set before
/// long work shows while it runs. A hidden page paints nothing; there a short wait stands
/// in for the frame, so the work is never held up.
pub async fn after_next_paint() {
    use wasm_bindgen::closure::Closure;
    let painted = js_sys::Promise::new(&mut |resolve, _reject| {
        let Some(window) = web_sys::window() else {
            let _ = resolve.call0(&wasm_bindgen::JsValue::NULL);
            return;
        };
        // A timeout queued from an animation frame runs after that frame is painted.
        let after_frame = {
            let (window, resolve) = (window.clone(), resolve.clone());
            Closure::once_into_js(move || {
                let _ = window.set_timeout_with_callback(&resolve);
            })
        };
        let _ = window.request_animation_frame(after_frame.unchecked_ref());
        let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 100);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(painted).await;
}

/// Opens the browser's print dialogue (which also saves as PDF).
pub fn print() {
    if let Some(window) = web_sys::window() {
        let _ = window.print();
    }
}

/// The markup of the first element matching `selector`, e.g. a drawn chart's SVG.
pub fn outer_html_of_first(selector: &str) -> Option<String> {
    web_sys::window()?
        .document()?
        .query_selector(selector)
        .ok()
        .flatten()
        .map(|element| element.outer_html())
}

/// Asks the browser to keep the screen on (Screen Wake Lock) while a ballot code is shown;
/// the lock to release, or `None` where it is not offered or is refused.
pub async fn keep_screen_on() -> Option<wasm_bindgen::JsValue> {
    use js_sys::Reflect;
    use wasm_bindgen::JsValue;
    let navigator = web_sys::window()?.navigator();
    let wake_lock = Reflect::get(&navigator, &JsValue::from_str("wakeLock")).ok()?;
    let request: js_sys::Function = Reflect::get(&wake_lock, &JsValue::from_str("request"))
        .ok()?
        .dyn_into()
        .ok()?;
    let promise: js_sys::Promise = request
        .call1(&wake_lock, &JsValue::from_str("screen"))
        .ok()?
        .dyn_into()
        .ok()?;
    wasm_bindgen_futures::JsFuture::from(promise).await.ok()
}

/// Lets the screen sleep again.
pub fn let_screen_sleep(lock: &wasm_bindgen::JsValue) {
    let release = js_sys::Reflect::get(lock, &wasm_bindgen::JsValue::from_str("release"))
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    if let Some(release) = release {
        // Its promise says only when the lock is gone; nothing waits for it.
        let _ = release.call0(lock);
    }
}

/// A message channel between this app's windows on this device (a `BroadcastChannel`,
/// which never leaves the browser and reaches only pages of the same origin). Closed when
/// dropped.
pub struct WindowChannel {
    channel: web_sys::BroadcastChannel,
    _on_message: wasm_bindgen::closure::Closure<dyn FnMut(web_sys::MessageEvent)>,
}

impl WindowChannel {
    /// Opens the channel of this name, calling `on_message` with each text another window
    /// posts to it; `None` where the browser has no such channel.
    pub fn open(name: &str, on_message: impl Fn(String) + 'static) -> Option<WindowChannel> {
        let channel = web_sys::BroadcastChannel::new(name).ok()?;
        let on_message = wasm_bindgen::closure::Closure::<dyn FnMut(web_sys::MessageEvent)>::new(
            move |event: web_sys::MessageEvent| {
                if let Some(text) = event.data().as_string() {
                    on_message(text);
                }
            },
        );
        channel.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        Some(WindowChannel {
            channel,
            _on_message: on_message,
        })
    }

    /// Tells the other windows; if it cannot be sent, they simply do not follow.
    pub fn post(&self, text: &str) {
        let _ = self
            .channel
            .post_message(&wasm_bindgen::JsValue::from_str(text));
    }
}

impl Drop for WindowChannel {
    fn drop(&mut self) {
        self.channel.set_onmessage(None);
        self.channel.close();
    }
}
