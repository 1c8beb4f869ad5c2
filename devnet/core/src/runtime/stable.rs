//! Stable memory: sparse 4 KiB pages with a journal of the pages an execution touched, so a trap
//! restores only those pages instead of copying the whole memory.
use std::collections::HashMap;

pub const WASM_PAGE: u64 = 64 * 1024;
const PAGE: usize = 4096;
type Page = Box<[u8; PAGE]>;

#[derive(Clone, Default)]
pub struct StableMemory {
    /// Size in 64 KiB wasm pages.
    size_pages: u64,
    pages: HashMap<u64, Page>,
    journal: Option<Journal>,
}

#[derive(Clone, Default)]
struct Journal {
    size_pages: u64,
    /// Original content of each page written since `begin` (None: the page did not exist).
    saved: HashMap<u64, Option<Page>>,
}

impl StableMemory {
    pub fn size_pages(&self) -> u64 {
        self.size_pages
    }

    pub fn size_bytes(&self) -> u64 {
        self.size_pages * WASM_PAGE
    }

    /// Grows by `new_pages`; returns the previous size, or None when `limit_pages` would be exceeded.
    pub fn grow(&mut self, new_pages: u64, limit_pages: u64) -> Option<u64> {
        let old = self.size_pages;
        let new = old.checked_add(new_pages)?;
        if new > limit_pages {
            return None;
        }
        self.size_pages = new;
        Some(old)
    }

    /// Whether `[offset, offset+len)` lies within the memory.
    pub fn in_bounds(&self, offset: u64, len: u64) -> bool {
        offset.checked_add(len).is_some_and(|end| end <= self.size_bytes())
    }

    pub fn read(&self, offset: u64, dst: &mut [u8]) {
        let mut done = 0usize;
        while done < dst.len() {
            let pos = offset + done as u64;
            let (page, within) = (pos / PAGE as u64, (pos % PAGE as u64) as usize);
            let n = (PAGE - within).min(dst.len() - done);
            match self.pages.get(&page) {
                Some(p) => dst[done..done + n].copy_from_slice(&p[within..within + n]),
                None => dst[done..done + n].fill(0),
            }
            done += n;
        }
    }

    /// Writes `src` at `offset`; returns how many 4 KiB pages this execution had not written yet
    /// (the IC charges for each newly dirtied page).
    pub fn write(&mut self, offset: u64, src: &[u8]) -> u64 {
        let mut done = 0usize;
        let mut dirtied = 0;
        while done < src.len() {
            let pos = offset + done as u64;
            let (page, within) = (pos / PAGE as u64, (pos % PAGE as u64) as usize);
            let n = (PAGE - within).min(src.len() - done);
            dirtied += self.save_for_rollback(page) as u64;
            let p = self.pages.entry(page).or_insert_with(|| Box::new([0u8; PAGE]));
            p[within..within + n].copy_from_slice(&src[done..done + n]);
            done += n;
        }
        dirtied
    }

    /// Saves the page's content before its first write in this execution; true if it was the first.
    fn save_for_rollback(&mut self, page: u64) -> bool {
        match &mut self.journal {
            Some(journal) => match journal.saved.entry(page) {
                std::collections::hash_map::Entry::Occupied(_) => false,
                std::collections::hash_map::Entry::Vacant(v) => {
                    v.insert(self.pages.get(&page).cloned());
                    true
                }
            },
            None => false,
        }
    }

    /// Starts recording changes so that `rollback` can undo them.
    pub fn begin(&mut self) {
        self.journal = Some(Journal { size_pages: self.size_pages, saved: HashMap::new() });
    }

    pub fn commit(&mut self) {
        self.journal = None;
    }

    pub fn rollback(&mut self) {
        if let Some(journal) = self.journal.take() {
            self.size_pages = journal.size_pages;
            for (page, content) in journal.saved {
                match content {
                    Some(c) => {
                        self.pages.insert(page, c);
                    }
                    None => {
                        self.pages.remove(&page);
                    }
                }
            }
        }
    }

    /// The 4 KiB pages holding any non-zero byte, in index order (persistence writes these rather than
    /// the whole memory: a memory manager's buckets make stable memories large and mostly empty).
    pub fn nonzero_pages(&self) -> Vec<(u64, &[u8])> {
        let mut pages: Vec<(u64, &[u8])> = self
            .pages
            .iter()
            .filter(|(_, content)| !crate::runtime::is_zero(&content[..]))
            .map(|(index, content)| (*index, &content[..]))
            .collect();
        pages.sort_unstable_by_key(|(index, _)| *index);
        pages
    }

    /// The whole memory as bytes (for snapshots and persistence).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = vec![0u8; self.size_bytes() as usize];
        for (page, content) in &self.pages {
            let start = *page as usize * PAGE;
            if start < out.len() {
                let end = (start + PAGE).min(out.len());
                out[start..end].copy_from_slice(&content[..end - start]);
            }
        }
        out
    }

    pub fn from_bytes(bytes: &[u8]) -> Self {
        let mut mem = StableMemory { size_pages: (bytes.len() as u64).div_ceil(WASM_PAGE), ..Default::default() };
        for (i, chunk) in bytes.chunks(PAGE).enumerate() {
            if !crate::runtime::is_zero(chunk) {
                let mut page = Box::new([0u8; PAGE]);
                page[..chunk.len()].copy_from_slice(chunk);
                mem.pages.insert(i as u64, page);
            }
        }
        mem
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rollback_restores_written_pages_and_size() {
        let mut m = StableMemory::default();
        m.grow(1, 10).unwrap();
        m.write(10, b"keep");
        m.begin();
        m.grow(2, 10).unwrap();
        m.write(8, b"overwrite-across-pages");
        m.write(70_000, b"x");
        m.rollback();
        let mut buf = [0u8; 4];
        m.read(10, &mut buf);
        assert_eq!(&buf, b"keep");
        assert_eq!(m.size_pages(), 1);
        assert_eq!(m.to_bytes().len(), 65536);
    }

    #[test]
    fn grow_respects_limit() {
        let mut m = StableMemory::default();
        assert_eq!(m.grow(5, 4), None);
        assert_eq!(m.grow(4, 4), Some(0));
    }
}
