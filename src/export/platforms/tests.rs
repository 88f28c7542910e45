use super::*;

fn preset(name: &str) -> Preset {
    Preset::parse(name).expect("a preset")
}

/// The count of `caption` on `platform`'s measure.
fn count(platform: Platform, measure: Measure, caption: &str) -> (usize, usize) {
    let c = platform.counts(caption).into_iter().find(|c| c.measure == measure).expect("a count");
    (c.count, c.limit)
}

#[test]
fn presets_name_their_platform_and_custom_sizes_none() {
    let cases = [
        ("instagram-square", Some(Platform::Instagram)),
        ("instagram-portrait", Some(Platform::Instagram)),
        ("instagram-story", Some(Platform::Instagram)),
        ("facebook-link", Some(Platform::Facebook)),
        ("x-post", Some(Platform::X)),
        ("linkedin", Some(Platform::LinkedIn)),
        ("1080x1350", None),
    ];
    for (name, platform) in cases {
        assert_eq!(Platform::of(&preset(name)), platform, "{name}");
    }
}

#[test]
fn x_weighs_urls_and_wide_characters() {
    assert_eq!(count(Platform::X, Measure::Weighted, "Bilgi: https://www.goc.gov.tr/insan-ticareti"), (7 + 23, 280));
    assert_eq!(count(Platform::X, Measure::Weighted, "للمعلومات \u{2066}www.goc.gov.tr\u{2069}"), (10 + 2 + 23 + 2, 280));
    let at_limit = "a".repeat(280);
    assert_eq!(count(Platform::X, Measure::Weighted, &at_limit).0, 280);
    assert_eq!(count(Platform::X, Measure::Weighted, &format!("{at_limit}🙂")).0, 282);
}

#[test]
fn instagram_counts_characters_and_hashtags() {
    let text = "ب".repeat(2_150);
    let tags: Vec<String> = (1..=31).map(|i| format!("#etiket{i}")).collect();
    let caption = format!("{text}\n\n{}", tags.join(" "));
    assert_eq!(count(Platform::Instagram, Measure::Characters, &caption), (caption.chars().count(), 2_200));
    assert_eq!(count(Platform::Instagram, Measure::Hashtags, &caption), (31, 30));
    assert_eq!(count(Platform::Instagram, Measure::Hashtags, "#لا_للاتجار_بالبشر #YİMER157 e-posta#değil #"), (2, 30));
}

#[test]
fn linkedin_and_facebook_count_characters() {
    let caption = "ü".repeat(3_001);
    assert_eq!(count(Platform::LinkedIn, Measure::Characters, &caption), (3_001, 3_000));
    assert_eq!(count(Platform::Facebook, Measure::Characters, &caption), (3_001, 63_206));
    assert_eq!(Platform::Facebook.counts("\u{2066}157\u{2069}")[0].count, 5, "marks are characters too");
}
