//! The colour spaces a PDF's resources declare. typst declares an ICC grey
//! and an ICC RGB space on every page; once kalem has set every colour of
//! the print PDF in CMYK nothing paints with them, yet a strict preflight
//! lists an RGB space whether it is used or not. Finishing removes every
//! space nothing paints with; `kalem preflight` reports what is declared.

use std::collections::{BTreeMap, BTreeSet};

use lopdf::content::Content;
use lopdf::{Dictionary, Document, Object, ObjectId};

use super::content_walk::{Painting, describe_space};
use crate::diag::{Diagnostic, Diagnostics};

/// Largest decompressed content stream read, in bytes.
const MAX_CONTENT: usize = 64 << 20;

/// Where a `/ColorSpace` dictionary lives, so that pages and forms sharing
/// one count together.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Home {
    /// An object of its own.
    Object(ObjectId),
    /// Inside a resource dictionary that is an object of its own.
    Resources(ObjectId),
    /// Inside a resource dictionary written into its page or form.
    Owner(ObjectId),
}

/// Names a content stream sets colour spaces by: `None` when they cannot
/// be known (unreadable content, a font's glyphs), so all are kept.
type Used = Option<BTreeSet<Vec<u8>>>;

/// Removes from every page's and form's resources the colour spaces its
/// content never selects (`cs`, `CS`, an inline image's `/CS`); returns how
/// many. The objects they pointed to go when the document is pruned.
pub fn remove_unused(doc: &mut Document) -> usize {
    let mut used: BTreeMap<Home, Used> = BTreeMap::new();
    // Forms without resources of their own use their parent's.
    let mut borrowed: Used = Some(BTreeSet::new());
    for (&id, object) in &doc.objects {
        let Some(dict) = object.as_dict().ok().or_else(|| object.as_stream().ok().map(|s| &s.dict)) else { continue };
        match home(doc, id, dict) {
            Some(home) => merge(used.entry(home).or_insert_with(|| Some(BTreeSet::new())), names_used(doc, id, object)),
            None if !dict.has(b"Resources") && dict.get(b"Subtype").and_then(Object::as_name).is_ok_and(|s| s == b"Form") => merge(&mut borrowed, names_used(doc, id, object)),
            None => {}
        }
    }
    let Some(borrowed) = borrowed else { return 0 };
    let mut removed = 0;
    for (home, names) in used {
        let Some(names) = names else { continue };
        let Some(spaces) = spaces_mut(doc, home) else { continue };
        let unused: Vec<Vec<u8>> = spaces.iter().map(|(name, _)| name.clone()).filter(|n| !names.contains(n) && !borrowed.contains(n)).collect();
        for name in &unused {
            spaces.remove(name);
        }
        removed += unused.len();
        if spaces.is_empty() {
            drop_empty(doc, home);
        }
    }
    removed
}

fn merge(into: &mut Used, names: Used) {
    match (into.as_mut(), names) {
        (Some(set), Some(names)) => set.extend(names),
        _ => *into = None,
    }
}

/// Where the `/ColorSpace` dictionary of `owner`'s resources lives, if it
/// has one.
fn home(doc: &Document, owner: ObjectId, dict: &Dictionary) -> Option<Home> {
    let (resources, home) = match dict.get(b"Resources").ok()? {
        Object::Reference(id) => (doc.get_dictionary(*id).ok()?, Home::Resources(*id)),
        Object::Dictionary(d) => (d, Home::Owner(owner)),
        _ => return None,
    };
    match resources.get(b"ColorSpace").ok()? {
        Object::Reference(id) => Some(Home::Object(*id)),
        Object::Dictionary(_) => Some(home),
        _ => None,
    }
}

/// The colour space names the content of a page or form selects.
fn names_used(doc: &Document, id: ObjectId, object: &Object) -> Used {
    let bytes = match object {
        Object::Dictionary(d) if d.has_type(b"Page") => doc.get_page_content_with_limit(id, MAX_CONTENT).ok()?,
        Object::Stream(s) => s.get_plain_content_with_limit(MAX_CONTENT).ok()?,
        _ => return None,
    };
    let mut names = BTreeSet::new();
    for op in Content::decode(&bytes).ok()?.operations {
        let name = match (op.operator.as_str(), op.operands.first()) {
            ("cs" | "CS", Some(Object::Name(name))) => name.clone(),
            ("BI", Some(Object::Stream(image))) => match image.dict.get(b"CS").or_else(|_| image.dict.get(b"ColorSpace")) {
                Ok(Object::Name(name)) => name.clone(),
                _ => continue,
            },
            _ => continue,
        };
        names.insert(name);
    }
    Some(names)
}

