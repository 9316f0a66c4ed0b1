//! Publication dates as readers write them, without a browser: the renderer's dates (the
//! element in a browser asks `Intl` instead, which knows every locale).

const ARABIC_MONTHS: [&str; 12] = [
    "يناير",
    "فبراير",
    "مارس",
    "أبريل",
    "مايو",
    "يونيو",
    "يوليو",
    "أغسطس",
    "سبتمبر",
    "أكتوبر",
    "نوفمبر",
    "ديسمبر",
];
/// The Syriac month names of Iraq, Jordan, Lebanon, Palestine and Syria.
const LEVANT_MONTHS: [&str; 12] = [
    "كانون الثاني",
    "شباط",
    "آذار",
    "نيسان",
    "أيار",
    "حزيران",
    "تموز",
    "آب",
    "أيلول",
    "تشرين الأول",
    "تشرين الثاني",
    "كانون الأول",
];
/// The French-derived month names of Algeria and Tunisia.
const ALGERIAN_MONTHS: [&str; 12] = [
    "جانفي",
    "فيفري",
    "مارس",
    "أفريل",
    "ماي",
    "جوان",
    "جويلية",
    "أوت",
    "سبتمبر",
    "أكتوبر",
    "نوفمبر",
    "ديسمبر",
];
/// Morocco's month names.
const MOROCCAN_MONTHS: [&str; 12] = [
    "يناير",
    "فبراير",
    "مارس",
    "أبريل",
    "ماي",
    "يونيو",
    "يوليوز",
    "غشت",
    "شتنبر",
    "أكتوبر",
    "نونبر",
    "دجنبر",
];
/// Mauritania's month names.
const MAURITANIAN_MONTHS: [&str; 12] = [
    "يناير",
    "فبراير",
    "مارس",
    "إبريل",
    "مايو",
    "يونيو",
    "يوليو",
    "أغشت",
    "شتمبر",
    "أكتوبر",
    "نوفمبر",
    "دجمبر",
];
const ENGLISH_MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

const FRENCH_MONTHS: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];
/// With the preposition ב ("in") that Hebrew dates join to the month.
const HEBREW_MONTHS: [&str; 12] = [
    "בינואר",
    "בפברואר",
    "במרץ",
    "באפריל",
    "במאי",
    "ביוני",
    "ביולי",
    "באוגוסט",
    "בספטמבר",
    "באוקטובר",
    "בנובמבר",
    "בדצמבר",
];
const URDU_MONTHS: [&str; 12] = [
    "جنوری",
    "فروری",
    "مارچ",
    "اپریل",
    "مئی",
    "جون",
    "جولائی",
    "اگست",
    "ستمبر",
    "اکتوبر",
    "نومبر",
    "دسمبر",
];
/// The months of the Solar Hijri calendar, as Iran names them.
const PERSIAN_MONTHS: [&str; 12] = [
    "فروردین",
    "اردیبهشت",
    "خرداد",
    "تیر",
    "مرداد",
    "شهریور",
    "مهر",
    "آبان",
    "آذر",
    "دی",
    "بهمن",
    "اسفند",
];
/// The same months as Afghanistan names them (Dari: `fa-AF`).
const DARI_MONTHS: [&str; 12] = [
    "حمل",
    "ثور",
    "جوزا",
    "سرطان",
    "اسد",
    "سنبلهٔ", // with the ezafe that joins it to the year, as Intl writes it
    "میزان",
    "عقرب",
    "قوس",
    "جدی",
    "دلو",
    "حوت",
];

/// The first of each script's ten digits.
const ARABIC_INDIC_ZERO: u32 = 0x660; // ٠
const PERSIAN_ZERO: u32 = 0x6f0; // ۰

