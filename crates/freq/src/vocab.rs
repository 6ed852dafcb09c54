//! The vocabulary that the tables of a run share.
//!
//! Without it every worker thread meets the whole vocabulary on its own: each
//! normalizes, stems and stores every word it sees for the first time, though the
//! other thread did the same work a moment before, and each keeps its own copy of
//! the spelling cache, which is the table every token is looked up in. On two cores
//! that sharing a cache, both copies compete for it.
//!
//! So at the end of each chunk of work, when no table is counting, the words,
//! spellings and stems that the tables added on their own are moved into one
//! [`Vocab`] ([`share`]), which every table then reads, without locks, through an
//! `Arc` while the next chunk is counted. A word of the vocabulary has the same index
//! in every table that shares it, so the tables keep only their statistics for it,
//! and merging two of them adds up two arrays. What a table meets that the vocabulary
//! lacks it adds to maps of its own, as a table without a shared vocabulary does,
//! with indices after the vocabulary's, until the next [`share`].

use std::sync::Arc;

use crate::count::{StemStat, Table, WordStat, NO_STEM};
use crate::map::StrMap;

/// Words, spellings and stems, with the same indices in every table that shares
/// them; see the module docs.
#[derive(Debug, Clone, Default)]
pub(crate) struct Vocab {
    /// Normalized lowercase words, by index.
    pub(crate) words: StrMap,
    /// Spellings in plain documents (see [`crate::key::is_plain_normalizer`]) with
    /// their word's index.
    pub(crate) surface: StrMap,
    /// Stems, by index.
    pub(crate) stems: StrMap,
    /// What a table needs to know of each word before counting it, by index.
    pub(crate) info: Vec<WordInfo>,
}

/// A word's stem index ([`NO_STEM`] when it is not stemmed) and whether it is a
/// stop word.
#[derive(Debug, Clone, Copy)]
pub(crate) struct WordInfo {
    pub(crate) stem: u32,
    pub(crate) stop: bool,
}

/// The index in `map` of each key of `own`, in `own`'s index order; `added` is
/// called with the own index of each key that was new to `map`.
fn intern_all(map: &mut StrMap, own: &StrMap, mut added: impl FnMut(u32)) -> Vec<u32> {
    own.iter()
        .map(|(key, i)| {
            let n = map.len() as u32;
            map.get_or_insert_with(key, || {
                added(i);
                n
            })
        })
        .collect()
}

