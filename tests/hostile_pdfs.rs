//! `kalem preflight` on hostile PDFs: a form that draws itself many times
//! (bounded work, not only depth), a file encrypted with printing
//! forbidden, JavaScript in a page's actions, terminal escape sequences in
//! the title, language and links; and (issue 29) a file cut off, one
//! encrypted with a password, a gigabyte that is not a PDF, three million
//! path operations and an image drawn 2,000 times, each named for what it
//! is, in bounded time. Each is built here with lopdf.

use std::process::Command;
use std::time::{Duration, Instant};

use lopdf::encryption::{EncryptionState, EncryptionVersion, Permissions};
use lopdf::{Dictionary, Document, Object, Stream, dictionary};

/// A one-page PDF; `page` adds to the page's dictionary, `content` is its
/// content stream, `xobjects` its form resources.
fn pdf(page: Dictionary, content: &[u8], title: &str) -> Document {
    let mut doc = Document::with_version("1.6");
    let pages_id = doc.new_object_id();
    let content_id = doc.add_object(Stream::new(Dictionary::new(), content.to_vec()));
    let mut page_dict = dictionary! { "Type" => "Page", "Parent" => pages_id, "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()], "Contents" => content_id };
    page_dict.extend(&page);
    let page_id = doc.add_object(page_dict);
    doc.objects.insert(pages_id, Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => vec![page_id.into()], "Count" => 1 }));
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id, "Lang" => Object::string_literal("tr\x1b[2J") });
    let info = doc.add_object(dictionary! { "Title" => Object::string_literal(title) });
    doc.trailer.set("Root", catalog);
    doc.trailer.set("Info", info);
    doc.trailer.set("ID", vec![Object::string_literal("0123456789abcdef"), Object::string_literal("0123456789abcdef")]);
    doc
}

/// Runs `kalem preflight` on `doc`; exit code, stdout and stderr, and time.
fn preflight(doc: &mut Document) -> (Option<i32>, String, String, Duration) {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("in.pdf");
    doc.save(&file).expect("save");
    preflight_file(&file)
}

/// Runs `kalem preflight` on `file`.
fn preflight_file(file: &std::path::Path) -> (Option<i32>, String, String, Duration) {
    let start = Instant::now();
    let out = Command::new(env!("CARGO_BIN_EXE_kalem")).arg("preflight").arg(file).output().expect("run kalem");
    let (stdout, stderr) = (String::from_utf8_lossy(&out.stdout).into_owned(), String::from_utf8_lossy(&out.stderr).into_owned());
    assert!(!stderr.contains("panicked"), "{stderr}");
    (out.status.code(), stdout, stderr, start.elapsed())
}

#[test]
fn a_form_drawing_itself_thirty_times_is_checked_in_bounded_time() {
    let mut doc = pdf(Dictionary::new(), b"/F Do", "loop");
    let form_id = doc.new_object_id();
    let draws = "/F Do ".repeat(30).into_bytes();
    let form = Stream::new(
        dictionary! { "Type" => "XObject", "Subtype" => "Form", "BBox" => vec![0.into(), 0.into(), 10.into(), 10.into()], "Resources" => dictionary! { "XObject" => dictionary! { "F" => form_id } } },
        draws,
    );
    doc.objects.insert(form_id, Object::Stream(form));
    let page = doc.get_pages().into_values().next().expect("page");
    let page_dict = doc.get_object_mut(page).and_then(Object::as_dict_mut).expect("page dict");
    page_dict.set("Resources", dictionary! { "XObject" => dictionary! { "F" => form_id } });
    let (code, stdout, stderr, time) = preflight(&mut doc);
    assert_eq!(code, Some(1), "{stdout}{stderr}");
    assert!(stderr.contains("the pages' content is too large to check completely"), "{stderr}");
    assert!(time < Duration::from_secs(30), "took {time:?}");
}

#[test]
fn an_encrypted_file_is_not_ready_for_print() {
    let mut doc = pdf(Dictionary::new(), b"", "secret");
    let version = EncryptionVersion::V2 { document: &doc, owner_password: "owner", user_password: "", key_length: 128, permissions: Permissions::empty() };
    let state = EncryptionState::try_from(version).expect("encryption");
    doc.encrypt(&state).expect("encrypt");
    let (code, stdout, stderr, _) = preflight(&mut doc);
    assert_eq!(code, Some(1), "{stdout}{stderr}");
    assert!(stderr.contains("error: the file is encrypted") && !stdout.contains("ready for print"), "{stdout}{stderr}");
}

#[test]
fn javascript_in_a_page_action_is_not_ready_for_print() {
    let js = dictionary! { "S" => "JavaScript", "JS" => Object::string_literal("app.alert(1)") };
    let mut doc = pdf(dictionary! { "AA" => dictionary! { "O" => js } }, b"", "script");
    let (code, stdout, stderr, _) = preflight(&mut doc);
    assert_eq!(code, Some(1), "{stdout}{stderr}");
    assert!(stderr.contains("error: the file has JavaScript or actions") && !stdout.contains("ready for print"), "{stdout}{stderr}");
}

