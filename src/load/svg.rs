//! What an SVG costs to draw, judged on the tree usvg parsed, before typst
//! or the contact sheet's rasteriser draw it: a few bytes of SVG can ask
//! for billions of dashes, a stroke wider than the universe or a blur over
//! a region millions of times the picture, a noise of a hundred million
//! octaves, a path of millions of points or a book of text. Ordinary
//! artwork is far from every limit here.

use usvg::filter::Kind;
use usvg::{Group, Node, Tree};

/// Most dashes one SVG may draw, over all its paths.
const MAX_DASHES: f64 = 1_000_000.0;
/// Largest stroke width or filter region side, in multiples of the
/// picture's larger side.
const MAX_EXTENT: f64 = 10.0;
/// Most points of all the SVG's paths together (a detailed map has tens of
/// thousands).
pub const MAX_PATH_POINTS: usize = 250_000;
/// Most octaves of an `feTurbulence` noise: each halves the one before,
/// so past 10 nothing visible changes, while the time grows with each.
pub const MAX_OCTAVES: u32 = 10;
/// Most filter work: each primitive counts the area of its filter region
/// in pictures (a noise once per octave, a convolution per nine cells), over
/// every filtered element.
pub const MAX_FILTER_WORK: f64 = 100.0;
/// Largest `feMorphology` radius, as a share of the picture's larger side:
/// its time grows with the square of the radius at every pixel.
const MAX_MORPHOLOGY: f64 = 0.02;
/// Most characters of text (`<text>`) one SVG may hold.
pub const MAX_TEXT_CHARS: usize = 20_000;

/// What the SVG has drawn so far.
#[derive(Default)]
struct Tally {
    dashes: f64,
    points: usize,
    filter_work: f64,
}

/// Why the SVG would cost too much to draw, if it does.
pub fn too_costly(tree: &Tree) -> Option<String> {
    let size = tree.size();
    let side = f64::from(size.width().max(size.height()));
    walk(tree.root(), side, &mut Tally::default())
}

/// The cost of one filter applied over `area` pictures, or why it is too
/// much on its own.
fn filter_cost(filter: &usvg::filter::Filter, area: f64, side: f64) -> Result<f64, String> {
    let mut work = 0.0;
    for primitive in filter.primitives() {
        let weight = match primitive.kind() {
            Kind::Turbulence(noise) if noise.num_octaves() > MAX_OCTAVES => {
                return Err(format!("has a noise filter (feTurbulence) of {} octaves; more than {MAX_OCTAVES} change nothing visible", noise.num_octaves()));
            }
            Kind::Turbulence(noise) => f64::from(noise.num_octaves().max(1)),
            Kind::Morphology(m) => {
                let radius = f64::from(m.radius_x().get().max(m.radius_y().get()));
                if !(radius <= MAX_MORPHOLOGY * side) {
                    return Err(format!("has a morphology filter radius of {} % of the picture, more than {} %", rounded(radius / side * 100.0), MAX_MORPHOLOGY * 100.0));
                }
                1.0
            }
            Kind::ConvolveMatrix(c) => f64::from(c.matrix().columns() * c.matrix().rows()) / 9.0,
            _ => 1.0,
        };
        work += weight * area;
    }
    Ok(work)
}

fn walk(group: &Group, side: f64, tally: &mut Tally) -> Option<String> {
    for filter in group.filters() {
        let (sx, sy) = group.abs_transform().get_scale();
        let rect = filter.rect();
        let (w, h) = (f64::from(rect.width() * sx), f64::from(rect.height() * sy));
        let extent = w.max(h);
        if !(extent <= MAX_EXTENT * side) {
            return Some(format!("has a filter region {} times the size of the picture", rounded(extent / side)));
        }
        match filter_cost(filter, w * h / (side * side), side) {
            Err(problem) => return Some(problem),
            Ok(work) => tally.filter_work += work,
        }
        if !(tally.filter_work <= MAX_FILTER_WORK) {
            return Some(format!("has filters that would redraw the picture more than {MAX_FILTER_WORK} times over"));
        }
    }
    for node in group.children() {
        let found = match node {
            Node::Group(inner) => walk(inner, side, tally),
            Node::Path(path) => path_cost(path, side, tally),
            _ => None,
        };
        if found.is_some() {
            return found;
        }
        let mut inner = None;
        node.subroots(|sub| inner = inner.take().or_else(|| walk(sub, side, tally)));
        if inner.is_some() {
            return inner;
        }
    }
    None
}

