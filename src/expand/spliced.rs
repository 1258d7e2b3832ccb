//! The expanded book, the last stage's input: each chapter's original text and what replaces its
//! directives, kept apart until the book is written.
//!
//! Writing the pieces between the untouched stretches of text, straight into mdBook's JSON, means
//! the expanded chapters never exist whole in memory, and a piece that many chapters show the
//! same (a pattern index in every chapter of a folder) is held once.

use std::cell::Cell;
use std::collections::HashMap;
use std::fmt;
use std::io::Write;
use std::ops::Range;
use std::path::Path;
use std::sync::{Arc, Mutex, PoisonError};

use mdbook_preprocessor::book::{Book, BookItem, Chapter};
use serde::ser::{Serialize, SerializeSeq, SerializeStruct, Serializer};

use crate::render::diagram::{DIAGRAM_MARK, MARK_DIGITS};

/// A book whose chapters are still as written, with what replaces each directive.
pub struct Expanded {
    book: Book,
    /// For each chapter with a file, in the order of [`for_each_page`]: its splices, in order.
    splices: Vec<Vec<Splice>>,
}

/// Text that replaces `range` of a chapter.
pub struct Splice {
    pub range: Range<usize>,
    pub text: Piece,
    /// The ids of the diagrams the text draws, where it draws any.
    pub diagram_ids: Option<DiagramIds>,
}

/// Each inline SVG needs element ids unique in the book (mdBook's print page holds every
/// chapter), yet the same diagram shown in many chapters should be held once. So a piece gives
/// its `n`-th diagram the id [`diagram_mark`]`(n)`, the same in every chapter, and each diagram
/// gets its own id only as the piece is written: the chapter's `prefix` and its number in the
/// chapter.
pub struct DiagramIds {
    /// `patterns-guides-payments-`, from [`diagram_id_prefix`].
    pub prefix: Arc<str>,
    /// How many diagrams the chapter draws before this piece.
    pub before: usize,
    /// How many this piece draws.
    pub count: usize,
}

/// The start of the ids of a chapter's diagrams: `guides/payments.md` →
/// `patterns-guides-payments-`.
pub fn diagram_id_prefix(chapter: &str) -> String {
    let stem = chapter.strip_suffix(".md").unwrap_or(chapter);
    let slug: String = stem
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    format!("patterns-{slug}-")
}

/// The text of a splice: its own, or one that other splices show too.
pub enum Piece {
    Own(String),
    Shared(Arc<str>),
}

impl Piece {
    pub fn as_str(&self) -> &str {
        match self {
            Piece::Own(text) => text,
            Piece::Shared(text) => text,
        }
    }
}

/// Pieces seen so far in a build, by the directive's text and the chapter's folder (its links
/// are relative to the folder). A new piece equal to the one seen first is shared with it.
#[derive(Default)]
pub struct Pieces {
    seen: Mutex<HashMap<(String, String), Arc<str>>>,
}

impl Pieces {
    /// `text`, shared with an equal piece rendered before from the same `directive` in a
    /// chapter of the same folder as `chapter`.
    pub fn share(&self, directive: &str, chapter: &str, text: String) -> Piece {
        let folder = chapter.rsplit_once('/').map_or("", |(folder, _)| folder);
        let key = (directive.to_owned(), folder.to_owned());
        let mut seen = self.seen.lock().unwrap_or_else(PoisonError::into_inner);
        match seen.get(&key) {
            Some(first) if **first == *text => Piece::Shared(Arc::clone(first)),
            Some(_) => Piece::Own(text),
            None => {
                let shared: Arc<str> = Arc::from(text);
                seen.insert(key, Arc::clone(&shared));
                Piece::Shared(shared)
            }
        }
    }
}

impl Expanded {
    /// `splices` holds one list for each chapter that has a file, in book order.
    pub fn new(book: Book, splices: Vec<Vec<Splice>>) -> Self {
        Expanded { book, splices }
    }

    /// The book with every chapter's text expanded.
    /// What replaces each directive, chapter by chapter: the text this tool wrote, apart from
    /// the author's.
    pub fn splices(&self) -> &[Vec<Splice>] {
        &self.splices
    }

