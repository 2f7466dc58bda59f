//! Camera frames for the ballot-code reader: a ballot's QR code drawn black on white with
//! its quiet zone, at a given size in pixels per module, in the middle of a grey frame, as
//! the RGBA a canvas gives; optionally mirrored, as some webcam drivers deliver frames.

/// An RGBA frame of `width` × `height` holding the QR code of `digits`.
pub fn ballot_frame(
    digits: &str,
    width: usize,
    height: usize,
    module_px: usize,
    mirrored: bool,
) -> Vec<u8> {
    let level = if digits.bytes().all(|b| b.is_ascii_digit()) {
        qrcode::EcLevel::M
    } else {
        // A join link, as the projector shows it.
        qrcode::EcLevel::L
    };
    let code = qrcode::QrCode::with_error_correction_level(digits, level)
        .expect("the text fits a QR code");
    let modules = code.width();
    let colours = code.to_colors();
    let quiet = 4;
    let side = (modules + 2 * quiet) * module_px;
    let (left, top) = ((width - side) / 2, (height - side) / 2);
    let mut frame = vec![0u8; width * height * 4];
    for y in 0..height {
        for x in 0..width {
            let inside = x >= left && x < left + side && y >= top && y < top + side;
            let value = if !inside {
                // The room behind the phone.
                160
            } else {
                let (mx, my) = ((x - left) / module_px, (y - top) / module_px);
                let in_code = (quiet..quiet + modules).contains(&mx)
                    && (quiet..quiet + modules).contains(&my);
                if in_code && colours[(my - quiet) * modules + (mx - quiet)] == qrcode::Color::Dark
                {
                    20
                } else {
                    235
                }
            };
            let column = if mirrored { width - 1 - x } else { x };
            let at = (y * width + column) * 4;
            frame[at..at + 4].copy_from_slice(&[value, value, value, 255]);
        }
    }
    frame
}
