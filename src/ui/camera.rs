//! The laptop's camera, for scanning members' ballot codes: starting it (asking for
//! 1280×720, on a chosen camera once permission is given), listing the cameras, a frame as
//! RGBA, and stopping it. Every failure is a `CameraProblem` that says what to do instead.

use js_sys::{Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    CanvasRenderingContext2d, HtmlCanvasElement, HtmlVideoElement, ImageData, MediaDeviceInfo,
    MediaDeviceKind, MediaDevices, MediaStream, MediaStreamConstraints, MediaStreamTrack,
};

#[derive(Debug, Clone, PartialEq)]
pub enum CameraProblem {
    /// The browser offers no camera here (an old browser, or a page that is not a secure
    /// context).
    NotOffered,
    /// The person, or a policy, refused the camera.
    NotAllowed,
    NotFound,
    /// The camera is busy in another program, or failed.
    Failed(String),
}

impl std::fmt::Display for CameraProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CameraProblem::NotOffered => write!(f, "This browser does not offer the camera to this page. Type the codes below instead"),
            CameraProblem::NotAllowed => write!(f, "The camera was not allowed. Type the codes below instead, or allow the camera for this page in the browser's address bar and start it again"),
            CameraProblem::NotFound => write!(f, "No camera was found. Plug one in and start it again, or type the codes below"),
            CameraProblem::Failed(why) => write!(f, "The camera could not be started ({why}). Close any other program using it and start it again, or type the codes below"),
        }
    }
}

fn media_devices() -> Result<MediaDevices, CameraProblem> {
    let navigator = web_sys::window()
        .ok_or(CameraProblem::NotOffered)?
        .navigator();
    // Absent outside a secure context: check before calling, as the binding assumes it.
    let devices = Reflect::get(&navigator, &JsValue::from_str("mediaDevices"))
        .map_err(|_| CameraProblem::NotOffered)?;
    if devices.is_undefined() || devices.is_null() {
        return Err(CameraProblem::NotOffered);
    }
    Ok(devices.unchecked_into())
}

fn problem_from(error: JsValue) -> CameraProblem {
    let name = Reflect::get(&error, &JsValue::from_str("name"))
        .ok()
        .and_then(|n| n.as_string())
        .unwrap_or_default();
    match name.as_str() {
        "NotAllowedError" | "SecurityError" => CameraProblem::NotAllowed,
        "NotFoundError" | "OverconstrainedError" => CameraProblem::NotFound,
        _ => CameraProblem::Failed(if name.is_empty() {
            "unknown error".into()
        } else {
            name
        }),
    }
}

fn set(object: &Object, key: &str, value: &JsValue) {
    // Setting a property on a plain object made here cannot fail.
    let _ = Reflect::set(object, &JsValue::from_str(key), value);
}

/// Starts the camera (`device_id`, or the browser's choice) and shows it in `video`.
pub async fn start(
    video: &HtmlVideoElement,
    device_id: Option<String>,
) -> Result<MediaStream, CameraProblem> {
    let devices = media_devices()?;
    let ideal = |value: f64| {
        let o = Object::new();
        set(&o, "ideal", &JsValue::from_f64(value));
        o
    };
    let video_constraints = Object::new();
    set(&video_constraints, "width", &ideal(1280.0));
    set(&video_constraints, "height", &ideal(720.0));
    if let Some(id) = device_id {
        let exact = Object::new();
        set(&exact, "exact", &JsValue::from_str(&id));
        set(&video_constraints, "deviceId", &exact);
    }
    let constraints = MediaStreamConstraints::new();
    constraints.set_audio(&JsValue::FALSE);
    constraints.set_video(&video_constraints);
    let promise = devices
        .get_user_media_with_constraints(&constraints)
        .map_err(problem_from)?;
    let stream: MediaStream = JsFuture::from(promise)
        .await
        .map_err(problem_from)?
        .unchecked_into();
    video.set_src_object(Some(&stream));
    // Autoplay is allowed for a muted video; if the promise is refused the frames still come.
    let _ = video.play();
    Ok(stream)
}

/// The cameras this browser offers, as (id, name); names come only after permission.
pub async fn cameras() -> Vec<(String, String)> {
    let Ok(devices) = media_devices() else {
        return Vec::new();
    };
    let Ok(promise) = devices.enumerate_devices() else {
        return Vec::new();
    };
    let Ok(list) = JsFuture::from(promise).await else {
        return Vec::new();
    };
    js_sys::Array::from(&list)
        .iter()
        .filter_map(|d| d.dyn_into::<MediaDeviceInfo>().ok())
        .filter(|d| d.kind() == MediaDeviceKind::Videoinput)
        .enumerate()
        .map(|(i, d)| {
            let label = d.label();
            (
                d.device_id(),
                if label.is_empty() {
                    format!("Camera {}", i + 1)
                } else {
                    label
                },
            )
        })
        .collect()
}

/// Stops every track, so the camera's light goes off.
pub fn stop(stream: &MediaStream) {
    for track in stream.get_tracks().iter() {
        if let Ok(track) = track.dyn_into::<MediaStreamTrack>() {
            track.stop();
        }
    }
}

/// A canvas, never shown, that frames are drawn through, with its 2D context made once.
pub struct FrameGrabber {
    canvas: HtmlCanvasElement,
    context: CanvasRenderingContext2d,
}

impl FrameGrabber {
    pub fn new() -> Option<FrameGrabber> {
        let canvas: HtmlCanvasElement = web_sys::window()?
            .document()?
            .create_element("canvas")
            .ok()?
            .dyn_into()
            .ok()?;
        // Every frame is read back, so the browser keeps the canvas where reading is quick.
        let options = Object::new();
        Reflect::set(&options, &"willReadFrequently".into(), &JsValue::TRUE).ok()?;
        let context = canvas
            .get_context_with_context_options("2d", &options)
            .ok()??
            .dyn_into()
            .ok()?;
        Some(FrameGrabber { canvas, context })
    }

    /// The frame the video shows now.
    pub fn frame(&self, video: &HtmlVideoElement) -> Option<ImageData> {
        let (width, height) = (video.video_width(), video.video_height());
        if width == 0 || height == 0 {
            return None;
        }
        // Resizing clears the canvas, so only when the camera's size changes.
        if (self.canvas.width(), self.canvas.height()) != (width, height) {
            self.canvas.set_width(width);
            self.canvas.set_height(height);
        }
        self.context
            .draw_image_with_html_video_element(video, 0.0, 0.0)
            .ok()?;
        self.context
            .get_image_data(0.0, 0.0, f64::from(width), f64::from(height))
            .ok()
    }
}
