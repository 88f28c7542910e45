//! The site's own words (skip link, headings of the downloads, the note on
//! a page missing in a language), in the samples' languages and English
//! for any other. Content comes from the translations; these are kalem's
//! interface, like a program's menus.

/// The interface words of one language.
#[derive(Debug, Clone, Copy)]
pub struct Labels {
    /// The skip link's text.
    pub skip: &'static str,
    /// Name of the language switcher.
    pub languages: &'static str,
    /// Heading of the home page's list.
    pub materials: &'static str,
    /// Heading of the downloads.
    pub downloads: &'static str,
    /// The print PDF.
    pub print_pdf: &'static str,
    /// The screen PDF.
    pub screen_pdf: &'static str,
    /// Heading of the social images.
    pub social: &'static str,
    /// Summary of an image's alt text.
    pub alt: &'static str,
    /// The link back to the home page.
    pub home: &'static str,
    /// Said on a page whose brochure is not made in the language, before
    /// the languages it is made in.
    pub missing: &'static str,
}

const TR: Labels = Labels {
    skip: "İçeriğe geç",
    languages: "Diller",
    materials: "Kampanya materyalleri",
    downloads: "İndir",
    print_pdf: "Baskı için PDF",
    screen_pdf: "Ekran için PDF",
    social: "Sosyal medya görselleri",
    alt: "Alternatif metin",
    home: "Ana sayfa",
    missing: "Bu materyal Türkçe olarak hazırlanmadı. Şu dillerde okuyabilirsiniz:",
};

const AR: Labels = Labels {
    skip: "انتقل إلى المحتوى",
    languages: "اللغات",
    materials: "مواد الحملة",
    downloads: "تنزيل",
    print_pdf: "ملف PDF للطباعة",
    screen_pdf: "ملف PDF للشاشة",
    social: "صور لوسائل التواصل الاجتماعي",
    alt: "النص البديل",
    home: "الصفحة الرئيسية",
    missing: "هذه المادة غير متوفرة باللغة العربية. يمكنك قراءتها باللغات التالية:",
};

const FA: Labels = Labels {
    skip: "رفتن به محتوا",
    languages: "زبان‌ها",
    materials: "مطالب کارزار",
    downloads: "دانلود",
    print_pdf: "PDF برای چاپ",
    screen_pdf: "PDF برای صفحه‌نمایش",
    social: "تصاویر شبکه‌های اجتماعی",
    alt: "متن جایگزین",
    home: "صفحهٔ اصلی",
    missing: "این مطلب به فارسی تهیه نشده است. می‌توانید آن را به این زبان‌ها بخوانید:",
};

const EN: Labels = Labels {
    skip: "Skip to content",
    languages: "Languages",
    materials: "Campaign materials",
    downloads: "Downloads",
    print_pdf: "PDF for print",
    screen_pdf: "PDF for screens",
    social: "Social media images",
    alt: "Alt text",
    home: "Home",
    missing: "This material is not made in English. You can read it in:",
};

/// The words of the language `code` (`fa-AF` takes `fa`'s).
pub fn labels(code: &str) -> Labels {
    match code.split(['-', '_']).next().unwrap_or(code) {
        "tr" => TR,
        "ar" => AR,
        "fa" | "prs" => FA,
        _ => EN,
    }
}
