//! The widget's own words: Arabic, Persian, Urdu, Hebrew, French and English, and English for
//! every other language.

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

pub const PERSIAN: Strings = Strings {
    lang: "fa",
    copy_link: "کپی پیوند",
    copied: "پیوند کپی شد",
    copy_failed: "کپی پیوند ممکن نشد",
    copy_manually: "پیوند را دستی کپی کنید",
    native_share: "اشتراک‌گذاری",
    share_menu: "اشتراک‌گذاری با…",
    paragraph_share: "کپی پیوند این بند",
    loading: "در حال بارگذاری مقاله…",
    error_title: "نمایش مقاله ممکن نشد",
    retry: "تلاش دوباره",
    targets: ["واتس‌اپ", "تلگرام", "ایکس", "فیس‌بوک", "ایمیل"],
};

pub const URDU: Strings = Strings {
    lang: "ur",
    copy_link: "لنک کاپی کریں",
    copied: "لنک کاپی ہو گیا",
    copy_failed: "لنک کاپی نہیں ہو سکا",
    copy_manually: "لنک خود کاپی کریں",
    native_share: "شیئر کریں",
    share_menu: "شیئر کریں بذریعہ…",
    paragraph_share: "اس پیراگراف کا لنک کاپی کریں",
    loading: "مضمون لوڈ ہو رہا ہے…",
    error_title: "مضمون دکھایا نہیں جا سکا",
    retry: "دوبارہ کوشش کریں",
    targets: ["واٹس ایپ", "ٹیلی گرام", "ایکس", "فیس بک", "ای میل"],
};

pub const HEBREW: Strings = Strings {
    lang: "he",
    copy_link: "העתקת הקישור",
    copied: "הקישור הועתק",
    copy_failed: "לא ניתן להעתיק את הקישור",
    copy_manually: "העתיקו את הקישור ידנית",
    native_share: "שיתוף",
    share_menu: "שיתוף באמצעות…",
    paragraph_share: "העתקת קישור לפסקה זו",
    loading: "הכתבה נטענת…",
    error_title: "לא ניתן להציג את הכתבה",
    retry: "ניסיון נוסף",
    targets: ["וואטסאפ", "טלגרם", "X", "פייסבוק", "דוא״ל"],
};

pub const FRENCH: Strings = Strings {
    lang: "fr",
    copy_link: "Copier le lien",
    copied: "Lien copié",
    copy_failed: "Impossible de copier le lien",
    copy_manually: "Copiez le lien à la main",
    native_share: "Partager",
    share_menu: "Partager via…",
    paragraph_share: "Copier un lien vers ce paragraphe",
    loading: "Chargement de l’article…",
    error_title: "L’article n’a pas pu être affiché",
    retry: "Réessayer",
    targets: ["WhatsApp", "Telegram", "X", "Facebook", "E-mail"],
};

/// Every table, in the order a language tag is matched against them.
pub const ALL: [&Strings; 6] = [&ARABIC, &PERSIAN, &URDU, &HEBREW, &FRENCH, &ENGLISH];

impl Strings {
    /// The direction the widget's own words read in.
    pub fn dir(&self) -> &'static str {
        crate::direction::Direction::for_lang(self.lang).as_str()
    }
}

/// The strings for a UI language, by its primary subtag (`fa-IR` is Persian, Hebrew's old code
/// `iw` is Hebrew); English for a language without a table.
pub fn strings(lang: &str) -> &'static Strings {
    let primary = lang.split(['-', '_']).next().unwrap_or("");
    let primary = if primary.eq_ignore_ascii_case("iw") {
        "he"
    } else {
        primary
    };
    ALL.into_iter()
        .find(|s| s.lang.eq_ignore_ascii_case(primary))
        .unwrap_or(&ENGLISH)
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
    fn toast_says_link_copied_in_english_and_languages_without_a_table() {
        assert_eq!(strings("en").copied, "Link copied");
        assert_eq!(strings("de-AT").copied, "Link copied");
        assert_eq!(strings("").copied, "Link copied");
    }

    #[test]
    fn each_right_to_left_language_and_french_has_its_own_words() {
        assert_eq!(strings("fa-IR").copied, "پیوند کپی شد");
        assert_eq!(strings("ur_PK").copied, "لنک کاپی ہو گیا");
        assert_eq!(strings("he").copied, "הקישור הועתק");
        assert_eq!(strings("iw").copied, "הקישור הועתק");
        assert_eq!(strings("FR-ca").copied, "Lien copié");
        for (lang, dir) in [
            ("ar", "rtl"),
            ("fa", "rtl"),
            ("ur", "rtl"),
            ("he", "rtl"),
            ("fr", "ltr"),
            ("en", "ltr"),
        ] {
            assert_eq!(strings(lang).dir(), dir, "{lang}");
        }
    }

    /// Every table says every thing, in its own words: nothing blank, nothing left in English
    /// (but brand names, in the targets), no two things said alike.
    #[test]
    fn every_table_is_complete() {
        let words = |t: &Strings| {
            [
                t.copy_link,
                t.copied,
                t.copy_failed,
                t.copy_manually,
                t.native_share,
                t.share_menu,
                t.paragraph_share,
                t.loading,
                t.error_title,
                t.retry,
            ]
        };
        for table in ALL {
            let lang = table.lang;
            for (i, word) in words(table).iter().chain(&table.targets).enumerate() {
                assert!(!word.trim().is_empty(), "{lang}: string {i} is blank");
            }
            if table != &ENGLISH {
                for (word, english) in words(table).iter().zip(words(&ENGLISH)) {
                    assert_ne!(*word, english, "{lang}: left in English");
                }
            }
            // A screen reader tells the buttons apart by these.
            let mut distinct = words(table).to_vec();
            distinct.sort();
            distinct.dedup();
            assert_eq!(distinct.len(), 10, "{lang}: two strings are the same");
            assert_eq!(strings(lang), table, "{lang}: its own tag finds it");
        }
    }
}