/// Adds a path's points and dashes to the tally; why it is too much, if so.
fn path_cost(path: &usvg::Path, side: f64, tally: &mut Tally) -> Option<String> {
    tally.points += path.data().len();
    if tally.points > MAX_PATH_POINTS {
        return Some(format!("has paths of more than {MAX_PATH_POINTS} points"));
    }
    let stroke = path.stroke()?;
    let (sx, sy) = path.abs_transform().get_scale();
    let scale = f64::from(sx.max(sy));
    let width = f64::from(stroke.width().get()) * scale;
    if !(width <= MAX_EXTENT * side) {
        return Some(format!("has a stroke {} times as wide as the picture", rounded(width / side)));
    }
    let period: f64 = stroke.dasharray().map(|d| d.iter().map(|v| f64::from(*v)).sum()).unwrap_or(0.0) * scale;
    if period > 0.0 {
        tally.dashes += length(path.data()) * scale / period;
        if !(tally.dashes <= MAX_DASHES) {
            return Some(format!("has dashed strokes of more than {} dashes", MAX_DASHES as u64));
        }
    }
    None
}

/// Whether the SVG's `<text>` elements hold more than [`MAX_TEXT_CHARS`]
/// characters (read from the source: usvg without fonts drops text).
pub fn too_much_text(data: &[u8]) -> Option<String> {
    let text = String::from_utf8_lossy(data);
    let (mut depth, mut chars, mut rest) = (0usize, 0usize, text.as_ref());
    while let Some(open) = rest.find('<') {
        if depth > 0 {
            chars += rest[..open].chars().filter(|c| !c.is_whitespace()).count();
        }
        let tag = &rest[open + 1..];
        let name: String = tag.trim_start_matches('/').chars().take_while(|c| c.is_alphanumeric() || *c == ':').collect();
        let self_closing = tag.split('>').next().is_some_and(|t| t.ends_with('/'));
        if name == "text" || name.ends_with(":text") {
            match tag.starts_with('/') {
                true => depth = depth.saturating_sub(1),
                false if !self_closing => depth += 1,
                false => {}
            }
        }
        rest = tag.find('>').map_or("", |end| &tag[end + 1..]);
    }
    (chars > MAX_TEXT_CHARS).then(|| format!("holds {chars} characters of text, more than the {MAX_TEXT_CHARS} kalem sets in one picture"))
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

    #[test]
    fn noise_morphology_many_filters_and_long_paths_are_refused() {
        assert_eq!(cost("<filter id='f'><feTurbulence baseFrequency='0.05' numOctaves='4'/><feMorphology radius='1'/></filter><rect width='100' height='100' filter='url(#f)'/>"), None);
        let noise = cost("<filter id='f'><feTurbulence baseFrequency='0.05' numOctaves='100000000'/></filter><rect width='100' height='100' filter='url(#f)'/>").expect("noise");
        assert!(noise.contains("feTurbulence) of 100000000 octaves"), "{noise}");
        let morphology = cost("<filter id='f'><feMorphology radius='30'/></filter><rect width='100' height='100' filter='url(#f)'/>").expect("morphology");
        assert!(morphology.contains("morphology filter radius of 30 %"), "{morphology}");
        let blurs = "<rect width='100' height='100' filter='url(#f)'/>".repeat(200);
        let many = cost(&format!("<filter id='f'><feGaussianBlur stdDeviation='2'/></filter>{blurs}")).expect("many");
        assert!(many.contains("more than 100 times over"), "{many}");
        let path = format!("<path d='M0 0{}' stroke='red'/>", " l1 1 l-1 -1".repeat(130_000));
        assert!(cost(&path).expect("points").contains("more than 250000 points"));
    }

    #[test]
    fn text_is_counted_inside_text_elements_only() {
        let svg = |body: String| format!("<svg xmlns='http://www.w3.org/2000/svg'><title>{}</title>{body}</svg>", "t".repeat(30_000));
        assert_eq!(too_much_text(svg("<text x='1'>Merhaba <tspan>dünya</tspan></text><text/>".into()).as_bytes()), None);
        let long = too_much_text(svg(format!("<text>{}</text>", "a ".repeat(25_000))).as_bytes()).expect("long");
        assert!(long.contains("25000 characters of text"), "{long}");
    }
}
