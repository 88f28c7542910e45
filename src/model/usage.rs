//! Where each translation key is used: in which brochure's panel, pages
//! or post, as what, and in which outputs. A brochure's keys
//! ([`used_keys`]) are read from here, and so is what a translator is told
//! about a unit in an exchange file.

use std::collections::BTreeSet;

use super::Config;
use super::brochure::{BlockSpec, BrochureFile};
use super::event::{DATE_FORMAT, EVENT_LABELS, MONTHS, WEEKDAYS};

/// The outputs of a sheet's panels or a document's pages.
const PDFS: &str = "print and screen PDF";
/// The outputs of a post.
const IMAGES: &str = "social images";

/// One use of a key in a brochure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Use {
    /// The key.
    pub key: String,
    /// Where: `panel cover`, `pages`, `post hotline`, `document`.
    pub place: String,
    /// As what: `heading`, `list`, `alt text`, `caption`, …
    pub what: &'static str,
    /// Which outputs show it.
    pub outputs: &'static str,
}

/// Every use of a key in a brochure file, including its contacts' names
/// and descriptions, in file order.
pub fn key_uses(spec: &BrochureFile, config: &Config) -> Vec<Use> {
    let mut uses = Vec::new();
    let mut add = |key: &str, place: &str, what: &'static str, outputs: &'static str| {
        uses.push(Use { key: key.to_string(), place: place.to_string(), what, outputs });
    };
    add(&spec.title, "document", "title", "PDF title");
    if let Some(toc) = &spec.toc {
        add(toc, "pages", "table of contents heading", PDFS);
    }
    for (name, panel) in &spec.panels {
        if let Some(super::photo::BackgroundSpec::Photo(super::photo::PhotoSpec { alt: Some(alt), .. })) = &panel.background {
            add(alt, &format!("panel {name}"), "photo description (alt text)", "screen PDF");
        }
    }
    let blocks = spec.panels.iter().flat_map(|(name, p)| p.blocks.iter().map(move |b| (format!("panel {name}"), b)));
    for (place, block) in blocks.chain(spec.content.iter().map(|b| ("pages".to_string(), b))) {
        block_uses(block, config, &mut |key, what, outputs| add(key, &place, what, outputs));
    }
    if !spec.content.is_empty() || !spec.social.is_empty() {
        add(super::edition::ORGANISATION_NAME, "footer and posts", "organisation name", "PDF footer, social images");
    }
    for post in &spec.social {
        let place = format!("post {}", post.id);
        let own = [("heading", Some(&post.heading)), ("text", post.text.as_ref()), ("list", post.list.as_ref()), ("call to action", post.cta.as_ref()), ("QR code label", post.qr_label.as_ref())];
        for (what, key) in own {
            if let Some(key) = key {
                add(key, &place, what, IMAGES);
            }
        }
        add(&post.alt, &place, "alt text", "alt text file (.alt.txt)");
        add(&post.caption, &place, "caption", "caption file (.caption.txt)");
        if let Some(hashtags) = &post.hashtags {
            add(hashtags, &place, "hashtags", "caption file (.caption.txt)");
        }
        for (i, slide) in post.slides.iter().flatten().enumerate() {
            let place = format!("post {} slide {}", post.id, i + 1);
            for (what, key) in [("heading", slide.heading.as_ref()), ("text", slide.text.as_ref()), ("list", slide.list.as_ref())] {
                if let Some(key) = key {
                    add(key, &place, what, IMAGES);
                }
            }
            add(&slide.alt, &place, "alt text", "alt text file (.alt.txt)");
        }
        if let Some(contact) = post.contact.as_ref().and_then(|id| config.contacts.get(id)) {
            add(&contact.name, &place, "contact name", IMAGES);
            add(&contact.description, &place, "contact description", IMAGES);
        }
    }
    uses
}

/// The keys of one block, each with what it is and where it is shown.
fn block_uses(block: &BlockSpec, config: &Config, add: &mut dyn FnMut(&str, &'static str, &'static str)) {
    let own = [
        ("heading", &block.heading),
        ("text", &block.text),
        ("list", &block.list),
        ("callout", &block.callout),
        ("name", &block.name),
        ("table rows", &block.table),
        ("table column headings", &block.columns),
        ("checklist", &block.checklist),
    ];
    for (what, key) in own {
        if let Some(key) = key {
            add(key, what, PDFS);
        }
    }
    if let Some(alt) = &block.alt {
        add(alt, "image description (alt text)", "screen PDF");
    }
    for contact in block.contacts.iter().flatten().filter_map(|id| config.contacts.get(id)) {
        add(&contact.name, "contact name", PDFS);
        add(&contact.description, "contact description", PDFS);
    }
    if let Some(event) = &block.event {
        add(&event.venue, "event venue", PDFS);
        for organiser in &event.organisers {
            add(organiser, "event organiser", PDFS);
        }
        for key in [DATE_FORMAT, MONTHS, WEEKDAYS].into_iter().chain(EVENT_LABELS) {
            add(key, "event date and labels", PDFS);
        }
    }
    if let Some(partners) = &block.partners {
        if let Some(disclaimer) = &partners.disclaimer {
            add(disclaimer, "funding disclaimer", PDFS);
        }
        for alt in &partners.alt {
            add(alt, "logo description (alt text)", "screen PDF");
        }
        if partners.eu {
            add(super::EU_STATEMENT, "EU funding statement", PDFS);
        }
    }
}

/// Every translation key a brochure file refers to, including those of the
/// contacts it lists.
pub fn used_keys(spec: &BrochureFile, config: &Config) -> BTreeSet<String> {
    key_uses(spec, config).into_iter().map(|u| u.key).collect()
}
