//! Dates in condition values: ISO 8601 or epoch seconds.
//!
//! AWS accepts `2024-05-01`, `2024-05-01T12:00:00Z`, offsets like `+02:00`, fractional seconds, and plain epoch
//! seconds. A small parser instead of a date crate keeps this crate pure and tiny; there is no time-zone database to
//! consult because every accepted form carries its offset or means UTC.

/// Milliseconds since 1970-01-01T00:00:00Z, or `None` when `text` is not a date AWS accepts.
pub fn parse_date(text: &str) -> Option<i64> {
    let text = text.trim();
    if is_epoch(text) {
        return parse_epoch(text);
    }
    let mut cur = Cursor {
        s: text.as_bytes(),
        pos: 0,
    };
    let year = cur.digits(4)?;
    cur.expect(b'-')?;
    let month = cur.digits(2)?;
    cur.expect(b'-')?;
    let day = cur.digits(2)?;
    if !(1..=12).contains(&month) || day < 1 || day > days_in_month(year, month) {
        return None;
    }
    let mut millis_of_day = 0i64;
    let mut offset_minutes = 0i64;
    if cur.eat(b'T') || cur.eat(b't') {
        let hour = cur.digits(2)?;
        cur.expect(b':')?;
        let minute = cur.digits(2)?;
        let mut second = 0;
        let mut millis = 0;
        if cur.eat(b':') {
            second = cur.digits(2)?;
            if cur.eat(b'.') || cur.eat(b',') {
                millis = cur.fraction_millis()?;
            }
        }
        if hour > 23 || minute > 59 || second > 59 {
            return None;
        }
        millis_of_day = ((hour * 60 + minute) * 60 + second) * 1000 + millis;
        offset_minutes = cur.zone()?;
    }
    if !cur.done() {
        return None;
    }
    let days = days_from_civil(year, month, day);
    Some(days * 86_400_000 + millis_of_day - offset_minutes * 60_000)
}

/// `2024-05-01T12:00:00Z`, the form AWS shows for `aws:CurrentTime`.
pub fn format_date(millis: i64) -> String {
    let days = millis.div_euclid(86_400_000);
    let in_day = millis.rem_euclid(86_400_000) / 1000;
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        in_day / 3600,
        in_day / 60 % 60,
        in_day % 60
    )
}

fn is_epoch(text: &str) -> bool {
    let digits = text.strip_prefix('-').unwrap_or(text);
    let int = digits.split('.').next().unwrap_or_default();
    !int.is_empty() && digits.bytes().all(|b| b.is_ascii_digit() || b == b'.') && digits.bytes().filter(|&b| b == b'.').count() <= 1
        // Four digits then `-` is a date, not a number; an epoch has no `-` after its sign.
        && !digits.contains('-')
}

fn parse_epoch(text: &str) -> Option<i64> {
    let seconds: f64 = text.parse().ok()?;
    let millis = (seconds * 1000.0).round();
    // Beyond ±292 million years an i64 of milliseconds overflows; no real policy needs that.
    if !millis.is_finite() || millis.abs() > 9.0e18 {
        return None;
    }
    Some(millis as i64)
}

fn is_leap(year: i64) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 in the proleptic Gregorian calendar (Howard Hinnant's algorithm).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

struct Cursor<'a> {
    s: &'a [u8],
    pos: usize,
}

