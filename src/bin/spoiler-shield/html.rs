//! Splits an HTML page into text blocks exactly as the extension's content script does
//! (`BlockWalk` in `extension/content/blocks.js`). Both read one table of rules,
//! `extension/content/block-rules.json`, compiled in here: which tags are blocks (a
//! paragraph, list item, quote, cell, heading, figure…), which are containers (a block for
//! the text they hold directly), which subtrees are never read (code, editors, media, the
//! sites' own hidden spoilers), how an image's alt and title and a `<br>` add text, and
//! the cap on one block's text. Each piece of text belongs to its nearest blockish
//! ancestor, so nested blocks are never counted twice; blocks come out in the order the
//! content script finishes them (the order their first text is met).
//!
//! What the CLI cannot see as a browser does: text that scripts write, shadow trees
//! (declarative ones included) and frames. `tests/e2e/block-rules.test.mjs` checks that
//! both give the same block texts on every sample page.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use scraper::{ElementRef, Html, Node, Selector};
use serde::Deserialize;

/// The rules file both the content script and the CLI read.
const RULES_JSON: &str = include_str!("../../../extension/content/block-rules.json");

/// The fields of `block-rules.json` a walk uses (the file's notes are for people).
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RulesFile {
    block_tags: Vec<String>,
    container_tags: Vec<String>,
    custom_elements_are_containers: bool,
    label_tag: String,
    skip_tags: Vec<String>,
    editable_attribute: String,
    editable_off_value: String,
    site_hidden: Vec<SiteHiddenRule>,
    site_hidden_tags_without_class: Vec<String>,
    line_break_tags: Vec<String>,
    image_tags: Vec<String>,
    image_text_attributes: Vec<String>,
    max_block_chars: usize,
}

/// One of the sites' own spoiler markups.
#[derive(Deserialize)]
struct SiteHiddenRule {
    selector: String,
}

/// The rules, ready to match.
struct Rules {
    blockish: HashSet<String>,
    custom_elements_are_containers: bool,
    label_tag: String,
    skip: HashSet<String>,
    editable_attribute: String,
    editable_off_value: String,
    site_hidden: Selector,
    site_hidden_tags: HashSet<String>,
    line_break: HashSet<String>,
    image: HashSet<String>,
    image_attributes: Vec<String>,
    max_block_chars: usize,
}

impl Rules {
    fn parse(json: &str) -> Result<Rules, String> {
        let file: RulesFile =
            serde_json::from_str(json).map_err(|e| format!("block-rules.json: {e}"))?;
        let selectors: Vec<&str> = file
            .site_hidden
            .iter()
            .map(|r| r.selector.as_str())
            .collect();
        let joined = selectors.join(", ");
        let site_hidden = Selector::parse(&joined)
            .map_err(|e| format!("block-rules.json: siteHidden: {joined:?}: {e}"))?;
        let set = |tags: Vec<String>| tags.into_iter().collect::<HashSet<String>>();
        Ok(Rules {
            blockish: file
                .block_tags
                .into_iter()
                .chain(file.container_tags)
                .collect(),
            custom_elements_are_containers: file.custom_elements_are_containers,
            label_tag: file.label_tag,
            skip: set(file.skip_tags),
            editable_attribute: file.editable_attribute,
            editable_off_value: file.editable_off_value,
            site_hidden,
            site_hidden_tags: set(file.site_hidden_tags_without_class),
            line_break: set(file.line_break_tags),
            image: set(file.image_tags),
            image_attributes: file.image_text_attributes,
            max_block_chars: file.max_block_chars,
        })
    }

    /// Whether text can belong to `name`: a block, a container or a custom element.
    fn is_blockish(&self, name: &str) -> bool {
        self.blockish.contains(name)
            || (self.custom_elements_are_containers && name.contains('-') && name != self.label_tag)
    }

    /// Whether nothing under `element` is read: a skipped tag, an editable region, or a
    /// spoiler the site hides itself.
    fn is_skipped(&self, element: ElementRef) -> bool {
        let value = element.value();
        if self.skip.contains(value.name()) {
            return true;
        }
        if value
            .attr(&self.editable_attribute)
            .is_some_and(|v| v != self.editable_off_value)
        {
            return true;
        }
        // The content script's cheap test first: most elements have no class and are
        // no listed tag, and need no selector match.
        (value.attr("class").is_some() || self.site_hidden_tags.contains(value.name()))
            && self.site_hidden.matches(&element)
    }
}

