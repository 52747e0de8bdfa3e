//! Splits an HTML page into text blocks the way the extension's content script does:
//! each piece of text belongs to its nearest block-level ancestor (a paragraph, list
//! item, quote, cell, heading, caption, or a div/section that holds text directly),
//! so nested blocks are never counted twice.

use std::collections::HashMap;

use scraper::{ElementRef, Html, Node};

/// Elements whose text is one block.
const BLOCK_TAGS: &[&str] = &[
    "p",
    "li",
    "blockquote",
    "dd",
    "dt",
    "td",
    "th",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "figcaption",
    "caption",
    "pre",
    "summary",
    "div",
    "section",
    "article",
    "aside",
    "header",
    "footer",
    "main",
    "nav",
    "body",
    "form",
    "fieldset",
    "legend",
    "details",
    "figure",
    "address",
];

/// Elements whose text is never page prose.
const SKIPPED_TAGS: &[&str] = &[
    "script", "style", "noscript", "template", "textarea", "select", "option", "svg", "math",
    "iframe", "object", "head", "input", "button",
];

/// One block of text.
#[derive(Debug, Clone, PartialEq)]
pub struct Block {
    /// The tag of the element that holds it ("img" for alt text).
    pub tag: String,
    /// Its text.
    pub text: String,
}

/// A page split into blocks, plus the text that only says what it is about.
#[derive(Debug, Default)]
pub struct Page {
    /// The `<title>` and meta description.
    pub context: Vec<String>,
    /// Blocks in document order.
    pub blocks: Vec<Block>,
}

/// Parses `source` and returns its blocks.
pub fn blocks(source: &str) -> Page {
    let document = Html::parse_document(source);
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

    let mut index_of: HashMap<ego_tree::NodeId, usize> = HashMap::new();
    for node in document.root_element().descendants() {
        match node.value() {
            Node::Text(text) => {
                if text.trim().is_empty() || in_skipped(node) {
                    continue;
                }
                let Some(owner) = node
                    .ancestors()
                    .filter_map(ElementRef::wrap)
                    .find(|e| is_block(e))
                else {
                    continue;
                };
                let slot = *index_of.entry(owner.id()).or_insert_with(|| {
                    page.blocks.push(Block {
                        tag: owner.value().name().to_string(),
                        text: String::new(),
                    });
                    page.blocks.len() - 1
                });
                page.blocks[slot].text.push_str(text);
            }
            Node::Element(element) if element.name() == "img" => {
                let words: Vec<&str> = ["alt", "title"]
                    .iter()
                    .filter_map(|a| element.attr(a))
                    .filter(|t| !t.trim().is_empty())
                    .collect();
                if !words.is_empty() && !in_skipped(node) {
                    page.blocks.push(Block {
                        tag: "img".to_string(),
                        text: words.join(" — "),
                    });
                }
            }
            _ => {}
        }
    }
    page.blocks.retain(|b| !b.text.trim().is_empty());
    page
}

fn is_block(element: &ElementRef) -> bool {
    BLOCK_TAGS.contains(&element.value().name())
}

fn in_skipped(node: ego_tree::NodeRef<Node>) -> bool {
    node.ancestors().filter_map(ElementRef::wrap).any(|e| {
        SKIPPED_TAGS.contains(&e.value().name())
            || e.value()
                .attr("contenteditable")
                .is_some_and(|v| v != "false")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_belongs_to_its_nearest_block() {
        let page = blocks(
            "<html><head><title>T</title><script>var x = 'clones';</script></head><body>\
             <div>Intro <b>bold</b><p>Para one</p>tail</div>\
             <ul><li>Item <p>nested</p></li></ul>\
             <textarea>typed clones</textarea>\
             <img alt='A spoiler picture'></body></html>",
        );
        assert_eq!(page.context, vec!["T".to_string()]);
        let texts: Vec<(&str, &str)> = page
            .blocks
            .iter()
            .map(|b| (b.tag.as_str(), b.text.as_str()))
            .collect();
        assert_eq!(
            texts,
            vec![
                ("div", "Intro boldtail"),
                ("p", "Para one"),
                ("li", "Item "),
                ("p", "nested"),
                ("img", "A spoiler picture")
            ]
        );
    }
}
