//! Cases from twitter-text's conformance suite (`conformance/extract.yml`,
//! `urls`), and the ones kalem's captions meet.

use super::find;

/// The URLs `find` sees in `text`.
fn urls(text: &str) -> Vec<&str> {
    find(text).into_iter().map(|r| &text[r]).collect()
}

#[test]
fn urls_with_a_protocol() {
    let cases: &[(&str, &[&str])] = &[
        ("text http://google.com", &["http://google.com"]),
        ("http://ああ.com", &["http://ああ.com"]),
        ("text http://google.com/#search?q=iphone%20-filter%3Alinks", &["http://google.com/#search?q=iphone%20-filter%3Alinks"]),
        ("text http://somehost.com:3000", &["http://somehost.com:3000"]),
        ("text http://xo.com/~matthew+%ff-,.;x", &["http://xo.com/~matthew+%ff-,.;x"]),
        ("text http://en.wikipedia.org/wiki/Primer_(film)", &["http://en.wikipedia.org/wiki/Primer_(film)"]),
        ("text http://msdn.microsoft.com/ja-jp/library/system.net.httpwebrequest(v=VS.100).aspx", &["http://msdn.microsoft.com/ja-jp/library/system.net.httpwebrequest(v=VS.100).aspx"]),
        ("test http://example.comだよね.comtest/hogehoge", &["http://example.com"]),
        ("text http://no-tld", &[]),
        ("text http://domain.com-that-you-should-have-put-a-space-after", &[]),
        ("text http://foo.com?#foo text", &["http://foo.com?#foo"]),
        ("Go to http://example.com/view/slug-url-?foo=bar", &["http://example.com/view/slug-url-?foo=bar"]),
        ("Go to https://en.m.wikipedia.org/wiki/Hatfield–McCoy_feud please", &["https://en.m.wikipedia.org/wiki/Hatfield–McCoy_feud"]),
        ("@user Try http:// example.com/path", &["example.com/path"]),
        ("Go to http://twitter.com/Русские_слова", &["http://twitter.com/Русские_слова"]),
        ("test http://sub_domain-dash.twitter.com", &["http://sub_domain-dash.twitter.com"]),
        ("test http://-leadingdash.twitter.com", &[]),
        ("test http://trailingunderscore.twitter_.com", &[]),
        ("test http://twitter_underscore.com", &[]),
        ("test http://www.foo.com/foo/path-with-period./", &["http://www.foo.com/foo/path-with-period./"]),
        ("test http://twitter.com/.", &["http://twitter.com/"]),
        ("Test a ton of periods http://example.com/path..........", &["http://example.com/path"]),
        ("Test a ton of periods http://example.com/path/!!!!!!!!!", &["http://example.com/path/"]),
        ("I really like http://t.co/pbY2NfTZ's website", &["http://t.co/pbY2NfTZ"]),
        ("I really like http://t.co/abcdefghijklmnopqrstuvwxyz012345678901234", &[]),
        ("text https://t.co/asdfdf?a=b#123", &["https://t.co/asdfdf?a=b#123"]),
    ];
    for (text, expected) in cases {
        assert_eq!(urls(text), *expected, "{text}");
    }
}

#[test]
fn urls_without_a_protocol() {
    let cases: &[(&str, &[&str])] = &[
        ("foo.com foo.net foo.org foo.edu foo.gov", &["foo.com", "foo.net", "foo.org", "foo.edu", "foo.gov"]),
        ("foo.baz foo.co.jp www.xxxxxxx.baz www.foo.co.uk wwwww.xxxxxxx foo.comm foo.somecom foo.govedu foo.jp", &["foo.co.jp", "www.foo.co.uk", "foo.jp"]),
        ("t.co/abcde bit.ly/abcde", &["t.co/abcde", "bit.ly/abcde"]),
        ("これは日本語です。example.com/path/index.html中国語example.com/path한국", &["example.com/path/index.html", "example.com/path"]),
        (
            "twitter.comこれは日本語です。example.com中国語t.co/abcde한국twitter.com example2.comテストtwitter.com/abcde",
            &["twitter.com", "example.com", "t.co/abcde", "twitter.com", "example2.com", "twitter.com/abcde"],
        ),
        ("twitter.jp日本語it.so中国語foo.jp it.so foo.jp", &["twitter.jp", "it.so", "foo.jp", "it.so", "foo.jp"]),
        ("Email me at name.al-lastname@foo.com or name.al+lastname@foo.com", &[]),
        ("Find my page at name.al-lastname.com", &["name.al-lastname.com"]),
        ("MLB.tv vine.co twitch.tv t.co", &["MLB.tv", "vine.co", "twitch.tv", "t.co"]),
        ("test ELPAÍS.com", &["ELPAÍS.com"]),
        ("example.comてすとですtwitter.みんなです", &["example.com", "twitter.みんな"]),
        ("#test.com @test.com #http://test.com @http://test.com #t.co/abcde @t.co/abcde", &[]),
        ("$http://twitter.com $twitter.com $http://t.co/abcde $t.co/abcde $t.co $TVI.CA $RBS.CA", &[]),
        ("long.test.tar.bz2 test.tar.bz2 tar.bz2", &[]),
        ("john.doe.gov@mail.com", &[]),
    ];
    for (text, expected) in cases {
        assert_eq!(urls(text), *expected, "{text}");
    }
}

#[test]
fn urls_in_right_to_left_text_and_isolates() {
    let text = "This is a test \u{2066}\u{202A}twitter.com\u{202C}\u{2069} \u{2066}\u{202A}http://foobar.پاکستان/\u{202C}\u{2069}\u{2069} قطر";
    assert_eq!(urls(text), ["twitter.com", "http://foobar.پاکستان/"]);
    assert_eq!(urls("للمعلومات: www.goc.gov.tr، أو info@example.org."), ["www.goc.gov.tr"]);
    assert_eq!(urls("\u{2066}https://www.goc.gov.tr\u{2069}."), ["https://www.goc.gov.tr"]);
    assert_eq!(urls("YİMER 157'yi arayın: ücretsiz, 7 gün 24 saat. kalem.yaml"), Vec::<&str>::new());
}
