//! IP addresses read from text exactly as `str::parse` reads `Ipv4Addr`, `Ipv6Addr` and `IpAddr`
//! (core's `net::parser`, the same steps), in one small reader: core's parser compiled to ~1.5 KB
//! of wasm for its generic number reader and its atomic backtracking closures.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// `text.parse::<IpAddr>().ok()`: an IPv4 address, else an IPv6 one.
pub fn ip(text: &str) -> Option<IpAddr> {
    match v4(text) {
        Some(a) => Some(IpAddr::V4(a)),
        None => v6(text).map(IpAddr::V6),
    }
}

/// `text.parse::<Ipv4Addr>().ok()`.
pub fn v4(text: &str) -> Option<Ipv4Addr> {
    whole(text, Reader::ipv4)
}

/// `text.parse::<Ipv6Addr>().ok()`.
pub fn v6(text: &str) -> Option<Ipv6Addr> {
    whole(text, Reader::ipv6)
}

/// What `read` reads from the start of `text`, when it is all of `text`.
fn whole<'a, T>(text: &'a str, read: fn(&mut Reader<'a>) -> Option<T>) -> Option<T> {
    let mut r = Reader {
        b: text.as_bytes(),
        at: 0,
    };
    let a = read(&mut r)?;
    r.done().then_some(a)
}