/// The rules compiled in; they are checked by this module's tests, so a failure here is
/// a broken build, not bad input.
fn rules() -> &'static Rules {
    static RULES: OnceLock<Rules> = OnceLock::new();
    RULES.get_or_init(|| match Rules::parse(RULES_JSON) {
        Ok(rules) => rules,
        Err(message) => panic!("{message}"),
    })
}

/// One block of text.
#[derive(Debug, Clone, PartialEq)]
pub struct Block {
    /// The tag of the element that holds it.
    pub tag: String,
    /// Its text, as the content script gathers it (not trimmed; `\n` for each `<br>`
    /// and around each image's alt and title).
    pub text: String,
}

/// A page split into blocks, plus the text that only says what it is about.
#[derive(Debug, Default)]
pub struct Page {
    /// The `<title>` and meta description.
    pub context: Vec<String>,
    /// Blocks in the order the content script finishes them.
    pub blocks: Vec<Block>,
}

/// JavaScript's `\s`, which the content script tests text with (`/\S/`): Rust's
/// `char::is_whitespace` differs on U+0085 and U+FEFF.
fn js_space(c: char) -> bool {
    matches!(
        c,
        '\t' | '\n' | '\u{b}' | '\u{c}' | '\r' | ' ' | '\u{a0}' | '\u{1680}' | '\u{2000}'
            ..='\u{200a}'
                | '\u{2028}'
                | '\u{2029}'
                | '\u{202f}'
                | '\u{205f}'
                | '\u{3000}'
                | '\u{feff}'
    )
}

fn has_text(text: &str) -> bool {
    text.chars().any(|c| !js_space(c))
}

/// The blocks being filled, with each one's length in UTF-16 code units (the content
/// script's string length, which its cap counts).
struct Gather<'r> {
    rules: &'r Rules,
    index_of: HashMap<ego_tree::NodeId, usize>,
    blocks: Vec<Block>,
    units: Vec<usize>,
}

impl Gather<'_> {
    fn add(&mut self, owner: Option<ElementRef>, text: &str) {
        let Some(owner) = owner else { return };
        let slot = *self.index_of.entry(owner.id()).or_insert_with(|| {
            self.blocks.push(Block {
                tag: owner.value().name().to_string(),
                text: String::new(),
            });
            self.units.push(0);
            self.blocks.len() - 1
        });
        let room = self.rules.max_block_chars.saturating_sub(self.units[slot]);
        let mut taken = 0;
        let mut end = 0;
        for (at, c) in text.char_indices() {
            if taken + c.len_utf16() > room {
                break;
            }
            taken += c.len_utf16();
            end = at + c.len_utf8();
        }
        self.blocks[slot].text.push_str(&text[..end]);
        self.units[slot] += taken;
    }
}

