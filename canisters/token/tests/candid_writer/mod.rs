//! A small Candid encoder for tests that can also write what the candid crate never would: unsorted or
//! duplicate record fields, references to type-table entries that do not exist, values of any size.
#![allow(dead_code)]

#[derive(Clone, Debug)]
pub enum Ty {
    /// A primitive type code (nat = -3, nat64 = -8, text = -15, principal = -24, ...).
    Prim(i64),
    Opt(Box<Ty>),
    Vec(Box<Ty>),
    /// Fields in the order they are written (not necessarily sorted or unique).
    Record(Vec<(u32, Ty)>),
    /// A reference to a table entry that may not exist.
    Index(i64),
    /// `μt. opt t`: an entry that refers to itself.
    RecursiveOpt,
}

#[derive(Clone, Debug)]
pub enum Val {
    Nat(Vec<u8>),
    Nat64(u64),
    Text(String),
    Principal(Vec<u8>),
    Blob(Vec<u8>),
    None,
    Some(Box<Val>),
    Vec(Vec<Val>),
    /// Values in the record type's field order.
    Record(Vec<Val>),
    /// Bytes written as they are (for values too large to build element by element).
    Raw(Vec<u8>),
}

pub fn leb(mut n: u128, out: &mut Vec<u8>) {
    loop {
        let b = (n & 0x7f) as u8;
        n >>= 7;
        if n == 0 {
            out.push(b);
            return;
        }
        out.push(b | 0x80);
    }
}

pub fn sleb(mut n: i64, out: &mut Vec<u8>) {
    loop {
        let b = (n & 0x7f) as u8;
        n >>= 7;
        let done = (n == 0 && b & 0x40 == 0) || (n == -1 && b & 0x40 != 0);
        out.push(if done { b } else { b | 0x80 });
        if done {
            return;
        }
    }
}

struct Encoder {
    entries: Vec<Vec<u8>>,
}

impl Encoder {
    /// The type's reference: a primitive code or the index of the entry written for it.
    fn ty(&mut self, t: &Ty) -> i64 {
        let mut entry = vec![];
        match t {
            Ty::Prim(code) => return *code,
            Ty::Index(i) => return *i,
            Ty::RecursiveOpt => {
                sleb(-18, &mut entry);
                sleb(self.entries.len() as i64, &mut entry);
            }
            Ty::Opt(inner) => {
                let r = self.ty(inner);
                sleb(-18, &mut entry);
                sleb(r, &mut entry);
            }
            Ty::Vec(inner) => {
                let r = self.ty(inner);
                sleb(-19, &mut entry);
                sleb(r, &mut entry);
            }
            Ty::Record(fields) => {
                let refs: Vec<(u32, i64)> = fields.iter().map(|(h, t)| (*h, self.ty(t))).collect();
                sleb(-20, &mut entry);
                leb(refs.len() as u128, &mut entry);
                for (h, r) in refs {
                    leb(h as u128, &mut entry);
                    sleb(r, &mut entry);
                }
            }
        }
        self.entries.push(entry);
        self.entries.len() as i64 - 1
    }
}

fn value(v: &Val, out: &mut Vec<u8>) {
    match v {
        Val::Nat(leb_bytes) => out.extend_from_slice(leb_bytes),
        Val::Principal(bytes) => {
            out.push(1);
            leb(bytes.len() as u128, out);
            out.extend_from_slice(bytes);
        }
        Val::Nat64(n) => out.extend_from_slice(&n.to_le_bytes()),
        Val::Text(t) => {
            leb(t.len() as u128, out);
            out.extend_from_slice(t.as_bytes());
        }
        Val::Blob(b) => {
            leb(b.len() as u128, out);
            out.extend_from_slice(b);
        }
        Val::None => out.push(0),
        Val::Some(inner) => {
            out.push(1);
            value(inner, out);
        }
        Val::Vec(items) => {
            leb(items.len() as u128, out);
            items.iter().for_each(|i| value(i, out));
        }
        Val::Record(fields) => fields.iter().for_each(|f| value(f, out)),
        Val::Raw(bytes) => out.extend_from_slice(bytes),
    }
}

/// A message of one argument; `unused` adds table entries nobody refers to.
pub fn message(t: &Ty, v: &Val, unused: &[Ty]) -> Vec<u8> {
    let mut e = Encoder { entries: vec![] };
    let arg = e.ty(t);
    for u in unused {
        e.ty(u);
    }
    let mut out = b"DIDL".to_vec();
    leb(e.entries.len() as u128, &mut out);
    e.entries.iter().for_each(|entry| out.extend_from_slice(entry));
    leb(1, &mut out);
    sleb(arg, &mut out);
    value(v, &mut out);
    out
}