/// The calendar date of an ISO 8601 timestamp, as written where it was published (no time
/// zone conversion: a server does not know the reader's), in the long form a browser's `Intl`
/// gives for the article's language, so a server-rendered date reads as a client-rendered one.
/// Arabic «28 نوفمبر 2026», or «٢٨ نوفمبر ٢٠٢٦» in Egypt, «٢٨ تشرين الثاني ٢٠٢٦» in Syria (see
/// [`arabic`]); English "November 28, 2026"; French «28 novembre 2026»; Hebrew
/// "28 בנובמבר 2026"; Urdu «28 نومبر، 2026» (Persian digits in `ur-IN`); Persian in the Solar
/// Hijri calendar, «۷ آذر ۱۴۰۵» (Dari month names in `fa-AF`); other languages "2026-11-28".
/// `None` when `iso` is not a date.
pub fn format(iso: &str, lang: &str) -> Option<String> {
    let (year, month, day) = parse(iso)?;
    let mut subtags = lang.split(['-', '_']).map(str::to_ascii_lowercase);
    let primary = subtags.next().unwrap_or_default();
    // The region: a two-letter subtag right after the language. With a script between them
    // (`fa-Arab-AF`) Intl finds no such locale and falls back to the language alone; so does this.
    let region = subtags.next().filter(|s| s.len() == 2).unwrap_or_default();
    let (y, d) = (crate::text::decimal(year), crate::text::decimal(day));
    let m = month as usize - 1;
    Some(match (primary.as_str(), region.as_str()) {
        ("ar", region) => {
            let (months, zero) = arabic(region);
            let [d, y] = [&d, &y].map(|n| digits(n, zero));
            [&d, " ", months[m], " ", &y].concat()
        }
        ("en", _) => [ENGLISH_MONTHS[m], " ", &d, ", ", &y].concat(),
        ("fr", _) => [&d, " ", FRENCH_MONTHS[m], " ", &y].concat(),
        ("he" | "iw", _) => [&d, " ", HEBREW_MONTHS[m], " ", &y].concat(),
        ("ur", region) => {
            // Persian digits in India; elsewhere the Western ones, as they are.
            let zero = if region == "in" {
                PERSIAN_ZERO
            } else {
                '0' as u32
            };
            let [d, y] = [&d, &y].map(|n| digits(n, zero));
            [&d, " ", URDU_MONTHS[m], "، ", &y].concat()
        }
        ("fa", region) => {
            let (year, month, day) = solar_hijri(year, month, day);
            // Before 1 Farvardin of year 1 (622), where the calendar has no years to count.
            if year < 1 {
                return Some(iso[..10].to_owned());
            }
            let names = if region == "af" {
                DARI_MONTHS
            } else {
                PERSIAN_MONTHS
            };
            let [d, y] = [day, year as u32].map(|n| digits(&crate::text::decimal(n), PERSIAN_ZERO));
            [&d, " ", names[month as usize - 1], " ", &y].concat()
        }
        _ => iso[..10].to_owned(),
    })
}

/// The month names and the digits `Intl` (CLDR 48) gives Arabic in `region` (lower case, or
/// empty): Arabic-Indic digits in Egypt, Sudan, the Levant, Iraq, Mauritania and the Gulf but
/// the Emirates; Western digits in plain `ar`, the Maghreb, Libya and the Emirates, and in any
/// region CLDR has no Arabic for (`ar-FR` reads as `ar`).
fn arabic(region: &str) -> (&'static [&'static str; 12], u32) {
    let months = match region {
        "iq" | "jo" | "lb" | "ps" | "sy" => &LEVANT_MONTHS,
        "dz" | "tn" => &ALGERIAN_MONTHS,
        "ma" => &MOROCCAN_MONTHS,
        "mr" => &MAURITANIAN_MONTHS,
        _ => &ARABIC_MONTHS,
    };
    let zero = match region {
        "bh" | "dj" | "eg" | "er" | "il" | "iq" | "jo" | "km" | "kw" | "lb" | "mr" | "om"
        | "ps" | "qa" | "sa" | "sd" | "so" | "ss" | "sy" | "td" | "ye" => ARABIC_INDIC_ZERO,
        _ => '0' as u32,
    };
    (months, zero)
}

/// The Solar Hijri (Persian) date of a Gregorian one, by the arithmetic rule `Intl` uses: a
/// year is leap when (25 × year + 11) mod 33 < 8. Months 1–6 have 31 days, 7–11 have 30, the
/// last 29 (30 in a leap year).
fn solar_hijri(year: u32, month: u32, day: u32) -> (i64, u32, u32) {
    /// The Julian day number of 1 Farvardin of year 1 (21 March 622, Gregorian).
    const EPOCH: i64 = 1_948_320;
    /// The Julian day number of 1 Farvardin of `year`.
    fn new_year(year: i64) -> i64 {
        EPOCH + 365 * (year - 1) + (8 * year + 21).div_euclid(33)
    }
    let day_number = julian_day(year, month, day);
    let mut year = (day_number - EPOCH) * 33 / 12_053 + 1;
    while new_year(year + 1) <= day_number {
        year += 1;
    }
    while new_year(year) > day_number {
        year -= 1;
    }
    let days = (day_number - new_year(year)) as u32; // 0 on 1 Farvardin
    let (month, day) = if days < 186 {
        (days / 31 + 1, days % 31 + 1)
    } else {
        ((days - 186) / 30 + 7, (days - 186) % 30 + 1)
    };
    (year, month, day)
}

/// The Julian day number of a Gregorian date (the count of days the astronomers use).
fn julian_day(year: u32, month: u32, day: u32) -> i64 {
    let (year, month, day) = (i64::from(year), i64::from(month), i64::from(day));
    // Counted from March, so that the leap day ends the year.
    let a = (14 - month) / 12;
    let (y, m) = (year + 4800 - a, month + 12 * a - 3);
    day + (153 * m + 2) / 5 + 365 * y + y / 4 - y / 100 + y / 400 - 32_045
}

