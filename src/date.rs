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

/// The calendar date of an ISO 8601 timestamp, as written where it was published (no time
/// zone conversion: a server does not know the reader's). Arabic: «٢٨ نوفمبر ٢٠٢٦»; English:
/// "November 28, 2026"; other languages: "2026-11-28". `None` when `iso` is not a date.
pub fn format(iso: &str, lang: &str) -> Option<String> {
    let (year, month, day) = parse(iso)?;
    let primary = lang
        .split(['-', '_'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    let (y, d) = (crate::text::decimal(year), crate::text::decimal(day));
    Some(match primary.as_str() {
        "ar" => [
            &arabic_digits(&d),
            " ",
            ARABIC_MONTHS[month as usize - 1],
            " ",
            &arabic_digits(&y),
        ]
        .concat(),
        "en" => [ENGLISH_MONTHS[month as usize - 1], " ", &d, ", ", &y].concat(),
        _ => iso[..10].to_owned(),
    })
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

/// Western digits as Arabic-Indic ones (٠١٢٣٤٥٦٧٨٩), as Arabic readers' dates are written.
fn arabic_digits(digits: &str) -> String {
    digits
        .chars()
        .map(|c| {
            c.to_digit(10)
                .map_or(c, |d| char::from_u32(0x660 + d).unwrap_or(c))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arabic_dates_use_arabic_months_and_digits() {
        assert_eq!(
            format("2026-11-28T10:00:00+02:00", "ar").as_deref(),
            Some("٢٨ نوفمبر ٢٠٢٦")
        );
    }

    #[test]
    fn english_dates_read_month_day_year() {
        assert_eq!(
            format("2026-01-05", "en-GB").as_deref(),
            Some("January 5, 2026")
        );
    }

    #[test]
    fn other_languages_get_the_iso_date_and_nonsense_gets_none() {
        assert_eq!(
            format("2026-11-28T10:00Z", "fr").as_deref(),
            Some("2026-11-28")
        );
        assert_eq!(format("yesterday", "ar"), None);
        assert_eq!(format("2026-13-01", "en"), None);
        assert_eq!(format("٢٠٢٦-١١-٢٨", "ar"), None);
    }
}
