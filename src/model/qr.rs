//! QR codes: what a `qr:` block may encode, the module matrix with the
//! strongest error correction its printed size allows, and the codes a
//! brochure asks for, which every output's codes must read back as.
//! Encoding is done by the `qrcode` crate; kalem only chooses the level and
//! checks the size.

use qrcode::{EcLevel, QrCode};

use super::social::Post;
use super::{BlockKind, Brochure, CONTENT};
use crate::diag::Location;

/// Light modules around the code on every side (ISO/IEC 18004 asks for 4).
pub const QUIET_ZONE: usize = 4;
/// Smallest printed module in mm that scans from a leaflet at arm's length.
pub const MIN_MODULE_MM: f64 = 0.4;
/// Side of a printed code in mm, quiet zone included, unless a block says.
pub const DEFAULT_SIDE_MM: f64 = 25.0;

/// Error-correction levels, strongest first: the first whose modules are
/// large enough is used, so a large code survives a fold or a smudge.
const LEVELS: [(EcLevel, char); 4] = [(EcLevel::H, 'H'), (EcLevel::Q, 'Q'), (EcLevel::M, 'M'), (EcLevel::L, 'L')];

/// A code ready to draw: dark modules as horizontal runs, in modules from
/// the top left corner of the quiet zone. Codes are never mirrored.
#[derive(Debug, Clone, PartialEq)]
pub struct Matrix {
    /// Modules per side, quiet zone included.
    pub modules: usize,
    /// Dark runs: column, row, length.
    pub runs: Vec<[usize; 3]>,
    /// The error-correction level used: `H`, `Q`, `M` or `L`.
    pub level: char,
}

/// What a code encodes, and where the brochure's `qr:` asks for it.
#[derive(Debug, Clone, PartialEq)]
pub struct Payload {
    /// A web address or a `tel:` number; a contact id is resolved to its
    /// number.
    pub text: String,
    /// The `qr:` key in the brochure file.
    pub at: Location,
}

/// A code an output must show, named by where the brochure file places it.
#[derive(Debug, Clone, PartialEq)]
pub struct Expected {
    /// `panels.<panel>.qr`, `content.qr` or `social.<post>.qr`.
    pub place: String,
    /// What it must read back as.
    pub payload: Payload,
}

/// The codes of a brochure's panels or content, in block order (those of
/// its posts are [`post_code`]).
pub fn printed_codes(brochure: &Brochure) -> Vec<Expected> {
    let place = |panel: &str| if panel == CONTENT { format!("{CONTENT}.qr") } else { format!("panels.{panel}.qr") };
    brochure
        .placed_blocks()
        .filter_map(|(panel, b)| match &b.kind {
            BlockKind::Qr { payload, .. } => Some(Expected { place: place(panel), payload: payload.clone() }),
            _ => None,
        })
        .collect()
}

/// The code of a social post, if it shows one.
pub fn post_code(post: &Post) -> Option<Expected> {
    Some(Expected { place: format!("social.{}.qr", post.id), payload: post.qr.clone()? })
}

/// Why a payload cannot be drawn at a size.
#[derive(Debug, Clone, PartialEq)]
pub enum QrError {
    /// The payload is too long for any QR code.
    TooLong,
    /// Even the weakest error correction gives modules of `module` (mm or
    /// px, as `side` was given); the code needs a side of `needed`.
    TooSmall {
        /// Module size at the weakest level.
        module: f64,
        /// The smallest side that gives modules of the minimum size.
        needed: f64,
    },
}

/// Encodes `payload` in a code of `side` (quiet zone included) whose
/// modules are at least `min_module`, in the same unit.
pub fn encode(payload: &str, side: f64, min_module: f64) -> Result<Matrix, QrError> {
    let mut weakest = None;
    for (level, name) in LEVELS {
        let Ok(code) = QrCode::with_error_correction_level(payload, level) else { continue };
        let modules = code.width() + 2 * QUIET_ZONE;
        if side / modules as f64 >= min_module {
            return Ok(Matrix { modules, runs: runs(&dark(&code), code.width()), level: name });
        }
        weakest = Some(modules);
    }
    match weakest {
        Some(modules) => Err(QrError::TooSmall { module: side / modules as f64, needed: modules as f64 * min_module }),
        None => Err(QrError::TooLong),
    }
}

/// Which modules of `code` are dark, row by row.
fn dark(code: &QrCode) -> Vec<bool> {
    code.to_colors().into_iter().map(|c| c == qrcode::Color::Dark).collect()
}

