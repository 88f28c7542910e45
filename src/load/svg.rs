//! What an SVG costs to draw, judged on the tree usvg parsed, before typst
//! or the contact sheet's rasteriser draw it: a few bytes of SVG can ask
//! for billions of dashes, a stroke wider than the universe or a blur over
//! a region millions of times the picture. Ordinary artwork is far from
//! every limit here.

use usvg::{Group, Node, Tree};

/// Most dashes one SVG may draw, over all its paths.
const MAX_DASHES: f64 = 1_000_000.0;
/// Largest stroke width or filter region side, in multiples of the
/// picture's larger side.
const MAX_EXTENT: f64 = 10.0;

/// Why the SVG would cost too much to draw, if it does.
pub fn too_costly(tree: &Tree) -> Option<String> {
    let size = tree.size();
    let side = f64::from(size.width().max(size.height()));
    let mut dashes = 0.0;
    walk(tree.root(), side, &mut dashes)
}

fn walk(group: &Group, side: f64, dashes: &mut f64) -> Option<String> {
    for filter in group.filters() {
        let (sx, sy) = group.abs_transform().get_scale();
        let rect = filter.rect();
        let extent = (f64::from(rect.width() * sx)).max(f64::from(rect.height() * sy));
        if !(extent <= MAX_EXTENT * side) {
            return Some(format!("has a filter region {} times the size of the picture", rounded(extent / side)));
        }
    }
    for node in group.children() {
        let found = match node {
            Node::Group(inner) => walk(inner, side, dashes),
            Node::Path(path) => path.stroke().and_then(|stroke| {
                let (sx, sy) = path.abs_transform().get_scale();
                let scale = f64::from(sx.max(sy));
                let width = f64::from(stroke.width().get()) * scale;
                if !(width <= MAX_EXTENT * side) {
                    return Some(format!("has a stroke {} times as wide as the picture", rounded(width / side)));
                }
                let period: f64 = stroke.dasharray().map(|d| d.iter().map(|v| f64::from(*v)).sum()).unwrap_or(0.0) * scale;
                if period > 0.0 {
                    *dashes += length(path.data()) * scale / period;
                    if !(*dashes <= MAX_DASHES) {
                        return Some(format!("has dashed strokes of more than {} dashes", MAX_DASHES as u64));
                    }
                }
                None
            }),
            _ => None,
        };
        if found.is_some() {
            return found;
        }
        let mut inner = None;
        node.subroots(|sub| inner = inner.take().or_else(|| walk(sub, side, dashes)));
        if inner.is_some() {
            return inner;
        }
    }
    None
}

/// A bound on a path's length: the length of its control polygon.
fn length(path: &usvg::tiny_skia_path::Path) -> f64 {
    path.points().windows(2).map(|w| f64::from(w[0].distance(w[1]))).sum()
}

/// A large ratio, readable.
fn rounded(ratio: f64) -> String {
    if ratio.is_finite() && ratio < 1e6 { format!("{ratio:.0}") } else { format!("{ratio:.0e}") }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cost(body: &str) -> Option<String> {
        let svg = format!("<svg xmlns='http://www.w3.org/2000/svg' width='100' height='100'>{body}</svg>");
        too_costly(&Tree::from_data(svg.as_bytes(), &usvg::Options::default()).expect("svg"))
    }

    #[test]
    fn ordinary_art_passes_and_bombs_are_named() {
        assert_eq!(cost("<path d='M0 0 L100 100' stroke='red' stroke-width='4' stroke-dasharray='5 3'/><rect width='9' height='9' filter='url(#f)'/><filter id='f'><feGaussianBlur stdDeviation='2'/></filter>"), None);
        let dashes = cost("<path d='M0 0 L100 100' stroke='red' stroke-dasharray='.00001'/>").expect("dashes");
        assert!(dashes.contains("more than 1000000 dashes"), "{dashes}");
        let wide = cost("<path d='M0 0 L100 100' stroke='red' stroke-width='1e30'/>").expect("wide");
        assert!(wide.contains("stroke 1e28 times as wide"), "{wide}");
        let region = cost("<filter id='f' filterUnits='userSpaceOnUse' x='-1e6' y='-1e6' width='2e6' height='2e6'><feGaussianBlur stdDeviation='2'/></filter><rect width='9' height='9' filter='url(#f)'/>").expect("region");
        assert!(region.contains("filter region 20000 times"), "{region}");
    }
}
