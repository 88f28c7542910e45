//! Print and screen from one layout. An edition is laid out once, with
//! its links; the print PDF takes the pages without links, the screen PDF
//! the same pages without their bleed and with every CMYK colour as the
//! RGB the output profile prints it. Setting the edition twice would cost
//! a second typst compile per edition for pages that are the same.
//!
//! This is also the one place that converts the brand's CMYK colours for
//! screens (social images convert their inks with [`screen_ink`]).

use std::cell::RefCell;
use std::collections::HashMap;

use typst::layout::{Abs, FrameItem, Sides};
use typst::visualize::{Color, FixedStroke, Paint, ProcessColor, Rgb};
use typst_layout::{Page, PagedDocument};

use super::contract::Ink;
use super::walk::{map_items, map_pages};
use crate::model::Cmyk;
use crate::model::colour::Colours;

/// An edition's pages for screens ([`for_screen`]), a folded sheet
/// unfolded into its panels in reading order ([`super::unfold`]).
pub fn for_screen_edition(doc: &PagedDocument, edition: &crate::model::Edition, colours: &Colours) -> PagedDocument {
    super::unfold::panel_pages(&for_screen(doc, colours), edition.brochure.format, edition.dir())
}

/// A CMYK colour as sRGB for screens, as the output profile prints it; RGB
/// stays as it is.
pub fn screen_ink(ink: Ink, colours: &Colours) -> Ink {
    match ink {
        Ink::Cmyk(cmyk) => Ink::Rgb(colours.screen(Cmyk(cmyk)).map(|v| (v * 1000.0).round() / 10.0)),
        rgb => rgb,
    }
}

/// The edition's pages for print: the same, without links.
pub fn for_print(doc: &PagedDocument) -> PagedDocument {
    map_pages(doc, |page| Page { frame: map_items(&page.frame, &mut |item| (!matches!(item, FrameItem::Link(..))).then(|| item.clone())), ..page.clone() })
}

/// The edition's pages for screens: no bleed, RGB colours, links kept.
pub fn for_screen(doc: &PagedDocument, colours: &Colours) -> PagedDocument {
    // A page has thousands of items in a handful of colours, and each
    // conversion through the profile is costly: each colour is converted
    // once.
    let converted: RefCell<HashMap<Paint, Paint>> = RefCell::default();
    let paint = |p: &Paint| converted.borrow_mut().entry(p.clone()).or_insert_with(|| screen_paint(p, colours)).clone();
    map_pages(doc, |page| Page {
        frame: map_items(&page.frame, &mut |item| Some(recolour(item, &paint))),
        bleed: Sides::splat(Abs::zero()),
        fill: page.fill.clone().map(|fill| fill.map(|f| paint(&f))),
        ..page.clone()
    })
}

/// An item with its fills and strokes through `paint`.
fn recolour(item: &FrameItem, paint: &impl Fn(&Paint) -> Paint) -> FrameItem {
    let stroke = |s: &FixedStroke| FixedStroke { paint: paint(&s.paint), ..s.clone() };
    match item {
        FrameItem::Text(text) => {
            let mut text = text.clone();
            text.fill = paint(&text.fill);
            text.stroke = text.stroke.as_ref().map(stroke);
            FrameItem::Text(text)
        }
        FrameItem::Shape(shape, span) => {
            let mut shape = shape.clone();
            shape.fill = shape.fill.as_ref().map(paint);
            shape.stroke = shape.stroke.as_ref().map(stroke);
            FrameItem::Shape(shape, *span)
        }
        other => other.clone(),
    }
}

/// A CMYK paint as the RGB of [`screen_ink`]; any other paint as it is.
fn screen_paint(p: &Paint, colours: &Colours) -> Paint {
    match p {
        Paint::Solid(color @ Color::Process(ProcessColor::Cmyk(_))) => {
            let cmyk = color.to_vec4().map(|v| f64::from(v) * 100.0);
            match screen_ink(Ink::Cmyk(cmyk), colours) {
                Ink::Rgb([r, g, b]) => Paint::Solid(Color::Process(ProcessColor::Rgb(Rgb::new((r / 100.0) as f32, (g / 100.0) as f32, (b / 100.0) as f32, 1.0)))),
                Ink::Cmyk(_) => p.clone(),
            }
        }
        other => other.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn screen_colours_are_the_profiles_rgb() {
        let colours = crate::model::colour::sample();
        assert_eq!(screen_ink(Ink::Cmyk([0.0, 0.0, 0.0, 0.0]), &colours), Ink::Rgb([100.0, 100.0, 100.0]));
        let Ink::Rgb([r, g, b]) = screen_ink(Ink::Cmyk([100.0, 65.0, 0.0, 30.0]), &colours) else { panic!() };
        // littleCMS on the FOGRA39 profile: sRGB 0, 67.4, 128.8 of 255.
        assert!(r < 1.0 && (g - 26.4).abs() < 0.6 && (b - 50.5).abs() < 0.6, "{r} {g} {b}");
        assert_eq!(screen_ink(Ink::Rgb([1.0, 2.0, 3.0]), &colours), Ink::Rgb([1.0, 2.0, 3.0]));
    }

    #[test]
    fn a_cmyk_paint_becomes_the_same_rgb_as_its_ink() {
        let colours = crate::model::colour::sample();
        use typst::visualize::{ColorSpace, ProcessColorSpace};
        let color = Color::from_u8(0, 60, 120, 255).to_space(&ColorSpace::Process(ProcessColorSpace::Cmyk)).unwrap();
        let Ink::Rgb(want) = screen_ink(Ink::Cmyk(color.to_vec4().map(|v| f64::from(v) * 100.0)), &colours) else { panic!() };
        let cmyk = Paint::Solid(color);
        let Paint::Solid(got) = screen_paint(&cmyk, &colours) else { panic!() };
        let got = got.to_vec4();
        for i in 0..3 {
            assert!((f64::from(got[i]) * 100.0 - want[i]).abs() < 0.01, "{got:?} {want:?}");
        }
        let rgb = Paint::Solid(Color::Process(ProcessColor::Rgb(Rgb::new(0.1, 0.2, 0.3, 1.0))));
        assert_eq!(screen_paint(&rgb, &colours), rgb);
    }
}