#[test]
fn escape_sequences_in_the_file_reach_the_terminal_escaped() {
    let link = dictionary! { "Type" => "Annot", "Subtype" => "Link", "Rect" => vec![0.into(), 0.into(), 9.into(), 9.into()], "A" => dictionary! { "S" => "URI", "URI" => Object::string_literal("https://x.org/\x1b]0;owned\x07") } };
    let mut doc = pdf(dictionary! { "Annots" => vec![Object::Dictionary(link)] }, b"", "Title\x1b[31mred\x1b[0m");
    let (_, stdout, stderr, _) = preflight(&mut doc);
    assert!(!stdout.contains('\x1b') && !stderr.contains('\x1b') && !stdout.contains('\x07'), "{stdout:?}");
    assert!(stdout.contains("title: Title\\u{1b}[31mred") && stdout.contains("language: tr\\u{1b}[2J") && stdout.contains("link https://x.org/\\u{1b}]0;owned\\u{7}"), "{stdout}");
}

#[test]
fn a_file_encrypted_with_a_password_is_called_encrypted() {
    let mut doc = pdf(Dictionary::new(), b"0 0 m 9 9 l S", "secret");
    let version = EncryptionVersion::V2 { document: &doc, owner_password: "owner", user_password: "user", key_length: 128, permissions: Permissions::all() };
    let state = EncryptionState::try_from(version).expect("encryption");
    doc.encrypt(&state).expect("encrypt");
    let (code, stdout, stderr, _) = preflight(&mut doc);
    assert_eq!(code, Some(1), "{stdout}{stderr}");
    assert!(stderr.contains("error: the file is encrypted with a password kalem does not have"), "{stderr}");
    assert!(!stderr.contains("not found"), "{stderr}");
}

#[test]
fn a_file_cut_off_is_called_cut_off() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("cut.pdf");
    let mut doc = pdf(Dictionary::new(), &b"0 0 m 9 9 l S\n".repeat(200), "whole");
    doc.save(&file).expect("save");
    let bytes = std::fs::read(&file).expect("read");
    for keep in [bytes.len() * 6 / 10, bytes.len() - 10] {
        std::fs::write(&file, &bytes[..keep]).expect("cut");
        let (code, stdout, stderr, _) = preflight_file(&file);
        assert_eq!(code, Some(1), "{keep}: {stdout}{stderr}");
        assert!(stderr.contains("error: the file is cut off") && stderr.contains("copy or download the file again"), "{keep}: {stderr}");
        assert!(!stdout.contains("output intent") && !stderr.contains("output intent"), "{keep}: a cut-off file is not reported as a PDF without an output intent: {stdout}{stderr}");
    }
}

#[test]
fn a_gigabyte_that_is_not_a_pdf_is_refused_from_its_first_bytes() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("big.pdf");
    let mut f = std::fs::File::create(&file).expect("create");
    std::io::Write::write_all(&mut f, b"GIF89a").expect("header");
    f.set_len(1 << 30).expect("a sparse gigabyte");
    let (code, stdout, stderr, time) = preflight_file(&file);
    assert_eq!(code, Some(1), "{stdout}{stderr}");
    assert!(stderr.contains("this is not a PDF: it does not start with `%PDF-` (it starts with `GIF89a"), "{stderr}");
    assert!(time < Duration::from_secs(5), "read whole: {time:?}");
    std::fs::write(&file, b"").expect("empty");
    assert!(preflight_file(&file).2.contains("the file is empty"));
}

#[test]
fn three_million_path_operations_are_checked_in_bounded_time_and_memory() {
    let mut content = Stream::new(Dictionary::new(), b"0 0 m 1 1 l\n".repeat(1_500_000));
    content.compress().expect("compress");
    let mut doc = pdf(Dictionary::new(), b"", "paths");
    let page = doc.get_pages().into_values().next().expect("page");
    let content_id = doc.add_object(content);
    doc.get_object_mut(page).and_then(Object::as_dict_mut).expect("page dict").set("Contents", content_id);
    let (code, stdout, stderr, time) = preflight(&mut doc);
    assert_eq!(code, Some(1), "{stdout}{stderr}");
    assert!(stderr.contains("the pages' content is too large to check completely"), "{stderr}");
    assert!(!stderr.contains("memory allocation"), "{stderr}");
    assert!(time < Duration::from_secs(30), "took {time:?}");
}

#[test]
fn an_image_drawn_two_thousand_times_is_read_once() {
    let mut image = Stream::new(
        dictionary! { "Type" => "XObject", "Subtype" => "Image", "Width" => 2000, "Height" => 2000, "ColorSpace" => "DeviceCMYK", "BitsPerComponent" => 8 },
        vec![0u8; 2000 * 2000 * 4],
    );
    image.compress().expect("compress");
    let mut doc = pdf(Dictionary::new(), b"", "images");
    let image_id = doc.add_object(image);
    let draws = "q 10 0 0 10 0 0 cm /I Do Q\n".repeat(2000);
    let content_id = doc.add_object(Stream::new(Dictionary::new(), draws.into_bytes()));
    let page = doc.get_pages().into_values().next().expect("page");
    let page_dict = doc.get_object_mut(page).and_then(Object::as_dict_mut).expect("page dict");
    page_dict.set("Contents", content_id);
    page_dict.set("Resources", dictionary! { "XObject" => dictionary! { "I" => image_id } });
    let (code, stdout, stderr, time) = preflight(&mut doc);
    assert_eq!(code, Some(1), "not PDF/X: {stdout}{stderr}");
    assert!(time < Duration::from_secs(30), "took {time:?}");
}
