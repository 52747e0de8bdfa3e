//! Reads a page about a book — an encyclopedia article, a catalogue record, a publisher's
//! page — for what a shield is drafted from: the book's title, its author and its plot.
//!
//! It works on the page's blocks in reading order (each a tag and its text, as the CLI's
//! HTML walk and the content script produce them), so it knows nothing of HTML parsing or
//! of the browser. The plot is the section under a heading such as "Plot" or "Synopsis";
//! a page with no such heading gives its longest run of narrative prose instead.

use std::ops::Range;

use crate::prose;

/// One block of a page: its element's tag name (lower case: "h2", "p", "td") and text.
#[derive(Debug, Clone, Copy)]
pub struct ArticleBlock<'a> {
    /// The tag of the element that owns the text.
    pub tag: &'a str,
    /// The block's text.
    pub text: &'a str,
}

/// How the plot text was found, so a caller can tell the reader how sure it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlotSource {
    /// The section under this heading ("Plot summary").
    Heading(String),
    /// No plot heading: the longest run of narrative paragraphs.
    LongestProse,
}

/// What [`read_article`] found on a page.
#[derive(Debug, Clone)]
pub struct Article {
    /// The book's title, when the page names it (its first top-level heading, without a
    /// "(novel)" qualifier).
    pub title: Option<String>,
    /// The book's author, when the page says it ("Author" row, "by …" line, "a novel
    /// by …" in the opening).
    pub author: Option<String>,
    /// The plot text: its paragraphs joined by blank lines.
    pub plot: String,
    /// Which blocks the plot came from (indices into the blocks given).
    pub plot_blocks: Range<usize>,
    /// How the plot was found.
    pub source: PlotSource,
}

/// Why a page gave no plot to draft from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ArticleError {
    /// Neither a plot heading nor any run of narrative paragraphs.
    NoPlot,
    /// The plot found is too short to draft a shield from.
    PlotTooShort {
        /// Words found.
        words: usize,
        /// Words needed.
        needed: usize,
    },
}

impl std::fmt::Display for ArticleError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ArticleError::NoPlot => write!(
                f,
                "the page has no plot section (a heading such as \"Plot\" or \"Synopsis\") and no run of narrative paragraphs"
            ),
            ArticleError::PlotTooShort { words, needed } => write!(
                f,
                "the plot found on the page is {words} words long; at least {needed} are needed to draft a shield (try a page with a fuller plot summary)"
            ),
        }
    }
}

impl std::error::Error for ArticleError {}

/// Fewer words than this is a blurb, not a plot: a shield drafted from it would know
/// almost nothing of the book.
pub const MIN_PLOT_WORDS: usize = 80;

// The shared word lists of `extension/content/article-rules.json` (the content script's
// plot guard reads the same file), as constants written by build.rs: RETELLING_HEADINGS,
// DRAFTING_HEADINGS, AUTHOR_LABELS, WORK_NOUNS, OPENING_PARAGRAPHS.
include!(concat!(env!("OUT_DIR"), "/article_rules.rs"));

/// Whether a heading's key ([`heading_key`]) opens the plot to draft from: a retelling
/// ("Plot", "Synopsis") or, on a page about a book, its "Summary" or "Story".
fn opens_plot(key: &str) -> bool {
    RETELLING_HEADINGS.contains(&key) || DRAFTING_HEADINGS.contains(&key)
}

/// A paragraph shorter than this is a caption, a byline or a line of chrome, not
/// narrative prose.
const MIN_PROSE_CHARS: usize = 80;