fn parse(iso: &str) -> Option<(u32, u32, u32)> {
    let date = iso.get(..10)?;
    let bytes = date.as_bytes();
    if bytes[4] != b'-' || bytes[7] != b'-' {
        return None;
    }
    let number = |s: &str| {
        s.bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| s.parse().ok())?
    };
    let (year, month, day) = (
        number(&date[..4])?,
        number(&date[5..7])?,
        number(&date[8..])?,
    );
    ((1..=12).contains(&month) && (1..=31).contains(&day)).then_some((year, month, day))
}

/// Western digits in the script whose zero is `zero`: Arabic-Indic (٠١٢٣٤٥٦٧٨٩) as Arabic
/// readers write dates, or Persian (۰۱۲۳۴۵۶۷۸۹).
fn digits(digits: &str, zero: u32) -> String {
    digits
        .chars()
        .map(|c| {
            c.to_digit(10)
                .map_or(c, |d| char::from_u32(zero + d).unwrap_or(c))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arabic_dates_take_the_months_and_digits_of_their_region() {
        let date = |lang| format("2026-11-28T10:00:00+02:00", lang);
        assert_eq!(date("ar").as_deref(), Some("28 نوفمبر 2026"));
        assert_eq!(date("ar-EG").as_deref(), Some("٢٨ نوفمبر ٢٠٢٦"));
        assert_eq!(date("ar-SY").as_deref(), Some("٢٨ تشرين الثاني ٢٠٢٦"));
        assert_eq!(date("ar-DZ").as_deref(), Some("28 نوفمبر 2026"));
        assert_eq!(date("ar-MA").as_deref(), Some("28 نونبر 2026"));
        assert_eq!(date("ar-MR").as_deref(), Some("٢٨ نوفمبر ٢٠٢٦"));
        assert_eq!(date("ar-FR").as_deref(), Some("28 نوفمبر 2026"));
        // A script subtag hides the region, as it does from Intl.
        assert_eq!(date("ar-Arab-EG").as_deref(), Some("28 نوفمبر 2026"));
        let march = format("2026-03-05", "ar-JO");
        assert_eq!(march.as_deref(), Some("٥ آذار ٢٠٢٦"));
    }

    #[test]
    fn english_dates_read_month_day_year() {
        assert_eq!(
            format("2026-01-05", "en-GB").as_deref(),
            Some("January 5, 2026")
        );
    }

    #[test]
    fn french_hebrew_and_urdu_dates_read_as_intl_writes_them() {
        let date = |lang| format("2026-01-01T10:00:00+01:00", lang);
        assert_eq!(date("fr-CA").as_deref(), Some("1 janvier 2026"));
        assert_eq!(date("he").as_deref(), Some("1 בינואר 2026"));
        assert_eq!(date("ur").as_deref(), Some("1 جنوری، 2026"));
        assert_eq!(date("ur-IN").as_deref(), Some("۱ جنوری، ۲۰۲۶"));
        assert_eq!(
            format("2026-11-28", "fr").as_deref(),
            Some("28 novembre 2026")
        );
    }

    #[test]
    fn persian_dates_are_in_the_solar_hijri_calendar() {
        let date = |iso, lang| format(iso, lang).unwrap();
        // What Intl's long date gives, checked in Node and Chromium.
        assert_eq!(date("2026-11-28T10:00:00+03:30", "fa"), "۷ آذر ۱۴۰۵");
        assert_eq!(date("2026-01-01", "fa-IR"), "۱۱ دی ۱۴۰۴");
        assert_eq!(date("2026-11-28", "fa-AF"), "۷ قوس ۱۴۰۵");
        // A script between language and region: Intl has no such locale and uses the language's.
        assert_eq!(date("2026-11-28", "fa-Arab-AF"), "۷ آذر ۱۴۰۵");
        assert_eq!(date("2026-01-01", "ur-Arab-IN"), "1 جنوری، 2026");
        // Before the calendar's first year, the ISO date (Intl counts on back through year 0).
        assert_eq!(date("0622-03-20", "fa"), "0622-03-20");
        assert_eq!(date("0622-03-21", "fa"), "۱ فروردین ۱");
        // New year's day, and the 30th of Esfand that only a leap year has (1403).
        assert_eq!(date("2024-03-20", "fa"), "۱ فروردین ۱۴۰۳");
        assert_eq!(date("2025-03-20", "fa"), "۳۰ اسفند ۱۴۰۳");
        assert_eq!(date("2025-03-21", "fa"), "۱ فروردین ۱۴۰۴");
        assert_eq!(date("2026-03-20", "fa"), "۲۹ اسفند ۱۴۰۴");
        assert_eq!(date("1979-02-11", "fa"), "۲۲ بهمن ۱۳۵۷");
    }

    #[test]
    fn other_languages_get_the_iso_date_and_nonsense_gets_none() {
        assert_eq!(
            format("2026-11-28T10:00Z", "de").as_deref(),
            Some("2026-11-28")
        );
        assert_eq!(format("yesterday", "ar"), None);
        assert_eq!(format("2026-13-01", "en"), None);
        assert_eq!(format("٢٠٢٦-١١-٢٨", "ar"), None);
    }
}