/// Parses `source` and returns its blocks.
pub fn blocks(source: &str) -> Page {
    let document = Html::parse_document(source);
    let rules = rules();
    let mut page = Page::default();
    for element in document
        .root_element()
        .descendants()
        .filter_map(ElementRef::wrap)
    {
        let name = element.value().name();
        if name == "title" {
            page.context.push(element.text().collect());
        } else if name == "meta"
            && matches!(
                element.value().attr("name"),
                Some("description") | Some("og:title")
            )
        {
            if let Some(content) = element.value().attr("content") {
                page.context.push(content.to_string());
            }
        }
    }

    let mut gather = Gather {
        rules,
        index_of: HashMap::new(),
        blocks: Vec::new(),
        units: Vec::new(),
    };
    // Depth first with a stack of our own (a page can nest thousands deep), each node
    // with the block its text would belong to. The root (<html>) is walked as the
    // content script walks document.documentElement: it is owned by no block.
    let root = document.root_element();
    let mut stack: Vec<(ego_tree::NodeRef<Node>, Option<ElementRef>)> = vec![(*root, None)];
    while let Some((node, owner)) = stack.pop() {
        if let Node::Text(text) = node.value() {
            if has_text(text) {
                gather.add(owner, text);
            }
            continue;
        }
        let Some(element) = ElementRef::wrap(node) else {
            continue;
        };
        if element.id() != root.id() && rules.is_skipped(element) {
            continue;
        }
        let name = element.value().name();
        if rules.line_break.contains(name) {
            gather.add(owner, "\n");
        } else if rules.image.contains(name) {
            let words: Vec<&str> = rules
                .image_attributes
                .iter()
                .filter_map(|a| element.value().attr(a))
                .filter(|t| has_text(t))
                .collect();
            if !words.is_empty() {
                gather.add(owner, &format!("\n{}\n", words.join("\n")));
            }
        }
        let inner = if rules.is_blockish(name) {
            Some(element)
        } else {
            owner
        };
        stack.extend(node.children().rev().map(|child| (child, inner)));
    }
    page.blocks = gather.blocks;
    page
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(source: &str) -> Vec<(String, String)> {
        blocks(source)
            .blocks
            .into_iter()
            .map(|b| (b.tag, b.text))
            .collect()
    }

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    #[test]
    fn the_rules_file_parses_and_its_selectors_compile() {
        let rules = Rules::parse(RULES_JSON).expect("block-rules.json");
        assert!(rules.blockish.contains("p") && rules.blockish.contains("div"));
        assert!(!rules.blockish.contains("figcaption"));
    }

    /// The content script tests only elements with a class or a listed tag against the
    /// selectors: a selector that could match a classless element of another tag would
    /// be missed there. Each selector list entry must start with a class or a listed tag.
    #[test]
    fn every_site_hidden_selector_needs_a_class_or_a_listed_tag() {
        let file: RulesFile = serde_json::from_str(RULES_JSON).expect("block-rules.json");
        for rule in &file.site_hidden {
            let first = &rule.selector;
            let tag: String = first
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
                .collect();
            if tag.is_empty() {
                assert!(
                    first.starts_with('.'),
                    "{first}: starts with neither a tag nor a class"
                );
            } else {
                let rest = &first[tag.len()..];
                assert!(
                    rest.starts_with('.') || file.site_hidden_tags_without_class.contains(&tag),
                    "{first}: can match a <{tag}> without a class; list {tag} in siteHiddenTagsWithoutClass"
                );
            }
        }
    }

    #[test]
    fn text_belongs_to_its_nearest_block() {
        let page = blocks(
            "<html><head><title>T</title><script>var x = 'clones';</script></head><body>\
             <div>Intro <b>bold</b><p>Para one</p>tail</div>\
             <ul><li>Item <p>nested</p></li></ul>\
             <textarea>typed clones</textarea>\
             <p>A picture <img alt='A spoiler picture'> here<br>and a line</p></body></html>",
        );
        assert_eq!(page.context, vec!["T".to_string()]);
        assert_eq!(
            page.blocks
                .iter()
                .map(|b| (b.tag.as_str(), b.text.as_str()))
                .collect::<Vec<_>>(),
            vec![
                ("div", "Intro boldtail"),
                ("p", "Para one"),
                ("li", "Item "),
                ("p", "nested"),
                ("p", "A picture \nA spoiler picture\n here\nand a line"),
            ]
        );
    }

    #[test]
    fn a_figure_owns_its_caption_and_image_text() {
        assert_eq!(
            texts("<figure><img alt='Snape on the tower' title='Ch. 27'><figcaption>The end</figcaption></figure>"),
            pairs(&[("figure", "\nSnape on the tower\nCh. 27\nThe end")])
        );
    }

    #[test]
    fn the_sites_own_spoilers_are_not_read_but_the_text_around_them_is() {
        let got = texts(
            "<p>Before <span class='md-spoiler-text'>Snape kills Dumbledore</span> after</p>\
             <details><summary>Ending</summary><p>Hidden</p></details>\
             <details open><summary>Open</summary><p>Shown</p></details>\
             <div class='status__content'><button class='status__content__spoiler-link'>Show</button><p>Behind a warning</p></div>\
             <div class='status__content'><p>A plain post</p></div>\
             <button>Reply</button>",
        );
        assert_eq!(
            got,
            pairs(&[
                ("p", "Before  after"),
                ("summary", "Open"),
                ("p", "Shown"),
                ("p", "A plain post"),
                ("body", "Reply"),
            ])
        );
    }

    #[test]
    fn custom_elements_are_containers_and_editors_are_skipped() {
        assert_eq!(
            texts("<x-comment>Own text<p>inner</p></x-comment><div contenteditable>typed</div><div contenteditable=false>kept</div>"),
            pairs(&[("x-comment", "Own text"), ("p", "inner"), ("div", "kept")])
        );
    }

    #[test]
    fn a_block_is_cut_at_the_cap_in_utf16_units() {
        let cap = rules().max_block_chars;
        let long = "é".repeat(cap - 1) + "😀x";
        let page = blocks(&format!("<p>{long}</p>"));
        // The emoji is two UTF-16 units and does not fit in the one left.
        assert_eq!(page.blocks[0].text.chars().count(), cap - 1);
    }

    #[test]
    fn a_deeply_nested_page_does_not_overflow_the_stack() {
        let depth = 20_000;
        let page = blocks(&format!(
            "{}deep{}",
            "<span>".repeat(depth),
            "</span>".repeat(depth)
        ));
        assert_eq!(page.blocks.len(), 1);
    }
}