impl Cursor<'_> {
    fn digits(&mut self, n: usize) -> Option<i64> {
        let chunk = self.s.get(self.pos..self.pos + n)?;
        let mut value = 0i64;
        for &b in chunk {
            if !b.is_ascii_digit() {
                return None;
            }
            value = value * 10 + i64::from(b - b'0');
        }
        self.pos += n;
        Some(value)
    }

    /// Up to nine fractional digits; precision beyond milliseconds is dropped.
    fn fraction_millis(&mut self) -> Option<i64> {
        let start = self.pos;
        while self.s.get(self.pos).is_some_and(u8::is_ascii_digit) && self.pos - start < 9 {
            self.pos += 1;
        }
        let digits = self.s.get(start..self.pos)?;
        if digits.is_empty() {
            return None;
        }
        let mut millis = 0i64;
        for i in 0..3 {
            millis = millis * 10 + digits.get(i).map_or(0, |&b| i64::from(b - b'0'));
        }
        Some(millis)
    }

    /// `Z`, `±HH:MM`, `±HHMM`, `±HH`, or nothing (UTC). Returns the offset east of UTC in minutes.
    fn zone(&mut self) -> Option<i64> {
        if self.eat(b'Z') || self.eat(b'z') || self.done() {
            return Some(0);
        }
        let sign = if self.eat(b'+') {
            1
        } else if self.eat(b'-') {
            -1
        } else {
            return None;
        };
        let hours = self.digits(2)?;
        let minutes = if self.eat(b':') {
            self.digits(2)?
        } else {
            self.digits(2).unwrap_or(0)
        };
        if hours > 23 || minutes > 59 {
            return None;
        }
        Some(sign * (hours * 60 + minutes))
    }

    fn eat(&mut self, b: u8) -> bool {
        if self.s.get(self.pos) == Some(&b) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn expect(&mut self, b: u8) -> Option<()> {
        self.eat(b).then_some(())
    }

    fn done(&self) -> bool {
        self.pos >= self.s.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DAY: i64 = 86_400_000;

    #[test]
    fn dates_and_date_times() {
        assert_eq!(parse_date("1970-01-01"), Some(0));
        assert_eq!(parse_date("1970-01-02"), Some(DAY));
        assert_eq!(parse_date("2000-03-01"), Some(11_017 * DAY));
        assert_eq!(parse_date("2024-02-29T00:00:00Z"), Some(1_709_164_800_000));
        assert_eq!(parse_date("2019-07-16T12:00:00Z"), Some(1_563_278_400_000));
        assert_eq!(parse_date("2019-07-16T12:00Z"), Some(1_563_278_400_000));
        assert_eq!(parse_date("2019-07-16T12:00:00"), Some(1_563_278_400_000));
    }

    #[test]
    fn offsets_and_fractions() {
        let utc = parse_date("2019-07-16T12:00:00Z");
        assert_eq!(parse_date("2019-07-16T14:00:00+02:00"), utc);
        assert_eq!(parse_date("2019-07-16T07:30:00-0430"), utc);
        assert_eq!(parse_date("2019-07-16T13:00:00+01"), utc);
        assert_eq!(parse_date("2019-07-16T12:00:00.250Z"), utc.map(|u| u + 250));
        assert_eq!(parse_date("2019-07-16T12:00:00.5Z"), utc.map(|u| u + 500));
        assert_eq!(
            parse_date("2019-07-16T12:00:00.123456789Z"),
            utc.map(|u| u + 123)
        );
    }

    #[test]
    fn epoch_seconds() {
        assert_eq!(parse_date("0"), Some(0));
        assert_eq!(parse_date("1563278400"), Some(1_563_278_400_000));
        assert_eq!(parse_date("1563278400.5"), Some(1_563_278_400_500));
        assert_eq!(parse_date("-86400"), Some(-DAY));
    }

    #[test]
    fn rejects_what_is_not_a_date() {
        for bad in [
            "",
            "yesterday",
            "2019-13-01",
            "2019-02-29",
            "2019-07-16T25:00:00Z",
            "2019-07-16T12:00:00X",
            "2019-7-16",
            "2019-07-16T12",
            "2019-07-16T12:00:00.Z",
            "1.2.3",
            "2019-07-16Z",
            "--1",
        ] {
            assert_eq!(parse_date(bad), None, "{bad}");
        }
    }

    #[test]
    fn formats_round_trip() {
        for text in [
            "1970-01-01T00:00:00Z",
            "2024-02-29T23:59:59Z",
            "1969-12-31T23:59:59Z",
            "2400-03-01T00:00:00Z",
        ] {
            assert_eq!(parse_date(text).map(format_date).as_deref(), Some(text));
        }
    }
}