/// The `/ColorSpace` dictionary at `home`.
fn spaces_mut(doc: &mut Document, home: Home) -> Option<&mut Dictionary> {
    let resources = match home {
        Home::Object(id) => return doc.get_dictionary_mut(id).ok(),
        Home::Resources(id) => doc.get_dictionary_mut(id).ok()?,
        Home::Owner(id) => match doc.get_object_mut(id).ok()? {
            Object::Dictionary(d) => d.get_mut(b"Resources").ok()?.as_dict_mut().ok()?,
            Object::Stream(s) => s.dict.get_mut(b"Resources").ok()?.as_dict_mut().ok()?,
            _ => return None,
        },
    };
    resources.get_mut(b"ColorSpace").ok()?.as_dict_mut().ok()
}

/// Removes an emptied `/ColorSpace` from resources that hold it inline (one
/// of its own object is left empty: other resources may point to it).
fn drop_empty(doc: &mut Document, home: Home) {
    let resources = match home {
        Home::Object(_) => None,
        Home::Resources(id) => doc.get_dictionary_mut(id).ok(),
        Home::Owner(id) => match doc.get_object_mut(id) {
            Ok(Object::Dictionary(d)) => d.get_mut(b"Resources").ok().and_then(|r| r.as_dict_mut().ok()),
            Ok(Object::Stream(s)) => s.dict.get_mut(b"Resources").ok().and_then(|r| r.as_dict_mut().ok()),
            _ => None,
        },
    };
    if let Some(resources) = resources {
        resources.remove(b"ColorSpace");
    }
}

/// Every colour space the file declares, painted with or not: the entries
/// of every resource dictionary's `/ColorSpace` (pages, forms, patterns,
/// fonts) and the blending space (`/Group /CS`) of transparency groups.
pub fn declared(doc: &Document) -> BTreeSet<String> {
    let deref = |o: &Object| doc.dereference(o).map(|(_, o)| o.clone()).ok();
    let mut found = BTreeSet::new();
    for object in doc.objects.values() {
        let Some(dict) = object.as_dict().ok().or_else(|| object.as_stream().ok().map(|s| &s.dict)) else { continue };
        let resources = dict.get(b"Resources").ok().and_then(deref);
        let spaces = resources.as_ref().and_then(|r| r.as_dict().ok()?.get(b"ColorSpace").ok()).and_then(deref);
        if let Some(Object::Dictionary(spaces)) = spaces {
            found.extend(spaces.iter().map(|(_, space)| describe_space(doc, space)));
        }
        let group = dict.get(b"Group").ok().and_then(deref);
        if let Some(blending) = group.as_ref().and_then(|g| g.as_dict().ok()?.get(b"CS").ok()) {
            found.insert(describe_space(doc, blending));
        }
    }
    found
}

