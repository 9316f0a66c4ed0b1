//! The widget's own words, in Arabic first and English for every other language.

/// Every string the widget shows or announces that the article does not provide.
#[derive(Debug, PartialEq, Eq)]
#[allow(missing_docs)] // each field is named for what it says
pub struct Strings {
    pub lang: &'static str,
    pub copy_link: &'static str,
    pub copied: &'static str,
    pub copy_failed: &'static str,
    pub copy_manually: &'static str,
    pub native_share: &'static str,
    pub share_menu: &'static str,
    pub paragraph_share: &'static str,
    pub loading: &'static str,
    pub error_title: &'static str,
    pub retry: &'static str,
    /// WhatsApp, Telegram, X, Facebook, email.
    pub targets: [&'static str; 5],
}

pub const ARABIC: Strings = Strings {
    lang: "ar",
    copy_link: "نسخ الرابط",
    copied: "تم نسخ الرابط",
    copy_failed: "تعذّر نسخ الرابط",
    copy_manually: "انسخ الرابط يدويًا",
    native_share: "مشاركة",
    share_menu: "مشاركة عبر…",
    paragraph_share: "نسخ رابط هذه الفقرة",
    loading: "جارٍ تحميل المقال…",
    error_title: "تعذّر عرض المقال",
    retry: "أعد المحاولة",
    targets: ["واتساب", "تيليجرام", "إكس", "فيسبوك", "البريد الإلكتروني"],
};

pub const ENGLISH: Strings = Strings {
    lang: "en",
    copy_link: "Copy link",
    copied: "Link copied",
    copy_failed: "Could not copy the link",
    copy_manually: "Copy the link by hand",
    native_share: "Share",
    share_menu: "Share via…",
    paragraph_share: "Copy a link to this paragraph",
    loading: "Loading the article…",
    error_title: "The article could not be shown",
    retry: "Try again",
    targets: ["WhatsApp", "Telegram", "X", "Facebook", "Email"],
};

impl Strings {
    /// The direction the widget's own words read in.
    pub fn dir(&self) -> &'static str {
        crate::direction::Direction::for_lang(self.lang).as_str()
    }
}

/// The strings for a UI language: Arabic for `ar` and its regions, English otherwise.
pub fn strings(lang: &str) -> &'static Strings {
    let primary = lang.split(['-', '_']).next().unwrap_or("");
    if primary.eq_ignore_ascii_case("ar") {
        &ARABIC
    } else {
        &ENGLISH
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toast_says_link_copied_in_arabic() {
        assert_eq!(strings("ar").copied, "تم نسخ الرابط");
        assert_eq!(strings("ar-EG").copy_failed, "تعذّر نسخ الرابط");
    }

    #[test]
    fn toast_says_link_copied_in_english_and_others() {
        assert_eq!(strings("en").copied, "Link copied");
        assert_eq!(strings("fr").copied, "Link copied");
    }
}
