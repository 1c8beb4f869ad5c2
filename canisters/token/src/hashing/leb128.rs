//! Unsigned LEB128 into a stack buffer (no allocation on the transfer path).

pub struct Leb128 {
    buf: [u8; 19],
    len: usize,
}

impl Leb128 {
    pub fn new(mut n: u128) -> Self {
        let mut buf = [0u8; 19];
        let mut len = 0;
        loop {
            let byte = (n & 0x7f) as u8;
            n >>= 7;
            if n == 0 {
                buf[len] = byte;
                len += 1;
                break;
            }
            buf[len] = byte | 0x80;
            len += 1;
        }
        Leb128 { buf, len }
    }

    pub fn as_slice(&self) -> &[u8] {
        &self.buf[..self.len]
    }
}

#[cfg(test)]
mod tests {
    use super::Leb128;

    #[test]
    fn matches_known_encodings() {
        assert_eq!(Leb128::new(0).as_slice(), [0]);
        assert_eq!(Leb128::new(127).as_slice(), [0x7f]);
        assert_eq!(Leb128::new(624_485).as_slice(), [0xe5, 0x8e, 0x26]);
        assert_eq!(Leb128::new(u128::MAX).as_slice().len(), 19);
        let mut candid = Vec::new();
        candid::Nat::from(u128::MAX).encode(&mut candid).unwrap();
        assert_eq!(Leb128::new(u128::MAX).as_slice(), candid.as_slice());
    }
}