    pub fn into_book(self) -> Book {
        let Expanded { mut book, splices } = self;
        let mut splices = splices.into_iter();
        for_each_page(&mut book.items, &mut |page| {
            let splices = splices.next().unwrap_or_default();
            if !splices.is_empty() {
                let spliced = Spliced::new(page.content, &splices);
                let mut text = String::with_capacity(spliced.len());
                // Writing into a string cannot fail.
                let _ = fmt::Write::write_fmt(&mut text, format_args!("{spliced}"));
                *page.content = text;
            }
        });
        book
    }

    /// Writes the expanded book as mdBook reads it back from a preprocessor: the same JSON as
    /// serde gives for [`Expanded::into_book`], without making that book.
    pub fn write_json(&self, output: impl Write) -> serde_json::Result<()> {
        let written = Written {
            expanded: self,
            next: Cell::new(0),
        };
        serde_json::to_writer(output, &written)
    }
}

/// A chapter that has a file, as the stages after loading see it.
pub struct Page<'b> {
    /// Where the chapter is, relative to `src`.
    pub path: &'b Path,
    /// Its file, where that differs from `path` (a `README.md` shown as `index.md`).
    pub source_path: Option<&'b Path>,
    pub content: &'b mut String,
}

/// Calls `f` on every chapter that has a file, in the order of the summary (each chapter before
/// its sub-chapters).
pub fn for_each_page<'b>(items: &'b mut [BookItem], f: &mut impl FnMut(Page<'b>)) {
    for item in items {
        let BookItem::Chapter(Chapter {
            path,
            source_path,
            content,
            sub_items,
            ..
        }) = item
        else {
            continue;
        };
        if let Some(path) = path {
            f(Page {
                path,
                source_path: source_path.as_deref(),
                content,
            });
        }
        for_each_page(sub_items, f);
    }
}

/// The book as serde writes it, with each chapter's content spliced as it is written. The
/// chapters are met in the order of [`for_each_page`], which `next` counts.
struct Written<'a> {
    expanded: &'a Expanded,
    next: Cell<usize>,
}

impl Serialize for Written<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let Book { items } = &self.expanded.book;
        let mut book = serializer.serialize_struct("Book", 1)?;
        book.serialize_field("items", &Items(self, items))?;
        book.end()
    }
}

struct Items<'w, 'a>(&'w Written<'a>, &'a [BookItem]);

impl Serialize for Items<'_, '_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let Items(written, items) = *self;
        let mut seq = serializer.serialize_seq(Some(items.len()))?;
        for item in items {
            seq.serialize_element(&Item(written, item))?;
        }
        seq.end()
    }
}

struct Item<'w, 'a>(&'w Written<'a>, &'a BookItem);

impl Serialize for Item<'_, '_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let Item(written, item) = *self;
        match item {
            BookItem::Chapter(chapter) => serializer.serialize_newtype_variant(
                "BookItem",
                0,
                "Chapter",
                &WrittenChapter(written, chapter),
            ),
            BookItem::Separator => serializer.serialize_unit_variant("BookItem", 1, "Separator"),
            BookItem::PartTitle(title) => {
                serializer.serialize_newtype_variant("BookItem", 2, "PartTitle", title)
            }
        }
    }
}

struct WrittenChapter<'w, 'a>(&'w Written<'a>, &'a Chapter);

impl Serialize for WrittenChapter<'_, '_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let WrittenChapter(written, chapter) = *self;
        // Every field, so that a field added to mdBook's chapter stops this from compiling.
        let Chapter {
            name,
            content,
            number,
            sub_items,
            path,
            source_path,
            parent_names,
        } = chapter;
        let mut out = serializer.serialize_struct("Chapter", 7)?;
        out.serialize_field("name", name)?;
        let splices = match path {
            Some(_) => {
                let page = written.next.get();
                written.next.set(page + 1);
                written
                    .expanded
                    .splices
                    .get(page)
                    .map_or(&[][..], Vec::as_slice)
            }
            None => &[],
        };
        out.serialize_field("content", &ContentField(Spliced::new(content, splices)))?;
        out.serialize_field("number", number)?;
        out.serialize_field("sub_items", &Items(written, sub_items))?;
        out.serialize_field("path", path)?;
        out.serialize_field("source_path", source_path)?;
        out.serialize_field("parent_names", parent_names)?;
        out.end()
    }
}

