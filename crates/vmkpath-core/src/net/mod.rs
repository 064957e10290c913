//! IP networks: an address with its prefix length (`10.0.0.11/24`), as vmknics, routes and
//! subnets are written. What vmkpath needs of the `ipnetwork` crate it replaced (issue 14: that
//! crate was ~3 KB of wasm for these few methods), with the same reading: `address/prefix`,
//! `address/netmask` (IPv4, a contiguous mask such as `255.255.255.0`) or a bare address (the
//! host's own /32 or /128), IPv4 first.

use std::fmt;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use std::str::FromStr;

pub mod addr;

/// Not a network: no address, or a prefix longer than the address.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BadPrefix;

impl fmt::Display for BadPrefix {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("not an IP network")
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Ipv4Network {
    addr: Ipv4Addr,
    prefix: u8,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Ipv6Network {
    addr: Ipv6Addr,
    prefix: u8,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum IpNetwork {
    V4(Ipv4Network),
    V6(Ipv6Network),
}

/// The bits of a `bits`-wide address that a prefix covers, as the top `prefix` bits of a u128.
fn mask_bits(prefix: u8, bits: u32) -> u128 {
    let host = bits - u32::from(prefix);
    let all = u128::MAX >> (128 - bits);
    all.checked_shl(host).map_or(0, |m| m & all)
}

impl Ipv4Network {
    pub fn new(addr: Ipv4Addr, prefix: u8) -> Result<Self, BadPrefix> {
        if prefix > 32 {
            return Err(BadPrefix);
        }
        Ok(Self { addr, prefix })
    }
    pub fn ip(&self) -> Ipv4Addr {
        self.addr
    }
    pub fn prefix(&self) -> u8 {
        self.prefix
    }
    pub fn mask(&self) -> Ipv4Addr {
        Ipv4Addr::from(mask_bits(self.prefix, 32) as u32)
    }
    /// The network's own address (host bits zero).
    pub fn network(&self) -> Ipv4Addr {
        Ipv4Addr::from(u32::from(self.addr) & u32::from(self.mask()))
    }
    /// The highest address of the network (host bits one).
    pub fn broadcast(&self) -> Ipv4Addr {
        Ipv4Addr::from(u32::from(self.addr) | !u32::from(self.mask()))
    }
    pub fn contains(&self, ip: Ipv4Addr) -> bool {
        let mask = u32::from(self.mask());
        u32::from(ip) & mask == u32::from(self.addr) & mask
    }
}

impl Ipv6Network {
    pub fn new(addr: Ipv6Addr, prefix: u8) -> Result<Self, BadPrefix> {
        if prefix > 128 {
            return Err(BadPrefix);
        }
        Ok(Self { addr, prefix })
    }
    pub fn ip(&self) -> Ipv6Addr {
        self.addr
    }
    pub fn prefix(&self) -> u8 {
        self.prefix
    }
    pub fn network(&self) -> Ipv6Addr {
        Ipv6Addr::from(u128::from(self.addr) & mask_bits(self.prefix, 128))
    }
    pub fn contains(&self, ip: Ipv6Addr) -> bool {
        let mask = mask_bits(self.prefix, 128);
        u128::from(ip) & mask == u128::from(self.addr) & mask
    }
}

impl IpNetwork {
    pub fn new(addr: IpAddr, prefix: u8) -> Result<Self, BadPrefix> {
        match addr {
            IpAddr::V4(a) => Ipv4Network::new(a, prefix).map(Self::V4),
            IpAddr::V6(a) => Ipv6Network::new(a, prefix).map(Self::V6),
        }
    }
    pub fn ip(&self) -> IpAddr {
        match self {
            Self::V4(n) => IpAddr::V4(n.ip()),
            Self::V6(n) => IpAddr::V6(n.ip()),
        }
    }
    pub fn prefix(&self) -> u8 {
        match self {
            Self::V4(n) => n.prefix(),
            Self::V6(n) => n.prefix(),
        }
    }
    pub fn network(&self) -> IpAddr {
        match self {
            Self::V4(n) => IpAddr::V4(n.network()),
            Self::V6(n) => IpAddr::V6(n.network()),
        }
    }
    /// Whether `ip`, of the same family, lies in the network.
    pub fn contains(&self, ip: IpAddr) -> bool {
        match (self, ip) {
            (Self::V4(n), IpAddr::V4(a)) => n.contains(a),
            (Self::V6(n), IpAddr::V6(a)) => n.contains(a),
            _ => false,
        }
    }
    pub fn is_ipv6(&self) -> bool {
        matches!(self, Self::V6(_))
    }
}

/// `address` and the text after its one slash, if any.
fn parts(text: &str) -> Option<(&str, Option<&str>)> {
    match text.split_once('/') {
        Some((_, prefix)) if prefix.as_bytes().contains(&b'/') => None,
        Some((addr, prefix)) => Some((addr, Some(prefix))),
        None => Some((text, None)),
    }
}

/// A prefix length of at most `max` bits.
fn prefix_len(text: &str, max: u8) -> Option<u8> {
    crate::integer::parse::<u8>(text, 10).filter(|p| *p <= max)
}

impl FromStr for Ipv4Network {
    type Err = BadPrefix;
    fn from_str(text: &str) -> Result<Self, BadPrefix> {
        let (addr, prefix) = parts(text).ok_or(BadPrefix)?;
        let addr = addr::v4(addr).ok_or(BadPrefix)?;
        let prefix = match prefix {
            None => 32,
            Some(p) => match addr::v4(p) {
                // A netmask: its ones must be contiguous from the top.
                Some(mask) => {
                    let m = u32::from(mask);
                    let ones = m.leading_ones();
                    if m.checked_shl(ones).unwrap_or(0) != 0 {
                        return Err(BadPrefix);
                    }
                    ones as u8
                }
                None => prefix_len(p, 32).ok_or(BadPrefix)?,
            },
        };
        Self::new(addr, prefix)
    }
}

impl FromStr for Ipv6Network {
    type Err = BadPrefix;
    fn from_str(text: &str) -> Result<Self, BadPrefix> {
        let (addr, prefix) = parts(text).ok_or(BadPrefix)?;
        let addr = addr::v6(addr).ok_or(BadPrefix)?;
        let prefix = match prefix {
            None => 128,
            Some(p) => prefix_len(p, 128).ok_or(BadPrefix)?,
        };
        Self::new(addr, prefix)
    }
}

impl FromStr for IpNetwork {
    type Err = BadPrefix;
    fn from_str(text: &str) -> Result<Self, BadPrefix> {
        match text.parse::<Ipv4Network>() {
            Ok(n) => Ok(Self::V4(n)),
            Err(_) => text.parse::<Ipv6Network>().map(Self::V6),
        }
    }
}

impl fmt::Display for Ipv4Network {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "{}/{}", self.addr, self.prefix)
    }
}

impl fmt::Display for Ipv6Network {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "{}/{}", self.addr, self.prefix)
    }
}