/// The dark runs of a row-major module grid `width` wide, shifted by the
/// quiet zone.
fn runs(dark: &[bool], width: usize) -> Vec<[usize; 3]> {
    let mut out = Vec::new();
    for (y, row) in dark.chunks(width).enumerate() {
        let mut x = 0;
        while x < row.len() {
            let len = row[x..].iter().take_while(|d| **d).count();
            if len > 0 {
                out.push([x + QUIET_ZONE, y + QUIET_ZONE, len]);
            }
            x += len.max(1);
        }
    }
    out
}

/// Whether `payload` is something a QR block may encode: a web address or
/// a phone number to dial.
pub fn valid_payload(payload: &str) -> bool {
    use crate::load::invisible::{is_bidi_control, is_zero_width};
    let visible = !payload.chars().any(|c| c.is_whitespace() || c.is_control() || is_zero_width(c) || is_bidi_control(c));
    let url = ["https://", "http://"].iter().find_map(|p| payload.strip_prefix(p)).is_some_and(|rest| {
        let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
        !host.is_empty() && !host.contains('@')
    });
    let tel = payload.strip_prefix("tel:").is_some_and(|n| {
        let digits = n.strip_prefix('+').unwrap_or(n);
        (3..=15).contains(&digits.len()) && digits.chars().all(|c| c.is_ascii_digit())
    });
    (url || tel) && visible
}

/// The `tel:` address of a number as printed (`+90 312 123 45 67`).
pub fn tel(number: &str) -> String {
    format!("tel:{}", number.chars().filter(|c| c.is_ascii_digit() || *c == '+').collect::<String>())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn payloads_are_what_they_seem_or_refused() {
        for good in ["https://www.goc.gov.tr", "http://example.org/a?b=c", "tel:157", "tel:+903121234567", "https://içişleri.gov.tr"] {
            assert!(valid_payload(good), "{good}");
        }
        for bad in ["tel:+++", "tel:++90157", "tel:15", "tel:1234567890123456", "https://www.goc.gov.tr\u{200B}/x", "https://a.org/\u{7}", "https://www.goc.gov.tr@evil.com/157", "https://", "https:///x", "https://a\u{202E}b.org", "tel:157\u{FEFF}"] {
            assert!(!valid_payload(bad), "{bad:?}");
        }
    }

    #[test]
    fn large_codes_get_the_strongest_correction() {
        assert_eq!(encode("tel:157", 25.0, MIN_MODULE_MM).unwrap().level, 'H');
        let url = "https://www.goc.gov.tr";
        let small = encode(url, 14.0, MIN_MODULE_MM).unwrap();
        assert!(small.level != 'H', "{small:?}");
        assert!(14.0 / small.modules as f64 >= MIN_MODULE_MM);
    }

    #[test]
    fn a_code_too_small_to_scan_says_how_large_it_must_be() {
        let Err(QrError::TooSmall { module, needed }) = encode("https://www.goc.gov.tr", 8.0, MIN_MODULE_MM) else { panic!() };
        assert!(module < MIN_MODULE_MM);
        assert!(needed > 8.0 && needed < 14.0, "{needed}");
        assert_eq!(encode(&"x".repeat(8000), 100.0, MIN_MODULE_MM), Err(QrError::TooLong));
    }

    #[test]
    fn runs_cover_the_dark_modules_inside_the_quiet_zone() {
        let m = encode("tel:157", 25.0, MIN_MODULE_MM).unwrap();
        assert!(m.runs.iter().all(|[x, y, len]| *x >= QUIET_ZONE && *y >= QUIET_ZONE && x + len <= m.modules - QUIET_ZONE));
        // The top-left finder pattern: a row of seven dark modules.
        assert_eq!(m.runs.first(), Some(&[QUIET_ZONE, QUIET_ZONE, 7]));
    }

    #[test]
    fn payloads_are_web_addresses_or_numbers() {
        assert!(valid_payload("https://www.goc.gov.tr") && valid_payload("tel:157") && valid_payload("tel:+903121234567"));
        for bad in ["www.goc.gov.tr", "tel:", "tel:157 ", "https://", "javascript:alert(1)", "tel:15a"] {
            assert!(!valid_payload(bad), "{bad}");
        }
        assert_eq!(tel("+90 312 123 45 67"), "tel:+903121234567");
    }
}
