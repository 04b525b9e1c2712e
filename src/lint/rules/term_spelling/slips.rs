//! Which long name a word is one slip away from, in time that does not grow with the list.
//!
//! Owns finding candidates: a slip keeps the name's first and last letter and replaces, adds,
//! leaves out or swaps one letter inside it (`one_inner_edit_apart` in the rule decides). Comparing
//! a word with every long name cost as much as the list is long, for every word read. Instead every
//! long name is indexed whole and with each of its letters left out; a word is looked up whole, with
//! each of its letters left out, and with each pair of neighbours swapped, once its first and last
//! letter and its length fit some name. Entries are polynomial hashes, sorted, each variant's hash
//! made in constant time: a collision only adds a candidate, which the rule's check then refuses.

/// Marks an entry for a whole name, not one with a letter left out.
const WHOLE: u32 = u32::MAX;

pub struct SlipIndex {
    /// (hash, name's place in the list, the letter left out or [`WHOLE`]), sorted.
    entries: Vec<(u64, u32, u32)>,
    /// Per first and last byte of a name: the shortest and longest such name. A slip keeps both
    /// and is one letter longer or shorter at most, which rules out most words at a glance.
    ends: Vec<(usize, usize)>,
    /// Powers of [`BASE`], one more than the longest word looked up.
    powers: Vec<u64>,
    /// One bit per value of the top bits of a hash, set for the entries' hashes: most lookups
    /// miss, and a bit tells so without a search.
    present: Vec<u64>,
    /// How far to shift a hash to get its bit's number.
    shift: u32,
}

/// The place in [`SlipIndex::ends`] of a name's or a word's first and last byte.
fn ends_at(key: &[u8]) -> Option<usize> {
    match key {
        [first, .., last] if first.is_ascii() && last.is_ascii() => {
            Some(usize::from(*first) * 128 + usize::from(*last))
        }
        _ => None,
    }
}

/// The base of the polynomial hash: odd, so that its powers never vanish modulo 2^64.
const BASE: u64 = 0x100_0000_01b3;

impl SlipIndex {
    /// The index of `keys` (names as `term_key` gives them), by their place in the list.
    pub fn new<'a>(keys: impl IntoIterator<Item = &'a str>) -> SlipIndex {
        let keys: Vec<&[u8]> = keys.into_iter().map(str::as_bytes).collect();
        let longest = keys.iter().map(|k| k.len()).max().unwrap_or(0);
        let mut index = SlipIndex {
            entries: Vec::new(),
            ends: vec![(usize::MAX, 0); 128 * 128],
            powers: powers(longest + 2),
            present: Vec::new(),
            shift: 0,
        };
        for (place, key) in keys.iter().enumerate() {
            let place = u32::try_from(place).unwrap_or(WHOLE - 1);
            if let Some(at) = ends_at(key) {
                let (shortest, longest) = &mut index.ends[at];
                (*shortest, *longest) = ((*shortest).min(key.len()), (*longest).max(key.len()));
            }
            let hashes = Hashes::of(key, &index.powers);
            index.entries.push((hashes.whole(), place, WHOLE));
            for left_out in 0..key.len() {
                let at = u32::try_from(left_out).unwrap_or(WHOLE - 1);
                index.entries.push((hashes.without(left_out), place, at));
            }
        }
        index.entries.sort_unstable();
        // About eight bits per entry, from 2^12 to 2^24 bits.
        let bits = (index.entries.len() * 8)
            .next_power_of_two()
            .clamp(1 << 12, 1 << 24);
        index.shift = 64 - bits.trailing_zeros();
        index.present = vec![0; bits / 64];
        for &(h, _, _) in &index.entries {
            let bit = (h >> index.shift) as usize;
            index.present[bit / 64] |= 1 << (bit % 64);
        }
        index
    }

    /// The places of the names `word` may be one slip from, each one or more times, in no order.
    pub fn candidates(&self, word: &[u8]) -> Vec<usize> {
        let n = word.len();
        let mut found = Vec::new();
        let Some(&(shortest, longest)) = ends_at(word).map(|at| &self.ends[at]) else {
            return found;
        };
        if n + 1 < shortest || n > longest + 1 {
            return found;
        }
        let hashes = Hashes::of(word, &self.powers);
        // A letter left out of a name.
        self.lookup(hashes.whole(), |at| at != WHOLE, &mut found);
        for left_out in 0..n {
            let at = u32::try_from(left_out).unwrap_or(WHOLE - 1);
            // A letter added (the name whole), or one replaced (the same letter left out of both).
            let wanted = |entry| entry == WHOLE || entry == at;
            self.lookup(hashes.without(left_out), wanted, &mut found);
        }
        for i in 0..n.saturating_sub(1) {
            self.lookup(hashes.swapped(i), |at| at == WHOLE, &mut found);
        }
        found
    }

    fn lookup(&self, h: u64, wanted: impl Fn(u32) -> bool, found: &mut Vec<usize>) {
        let bit = (h >> self.shift) as usize;
        if self.present[bit / 64] & (1 << (bit % 64)) == 0 {
            return;
        }
        let from = self.entries.partition_point(|e| e.0 < h);
        for &(_, place, at) in self.entries[from..].iter().take_while(|e| e.0 == h) {
            if wanted(at) {
                found.push(place as usize);
            }
        }
    }
}

