//! Text direction of a language: right to left for the scripts that read so.

/// The base direction of a block of text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "lowercase")
)]
pub enum Direction {
    /// Right to left (Arabic, Persian, Urdu, Hebrew, …).
    Rtl,
    /// Left to right.
    Ltr,
}

/// Primary language subtags written right to left (docs/FORMAT.md).
const RTL_LANGUAGES: &[&str] = &["ar", "fa", "he", "ur", "ps", "sd", "ug", "yi", "ckb", "dv"];

impl Direction {
    /// The direction a BCP 47 tag implies: `ar-EG` → RTL, `en` → LTR. `ku-Arab` style script
    /// subtags win over the language: `Arab`, `Hebr`, `Thaa`, `Syrc`, `Nkoo`, `Adlm` → RTL.
    pub fn for_lang(lang: &str) -> Direction {
        let mut subtags = lang.split(['-', '_']);
        let primary = subtags.next().unwrap_or("").to_ascii_lowercase();
        // The script, if any, comes right after the language and its extlangs (three letters
        // each): `ar-u-nu-latn` is Arabic with Latin digits, still right to left.
        let script =
            subtags.find(|s| !(s.len() == 3 && s.bytes().all(|b| b.is_ascii_alphabetic())));
        if let Some(script) =
            script.filter(|s| s.len() == 4 && s.bytes().all(|b| b.is_ascii_alphabetic()))
        {
            return match script.to_ascii_lowercase().as_str() {
                "arab" | "hebr" | "thaa" | "syrc" | "nkoo" | "adlm" => Direction::Rtl,
                _ => Direction::Ltr,
            };
        }
        if RTL_LANGUAGES.contains(&primary.as_str()) {
            Direction::Rtl
        } else {
            Direction::Ltr
        }
    }

    /// The direction of `text`'s first letter: right to left for the Hebrew, Arabic, Syriac,
    /// Thaana, NKo and Adlam scripts, left to right for any other; `None` with no letter.
    pub fn of_text(text: &str) -> Option<Direction> {
        Direction::first_letter(text).map(Direction::of_letter)
    }

    /// The direction a letter's script is written in (see [`Direction::of_text`]).
    pub fn of_letter(letter: char) -> Direction {
        match letter as u32 {
            0x0590..=0x08FF | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFF | 0x1E900..=0x1E95F => {
                Direction::Rtl
            }
            _ => Direction::Ltr,
        }
    }

    /// The first character of `text` that is not a digit, space, punctuation or symbol, as far
    /// as the ranges that hold most of those tell (Unicode's tables would weigh on the wasm).
    pub fn first_letter(text: &str) -> Option<char> {
        text.chars().find(|&c| {
            !matches!(c as u32,
                0..=0x40 | 0x5B..=0x60 | 0x7B..=0xBF | 0x0600..=0x061F | 0x0660..=0x066D
                | 0x06F0..=0x06F9 | 0x2000..=0x2BFF | 0x3000..=0x303F)
        })
    }

    /// The value of an HTML `dir` attribute.
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Rtl => "rtl",
            Direction::Ltr => "ltr",
        }
    }

    /// Reads an explicit `dir` value.
    pub fn parse(value: &str) -> Option<Direction> {
        match value.trim().to_ascii_lowercase().as_str() {
            "rtl" => Some(Direction::Rtl),
            "ltr" => Some(Direction::Ltr),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Direction::{self, Ltr, Rtl};

    #[test]
    fn arabic_and_its_regions_read_right_to_left() {
        for lang in ["ar", "ar-EG", "AR", "fa", "he", "ur", "ckb", "dv", "yi"] {
            assert_eq!(Direction::for_lang(lang), Rtl, "{lang}");
        }
    }

    #[test]
    fn other_languages_read_left_to_right() {
        for lang in ["en", "en-GB", "fr", "", "arn", "tr"] {
            assert_eq!(Direction::for_lang(lang), Ltr, "{lang}");
        }
    }

    #[test]
    fn a_script_subtag_decides() {
        assert_eq!(Direction::for_lang("az-Arab"), Rtl);
        assert_eq!(Direction::for_lang("ur-Latn"), Ltr);
        assert_eq!(Direction::for_lang("zh-yue-Hant"), Ltr);
    }

    #[test]
    fn extensions_and_private_use_are_not_scripts() {
        for lang in [
            "ar-u-nu-latn",
            "ar-EG-x-test",
            "ar-1234",
            "ar-EG-u-ca-gregory",
        ] {
            assert_eq!(Direction::for_lang(lang), Rtl, "{lang}");
        }
    }

    #[test]
    fn the_first_letter_of_a_text_gives_its_direction() {
        for (text, dir) in [
            ("«عنوان» title", Some(Rtl)),
            ("2026: כותרת", Some(Rtl)),
            ("ހެޑްލައިން", Some(Rtl)),
            ("42 — Title عنوان", Some(Ltr)),
            ("Ελληνικά", Some(Ltr)),
            ("2026 — !", None),
        ] {
            assert_eq!(Direction::of_text(text), dir, "{text}");
        }
    }
}
