//! Numbers and strings, read byte by byte as serde_json reads them (its errors at its places).

use super::{
    Fault, Reader, Value, CONTROL_CHARACTER, END_OF_HEX_ESCAPE, EOF_STRING, EOF_VALUE,
    INVALID_ESCAPE, INVALID_NUMBER, LONE_SURROGATE, OUT_OF_RANGE,
};

impl Reader<'_> {
    fn digits(&mut self) -> usize {
        let from = self.i;
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.i += 1;
        }
        self.i - from
    }

    /// A number after its sign, consumed as serde_json consumes it (its errors at its places).
    pub(super) fn number(&mut self, start: usize, positive: bool) -> Result<Value, Fault> {
        let mut significand: u64 = 0;
        let mut long = false;
        match self.next() {
            None => return Err(self.fault(EOF_VALUE)),
            Some(b'0') if matches!(self.peek(), Some(b'0'..=b'9')) => {
                return Err(self.peek_fault(INVALID_NUMBER))
            }
            Some(b'0') => {}
            Some(c @ b'1'..=b'9') => {
                significand = u64::from(c - b'0');
                while let Some(c @ b'0'..=b'9') = self.peek() {
                    match significand
                        .checked_mul(10)
                        .and_then(|s| s.checked_add(u64::from(c - b'0')))
                    {
                        Some(s) if !long => significand = s,
                        _ => long = true,
                    }
                    self.i += 1;
                }
            }
            Some(_) => return Err(self.fault(INVALID_NUMBER)),
        }
        let mut float = long;
        if self.peek() == Some(b'.') {
            float = true;
            self.i += 1;
            if self.digits() == 0 {
                let message = if self.peek().is_some() {
                    INVALID_NUMBER
                } else {
                    EOF_VALUE
                };
                return Err(self.peek_fault(message));
            }
        }
        let mantissa_end = self.i;
        if matches!(self.peek(), Some(b'e' | b'E')) {
            float = true;
            self.i += 1;
            let positive_exp = match self.peek() {
                Some(b'-') => {
                    self.i += 1;
                    false
                }
                Some(b'+') => {
                    self.i += 1;
                    true
                }
                _ => true,
            };
            let mut exp: i32 = match self.next() {
                None => return Err(self.fault(EOF_VALUE)),
                Some(c @ b'0'..=b'9') => i32::from(c - b'0'),
                Some(_) => return Err(self.fault(INVALID_NUMBER)),
            };
            while let Some(c @ b'0'..=b'9') = self.peek() {
                self.i += 1;
                match exp
                    .checked_mul(10)
                    .and_then(|e| e.checked_add(i32::from(c - b'0')))
                {
                    Some(e) => exp = e,
                    None => {
                        let mantissa = self.s.get(start..mantissa_end).unwrap_or_default();
                        let zero = mantissa.iter().all(|b| matches!(b, b'0' | b'.' | b'-'));
                        if !zero && positive_exp {
                            return Err(self.fault(OUT_OF_RANGE));
                        }
                        self.digits();
                        return Ok(Value::Float(if positive { 0.0 } else { -0.0 }));
                    }
                }
            }
        }
        if !float {
            return Ok(if positive {
                Value::Unsigned(significand)
            } else {
                // serde_json's rule: `-0` and what does not fit an i64 become floats.
                let neg = (significand as i64).wrapping_neg();
                if neg >= 0 {
                    Value::Float(-(significand as f64))
                } else {
                    Value::Signed(neg)
                }
            });
        }
        // Both this and serde_json (float_roundtrip) round correctly: the same value.
        let token = std::str::from_utf8(self.s.get(start..self.i).unwrap_or_default());
        match token.ok().and_then(crate::decimal::read) {
            Some(f) if f.is_finite() => Ok(Value::Float(f)),
            _ => Err(self.fault(OUT_OF_RANGE)),
        }
    }

    /// A string after its opening quote.
    pub(super) fn string(&mut self) -> Result<String, Fault> {
        let mut out: Vec<u8> = Vec::new();
        loop {
            match self.peek() {
                None => return Err(self.fault(EOF_STRING)),
                Some(b'"') => {
                    self.i += 1;
                    return Ok(String::from_utf8(out).unwrap_or_default());
                }
                Some(b'\\') => {
                    self.i += 1;
                    self.escape(&mut out)?;
                }
                Some(c) if c < 0x20 => {
                    self.i += 1;
                    return Err(self.fault(CONTROL_CHARACTER));
                }
                Some(c) => {
                    out.push(c);
                    self.i += 1;
                }
            }
        }
    }

    fn escape(&mut self, out: &mut Vec<u8>) -> Result<(), Fault> {
        let plain = match self.next() {
            None => return Err(self.fault(EOF_STRING)),
            Some(b'u') => return self.unicode_escape(out),
            Some(c @ (b'"' | b'\\' | b'/')) => c,
            Some(b'b') => 0x08,
            Some(b'f') => 0x0c,
            Some(b'n') => b'\n',
            Some(b'r') => b'\r',
            Some(b't') => b'\t',
            Some(_) => return Err(self.fault(INVALID_ESCAPE)),
        };
        out.push(plain);
        Ok(())
    }

    fn hex4(&mut self) -> Result<u32, Fault> {
        let Some(four) = self.s.get(self.i..self.i + 4) else {
            self.i = self.s.len();
            return Err(self.fault(EOF_STRING));
        };
        self.i += 4;
        let hex = std::str::from_utf8(four).ok();
        let digits = hex.is_some_and(|h| h.bytes().all(|b| b.is_ascii_hexdigit()));
        match hex.and_then(|h| crate::integer::parse::<u32>(h, 16)) {
            Some(n) if digits => Ok(n),
            _ => Err(self.fault(INVALID_ESCAPE)),
        }
    }

    fn unicode_escape(&mut self, out: &mut Vec<u8>) -> Result<(), Fault> {
        let n = self.hex4()?;
        let code = match n {
            0xDC00..=0xDFFF => return Err(self.fault(LONE_SURROGATE)),
            0xD800..=0xDBFF => {
                for expected in [b'\\', b'u'] {
                    match self.peek() {
                        None => return Err(self.fault(EOF_STRING)),
                        Some(c) => {
                            self.i += 1;
                            if c != expected {
                                return Err(self.fault(END_OF_HEX_ESCAPE));
                            }
                        }
                    }
                }
                let low = self.hex4()?;
                if !(0xDC00..=0xDFFF).contains(&low) {
                    return Err(self.fault(LONE_SURROGATE));
                }
                (((n - 0xD800) << 10) | (low - 0xDC00)) + 0x1_0000
            }
            n => n,
        };
        let c = char::from_u32(code).unwrap_or(char::REPLACEMENT_CHARACTER);
        out.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes());
        Ok(())
    }
}