/// Moves the words, spellings and stems each of `tables` added on its own into
/// `vocab`, which they must all share, and returns the vocabulary they share now.
/// Each table's statistics are moved to the new indices, and its own maps are left
/// empty.
pub(crate) fn share(vocab: Arc<Vocab>, tables: &mut [&mut Table]) -> Arc<Vocab> {
    for t in tables.iter_mut() {
        debug_assert!(Arc::ptr_eq(&t.vocab, &vocab));
        // Let go of the old vocabulary, so that it is not copied below.
        t.vocab = Arc::default();
    }
    let mut v = Arc::try_unwrap(vocab).unwrap_or_else(|shared| (*shared).clone());
    let (words_before, stems_before) = (v.words.len(), v.stems.len());
    // For each table, the new index of each word and each stem it added.
    let mut moved: Vec<(Vec<u32>, Vec<u32>)> = vec![Default::default(); tables.len()];
    // The first sharing takes the maps of the table that learned the most as they are
    // (its indices are the vocabulary's then), rather than adding each key again.
    let first = (words_before == 0 && stems_before == 0 && v.surface.is_empty())
        .then(|| (0..tables.len()).max_by_key(|&k| tables[k].words.len()))
        .flatten();
    if let Some(k) = first {
        let t = &mut *tables[k];
        let (words, stems) = (t.words.len() as u32, t.stem_index.len() as u32);
        v.words = std::mem::take(&mut t.words);
        v.stems = std::mem::take(&mut t.stem_index);
        v.surface = std::mem::take(&mut t.surface);
        v.info = t.word_stats.iter().map(|s| WordInfo { stem: s.stem, stop: s.stop }).collect();
        moved[k] = ((0..words).collect(), (0..stems).collect());
    }
    // Room for every key the other tables bring, at once, rather than growing step by
    // step, each step a pass over the keys.
    let others: Vec<usize> = (0..tables.len()).filter(|&k| Some(k) != first).collect();
    let room = |map: &mut StrMap, own: fn(&Table) -> &StrMap| {
        let (more, bytes) =
            others.iter().map(|&k| own(tables[k])).fold((0, 0), |(n, b), m| (n + m.len(), b + m.key_bytes()));
        map.reserve(more, bytes);
    };
    let Vocab { words, surface, stems, info } = &mut v;
    rayon::join(
        || room(words, |t| &t.words),
        || rayon::join(|| room(stems, |t| &t.stem_index), || room(surface, |t| &t.surface)),
    );
    // The other tables' keys go in map by map, two maps at a time: their stems while
    // their words go in (each new word's stem is the table's own index until the
    // stems are in), then their spellings, which need the words' new indices, while
    // the tables' statistics move (below).
    let tables_ref: &[&mut Table] = tables;
    let (mut new_stems, (mut new_words, added)) = rayon::join(
        || others.iter().map(|&k| intern_all(stems, &tables_ref[k].stem_index, |_| {})).collect::<Vec<_>>(),
        || {
            let mut added = Vec::with_capacity(others.len());
            let new_words = others
                .iter()
                .map(|&k| {
                    let t: &Table = tables_ref[k];
                    let from = info.len();
                    let new = intern_all(words, &t.words, |i| {
                        let stat = &t.word_stats[i as usize];
                        info.push(WordInfo { stem: stat.stem, stop: stat.stop });
                    });
                    added.push(from..info.len());
                    new
                })
                .collect::<Vec<_>>();
            (new_words, added)
        },
    );
    let stem_of = |k: usize, s: u32| {
        if s == NO_STEM || (s as usize) < stems_before {
            s
        } else {
            new_stems[k][s as usize - stems_before]
        }
    };
    for (k, range) in added.into_iter().enumerate() {
        for i in &mut info[range] {
            i.stem = stem_of(k, i.stem);
        }
    }
    for (k, &t) in others.iter().enumerate() {
        moved[t] = (std::mem::take(&mut new_words[k]), std::mem::take(&mut new_stems[k]));
    }
    // The spellings go in while each table's statistics move to the new indices.
    let (info, stem_count) = (&*info, stems.len());
    let mut stats = Vec::with_capacity(tables.len());
    let mut spellings = Vec::with_capacity(others.len());
    for (k, t) in tables.iter_mut().enumerate() {
        let Table { word_stats, stems, surface, .. } = &mut **t;
        if others.contains(&k) {
            spellings.push((&*surface, &moved[k].0));
        }
        stats.push((word_stats, stems, &moved[k]));
    }
    rayon::join(
        || {
            for (own, new_words) in spellings {
                for (spelling, i) in own.iter() {
                    let i = if (i as usize) < words_before { i } else { new_words[i as usize - words_before] };
                    surface.get_or_insert_with(spelling, || i);
                }
            }
        },
        || {
            for (word_stats, stems, (new_words, new_stems)) in stats {
                if word_stats.is_empty() {
                    // A table that has counted nothing yet: it takes in the vocabulary
                    // when it does.
                    continue;
                }
                let own = word_stats.split_off(words_before);
                word_stats.extend(info[words_before..].iter().map(|&i| WordStat::unseen(i)));
                for (stat, &i) in own.into_iter().zip(new_words) {
                    let to = &mut word_stats[i as usize];
                    *to = WordStat { stem: to.stem, stop: to.stop, ..stat };
                }
                let own = stems.split_off(stems_before);
                stems.resize(stem_count, StemStat::default());
                for (stat, &i) in own.into_iter().zip(new_stems) {
                    stems[i as usize] = stat;
                }
            }
        },
    );
    let v = Arc::new(v);
    for t in tables.iter_mut() {
        debug_assert!(!t.word_stats.is_empty() || (t.words.is_empty() && t.stems.is_empty()));
        t.vocab = Arc::clone(&v);
        // Emptied, not dropped: the next chunk's new words fill them again, and while
        // the vocabulary grows they would grow through every size again.
        t.words.clear();
        t.surface.clear();
        t.stem_index.clear();
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::count::count_text;
    use crate::run::Config;
    use sozdik_script::Normalizer;

    /// Documents counted by three tables, which share what they learned between rounds,
    /// then merged, against one table that counted them all.
    fn shared_counts_like_one_table(config: &Config, norm: &Normalizer, rounds: &[[&str; 3]]) {
        let mut one = Table::default();
        let mut vocab: Arc<Vocab> = Arc::default();
        let mut tables: Vec<Table> = (0..3).map(|_| Table { vocab: Arc::clone(&vocab), ..Table::default() }).collect();
        let mut doc = 0;
        for round in rounds {
            for (t, text) in tables.iter_mut().zip(round) {
                count_text(&mut one, config, norm, doc, text);
                count_text(t, config, norm, doc, text);
                doc += 1;
            }
            vocab = share(vocab, &mut tables.iter_mut().collect::<Vec<_>>());
            assert!(tables.iter().all(|t| Arc::ptr_eq(&t.vocab, &vocab) && t.words.is_empty() && t.surface.is_empty()));
        }
        // A last round counted without sharing: merging meets words of the tables' own.
        for (t, text) in tables.iter_mut().zip(["Жаңа сөздер: ғарыш, ғарышкер.", "", "Ғарыш! Кітап."])
        {
            count_text(&mut one, config, norm, doc, text);
            count_text(t, config, norm, doc, text);
            doc += 1;
        }
        let merged = tables.into_iter().reduce(|mut a, b| {
            a.merge(b);
            a
        });
        let merged = merged.expect("three tables");
        for keep in [false, true] {
            assert_eq!(merged.word_rows(keep), one.word_rows(keep));
            assert_eq!(merged.stem_rows(keep), one.stem_rows(keep));
        }
        assert_eq!(merged.distinct_words(), one.distinct_words());
    }

    #[test]
    fn tables_that_share_count_like_one() {
        let rounds = [
            ["Кітаптар мен кітабым.", "Кітап, кітаптар және балалар.", ""],
            ["Балалар кітабы", "КІТАПТАР мен мектеп.", "Ол мектепте оқиды. Google"],
            ["Мектептер мен мектебі.", "Ол кітап оқыды.", "Кітаптар тағы бар, балалар!"],
        ];
        let keep = Config { keep_stopwords: true, ..Config::default() };
        for config in [Config::default(), keep] {
            // A Cyrillic document's words go through the spelling caches; those of a
            // document of unknown script are normalized each time.
            let plain = config.normalizer("Кітаптар мен кітабым.");
            assert!(crate::key::is_plain_normalizer(&plain));
            shared_counts_like_one_table(&config, &plain, &rounds);
            shared_counts_like_one_table(&config, &config.normalizer(""), &rounds);
        }
    }

    #[test]
    fn a_table_that_never_counted_takes_the_vocabulary_when_it_does() {
        let config = Config::default();
        let norm = config.normalizer("Кітаптар мен кітабым.");
        let vocab: Arc<Vocab> = Arc::default();
        let (mut a, mut idle) = (Table { vocab: Arc::clone(&vocab), ..Table::default() }, Table::default());
        idle.vocab = Arc::clone(&vocab);
        count_text(&mut a, &config, &norm, 0, "Кітаптар мен кітабым.");
        let vocab = share(vocab, &mut [&mut a, &mut idle]);
        assert_eq!((vocab.words.len(), idle.word_stats.len()), (3, 0));
        count_text(&mut idle, &config, &norm, 1, "кітабым, Кітабым!");
        // A known spelling is found in the shared cache; a new spelling of a known word
        // is the table's own, and the word is not.
        assert!(idle.words.is_empty());
        assert_eq!(idle.surface.iter().collect::<Vec<_>>(), [("Кітабым", vocab.words.get("кітабым").unwrap())]);
        let rows = idle.word_rows(false);
        assert_eq!(rows.len(), 1);
        assert_eq!((rows[0].word, rows[0].count, rows[0].documents), ("кітабым", 2, 1));
        // A sibling merged back adds up by index.
        let mut part = idle.sibling();
        count_text(&mut part, &config, &norm, 2, "кітаптар");
        idle.merge(part);
        assert_eq!(
            idle.word_rows(false).iter().map(|r| (r.word, r.count)).collect::<Vec<_>>(),
            [("кітабым", 2), ("кітаптар", 1)]
        );
    }
}