/// A chapter's content, escaped as it is written.
struct ContentField<'a>(Spliced<'a>);

impl Serialize for ContentField<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&self.0)
    }
}

/// A chapter's text with its splices, written as it is read.
struct Spliced<'a> {
    text: &'a str,
    splices: &'a [Splice],
}

impl<'a> Spliced<'a> {
    fn new(text: &'a str, splices: &'a [Splice]) -> Self {
        Spliced { text, splices }
    }

    fn len(&self) -> usize {
        self.splices.iter().fold(self.text.len(), |len, splice| {
            let piece = splice.text.as_str();
            let written = match &splice.diagram_ids {
                Some(ids) => len_with_ids(piece, ids),
                None => piece.len(),
            };
            len - splice.range.len() + written
        })
    }
}

impl fmt::Display for Spliced<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut copied = 0;
        for splice in self.splices {
            f.write_str(&self.text[copied..splice.range.start])?;
            match &splice.diagram_ids {
                Some(ids) => write_with_ids(f, splice.text.as_str(), ids)?,
                None => f.write_str(splice.text.as_str())?,
            }
            copied = splice.range.end;
        }
        f.write_str(&self.text[copied..])
    }
}

/// `piece` with each diagram mark replaced by the diagram's id in the chapter.
fn write_with_ids(f: &mut impl fmt::Write, piece: &str, ids: &DiagramIds) -> fmt::Result {
    let mut copied = 0;
    for at in memchr::memmem::find_iter(piece.as_bytes(), DIAGRAM_MARK) {
        let digits = at + DIAGRAM_MARK.len()..at + DIAGRAM_MARK.len() + MARK_DIGITS;
        let number = piece
            .get(digits.clone())
            .and_then(|digits| digits.parse::<usize>().ok())
            .filter(|number| (1..=ids.count).contains(number));
        if let Some(number) = number {
            f.write_str(&piece[copied..at])?;
            write!(f, "{}{}", ids.prefix, ids.before + number)?;
            copied = digits.end;
        }
    }
    f.write_str(&piece[copied..])
}

/// The written length of `piece`, as [`write_with_ids`] writes it.
fn len_with_ids(piece: &str, ids: &DiagramIds) -> usize {
    let mut counter = Counter(0);
    // Counting cannot fail.
    let _ = write_with_ids(&mut counter, piece, ids);
    counter.0
}

/// Counts what is written to it.
struct Counter(usize);

impl fmt::Write for Counter {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        self.0 += s.len();
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::diagram::diagram_mark;
    use mdbook_preprocessor::book::SectionNumber;

    fn splice(range: Range<usize>, text: &str, diagram_ids: Option<DiagramIds>) -> Splice {
        Splice {
            range,
            text: Piece::Own(text.to_owned()),
            diagram_ids,
        }
    }

    /// A book with every kind of item: parts, separators, a draft, nested chapters, a README
    /// shown as `index.md`, and text that JSON must escape.
    fn book() -> Book {
        let mut top = Chapter::new(
            "Top \"quoted\"",
            "# Top\r\n\r\nA <<x>> and \t<<y>>.\n".into(),
            "guides/index.md",
            Vec::new(),
        );
        top.source_path = Some("guides/README.md".into());
        top.number = Some(SectionNumber::new([1]));
        let mut nested = Chapter::new(
            "Nested",
            "Before\n<<z>>\nafter \u{1} é 😀\n".into(),
            "guides/deep/nested.md",
            vec!["Top \"quoted\"".into()],
        );
        nested.number = Some(SectionNumber::new([1, 1]));
        nested
            .sub_items
            .push(BookItem::Chapter(Chapter::new_draft("Draft", vec![])));
        top.sub_items.push(BookItem::Chapter(nested));
        Book::new_with_items(vec![
            BookItem::PartTitle("Part \\ one".into()),
            BookItem::Chapter(top),
            BookItem::Separator,
            BookItem::Chapter(Chapter::new("Last", "<<w>>".into(), "last.md", vec![])),
        ])
    }

