//! Address ranges for `--trusted-proxy`: `10.0.0.0/8`, `::1`, `fd00::/8` or a single address.

use std::net::IpAddr;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cidr {
    network: IpAddr,
    prefix: u8,
}

impl Cidr {
    pub fn parse(text: &str) -> Result<Self, String> {
        let text = text.trim();
        let (address, prefix) = match text.split_once('/') {
            Some((address, prefix)) => (address, Some(prefix)),
            None => (text, None),
        };
        let network: IpAddr = address.parse().map_err(|_| {
            format!("`{text}` is not an IP address or range (e.g. 10.0.0.5, 10.0.0.0/8, ::1)")
        })?;
        let max = if network.is_ipv4() { 32 } else { 128 };
        let prefix = match prefix {
            None => max,
            Some(p) => p
                .parse::<u8>()
                .ok()
                .filter(|p| *p <= max)
                .ok_or_else(|| format!("`{text}`: the prefix length must be 0 to {max}"))?,
        };
        Ok(Self { network, prefix })
    }

    pub fn contains(&self, address: IpAddr) -> bool {
        // An IPv4 peer may arrive as an IPv4-mapped IPv6 address on a dual-stack socket.
        let address = match address {
            IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(address, IpAddr::V4),
            v4 => v4,
        };
        match (self.network, address) {
            (IpAddr::V4(net), IpAddr::V4(addr)) => same_prefix(
                u128::from(u32::from(net)),
                u128::from(u32::from(addr)),
                32,
                self.prefix,
            ),
            (IpAddr::V6(net), IpAddr::V6(addr)) => {
                same_prefix(u128::from(net), u128::from(addr), 128, self.prefix)
            }
            _ => false,
        }
    }
}

fn same_prefix(network: u128, address: u128, bits: u8, prefix: u8) -> bool {
    let host_bits = u32::from(bits - prefix);
    let mask = u128::MAX.checked_shl(host_bits).unwrap_or(0);
    let width_mask = u128::MAX >> (128 - u32::from(bits));
    (network & mask & width_mask) == (address & mask & width_mask)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_contain_their_addresses() {
        let check = |range: &str, address: &str, expect: bool| {
            let cidr = Cidr::parse(range).expect("a valid range");
            let address: IpAddr = address.parse().expect("an address");
            assert_eq!(cidr.contains(address), expect, "{range} ∋ {address}");
        };
        check("10.0.0.0/8", "10.255.1.2", true);
        check("10.0.0.0/8", "11.0.0.1", false);
        check("10.1.2.3", "10.1.2.3", true);
        check("10.1.2.3", "10.1.2.4", false);
        check("0.0.0.0/0", "203.0.113.9", true);
        check("192.168.0.0/23", "192.168.1.255", true);
        check("192.168.0.0/23", "192.168.2.0", false);
        check("127.0.0.1", "::ffff:127.0.0.1", true);
        check("::1", "::1", true);
        check("fd00::/8", "fd12::1", true);
        check("fd00::/8", "fe80::1", false);
        check("::/0", "2001:db8::1", true);
        check("::1", "127.0.0.1", false);
    }

    #[test]
    fn malformed_ranges_are_explained() {
        let check = |text: &str, needle: &str| {
            let error = Cidr::parse(text).expect_err(text);
            assert!(error.contains(needle), "{needle} not in: {error}");
        };
        check("proxy.internal", "not an IP address");
        check("10.0.0.0/33", "0 to 32");
        check("::/129", "0 to 128");
        check("10.0.0.0/x", "prefix length");
    }
}