struct Reader<'a> {
    b: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn done(&self) -> bool {
        self.at == self.b.len()
    }

    fn eat(&mut self, c: u8) -> bool {
        let here = self.b.get(self.at) == Some(&c);
        self.at += usize::from(here);
        here
    }

    /// Digits of `radix`, at most `max`: none, or more than `max`, is no number; a leading
    /// zero before other digits is none either unless `zero_prefix`. Leaves `at` where it was
    /// when there is none.
    fn number(&mut self, radix: u32, max: usize, zero_prefix: bool) -> Option<u32> {
        let start = self.at;
        let mut value = 0u32;
        while let Some(d) = self
            .b
            .get(self.at)
            .and_then(|c| char::from(*c).to_digit(radix))
        {
            value = value * radix + d;
            self.at += 1;
            if self.at - start > max {
                self.at = start;
                return None;
            }
        }
        let count = self.at - start;
        let zero_led = count > 1 && self.b[start] == b'0' && !zero_prefix;
        if count == 0 || zero_led {
            self.at = start;
            return None;
        }
        Some(value)
    }

    /// Four decimal octets separated by dots; `at` is left where it was when there are not.
    fn ipv4(&mut self) -> Option<Ipv4Addr> {
        let start = self.at;
        let mut octets = [0u8; 4];
        for (i, slot) in octets.iter_mut().enumerate() {
            let octet = (i == 0 || self.eat(b'.'))
                .then(|| self.number(10, 3, false))
                .flatten()
                .and_then(|n| u8::try_from(n).ok());
            match octet {
                Some(n) => *slot = n,
                None => {
                    self.at = start;
                    return None;
                }
            }
        }
        Some(Ipv4Addr::from(octets))
    }

    /// Colon-separated groups into `groups`, the last two of them possibly an embedded IPv4
    /// address: how many were read, and whether an IPv4 address ended them.
    fn groups(&mut self, groups: &mut [u16]) -> (usize, bool) {
        let limit = groups.len();
        for i in 0..limit {
            let before = self.at;
            if i + 1 < limit && (i == 0 || self.eat(b':')) {
                if let Some(a) = self.ipv4() {
                    let [a, b, c, d] = a.octets();
                    groups[i] = u16::from_be_bytes([a, b]);
                    groups[i + 1] = u16::from_be_bytes([c, d]);
                    return (i + 2, true);
                }
                self.at = before;
            }
            let group = (i == 0 || self.eat(b':'))
                .then(|| self.number(16, 4, true))
                .flatten();
            match group {
                // At most four hex digits: always a u16.
                Some(g) => groups[i] = g as u16,
                None => {
                    self.at = before;
                    return (i, false);
                }
            }
        }
        (limit, false)
    }

    fn ipv6(&mut self) -> Option<Ipv6Addr> {
        let start = self.at;
        let mut head = [0u16; 8];
        let (head_size, head_ipv4) = self.groups(&mut head);
        if head_size == 8 {
            return Some(Ipv6Addr::from(head));
        }
        // An IPv4 part only ends an address; `::` stands for at least one group of zeros.
        if head_ipv4 || !(self.eat(b':') && self.eat(b':')) {
            self.at = start;
            return None;
        }
        let mut tail = [0u16; 7];
        let limit = 8 - (head_size + 1);
        let (tail_size, _) = self.groups(&mut tail[..limit]);
        head[8 - tail_size..].copy_from_slice(&tail[..tail_size]);
        Some(Ipv6Addr::from(head))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXTS: &[&str] = &[
        "",
        ".",
        "0.0.0.0",
        "10.0.0.11",
        "255.255.255.255",
        "256.0.0.1",
        "1.2.3",
        "1.2.3.4.5",
        "01.2.3.4",
        "1.02.3.4",
        "1.2.3.00",
        "0.0.0.00",
        "1.2.3.4 ",
        " 1.2.3.4",
        "1.2.3.4/24",
        "1..3.4",
        "1.2.3.",
        "1.2.3.4x",
        "1234.1.1.1",
        "1.2.3.-4",
        "+1.2.3.4",
        "::",
        "::1",
        "1::",
        "fe80::1",
        "fe80::1%vmk0",
        "FE80::ABCD",
        "2001:db8::8a2e:370:7334",
        "1:2:3:4:5:6:7:8",
        "1:2:3:4:5:6:7:8:9",
        "1:2:3:4:5:6:7::",
        "::2:3:4:5:6:7:8",
        "1::3:4:5:6:7:8",
        "1:2:3:4:5:6:7",
        ":::",
        "1:::2",
        "::1::",
        "12345::",
        "::ffff:10.0.0.1",
        "::10.0.0.1",
        "1:2:3:4:5:6:1.2.3.4",
        "1:2:3:4:5:6:7:1.2.3.4",
        "1.2.3.4::",
        "1.2.3.4:5:6",
        "::1.2.3",
        "::1.2.3.4.5",
        "0:0:0:0:0:0:0:0",
        "00000::",
        "0000::",
        "fd00:10::ffff",
        "::ffff:256.1.1.1",
        "g::",
        "1:2",
        ":1",
        "1:",
        "::0.0.0.0",
        "::01.2.3.4",
        "a:b:c:d:e:f:1.2.3.4",
        "a:b:c:d:e:1.2.3.4",
    ];

    #[test]
    fn reads_as_std_reads() {
        for text in TEXTS {
            assert_eq!(v4(text), text.parse::<Ipv4Addr>().ok(), "v4 {text:?}");
            assert_eq!(v6(text), text.parse::<Ipv6Addr>().ok(), "v6 {text:?}");
            assert_eq!(ip(text), text.parse::<IpAddr>().ok(), "ip {text:?}");
        }
    }

    #[test]
    fn reads_random_texts_as_std_reads() {
        // Texts built from the characters addresses are made of, in every short combination
        // a small generator reaches (deterministic: the same texts every run).
        let alphabet = b"0123456789abcdefF:.x";
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        for _ in 0..200_000 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let len = (seed % 24) as usize;
            let mut s = seed;
            let text: String = (0..len)
                .map(|_| {
                    s = s
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407);
                    char::from(alphabet[((s >> 33) % alphabet.len() as u64) as usize])
                })
                .collect();
            assert_eq!(ip(&text), text.parse::<IpAddr>().ok(), "{text:?}");
        }
        // And every address printed, read back.
        for n in 0..5000u32 {
            let a = Ipv4Addr::from(n.wrapping_mul(2654435761));
            assert_eq!(v4(&a.to_string()), Some(a));
            let b = Ipv6Addr::from(u128::from(n) << (n % 120));
            assert_eq!(v6(&b.to_string()), Some(b), "{b}");
        }
    }
}