/// Finds the title, the author and the plot in a page's blocks.
pub fn read_article(blocks: &[ArticleBlock]) -> Result<Article, ArticleError> {
    let title = page_title(blocks);
    let author = page_author(blocks);
    let (plot_blocks, source) = plot_section(blocks)
        .or_else(|| longest_prose(blocks).map(|r| (r, PlotSource::LongestProse)))
        .ok_or(ArticleError::NoPlot)?;
    let plot = blocks[plot_blocks.clone()]
        .iter()
        .filter(|b| !is_heading(b.tag))
        .map(|b| b.text.trim())
        .filter(|t| !t.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n");
    let words = plot.split_whitespace().count();
    if words < MIN_PLOT_WORDS {
        return Err(ArticleError::PlotTooShort {
            words,
            needed: MIN_PLOT_WORDS,
        });
    }
    Ok(Article {
        title,
        author,
        plot,
        plot_blocks,
        source,
    })
}

/// The book's title as the page gives it: its first `<h1>`, without an encyclopedia's
/// "(novel)" or an "[edit]" link; `None` when the page has no such heading.
pub fn page_title(blocks: &[ArticleBlock]) -> Option<String> {
    blocks
        .iter()
        .find(|b| b.tag == "h1")
        .map(|b| clean_title(b.text))
        .filter(|t| !t.is_empty())
}

/// The heading level of a tag (`h2` → 2), or `None` when it is not a heading.
fn heading_level(tag: &str) -> Option<u8> {
    let digit = tag.strip_prefix('h')?;
    match digit.as_bytes() {
        [d @ b'1'..=b'6'] => Some(d - b'0'),
        _ => None,
    }
}

fn is_heading(tag: &str) -> bool {
    heading_level(tag).is_some()
}

/// A heading's words, lower case, without edit links ("Plot[edit]"), numbering ("2.
/// Plot") or trailing punctuation.
fn heading_key(text: &str) -> String {
    let text = text.split('[').next().unwrap_or(text);
    text.trim()
        .trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c.is_whitespace())
        .trim_end_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase()
}

/// The blocks under the first plot heading, up to the next heading of the same or a
/// higher level.
fn plot_section(blocks: &[ArticleBlock]) -> Option<(Range<usize>, PlotSource)> {
    let (at, level) = blocks.iter().enumerate().find_map(|(i, b)| {
        let level = heading_level(b.tag)?;
        opens_plot(&heading_key(b.text)).then_some((i, level))
    })?;
    let end = blocks[at + 1..]
        .iter()
        .position(|b| heading_level(b.tag).is_some_and(|l| l <= level))
        .map_or(blocks.len(), |n| at + 1 + n);
    let has_text = blocks[at + 1..end].iter().any(|b| !is_heading(b.tag));
    has_text.then(|| {
        (
            at + 1..end,
            PlotSource::Heading(blocks[at].text.trim().to_string()),
        )
    })
}

/// Whether a block reads as narrative: a paragraph of some length that is prose, not a
/// list of names or links.
fn is_narrative(block: &ArticleBlock) -> bool {
    matches!(
        block.tag,
        "p" | "div" | "section" | "article" | "blockquote"
    ) && block.text.trim().chars().count() >= MIN_PROSE_CHARS
        && !prose::is_list(block.text)
}

/// The run of consecutive narrative blocks with the most text.
fn longest_prose(blocks: &[ArticleBlock]) -> Option<Range<usize>> {
    let mut best: Option<(usize, Range<usize>)> = None;
    let mut i = 0;
    while i < blocks.len() {
        if !is_narrative(&blocks[i]) {
            i += 1;
            continue;
        }
        let start = i;
        let mut chars = 0;
        while i < blocks.len() && is_narrative(&blocks[i]) {
            chars += blocks[i].text.len();
            i += 1;
        }
        if best.as_ref().is_none_or(|(most, _)| chars > *most) {
            best = Some((chars, start..i));
        }
    }
    best.map(|(_, range)| range)
}

/// A title without what an encyclopedia adds to tell articles apart: "Rebecca (novel)"
/// → "Rebecca".
fn clean_title(text: &str) -> String {
    let text = text.split('[').next().unwrap_or(text).trim();
    match text.rfind(" (") {
        Some(at) if text.ends_with(')') => text[..at].trim().to_string(),
        _ => text.to_string(),
    }
}

/// How many blocks from the title a "by …" line may be.
const BYLINE_REACH: usize = 4;