/// RGB in a file with a PDF/X output intent: colour painted in RGB, which
/// the printer converts, black included, to four inks (errors), and RGB
/// spaces declared but never painted with (warnings).
pub fn print_problems(painting: &Painting, declared: &BTreeSet<String>) -> Diagnostics {
    let mut found: Diagnostics = painting
        .color_spaces
        .iter()
        .filter(|s| s.contains("RGB") && *s != "DeviceRGB")
        .map(|s| Diagnostic::error(format!("{s} colour left in a print PDF: the printer converts it, black included, to four inks")).hint("convert RGB assets to the printing condition's CMYK (kalem does when it builds the print PDF)"))
        .collect();
    for image in painting.images.iter().filter(|i| i.color_space.contains("RGB")) {
        found.push(Diagnostic::error(format!("image {} on page {} is in {}", image.name, image.page, image.color_space)).hint("convert the image to the printing condition's CMYK"));
    }
    for space in declared.iter().filter(|s| s.contains("RGB") && !painting.color_spaces.contains(*s)) {
        found.push(
            Diagnostic::warning(format!("the print PDF declares an RGB colour space ({space}) that nothing paints with: a strict preflight lists it"))
                .hint("remove unused colour spaces from the pages' resources (kalem's print PDFs have none)"),
        );
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf::{Stream, dictionary};

    /// A page painting with `/c0` of a grey, an RGB and a CMYK ICC space.
    fn page_with_spaces() -> (Document, ObjectId) {
        let mut doc = Document::with_version("1.6");
        let spaces: Vec<Object> = [1, 3, 4].map(|n| Object::Array(vec!["ICCBased".into(), doc.add_object(Stream::new(dictionary! { "N" => n }, Vec::new())).into()])).into();
        let resources = doc.add_object(dictionary! { "ColorSpace" => dictionary! { "c0" => spaces[2].clone(), "c1" => spaces[1].clone(), "c2" => spaces[0].clone() } });
        let content = doc.add_object(Stream::new(Dictionary::new(), b"/c0 cs 1 0 0 0 sc 0 0 9 9 re f".to_vec()));
        let page = doc.add_object(dictionary! { "Type" => "Page", "Resources" => resources, "Contents" => content });
        (doc, page)
    }

    #[test]
    fn spaces_nothing_paints_with_are_removed_and_the_used_one_stays() {
        let (mut doc, _) = page_with_spaces();
        assert_eq!(declared(&doc), BTreeSet::from(["ICCBased Gray".to_string(), "ICCBased RGB".into(), "ICCBased CMYK".into()]));
        assert_eq!(remove_unused(&mut doc), 2);
        assert_eq!(declared(&doc), BTreeSet::from(["ICCBased CMYK".to_string()]));
    }

    #[test]
    fn an_emptied_colour_space_dictionary_goes_and_spaces_of_unknown_use_stay() {
        let (mut doc, page) = page_with_spaces();
        let content = doc.get_dictionary(page).unwrap().get(b"Contents").unwrap().as_reference().unwrap();
        doc.get_object_mut(content).unwrap().as_stream_mut().unwrap().set_content(b"0 0 0 1 k 0 0 9 9 re f".to_vec());
        assert_eq!(remove_unused(&mut doc), 3);
        let resources = doc.get_dictionary(page).unwrap().get(b"Resources").unwrap().as_reference().unwrap();
        assert!(!doc.get_dictionary(resources).unwrap().has(b"ColorSpace"));

        // Resources a Type 3 font's glyphs share: what they use is unknown.
        let (mut doc, page) = page_with_spaces();
        let resources = doc.get_dictionary(page).unwrap().get(b"Resources").unwrap().clone();
        doc.add_object(dictionary! { "Type" => "Font", "Subtype" => "Type3", "Resources" => resources });
        assert_eq!(remove_unused(&mut doc), 0);
    }

    #[test]
    fn rgb_painted_is_an_error_and_rgb_only_declared_a_warning() {
        let painting = Painting { color_spaces: BTreeSet::from(["DeviceCMYK".to_string(), "ICCBased RGB".into()]), ..Painting::default() };
        let declared = BTreeSet::from(["ICCBased RGB".to_string(), "CalRGB".into(), "ICCBased Gray".into()]);
        let found: Vec<String> = print_problems(&painting, &declared).iter().map(|d| format!("{:?}: {}", d.severity, d.message)).collect();
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found[0].starts_with("Error: ICCBased RGB colour left in a print PDF"), "{found:?}");
        assert!(found[1].starts_with("Warning: the print PDF declares an RGB colour space (CalRGB) that nothing paints with"), "{found:?}");
    }

    #[test]
    fn an_indexed_space_based_on_itself_is_described_without_end() {
        let mut doc = Document::with_version("1.6");
        let id = doc.new_object_id();
        doc.objects.insert(id, Object::Array(vec!["Indexed".into(), id.into(), 0.into(), Object::string_literal("")]));
        doc.add_object(dictionary! { "Type" => "Page", "Resources" => dictionary! { "ColorSpace" => dictionary! { "c0" => id } } });
        assert!(declared(&doc).iter().all(|s| s.starts_with("Indexed Indexed")), "{:?}", declared(&doc));
    }

    #[test]
    fn a_blending_space_of_a_transparency_group_is_declared() {
        let mut doc = Document::with_version("1.6");
        doc.add_object(dictionary! { "Type" => "Page", "Group" => dictionary! { "S" => "Transparency", "CS" => "DeviceRGB" } });
        assert_eq!(declared(&doc), BTreeSet::from(["DeviceRGB".to_string()]));
    }
}
