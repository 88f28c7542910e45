//! Why a PDF cannot be read, named for what is actually wrong: a file cut
//! off in transfer, or encrypted with a password, rather than the object
//! the reader did not find.

/// How far from a PDF's end its `%%EOF` marker is looked for (some
/// writers add a little after it).
const EOF_WITHIN: usize = 2048;

/// Why a PDF cannot be read: what is wrong, and what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unreadable {
    /// What is wrong with the file.
    pub message: String,
    /// What to do about it.
    pub hint: String,
}

impl Unreadable {
    pub(super) fn new(message: impl Into<String>, hint: &str) -> Unreadable {
        Unreadable { message: message.into(), hint: hint.into() }
    }
}

impl std::fmt::Display for Unreadable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

/// What is actually wrong with a PDF lopdf could not read (`problem`):
/// a file cut off, or encrypted, says so rather than naming the object
/// that was not found.
pub fn unreadable(bytes: &[u8], problem: &str) -> Unreadable {
    if bytes.windows(8).any(|w| w == b"/Encrypt") {
        return Unreadable::new("the file is encrypted with a password kalem does not have", "ask for a copy without a password (print shops need one too)");
    }
    Unreadable::new(format!("this is not a PDF kalem can read: {problem}"), "export the PDF again from the program that made it")
}

/// Refuses a file that does not end with `%%EOF`: cut off in transfer
/// (a reader would rebuild what it can and report a normal PDF).
pub fn complete(bytes: &[u8]) -> Result<(), Unreadable> {
    let tail = &bytes[bytes.len().saturating_sub(EOF_WITHIN)..];
    if tail.windows(5).any(|w| w == b"%%EOF") {
        return Ok(());
    }
    Err(Unreadable::new("the file is cut off: it does not end with a PDF's `%%EOF` marker", "copy or download the file again; it was not saved or sent completely"))
}
