//! Pages of ordered lists: the request (offset, limit capped at `MAX_PAGE`) and the page with its total,
//! both Candid types from `icto_shared::pagination`.

pub use icto_shared::pagination::{Page, PageRequest, MAX_PAGE};

/// The page `request` selects from `items` (already in order, starting at position 0).
pub fn page_of<T>(items: impl Iterator<Item = T>, request: PageRequest, total: u64) -> Page<T> {
    let items = items.skip(request.offset.min(usize::MAX as u64) as usize).take(request.capped_limit() as usize).collect();
    Page { items, total }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_skip_the_offset_and_cap_the_limit() {
        assert_eq!(page_of(0..10, PageRequest::new(3, 4), 10), Page { items: vec![3, 4, 5, 6], total: 10 });
        assert_eq!(page_of(0..10, PageRequest::new(8, 4), 10).items, vec![8, 9]);
        assert_eq!(page_of(0..1_000, PageRequest::new(0, 1_000), 1_000).items.len(), MAX_PAGE as usize);
        assert_eq!(page_of(0..3, PageRequest::new(u64::MAX, 1), 3).items, Vec::<i32>::new());
    }
}