impl fmt::Display for IpNetwork {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self {
            Self::V4(n) => n.fmt(f),
            Self::V6(n) => n.fmt(f),
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn net(s: &str) -> Option<IpNetwork> {
        s.parse().ok()
    }

    #[test]
    fn reads_prefixes_netmasks_and_bare_addresses() {
        let n = net("10.0.0.11/24").unwrap();
        assert_eq!(n.to_string(), "10.0.0.11/24");
        assert_eq!(n.network().to_string(), "10.0.0.0");
        assert_eq!(n.prefix(), 24);
        assert_eq!(net("10.0.0.11/255.255.255.0"), Some(n));
        assert_eq!(net("10.0.0.11").unwrap().prefix(), 32);
        assert_eq!(net("10.0.0.11/0").unwrap().network().to_string(), "0.0.0.0");
        let v6 = net("fd00:10::11/64").unwrap();
        assert!(v6.is_ipv6());
        assert_eq!(v6.network().to_string(), "fd00:10::");
        assert_eq!(net("fd00::1").unwrap().prefix(), 128);
    }

    #[test]
    fn rejects_what_is_no_network() {
        for bad in [
            "10.0.0.300/24",
            "10.0.0.1/33",
            "10.0.0.1/24/8",
            "10.0.0.1/255.0.255.0",
            "10.0.0.1/",
            "fd00::1/129",
            "fd00::1/255.255.255.0",
            "",
            "vmk1",
        ] {
            assert_eq!(net(bad), None, "{bad}");
        }
    }

    #[test]
    fn masks_contain_and_broadcast() {
        let IpNetwork::V4(n) = net("192.168.1.77/23").unwrap() else {
            panic!("not IPv4")
        };
        assert_eq!(n.mask().to_string(), "255.255.254.0");
        assert_eq!(n.network().to_string(), "192.168.0.0");
        assert_eq!(n.broadcast().to_string(), "192.168.1.255");
        assert!(n.contains("192.168.0.1".parse().unwrap()));
        assert!(!n.contains("192.168.2.1".parse().unwrap()));
        let all = net("0.0.0.0/0").unwrap();
        assert!(all.contains("8.8.8.8".parse().unwrap()));
        assert!(!all.contains("::1".parse().unwrap()));
        let host = net("10.0.0.1/32").unwrap();
        assert!(host.contains("10.0.0.1".parse().unwrap()));
        assert!(!host.contains("10.0.0.2".parse().unwrap()));
        let v6 = net("fd00:10::11/64").unwrap();
        assert!(v6.contains("fd00:10::ffff".parse().unwrap()));
        assert!(!v6.contains("fd00:11::1".parse().unwrap()));
    }
}
