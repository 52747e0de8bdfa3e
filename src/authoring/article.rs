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

/// Headings that open a plot section, compared after lower-casing and trimming
/// punctuation. Encyclopedias say "Plot" or "Plot summary"; booksellers and publishers
/// say "Synopsis" or "Summary".
const PLOT_HEADINGS: &[&str] = &[
    "plot",
    "plot summary",
    "plot synopsis",
    "plot overview",
    "synopsis",
    "summary",
    "story",
    "storyline",
    "the story",
    "plot and structure",
    "narrative",
];

/// A paragraph shorter than this is a caption, a byline or a line of chrome, not
/// narrative prose.
const MIN_PROSE_CHARS: usize = 80;

/// Finds the title, the author and the plot in a page's blocks.
pub fn read_article(blocks: &[ArticleBlock]) -> Result<Article, ArticleError> {
    let title = blocks
        .iter()
        .find(|b| b.tag == "h1")
        .map(|b| clean_title(b.text))
        .filter(|t| !t.is_empty());
    let author = find_author(blocks);
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
        PLOT_HEADINGS
            .contains(&heading_key(b.text).as_str())
            .then_some((i, level))
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

/// Labels of the row or line that gives a book's author.
const AUTHOR_LABELS: &[&str] = &["author", "authors", "author(s)", "written by", "writer"];

/// Words before "by" that make it an authorship: "a 2005 novel by Kazuo Ishiguro".
const WORK_NOUNS: &[&str] = &[
    "novel", "novella", "book", "memoir", "thriller", "story", "mystery", "romance", "play",
    "fantasy", "series", "trilogy",
];

/// How many blocks from the title a "by …" line may be.
const BYLINE_REACH: usize = 4;

/// The author: the cell after an "Author" label, a "by …" line near the title, or "a
/// novel by …" in the article's opening.
fn find_author(blocks: &[ArticleBlock]) -> Option<String> {
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
    // Only just under the title (or at the top of a page without one): a "by" line
    // further down is a review's byline.
    let title_at = blocks.iter().position(|b| b.tag == "h1").unwrap_or(0);
    for block in blocks.iter().skip(title_at).take(BYLINE_REACH) {
        let text = block.text.trim();
        if let Some(rest) = text
            .strip_prefix("by ")
            .or_else(|| text.strip_prefix("By "))
        {
            if let Some(name) = leading_name(rest) {
                return Some(name);
            }
        }
    }
    blocks
        .iter()
        .filter(|b| b.tag == "p")
        .take(3)
        .find_map(|b| name_after_work_noun(b.text))
}

/// "… novel by Kazuo Ishiguro, …" → "Kazuo Ishiguro".
fn name_after_work_noun(text: &str) -> Option<String> {
    let words: Vec<&str> = text.split_whitespace().collect();
    words.windows(2).enumerate().find_map(|(i, pair)| {
        let noun = pair[0].trim_end_matches(|c: char| !c.is_alphanumeric());
        let is_work = WORK_NOUNS.contains(&noun.to_lowercase().as_str());
        (is_work && pair[1] == "by")
            .then(|| leading_name(&words[i + 2..].join(" ")))
            .flatten()
    })
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
