//! Colour management: the output profile's rendering of CMYK for screens
//! (relative colorimetric with black point compensation) and the output
//! condition's CMYK of sRGB colours, with moxcms. Transforms are built once
//! per profile; converting a colour is a few table look-ups.

use std::sync::Arc;

use moxcms::{ColorProfile, Layout, RenderingIntent, TransformF64Executor, TransformOptions};

use super::Cmyk;

/// The D50 white of the profile connection space (ICC).
const D50: [f64; 3] = [0.9642, 1.0, 0.8249];

/// Converts colours between the CMYK output condition and sRGB.
#[derive(Clone)]
pub struct Colours {
    to_srgb: Arc<TransformF64Executor>,
    to_xyz: Arc<TransformF64Executor>,
    to_cmyk: Arc<TransformF64Executor>,
    /// The luminance (Y, 0 to 1) of the profile's black point, which
    /// screens show as black.
    black: f64,
}

impl std::fmt::Debug for Colours {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Colours").field("black", &self.black).finish_non_exhaustive()
    }
}

/// CIE L*a*b* (D50): lightness 0 to 100, a* and b* around 0.
pub type Lab = [f64; 3];

impl Colours {
    /// Builds the transforms of a CMYK output profile, or says why not.
    pub fn new(profile: &[u8]) -> Result<Colours, String> {
        let cmyk = ColorProfile::new_from_slice(profile).map_err(|e| format!("it cannot be read as ICC: {e}"))?;
        let srgb = ColorProfile::new_srgb();
        let options = |intent| TransformOptions { rendering_intent: intent, ..TransformOptions::default() };
        let relative = options(RenderingIntent::RelativeColorimetric);
        let fail = |e: moxcms::CmsError| format!("it has no usable colour tables: {e}");
        let to_srgb = cmyk.create_transform_f64(Layout::Rgba, &srgb, Layout::Rgb, relative).map_err(fail)?;
        let to_xyz = cmyk.create_transform_f64(Layout::Rgba, &pcs_xyz(), Layout::Rgb, relative).map_err(fail)?;
        let to_cmyk = srgb.create_transform_f64(Layout::Rgb, &cmyk, Layout::Rgba, relative).map_err(fail)?;
        // The black point as littleCMS detects it for a CMYK output
        // profile: the darkest colour its perceptual table prints for
        // black, read back colorimetrically; only its lightness counts.
        let perceptual = srgb.create_transform_f64(Layout::Rgb, &cmyk, Layout::Rgba, options(RenderingIntent::Perceptual)).map_err(fail)?;
        let (mut ink, mut xyz) = ([0.0; 4], [0.0; 3]);
        perceptual.transform(&[0.0; 3], &mut ink).map_err(fail)?;
        to_xyz.transform(&ink, &mut xyz).map_err(fail)?;
        let black = xyz[1].clamp(0.0, 0.5);
        Ok(Colours { to_srgb: Arc::from(to_srgb), to_xyz: Arc::from(to_xyz), to_cmyk: Arc::from(to_cmyk), black })
    }

    /// How the output profile prints `c`, as L*a*b* (D50, relative
    /// colorimetric, from the profile's A2B table, no black point
    /// compensation).
    pub fn lab(&self, c: Cmyk) -> Lab {
        let mut xyz = [0.0; 3];
        // Buffers of the right length cannot fail; paper white if they do.
        if self.to_xyz.transform(&c.0.map(|v| v / 100.0), &mut xyz).is_err() {
            return [100.0, 0.0, 0.0];
        }
        lab(xyz)
    }

    /// The sRGB colour (0 to 1) a screen shows for `c`: the profile's
    /// rendering, relative colorimetric with black point compensation
    /// (which moxcms lacks: the profile's black is scaled to sRGB black in
    /// linear light, as littleCMS does in XYZ).
    pub fn screen(&self, c: Cmyk) -> [f64; 3] {
        let mut rgb = [1.0; 3];
        let _ = self.to_srgb.transform(&c.0.map(|v| v / 100.0), &mut rgb);
        rgb.map(|v| encode_srgb(((decode_srgb(v) - self.black) / (1.0 - self.black)).clamp(0.0, 1.0)))
    }