/// The book's author as the page gives it: the cell after an "Author" label
/// (`AUTHOR_LABELS`), a "by …" line near the title, or "a novel by …" (`WORK_NOUNS`) in
/// the article's opening paragraphs; `None` when the page says none of these.
pub fn page_author(blocks: &[ArticleBlock]) -> Option<String> {
    labelled_author(blocks)
        .or_else(|| byline_author(blocks))
        .or_else(|| work_author(blocks))
}

/// Whether the page reads as about a book, not as a news story or a review that happens
/// to have a byline and paragraphs of prose: it has a heading that opens a retelling
/// ("Plot", "Synopsis": `RETELLING_HEADINGS`), or it says who wrote the book the way a
/// page about a book does (an "Author" label, "a 1925 novel by …" in its opening). The
/// content script's plot guard asks the same of a page before it blurs a plot section.
pub fn about_a_book(blocks: &[ArticleBlock]) -> bool {
    blocks.iter().any(|b| {
        heading_level(b.tag).is_some() && RETELLING_HEADINGS.contains(&heading_key(b.text).as_str())
    }) || labelled_author(blocks).is_some()
        || work_author(blocks).is_some()
}

/// The cell after an "Author" label, or the name in "Author: Kazuo Ishiguro".
fn labelled_author(blocks: &[ArticleBlock]) -> Option<String> {
    for pair in blocks.windows(2) {
        let label = pair[0].text.trim().trim_end_matches(':').to_lowercase();
        if AUTHOR_LABELS.contains(&label.as_str()) {
            if let Some(name) = leading_name(pair[1].text) {
                return Some(name);
            }
        }
        // "Author: Kazuo Ishiguro" in one block.
        if let Some((label, rest)) = pair[0].text.split_once(':') {
            if AUTHOR_LABELS.contains(&label.trim().to_lowercase().as_str()) {
                if let Some(name) = leading_name(rest) {
                    return Some(name);
                }
            }
        }
    }
    None
}

/// A "by …" line just under the title (or at the top of a page without one): a "by" line
/// further down is a review's byline.
fn byline_author(blocks: &[ArticleBlock]) -> Option<String> {
    let title_at = blocks.iter().position(|b| b.tag == "h1").unwrap_or(0);
    blocks
        .iter()
        .skip(title_at)
        .take(BYLINE_REACH)
        .find_map(|block| {
            let text = block.text.trim();
            let rest = text
                .strip_prefix("by ")
                .or_else(|| text.strip_prefix("By "))?;
            leading_name(rest)
        })
}

/// "a 1925 novel by …" in one of the opening paragraphs.
fn work_author(blocks: &[ArticleBlock]) -> Option<String> {
    blocks
        .iter()
        .filter(|b| b.tag == "p")
        .take(OPENING_PARAGRAPHS)
        .find_map(|b| name_after_work_noun(b.text))
}

/// "… novel by Kazuo Ishiguro, …" → "Kazuo Ishiguro"; "… novel by the Irish writer Oscar
/// Wilde" → "Oscar Wilde" (an encyclopedia's lead often says who the author was before
/// naming them).
fn name_after_work_noun(text: &str) -> Option<String> {
    let words: Vec<&str> = text.split_whitespace().collect();
    words.windows(2).enumerate().find_map(|(i, pair)| {
        let noun = pair[0].trim_end_matches(|c: char| !c.is_alphanumeric());
        let is_work = WORK_NOUNS.contains(&noun.to_lowercase().as_str());
        (is_work && pair[1] == "by")
            .then(|| leading_name(&words[i + 2 + writer_description(&words[i + 2..])..].join(" ")))
            .flatten()
    })
}

/// Words that say what a person wrote for a living, ending a description such as "the
/// American writer" before the name itself.
#[rustfmt::skip]
const WRITER_NOUNS: &[&str] = &[
    "writer", "author", "novelist", "poet", "playwright", "dramatist", "journalist", "essayist",
];

