//! Validates the blocks campaign material carries besides text: QR codes
//! and the funders' and partners' row.

use super::image::image_path;
use super::{Ctx, Want};
use crate::load::marked::Step;
use crate::model::qr::{self, DEFAULT_SIDE_MM, MIN_MODULE_MM, Payload, QrError};
use crate::model::brochure::PartnersSpec;
use crate::model::{BlockKind, EU_STATEMENT, Partners};

/// Smallest EU emblem in print, in mm of its height.
pub const MIN_EMBLEM_MM: f64 = 10.0;
/// Height of a partners row when the block does not give one, in mm.
const DEFAULT_PARTNERS_MM: f64 = 12.0;

/// What a `qr:` value encodes: a contact id dials the contact's number.
fn qr_payload(ctx: &Ctx, raw: &str) -> String {
    ctx.config.contacts.get(raw).map_or_else(|| raw.to_string(), |c| qr::tel(&c.number))
}

/// Resolves the `qr:` of a social post at `path`; a post shows either an
/// image or a code.
pub(super) fn social_qr(ctx: &mut Ctx, path: &[Step], raw: &str, has_image: bool) -> Option<Payload> {
    let payload = qr_payload(ctx, raw);
    if has_image {
        ctx.error(path, "this post has both an image and a QR code, which take the same place", "remove `image:` or `qr:`");
    } else if !qr::valid_payload(&payload) {
        ctx.error(path, format!("QR code `{raw}` is neither a web address, a number to dial nor a contact"), "write `https://host/…` (no user part before `@`), `tel:157` (3 to 15 digits, one leading `+` at most) or a contact id from kalem.yaml, without spaces or invisible characters");
    } else {
        return Some(Payload { text: payload, at: ctx.at(path) });
    }
    None
}

/// Resolves a `qr:` block at `path` (the `qr` key) of side `height`.
pub(super) fn qr_block(ctx: &mut Ctx, path: &[Step], raw: &str, height: Option<f64>) -> Option<BlockKind> {
    let payload = qr_payload(ctx, raw);
    if !qr::valid_payload(&payload) {
        ctx.error(path, format!("QR code `{raw}` is neither a web address, a number to dial nor a contact"), "write `https://host/…` (no user part before `@`), `tel:157` (3 to 15 digits, one leading `+` at most) or a contact id from kalem.yaml, without spaces or invisible characters");
        return None;
    }
    let side = height.unwrap_or(DEFAULT_SIDE_MM);
    match qr::encode(&payload, side, MIN_MODULE_MM) {
        Ok(_) => {}
        Err(QrError::TooLong) => {
            ctx.error(path, format!("QR code `{raw}` is too long to encode"), "encode a shorter address");
            return None;
        }
        Err(QrError::TooSmall { module, needed }) => {
            ctx.error(
                path,
                format!("QR code `{raw}` of {side} mm has modules of {module:.2} mm; under {MIN_MODULE_MM} mm it does not scan from a leaflet"),
                format!("give the block `height: {}` (mm) or more, or encode a shorter address", needed.ceil()),
            );
            return None;
        }
    }
    Some(BlockKind::Qr { payload: Payload { text: payload, at: ctx.at(path) }, side })
}

/// Resolves a `partners:` block at `path` with logos `height` mm tall.
pub(super) fn partners_block(ctx: &mut Ctx, path: &[Step], spec: &PartnersSpec, height: Option<f64>) -> Option<BlockKind> {
    let sub = |key: &'static str| -> Vec<Step> { path.iter().copied().chain([Step::Key(key)]).collect() };
    let height = height.unwrap_or(DEFAULT_PARTNERS_MM);
    if spec.eu && height < MIN_EMBLEM_MM {
        ctx.error(path, format!("the EU emblem is {height} mm high; funding rules ask for at least {MIN_EMBLEM_MM} mm in print"), format!("give the block `height: {MIN_EMBLEM_MM}` or more"));
    } else if !(4.0..=60.0).contains(&height) {
        ctx.error(path, format!("logo height {height} mm is out of range"), "give a height in mm between 4 and 60");
    }
    if !spec.eu && spec.logos.is_empty() {
        ctx.error(path, "this partners row shows nothing", "add `eu: true` or `logos: [assets/…]`");
    }
    if spec.eu {
        ctx.key(path, EU_STATEMENT, Want::Text);
    }
    if spec.alt.len() != spec.logos.len() {
        ctx.error(
            &sub("alt"),
            format!("{} logo(s) but {} description(s): screen readers need one for each logo", spec.logos.len(), spec.alt.len()),
            "add `alt: [key, …]` with a translation key per logo, in the order of `logos`",
        );
    }
    for (i, key) in spec.alt.iter().enumerate() {
        let at: Vec<Step> = sub("alt").into_iter().chain([Step::Index(i)]).collect();
        ctx.key(&at, key, Want::Text);
    }
    if let Some(key) = &spec.disclaimer {
        ctx.key(&sub("disclaimer"), key, Want::Text);
    }
    let logos = spec
        .logos
        .iter()
        .enumerate()
        .filter_map(|(i, raw)| {
            let at: Vec<Step> = sub("logos").into_iter().chain([Step::Index(i)]).collect();
            image_path(ctx, &at, raw)
        })
        .collect::<Vec<_>>();
    (logos.len() == spec.logos.len()).then(|| BlockKind::Partners(Partners { eu: spec.eu, logos, alt: spec.alt.clone(), height, disclaimer: spec.disclaimer.clone() }))
}
