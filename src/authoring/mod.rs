//! What only the place where shields are written needs (feature `authoring`): reading a
//! page about a book for its title, author and plot ([`article`]), drafting a shield from
//! a plot summary ([`summary`]; its plot events and premise in `draft_events`, its unnamed
//! figures in `nameless`, its quoted lines in `quotes`) and the
//! keys of the content script's prefilter ([`prefilter`]), the last two ranked by a list
//! of English word frequencies. The
//! scan module every page loads is built without it; the options page's authoring
//! module and the command-line tools are built with it.

pub mod article;
mod draft_events;
mod nameless;
pub mod prefilter;
mod quotes;
pub mod summary;