/// How many words of "the Irish writer Oscar Wilde" describe the author before the name
/// (3 here): an article, at most three more words, and a writer noun; 0 when the text
/// starts with the name.
fn writer_description(words: &[&str]) -> usize {
    let starts_with_article = words
        .first()
        .is_some_and(|w| matches!(w.to_lowercase().as_str(), "the" | "a" | "an"));
    if !starts_with_article {
        return 0;
    }
    words
        .iter()
        .take(5)
        .position(|w| WRITER_NOUNS.contains(&w.to_lowercase().as_str()))
        .map_or(0, |at| at + 1)
}

/// The capitalised words a text starts with, as a person's name: "Kazuo Ishiguro, and
/// published…" → "Kazuo Ishiguro"; "J. K. Rowling" kept whole; at most five words.
fn leading_name(text: &str) -> Option<String> {
    let mut name: Vec<&str> = Vec::new();
    for word in text.split_whitespace().take(5) {
        let bare = word.trim_end_matches([',', ';', ':', ')', '.']);
        let initial = word.len() <= 3 && word.ends_with('.');
        let capital = bare.chars().next().is_some_and(char::is_uppercase);
        let particle = matches!(bare, "du" | "de" | "van" | "von" | "le" | "la");
        if !(capital || particle) || bare.is_empty() {
            break;
        }
        name.push(if initial { word } else { bare });
        if bare.len() != word.len() && !initial {
            break; // "Ishiguro," ends the name
        }
    }
    while name
        .last()
        .is_some_and(|w| matches!(*w, "du" | "de" | "van" | "von" | "le" | "la"))
    {
        name.pop();
    }
    (!name.is_empty() && name.iter().any(|w| w.len() > 2)).then(|| name.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks<'a>(list: &'a [(&'a str, &'a str)]) -> Vec<ArticleBlock<'a>> {
        list.iter()
            .map(|&(tag, text)| ArticleBlock { tag, text })
            .collect()
    }

    const STORY: &str = "The orphan grows up in the lighthouse with the keeper, who teaches her to read the weather and the ships that pass along the coast in every season of the year, until the winter the keeper falls ill and she must keep the lamp burning alone through the longest storms.";

    #[test]
    fn the_plot_section_runs_to_the_next_heading_of_its_level() {
        let page = [
            ("h1", "The Lamp (novel)"),
            (
                "p",
                "The Lamp is a 1990 novel by Ada Quill, set on a northern coast.",
            ),
            ("h2", "Plot[edit]"),
            ("p", STORY),
            ("h3", "Part two"),
            ("p", STORY),
            ("h2", "Reception"),
            (
                "p",
                "Critics praised the book's quiet prose and its sense of the sea and weather.",
            ),
        ];
        let article = read_article(&blocks(&page)).expect("an article");
        assert_eq!(article.title.as_deref(), Some("The Lamp"));
        assert_eq!(article.author.as_deref(), Some("Ada Quill"));
        assert_eq!(article.plot_blocks, 3..6);
        assert_eq!(article.source, PlotSource::Heading("Plot[edit]".into()));
        assert!(!article.plot.contains("Critics"));
        assert!(
            !article.plot.contains("Part two"),
            "headings are not plot text"
        );
    }

    #[test]
    fn without_a_plot_heading_the_longest_prose_run_is_taken() {
        let page = [
            ("h1", "The Lamp"),
            ("p", "By Ada Quill"),
            ("p", STORY),
            ("li", "Home"),
            ("p", STORY),
            ("p", STORY),
            ("p", STORY),
            ("p", "Short line."),
        ];
        let article = read_article(&blocks(&page)).expect("an article");
        assert_eq!(article.plot_blocks, 4..7);
        assert_eq!(article.source, PlotSource::LongestProse);
        assert_eq!(article.author.as_deref(), Some("Ada Quill"));
    }

    #[test]
    fn a_described_author_is_named_after_the_description() {
        let page = [
            ("h1", "The Lamp"),
            ("p", "Entry revised in March · 11 minute read"),
            (
                "p",
                "The Lamp is a Gothic novel by the Irish writer Ada Quill, first published in 1890.",
            ),
            ("p", STORY),
            ("p", STORY),
        ];
        let article = read_article(&blocks(&page)).expect("an article");
        assert_eq!(article.author.as_deref(), Some("Ada Quill"));
        assert!(about_a_book(&blocks(&page)));
    }

    #[test]
    fn an_author_row_gives_the_author() {
        let page = [
            ("h1", "Rebecca"),
            ("th", "Author"),
            ("td", "Daphne du Maurier"),
            ("h2", "Synopsis"),
            ("p", STORY),
            ("p", STORY),
        ];
        let article = read_article(&blocks(&page)).expect("an article");
        assert_eq!(article.author.as_deref(), Some("Daphne du Maurier"));
        assert_eq!(article.title.as_deref(), Some("Rebecca"));
    }

    #[test]
    fn a_blurb_is_too_short_and_a_page_without_prose_has_no_plot() {
        let page = [("h1", "The Lamp"), ("h2", "Plot"), ("p", STORY)];
        assert!(matches!(
            read_article(&blocks(&page)),
            Err(ArticleError::PlotTooShort { .. })
        ));
        let page = [("h1", "The Lamp"), ("li", "Home"), ("li", "About")];
        assert_eq!(
            read_article(&blocks(&page)).unwrap_err(),
            ArticleError::NoPlot
        );
    }

    #[test]
    fn title_and_author_are_read_without_a_plot() {
        // What the popup shows when a page about a book has no plot to draft from.
        let page = [
            ("h1", "Rebecca (novel)[edit]"),
            ("th", "Author:"),
            ("td", "Daphne du Maurier"),
            ("li", "Home"),
        ];
        let page = blocks(&page);
        assert_eq!(read_article(&page).unwrap_err(), ArticleError::NoPlot);
        assert_eq!(page_title(&page).as_deref(), Some("Rebecca"));
        assert_eq!(page_author(&page).as_deref(), Some("Daphne du Maurier"));
        assert_eq!(page_title(&blocks(&[("p", STORY)])), None);
    }

    #[test]
    fn the_shared_headings_open_a_plot_and_others_do_not() {
        for heading in [
            "Plot overview",
            "2. Synopsis",
            "Summary:",
            "The story[edit]",
        ] {
            assert!(opens_plot(&heading_key(heading)), "{heading}");
        }
        for heading in ["Reception", "Ending", "Plot twists"] {
            assert!(!opens_plot(&heading_key(heading)), "{heading}");
        }
    }

    #[test]
    fn a_byline_and_prose_do_not_make_a_page_about_a_book() {
        let news = [
            ("h1", "Council votes on the new bridge"),
            ("p", "By Helen Marsh"),
            ("p", STORY),
            ("p", STORY),
        ];
        let news = blocks(&news);
        assert_eq!(page_author(&news).as_deref(), Some("Helen Marsh"));
        assert!(read_article(&news).is_ok(), "it has prose to draft from");
        assert!(!about_a_book(&news), "but nothing says it is about a book");
        // The same page with one sign more, before its prose (an opening paragraph is one
        // of the first three).
        for signs in [
            [("h2", "Synopsis[edit]"), ("p", STORY)],
            [("th", "Author"), ("td", "Ada Quill")],
            [
                ("p", "The Lamp is a 1990 novel by Ada Quill."),
                ("p", STORY),
            ],
        ] {
            let page: Vec<_> = news[..2]
                .iter()
                .copied()
                .chain(blocks(&signs))
                .chain(news[2..].iter().copied())
                .collect();
            assert!(about_a_book(&page), "{signs:?}");
        }
    }

    #[test]
    fn names_stop_at_punctuation_and_keep_initials() {
        assert_eq!(
            leading_name("J. K. Rowling, published").as_deref(),
            Some("J. K. Rowling")
        );
        assert_eq!(
            leading_name("Kazuo Ishiguro. It was").as_deref(),
            Some("Kazuo Ishiguro")
        );
        assert_eq!(leading_name("the author"), None);
        assert_eq!(
            name_after_work_noun("Atonement is a 2001 British metafiction novel by Ian McEwan."),
            Some("Ian McEwan".into())
        );
    }
}
