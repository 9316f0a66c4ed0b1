//! Text building without `core::fmt`: `format!` and `to_string` would pull the formatting
//! machinery (≈1.5 KB brotli) into the widget's wasm for a handful of messages and numbers.

/// `n` in decimal digits.
pub fn decimal(mut n: u32) -> String {
    let mut digits = [0u8; 10];
    let mut start = digits.len();
    loop {
        start -= 1;
        digits[start] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    digits[start..].iter().map(|&d| d as char).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimal_writes_every_digit() {
        for n in [0, 7, 10, 675, 1200, u32::MAX] {
            assert_eq!(decimal(n), n.to_string());
        }
    }
}