fn powers(count: usize) -> Vec<u64> {
    std::iter::successors(Some(1u64), |p| Some(p.wrapping_mul(BASE)))
        .take(count + 1)
        .collect()
}

/// Polynomial hashes of a string and of its variants with one byte left out or two neighbours
/// swapped, each in constant time from the string's prefix hashes: a word costs time linear in
/// its length, not its square.
struct Hashes<'a> {
    bytes: &'a [u8],
    /// `prefix[i]`: the hash of `bytes[..i]`.
    prefix: Vec<u64>,
    powers: &'a [u64],
}

impl<'a> Hashes<'a> {
    fn of(bytes: &'a [u8], powers: &'a [u64]) -> Self {
        let mut prefix = Vec::with_capacity(bytes.len() + 1);
        prefix.push(0u64);
        for &b in bytes {
            let last = prefix[prefix.len() - 1];
            prefix.push(last.wrapping_mul(BASE).wrapping_add(u64::from(b) + 1));
        }
        Hashes {
            bytes,
            prefix,
            powers,
        }
    }

    /// The hash of `bytes[from..]`.
    fn suffix(&self, from: usize) -> u64 {
        let n = self.bytes.len();
        self.prefix[n].wrapping_sub(self.prefix[from].wrapping_mul(self.powers[n - from]))
    }

    fn whole(&self) -> u64 {
        finish(self.prefix[self.bytes.len()], self.bytes.len())
    }

    fn without(&self, left_out: usize) -> u64 {
        let n = self.bytes.len();
        let before = self.prefix[left_out].wrapping_mul(self.powers[n - 1 - left_out]);
        finish(before.wrapping_add(self.suffix(left_out + 1)), n - 1)
    }

    /// With `bytes[i]` and `bytes[i + 1]` swapped.
    fn swapped(&self, i: usize) -> u64 {
        let n = self.bytes.len();
        let (a, b) = (u64::from(self.bytes[i]), u64::from(self.bytes[i + 1]));
        let moved = b
            .wrapping_sub(a)
            .wrapping_mul(self.powers[n - 1 - i].wrapping_sub(self.powers[n - 2 - i]));
        finish(self.prefix[n].wrapping_add(moved), n)
    }
}

/// A hash with its string's length folded in, so that strings of other lengths rarely collide.
fn finish(hash: u64, len: usize) -> u64 {
    (hash ^ (len as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15)).wrapping_mul(0xff51_afd7_ed55_8ccd)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_variant_hashes_as_the_string_it_stands_for() {
        let word = b"dockerfile";
        let powers = powers(word.len() + 2);
        let hashes = Hashes::of(word, &powers);
        let direct = |bytes: &[u8]| Hashes::of(bytes, &powers).whole();
        assert_eq!(hashes.whole(), direct(word));
        for i in 0..word.len() {
            let mut left_out = word.to_vec();
            left_out.remove(i);
            assert_eq!(hashes.without(i), direct(&left_out), "{i}");
        }
        for i in 0..word.len() - 1 {
            let mut swapped = word.to_vec();
            swapped.swap(i, i + 1);
            assert_eq!(hashes.swapped(i), direct(&swapped), "{i}");
        }
    }

    #[test]
    fn every_kind_of_slip_finds_its_name() {
        let index = SlipIndex::new(["dockerfile", "kubernetes", "terraform"]);
        for (word, place) in [
            ("dockefile", 0),
            ("dockerfiile", 0),
            ("dockarfile", 0),
            ("dockrefile", 0),
            ("kuberentes", 1),
            ("terrafrom", 2),
        ] {
            assert!(index.candidates(word.as_bytes()).contains(&place), "{word}");
        }
        for word in ["database", "dock", "dockerfilesss", "ockerfile", "x", ""] {
            assert!(index.candidates(word.as_bytes()).is_empty(), "{word}");
        }
    }
}