    /// The output condition's CMYK (8 bits a channel) of 8-bit sRGB pixels,
    /// relative colorimetric.
    pub fn cmyk_pixels(&self, rgb: &[u8]) -> Vec<u8> {
        // In slices, so that a large photo does not take eight bytes a
        // channel in memory at once (a 5000 × 5000 image took 1.7 GB).
        const PIXELS: usize = 1 << 14;
        let mut cmyk = Vec::with_capacity(rgb.len() / 3 * 4);
        let (mut input, mut out) = (vec![0.0; PIXELS * 3], vec![0.0; PIXELS * 4]);
        for slice in rgb[..rgb.len() / 3 * 3].chunks(PIXELS * 3) {
            let (input, out) = (&mut input[..slice.len()], &mut out[..slice.len() / 3 * 4]);
            input.iter_mut().zip(slice).for_each(|(f, &v)| *f = f64::from(v) / 255.0);
            let _ = self.to_cmyk.transform(input, out);
            cmyk.extend(out.iter().map(|v| (v.clamp(0.0, 1.0) * 255.0).round() as u8));
        }
        cmyk
    }

    /// [`Colours::screen`] in 8-bit sRGB.
    pub fn srgb(&self, c: Cmyk) -> [u8; 3] {
        self.screen(c).map(|v| (v * 255.0).round() as u8)
    }

    /// The output condition's CMYK (percent) of an sRGB colour (0 to 1),
    /// relative colorimetric; black stays black ink only.
    pub fn cmyk(&self, rgb: [f64; 3]) -> Cmyk {
        if rgb.iter().all(|v| *v <= 0.0) {
            return Cmyk::BLACK;
        }
        if rgb.iter().all(|v| *v >= 1.0) {
            return Cmyk::WHITE;
        }
        let mut cmyk = [0.0; 4];
        let _ = self.to_cmyk.transform(&rgb.map(|v| v.clamp(0.0, 1.0)), &mut cmyk);
        Cmyk(cmyk.map(|v| (v.clamp(0.0, 1.0) * 1000.0).round() / 10.0))
    }
}

/// A profile whose "RGB" is the PCS's XYZ itself (identity primaries,
/// linear curves, D50 white): a transform to it reads a profile's A2B
/// table as XYZ.
fn pcs_xyz() -> ColorProfile {
    let mut profile = ColorProfile::new_srgb();
    profile.red_colorant = moxcms::Xyzd { x: 1.0, y: 0.0, z: 0.0 };
    profile.green_colorant = moxcms::Xyzd { x: 0.0, y: 1.0, z: 0.0 };
    profile.blue_colorant = moxcms::Xyzd { x: 0.0, y: 0.0, z: 1.0 };
    let linear = moxcms::ToneReprCurve::Lut(Vec::new());
    (profile.red_trc, profile.green_trc, profile.blue_trc) = (Some(linear.clone()), Some(linear.clone()), Some(linear));
    profile.cicp = None;
    profile.media_white_point = None;
    profile
}

/// sRGB's transfer function, encoded (0 to 1) to linear light.
fn decode_srgb(v: f64) -> f64 {
    if v <= 0.04045 { v / 12.92 } else { ((v + 0.055) / 1.055).powf(2.4) }
}

/// Linear light to sRGB's encoding.
fn encode_srgb(v: f64) -> f64 {
    if v <= 0.0031308 { v * 12.92 } else { 1.055 * v.powf(1.0 / 2.4) - 0.055 }
}

/// CIE XYZ (D50) of a Lab colour.
pub fn xyz([l, a, b]: Lab) -> [f64; 3] {
    let f_inv = |t: f64| if t > 6.0 / 29.0 { t * t * t } else { 3.0 * (6.0f64 / 29.0).powi(2) * (t - 4.0 / 29.0) };
    let fy = (l + 16.0) / 116.0;
    [D50[0] * f_inv(fy + a / 500.0), D50[1] * f_inv(fy), D50[2] * f_inv(fy - b / 200.0)]
}