    fn ids(prefix: &str, before: usize, count: usize) -> Option<DiagramIds> {
        Some(DiagramIds {
            prefix: prefix.into(),
            before,
            count,
        })
    }

    fn expanded() -> Expanded {
        let shared: Arc<str> = Arc::from("<b>\"shared\"</b>");
        let svg = format!(
            "<svg id=\"{m1}\"><g id=\"{m1}-node\"/></svg><svg id=\"{m2}\"/> {m3} {m1}",
            m1 = diagram_mark(1),
            m2 = diagram_mark(2),
            m3 = diagram_mark(3),
        );
        Expanded::new(
            book(),
            vec![
                vec![
                    Splice {
                        range: 11..16,
                        text: Piece::Shared(Arc::clone(&shared)),
                        diagram_ids: None,
                    },
                    splice(22..27, &svg, ids("patterns-guides-index-", 0, 2)),
                ],
                vec![splice(
                    7..12,
                    &svg,
                    ids("patterns-guides-deep-nested-", 4, 2),
                )],
                vec![Splice {
                    range: 0..5,
                    text: Piece::Shared(shared),
                    diagram_ids: None,
                }],
            ],
        )
    }

    #[test]
    fn splices_each_piece_and_gives_each_diagram_its_id() {
        let book = expanded().into_book();
        let contents: Vec<&str> = book.chapters().map(|c| c.content.as_str()).collect();
        let unnumbered = diagram_mark(3);
        assert_eq!(
            contents,
            [
                format!(
                    "# Top\r\n\r\nA <b>\"shared\"</b> and \t<svg id=\"patterns-guides-index-1\"><g id=\"patterns-guides-index-1-node\"/></svg><svg id=\"patterns-guides-index-2\"/> {unnumbered} patterns-guides-index-1.\n"
                ),
                format!(
                    "Before\n<svg id=\"patterns-guides-deep-nested-5\"><g id=\"patterns-guides-deep-nested-5-node\"/></svg><svg id=\"patterns-guides-deep-nested-6\"/> {unnumbered} patterns-guides-deep-nested-5\nafter \u{1} é 😀\n"
                ),
                "<b>\"shared\"</b>".to_owned(),
            ]
        );
    }

    #[test]
    fn writes_the_json_serde_writes_for_the_expanded_book() {
        let mut written = Vec::new();
        expanded().write_json(&mut written).unwrap();
        let expected = serde_json::to_vec(&expanded().into_book()).unwrap();
        assert_eq!(
            String::from_utf8(written).unwrap(),
            String::from_utf8(expected).unwrap()
        );
    }

    #[test]
    fn an_equal_piece_from_the_same_directive_and_folder_is_shared() {
        let pieces = Pieces::default();
        let first = pieces.share("<<p>>", "a/x.md", "out".into());
        let again = pieces.share("<<p>>", "a/y.md", "out".into());
        let other_folder = pieces.share("<<p>>", "b/y.md", "out".into());
        let differs = pieces.share("<<p>>", "a/z.md", "other".into());
        let (Piece::Shared(first), Piece::Shared(again), Piece::Shared(other_folder)) =
            (first, again, other_folder)
        else {
            panic!("first sights and equal pieces are shared");
        };
        assert!(Arc::ptr_eq(&first, &again));
        assert!(!Arc::ptr_eq(&first, &other_folder));
        assert!(matches!(differs, Piece::Own(text) if text == "other"));
    }

    #[test]
    fn diagram_id_prefixes_are_slugs_of_the_chapter() {
        assert_eq!(
            diagram_id_prefix("guides/Payments v2.md"),
            "patterns-guides-payments-v2-"
        );
    }
}
