//! A read-only table from words (byte strings) to small ids, for the vocabulary.
//!
//! Every word of every page is looked up here once, and most are in no pattern, so
//! the lookup is the hottest path after the normaliser. The standard `HashMap` took
//! about 110 instructions a word (callgrind, `classify` on the sample corpus). This
//! open-addressing table keeps in each slot a word's first eight bytes and its
//! length, so a word of eight bytes or fewer (nearly every word) is hashed with one
//! multiply and found, or turned away, by comparing integers in the slots of its
//! probe run, without touching any other memory or calling `memcmp`.

/// One slot: a word's first eight bytes (zero-padded), its length and its id; id 0
/// marks an empty slot.
#[derive(Debug, Clone, Copy, Default)]
struct Slot {
    head: u64,
    len: u32,
    id: u32,
}

/// Words with ids `1..=len`, in the order they were given.
#[derive(Debug, Default)]
pub(crate) struct WordTable {
    /// Power-of-two sized, at most half full, so probe runs stay short.
    slots: Vec<Slot>,
    /// `64 - log2(slots.len())`: the top bits of a hash pick the slot.
    shift: u32,
    /// Where the bytes of word `id` lie in `bytes`, at index `id - 1`.
    spans: Vec<(u32, u32)>,
    bytes: Vec<u8>,
    /// Longest word, to turn away longer ones without hashing them.
    longest: usize,
}

/// Slots a new table starts with.
const FIRST_SLOTS: usize = 16;

impl WordTable {
    /// Builds the table; a word given twice keeps its first id. Ids count from 1.
    pub fn new<'w>(words: impl IntoIterator<Item = &'w [u8]>) -> WordTable {
        let mut table = WordTable {
            slots: vec![Slot::default(); FIRST_SLOTS],
            shift: 64 - FIRST_SLOTS.trailing_zeros(),
            ..WordTable::default()
        };
        for word in words {
            table.insert(word);
        }
        table
    }

    /// Number of words.
    pub fn len(&self) -> usize {
        self.spans.len()
    }

    /// The id of `word`, if it is in the table. Inlined into the vocabulary's one hot
    /// call: as a call, saving and restoring registers cost 17 instructions a word, a
    /// third of the lookup.
    #[inline(always)]
    pub fn get(&self, word: &[u8]) -> Option<u32> {
        if word.len() > self.longest {
            return None;
        }
        let (head, hash) = head_and_hash(word);
        let mask = self.slots.len() - 1;
        let mut i = (hash >> self.shift) as usize;
        loop {
            let slot = *self.slots.get(i)?;
            if slot.id == 0 {
                return None;
            }
            if slot.head == head
                && slot.len as usize == word.len()
                // Only words longer than eight bytes have more to compare.
                && (word.len() <= 8 || self.word(slot.id) == word)
            {
                return Some(slot.id);
            }
            i = (i + 1) & mask;
        }
    }

    /// Heap memory, in bytes.
    pub fn memory_usage(&self) -> usize {
        self.slots.capacity() * std::mem::size_of::<Slot>()
            + self.spans.capacity() * std::mem::size_of::<(u32, u32)>()
            + self.bytes.capacity()
    }

    /// The bytes of word `id`.
    fn word(&self, id: u32) -> &[u8] {
        let (start, len) = self.spans[id as usize - 1];
        &self.bytes[start as usize..(start + len) as usize]
    }

    fn insert(&mut self, word: &[u8]) {
        if self.get(word).is_some() {
            return;
        }
        if 2 * (self.spans.len() + 1) > self.slots.len() {
            self.grow();
        }
        self.spans
            .push((self.bytes.len() as u32, word.len() as u32));
        self.bytes.extend_from_slice(word);
        self.longest = self.longest.max(word.len());
        self.place(self.spans.len() as u32);
    }

    /// Doubles the slots and places every word again.
    fn grow(&mut self) {
        self.slots = vec![Slot::default(); self.slots.len() * 2];
        self.shift -= 1;
        for id in 1..=self.spans.len() as u32 {
            self.place(id);
        }
    }

    /// Puts word `id` in the first free slot of its probe run.
    fn place(&mut self, id: u32) {
        let word = self.word(id);
        let (head, hash) = head_and_hash(word);
        let len = word.len() as u32;
        let mask = self.slots.len() - 1;
        let mut i = (hash >> self.shift) as usize;
        while self.slots[i].id != 0 {
            i = (i + 1) & mask;
        }
        self.slots[i] = Slot { head, len, id };
    }
}