/// CIE Lab of an XYZ (D50) colour.
pub fn lab([x, y, z]: [f64; 3]) -> Lab {
    let f = |t: f64| if t > (6.0f64 / 29.0).powi(3) { t.cbrt() } else { t / (3.0 * (6.0f64 / 29.0).powi(2)) + 4.0 / 29.0 };
    let (fx, fy, fz) = (f(x / D50[0]), f(y / D50[1]), f(z / D50[2]));
    [116.0 * fy - 16.0, 500.0 * (fx - fy), 200.0 * (fy - fz)]
}

/// The transforms of the profile of `condition` shipped with the sample
/// project, for tests.
#[cfg(test)]
pub(crate) fn shipped(condition: &super::condition::PrintCondition) -> Colours {
    let bytes = std::fs::read(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(condition.profile())).unwrap();
    Colours::new(&bytes).unwrap()
}

/// The transforms of the default printing condition's profile, for tests.
#[cfg(test)]
pub(crate) fn sample() -> Colours {
    shipped(&Default::default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pixels_convert_the_same_in_slices_as_one_by_one() {
        let colours = sample();
        let rgb: Vec<u8> = (0..40_000u32).flat_map(|i| [(i % 251) as u8, (i % 113) as u8, (i % 7 * 36) as u8]).collect();
        let whole = colours.cmyk_pixels(&rgb);
        assert_eq!(whole.len(), 40_000 * 4);
        for i in [0, 16_383, 16_384, 39_999] {
            assert_eq!(whole[i * 4..i * 4 + 4], colours.cmyk_pixels(&rgb[i * 3..i * 3 + 3])[..], "pixel {i}");
        }
    }

    fn near(got: [u8; 3], want: [u8; 3], by: u8) -> bool {
        got.iter().zip(want).all(|(g, w)| g.abs_diff(w) <= by)
    }

    #[test]
    fn brand_colours_show_as_little_cms_renders_them() {
        use super::super::condition::PrintCondition;
        // littleCMS (`transicc -t1 -b`, relative colorimetric with black
        // point compensation; Lab with `-t1` alone) on the same profiles,
        // clipped to 0..255: the navy, the bright orange, 100 % K, the
        // navy's Lab.
        for (condition, navy, orange, black, [l0, a0, b0]) in [
            (PrintCondition::Fogra39, [0, 67, 129], [240, 124, 5], [32, 31, 30], [29.72, -1.25, -38.88]),
            (PrintCondition::Gracol2006, [0, 66, 125], [241, 126, 9], [29, 28, 27], [28.96, -2.31, -38.0]),
        ] {
            let colours = shipped(&condition);
            for (cmyk, want) in [(Cmyk([100.0, 65.0, 0.0, 30.0]), navy), (Cmyk([0.0, 60.0, 100.0, 0.0]), orange), (Cmyk::BLACK, black)] {
                assert!(near(colours.srgb(cmyk), want, 1), "{condition:?} {cmyk:?}: {:?}", colours.srgb(cmyk));
            }
            assert_eq!(colours.srgb(Cmyk::WHITE), [255, 255, 255]);
            let [l, a, b] = colours.lab(Cmyk([100.0, 65.0, 0.0, 30.0]));
            assert!((l - l0).abs() < 0.5 && (a - a0).abs() < 0.5 && (b - b0).abs() < 0.5, "{condition:?}: {l} {a} {b}");
        }
    }

    #[test]
    fn black_stays_black_ink_only_and_colours_round_trip() {
        let colours = sample();
        assert_eq!(colours.cmyk([0.0; 3]), Cmyk::BLACK);
        let navy = colours.cmyk([0.0, 66.0 / 255.0, 125.0 / 255.0]);
        assert!(near(colours.srgb(navy), [0, 66, 125], 3), "{navy:?} {:?}", colours.srgb(navy));
    }

    #[test]
    fn lab_and_xyz_are_inverse() {
        let back = lab(xyz([42.0, 10.0, -30.0]));
        assert!(back.iter().zip([42.0, 10.0, -30.0]).all(|(a, b)| (a - b).abs() < 1e-9));
    }
}
