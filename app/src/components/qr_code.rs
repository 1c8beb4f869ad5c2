//! A QR code as an SVG drawn in Rust (qrcodegen): one path of dark modules on a white square with the
//! standard four-module quiet zone, so any phone camera reads it.
use leptos::prelude::*;
use qrcodegen::{QrCode, QrCodeEcc};

/// Modules of white border around the code (the quiet zone ISO/IEC 18004 asks for).
const QUIET_ZONE: i32 = 4;

/// The SVG text of `text` as a QR code, or `None` when it does not fit in one (over ~2 KB).
pub fn qr_svg(text: &str) -> Option<String> {
    let code = QrCode::encode_text(text, QrCodeEcc::Medium).ok()?;
    let side = code.size() + 2 * QUIET_ZONE;
    let mut path = String::new();
    for y in 0..code.size() {
        for x in 0..code.size() {
            if code.get_module(x, y) {
                path.push_str(&format!("M{},{}h1v1h-1z", x + QUIET_ZONE, y + QUIET_ZONE));
            }
        }
    }
    Some(format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {side} {side}\" shape-rendering=\"crispEdges\" \
         width=\"100%\" height=\"100%\"><rect width=\"{side}\" height=\"{side}\" fill=\"#fff\"/>\
         <path d=\"{path}\" fill=\"#000\"/></svg>"
    ))
}

#[component]
pub fn QrCodeImage(text: String, label: String) -> impl IntoView {
    let svg = qr_svg(&text).unwrap_or_default();
    view! {
        <div class="w-48 h-48 sm:w-56 sm:h-56" role="img" aria-label=label data-testid="principal-qr" inner_html=svg></div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn draws_every_dark_module_inside_the_quiet_zone() {
        let principal = "4bnyh-zbtj3-2dgcd-5izwh-5zfsr-6vlyo-3gkue-yz4fu-gnqoo-tnk6a-zqe";
        let code = QrCode::encode_text(principal, QrCodeEcc::Medium).unwrap();
        let svg = qr_svg(principal).unwrap();
        let side = code.size() + 8;
        assert!(svg.contains(&format!("viewBox=\"0 0 {side} {side}\"")), "{svg}");
        let dark = (0..code.size()).flat_map(|y| (0..code.size()).map(move |x| (x, y)))
            .filter(|&(x, y)| code.get_module(x, y)).count();
        assert_eq!(svg.matches("h1v1h-1z").count(), dark);
        // The top-left finder pattern's corner module sits just inside the quiet zone.
        assert!(svg.contains("M4,4h1v1h-1z"));
    }

    #[test]
    fn text_too_long_for_a_code_gives_none() {
        assert!(qr_svg(&"x".repeat(5000)).is_none());
    }
}