/// A word's first eight bytes, zero-padded, and its hash, whose top bits pick a slot.
/// A word of eight bytes or fewer is hashed by one multiply of those bytes (FxHash's
/// constant); its length need not go in, as the slot compares it. A longer word
/// multiplies in eight bytes at a time, then the last one to eight. The bytes are read
/// in at most three loads, without a loop. Not DoS-resistant: a page that floods one
/// probe run only slows its own scan.
#[inline]
fn head_and_hash(word: &[u8]) -> (u64, u64) {
    const K: u64 = 0xf135_7aea_2e62_a9c5;
    if word.len() <= 8 {
        let head = padded(word);
        return (head, head.wrapping_mul(K));
    }
    let mut h = (word.len() as u64).wrapping_mul(K);
    let mut rest = word;
    while rest.len() > 8 {
        let (chunk, tail) = rest.split_at(8);
        h = (h ^ load8(chunk)).wrapping_mul(K);
        rest = tail;
    }
    h = (h ^ padded(rest)).wrapping_mul(K);
    (load8(word), h)
}

/// The zero to eight bytes of `bytes` as a little-endian integer, zero-padded. The
/// loads overlap where the length is not a power of two, which ORs a byte with itself.
fn padded(bytes: &[u8]) -> u64 {
    let n = bytes.len();
    match n {
        0 => 0,
        1..=3 => {
            u64::from(bytes[0])
                | u64::from(bytes[n / 2]) << (8 * (n / 2))
                | u64::from(bytes[n - 1]) << (8 * (n - 1))
        }
        4..=7 => u64::from(load4(bytes)) | u64::from(load4(&bytes[n - 4..])) << (8 * (n - 4)),
        _ => load8(bytes),
    }
}

/// The first four bytes of `bytes` (which has at least four), little-endian.
fn load4(bytes: &[u8]) -> u32 {
    let mut four = [0; 4];
    four.copy_from_slice(&bytes[..4]);
    u32::from_le_bytes(four)
}

/// The first eight bytes of `bytes` (which has at least eight), little-endian.
fn load8(bytes: &[u8]) -> u64 {
    let mut eight = [0; 8];
    eight.copy_from_slice(&bytes[..8]);
    u64::from_le_bytes(eight)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_every_word_and_nothing_else() {
        let words: Vec<String> = (0..5000).map(|i| format!("w{i}x{}", i % 17)).collect();
        let table = WordTable::new(words.iter().map(|w| w.as_bytes()));
        assert_eq!(table.len(), words.len());
        for (i, w) in words.iter().enumerate() {
            assert_eq!(table.get(w.as_bytes()), Some(i as u32 + 1), "{w}");
        }
        for miss in ["", "w", "w1", "w5000x0", "a-much-longer-word-than-any"] {
            assert_eq!(table.get(miss.as_bytes()), None, "{miss}");
        }
    }

    #[test]
    fn padded_reads_exactly_the_bytes() {
        for n in 0..=8 {
            let bytes: Vec<u8> = (1..=n as u8).collect();
            let mut want = [0; 8];
            want[..n].copy_from_slice(&bytes);
            assert_eq!(padded(&bytes), u64::from_le_bytes(want), "{n}");
        }
    }

    #[test]
    fn repeated_words_keep_their_first_id() {
        let table = WordTable::new(["clon", "kathy", "clon"].map(str::as_bytes));
        assert_eq!(table.len(), 2);
        assert_eq!(table.get(b"clon"), Some(1));
        assert_eq!(table.get(b"kathy"), Some(2));
    }

    #[test]
    fn words_of_every_length_hash_apart_from_their_prefixes() {
        let long = "abcdefghijklmnopqrstuvwxyz";
        let words: Vec<&[u8]> = (1..=long.len()).map(|n| &long.as_bytes()[..n]).collect();
        let table = WordTable::new(words.iter().copied());
        for (i, w) in words.iter().enumerate() {
            assert_eq!(table.get(w), Some(i as u32 + 1));
        }
    }
}
