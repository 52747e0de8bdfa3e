//! A read-only table from words (byte strings) to small ids, for the vocabulary.
//!
//! Every word of every page is looked up here once, and most are in no pattern, so
//! the lookup is the hottest path after the normaliser. The standard `HashMap` took
//! about 110 instructions a word (callgrind, `classify` on the sample corpus); this
//! open-addressing table with a 32-bit hash tag per slot answers a miss without
//! touching a word's bytes, and a hit on a word of eight bytes or fewer (most words)
//! with one integer compare instead of a call to `memcmp`.

/// One slot: the high half of the word's hash and its id; id 0 marks an empty slot.
#[derive(Debug, Clone, Copy, Default)]
struct Slot {
    tag: u32,
    id: u32,
}

/// Word `id`: its first eight bytes (zero-padded) and where all of them lie in
/// [`WordTable::bytes`].
#[derive(Debug, Clone, Copy, Default)]
struct Entry {
    head: u64,
    start: u32,
    len: u32,
}

/// Words with ids `1..=len`, in the order they were given.
#[derive(Debug, Default)]
pub(crate) struct WordTable {
    /// Power-of-two sized, at most half full, so probe runs stay short.
    slots: Vec<Slot>,
    /// Index of word `id` is `id - 1`.
    entries: Vec<Entry>,
    bytes: Vec<u8>,
    /// Longest word, to turn away longer ones without hashing them.
    longest: usize,
}

impl WordTable {
    /// Builds the table; a word given twice keeps its first id. Ids count from 1.
    pub fn new<'w>(words: impl IntoIterator<Item = &'w [u8]>) -> WordTable {
        let mut table = WordTable {
            slots: vec![Slot::default(); 16],
            ..WordTable::default()
        };
        for word in words {
            table.insert(word);
        }
        table
    }

    /// Number of words.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// The id of `word`, if it is in the table.
    pub fn get(&self, word: &[u8]) -> Option<u32> {
        if word.len() > self.longest {
            return None;
        }
        let (head, hash) = head_and_hash(word);
        let tag = (hash >> 32) as u32;
        let mask = self.slots.len() - 1;
        let mut i = hash as usize & mask;
        loop {
            let slot = self.slots[i];
            if slot.id == 0 {
                return None;
            }
            if slot.tag == tag && self.is(slot.id, head, word) {
                return Some(slot.id);
            }
            i = (i + 1) & mask;
        }
    }

    /// Heap memory, in bytes.
    pub fn memory_usage(&self) -> usize {
        self.slots.capacity() * std::mem::size_of::<Slot>()
            + self.entries.capacity() * std::mem::size_of::<Entry>()
            + self.bytes.capacity()
    }

    /// True when word `id` is `word`, whose first eight bytes are `head`.
    fn is(&self, id: u32, head: u64, word: &[u8]) -> bool {
        let entry = self.entries[id as usize - 1];
        entry.head == head
            && entry.len as usize == word.len()
            // Only words longer than eight bytes have more to compare.
            && (word.len() <= 8 || self.word(entry) == word)
    }

    fn word(&self, entry: Entry) -> &[u8] {
        &self.bytes[entry.start as usize..(entry.start + entry.len) as usize]
    }

    fn insert(&mut self, word: &[u8]) {
        if self.get(word).is_some() {
            return;
        }
        if 2 * (self.entries.len() + 1) > self.slots.len() {
            self.grow();
        }
        self.entries.push(Entry {
            head: head_and_hash(word).0,
            start: self.bytes.len() as u32,
            len: word.len() as u32,
        });
        self.bytes.extend_from_slice(word);
        self.longest = self.longest.max(word.len());
        self.place(self.entries.len() as u32);
    }

    /// Doubles the slots and places every word again.
    fn grow(&mut self) {
        self.slots = vec![Slot::default(); self.slots.len() * 2];
        for id in 1..=self.entries.len() as u32 {
            self.place(id);
        }
    }

    /// Puts word `id` in the first free slot of its probe run.
    fn place(&mut self, id: u32) {
        let (_, hash) = head_and_hash(self.word(self.entries[id as usize - 1]));
        let mask = self.slots.len() - 1;
        let mut i = hash as usize & mask;
        while self.slots[i].id != 0 {
            i = (i + 1) & mask;
        }
        self.slots[i] = Slot {
            tag: (hash >> 32) as u32,
            id,
        };
    }
}

/// A word's first eight bytes, zero-padded, and its hash. The hash multiplies in eight
/// bytes at a time (FxHash's constant); the last one to eight bytes are read in at
/// most three loads, without a loop, so a short word costs a few instructions. Not
/// DoS-resistant: a page that floods one probe run only slows its own scan.
fn head_and_hash(word: &[u8]) -> (u64, u64) {
    const K: u64 = 0xf135_7aea_2e62_a9c5;
    let mut h = (word.len() as u64).wrapping_mul(K);
    let mut rest = word;
    while rest.len() > 8 {
        let (chunk, tail) = rest.split_at(8);
        h = (h ^ load8(chunk)).wrapping_mul(K);
        rest = tail;
    }
    let last = padded(rest);
    h = (h ^ last).wrapping_mul(K);
    let head = if word.len() > 8 { load8(word) } else { last };
    // The low bits pick the slot: fold the well-mixed high bits into them.
    (head, h ^ (h >> 29))
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
