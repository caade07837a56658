//! Interned strings for the stored digests: service names, origins, URLs, annotation keys and
//! the like repeat across thousands of documents, so each distinct value is held once and the
//! digests share it. Values no digest uses any more are dropped by [`Interner::prune`], which
//! the store calls as it evicts, so the table follows what is stored rather than all that ever
//! was.

use std::collections::HashSet;
use std::sync::Arc;

/// A shared, immutable string.
pub(crate) type Sym = Arc<str>;

/// What one interned value costs beyond its bytes: the `Arc` header (two counters), the table's
/// slot (a fat pointer and a control byte, at the table's load factor) and the allocator's
/// rounding.
const PER_VALUE_BYTES: usize = 16 + 24 + 16;

#[derive(Default)]
pub(crate) struct Interner {
    values: HashSet<Sym>,
    /// Bytes held: every value's text plus [`PER_VALUE_BYTES`].
    bytes: usize,
    /// Table size after the last prune: the next one waits until it has doubled, so pruning
    /// costs a constant amount per value interned.
    pruned_at: usize,
}

impl Interner {
    pub fn intern(&mut self, text: &str) -> Sym {
        if let Some(value) = self.values.get(text) {
            return Arc::clone(value);
        }
        let value: Sym = Arc::from(text);
        self.bytes += text.len() + PER_VALUE_BYTES;
        self.values.insert(Arc::clone(&value));
        value
    }

    pub fn bytes(&self) -> usize {
        self.bytes
    }

    /// Drops the values only the table still holds, once the table has doubled since last time.
    pub fn prune(&mut self) {
        if self.values.len() < (2 * self.pruned_at).max(1_024) {
            return;
        }
        self.prune_now();
    }

    pub fn prune_now(&mut self) {
        let mut freed = 0;
        self.values.retain(|value| {
            let used = Arc::strong_count(value) > 1;
            if !used {
                freed += value.len() + PER_VALUE_BYTES;
            }
            used
        });
        self.bytes -= freed;
        self.values.shrink_to_fit();
        self.pruned_at = self.values.len();
    }

    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.values.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_value_is_held_once_and_dropped_when_unused() {
        let mut interner = Interner::default();
        let a = interner.intern("checkout");
        let b = interner.intern("checkout");
        assert!(Arc::ptr_eq(&a, &b));
        let gone = interner.intern("payments");
        assert_eq!(interner.len(), 2);
        assert_eq!(
            interner.bytes(),
            "checkout".len() + "payments".len() + 2 * PER_VALUE_BYTES
        );
        drop(gone);
        interner.prune_now();
        assert_eq!(interner.len(), 1, "only the value still in use stays");
        assert_eq!(interner.bytes(), "checkout".len() + PER_VALUE_BYTES);
        assert_eq!(&*interner.intern("checkout"), "checkout");
    }
}
