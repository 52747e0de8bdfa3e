//! `spoiler-shield-eval`: measures how well the `spoiler-shield` classifier finds spoilers.
//!
//! It reads hand-labelled paragraphs (JSONL, one paragraph per line, as described in
//! `shared/corpus/RUBRIC.md`). It sends them to `spoiler-shield classify --all-books` and
//! compares the verdicts with the labels. It does the same for the flat keyword list that
//! peer extensions use, so the two can be compared in one table.
//!
//! Exit status: 0 on success; 1 when overall F1 is below `--min-f1`; 2 on bad input
//! (unreadable corpus, an invalid line, or a classifier that is missing or fails).

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::thread;

use clap::Parser;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

/// Every fallible step returns a message a person can act on; `main` prints it and exits 2.
type Res<T> = Result<T, String>;

/// The row label for pages whose label `book` is null.
const NO_BOOK: &str = "no book";

/// The row label for paragraphs whose corpus line has no `kind` (older corpora).
const NO_KIND: &str = "-";

/// How many characters of a paragraph `--verbose` shows.
const SNIPPET_CHARS: usize = 100;

/// Command-line arguments.
#[derive(Parser, Debug)]
#[command(
    name = "spoiler-shield-eval",
    version,
    about = "Scores spoiler-shield and a flat keyword baseline against labelled paragraphs.",
    after_help = "Exit status: 0 ok, 1 overall F1 below --min-f1 or a premise sentence blurred (--premise-check), 2 bad input or classifier failure."
)]
struct Args {
    /// A labelled JSONL file, or a directory of .jsonl files (repeatable).
    #[arg(long, value_name = "PATH", required_unless_present = "premise_check")]
    corpus: Vec<PathBuf>,

    /// The classifier to run [default: `spoiler-shield` next to this executable].
    #[arg(long, value_name = "PATH")]
    classifier: Option<PathBuf>,

    /// The directory of shield files the keyword baseline (and --premise-check) reads.
    #[arg(long, value_name = "DIR", default_value = "shields")]
    shields: PathBuf,

    /// Run the classifier with these shield files (repeatable) instead of the whole
    /// catalog: how a drafted or hand-written shield does on its own.
    #[arg(long = "shield", value_name = "FILE")]
    shield_files: Vec<PathBuf>,

    /// Exit with status 1 when spoiler-shield's overall F1 is below F.
    #[arg(long, value_name = "F")]
    min_f1: Option<f64>,

    /// Print a JSON report on stdout; the human-readable table then goes to stderr.
    #[arg(long)]
    json: bool,

    /// Also list every paragraph spoiler-shield got wrong, with its matched phrases.
    #[arg(long, short)]
    verbose: bool,

    /// Classify every `premise[].says` sentence of the schema-2 shields in --shields DIR
    /// as a paragraph on a page about its book, at progress 0, and exit 1 if any blurs:
    /// a reader who has not started a book already knows its premise.
    #[arg(long)]
    premise_check: bool,
}

/// One labelled paragraph from the corpus.
#[derive(Debug, Clone, PartialEq)]
struct Labelled {
    /// The page the paragraph belongs to.
    page: String,
    /// The paragraph id, `<page>#<n>`; unique across the whole corpus.
    id: String,
    /// The catalog id of the book the page is about, or `None` for a page about no book.
    book: Option<String>,
    /// The paragraph text.
    text: String,
    /// The label: does the paragraph spoil a catalog book?
    spoiler: bool,
    /// What sort of page the paragraph is on (`summary`, `forum`, `negative`…), if the
    /// corpus says; the report groups by it.
    kind: Option<String>,
    /// `file:line` the paragraph came from, for error messages.
    origin: String,
}

/// The fields of a corpus line that the harness reads. `why` is for people and is ignored.
#[derive(Deserialize)]
struct LabelLine {
    /// See [`Labelled::page`].
    page: String,
    /// See [`Labelled::id`].
    id: String,
    /// See [`Labelled::book`]; a missing field is read as null.
    #[serde(default)]
    book: Option<String>,
    /// See [`Labelled::text`].
    text: String,
    /// See [`Labelled::spoiler`].
    spoiler: bool,
    /// See [`Labelled::kind`]; optional, so older corpora still load.
    #[serde(default)]
    kind: Option<String>,
}

/// One line sent to the classifier: only what a browser page would give it.
#[derive(Serialize)]
struct ClassifyInput<'a> {
    /// The page id, so the classifier can use the whole page as context.
    page: &'a str,
    /// The paragraph id the classifier must echo back.
    id: &'a str,
    /// The paragraph text.
    text: &'a str,
}

/// One line of classifier output.
#[derive(Deserialize)]
struct Prediction {
    /// Must equal the id of the input line at the same position.
    id: String,
    /// The verdict: blur this paragraph?
    spoiler: bool,
    /// The book the classifier blames, if any.
    #[serde(default)]
    book: Option<String>,
    /// The classifier's score. It is accepted but not used for the metrics.
    #[serde(default)]
    #[allow(dead_code)]
    score: Option<f64>,
    /// The phrases that produced the verdict; shown by `--verbose`.
    #[serde(default)]
    phrases: Vec<String>,
}

/// A verdict from either system, in one shape so both can be scored the same way.
#[derive(Debug, Clone, PartialEq, Default)]
struct Verdict {
    /// Did the system flag the paragraph as a spoiler?
    spoiler: bool,
    /// The book the system blames, if it names one.
    book: Option<String>,
    /// Evidence: the classifier's phrases, or the keywords the baseline matched.
    phrases: Vec<String>,
}

impl From<Prediction> for Verdict {
    /// Keeps what the metrics and `--verbose` need from a classifier line.
    fn from(p: Prediction) -> Verdict {
        Verdict {
            spoiler: p.spoiler,
            book: p.book,
            phrases: p.phrases,
        }
    }
}

/// A confusion matrix for the binary "spoiler or not" decision.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Confusion {
    /// Labelled spoiler, flagged.
    tp: usize,
    /// Labelled clean, flagged (a needless blur).
    fp: usize,
    /// Labelled spoiler, not flagged (a spoiler shown).
    fn_: usize,
    /// Labelled clean, not flagged.
    tn: usize,
}

impl Confusion {
    /// Counts one paragraph with label `truth` and verdict `predicted`.
    fn add(&mut self, truth: bool, predicted: bool) {
        match (truth, predicted) {
            (true, true) => self.tp += 1,
            (false, true) => self.fp += 1,
            (true, false) => self.fn_ += 1,
            (false, false) => self.tn += 1,
        }
    }

    /// Number of paragraphs counted.
    fn n(&self) -> usize {
        self.tp + self.fp + self.fn_ + self.tn
    }

    /// Number of paragraphs labelled spoiler.
    fn positives(&self) -> usize {
        self.tp + self.fn_
    }

    /// TP / (TP + FP); `None` when nothing was flagged, since precision is undefined then.
    fn precision(&self) -> Option<f64> {
        ratio(self.tp, self.tp + self.fp)
    }

    /// TP / (TP + FN); `None` when nothing is labelled spoiler.
    fn recall(&self) -> Option<f64> {
        ratio(self.tp, self.tp + self.fn_)
    }

    /// 2TP / (2TP + FP + FN), which equals the harmonic mean of P and R whenever both
    /// exist. It is 0 when there are errors but no hits, and `None` when there are
    /// neither hits nor errors (no spoilers labelled and none flagged).
    fn f1(&self) -> Option<f64> {
        ratio(2 * self.tp, 2 * self.tp + self.fp + self.fn_)
    }

    /// FP / n: the share of all paragraphs that were blurred for nothing.
    fn false_blur_rate(&self) -> Option<f64> {
        ratio(self.fp, self.n())
    }
}

/// `num / den`, or `None` when `den` is 0, so that undefined metrics are never shown as 0.
fn ratio(num: usize, den: usize) -> Option<f64> {
    (den > 0).then(|| num as f64 / den as f64)
}

/// The scores of one system over the corpus, split the way the table shows them.
#[derive(Debug, Clone, Default, PartialEq)]
struct Report {
    /// All paragraphs.
    overall: Confusion,
    /// Paragraphs of pages labelled with each book, keyed by catalog id.
    books: BTreeMap<String, Confusion>,
    /// Paragraphs of pages about no book.
    no_book: Confusion,
    /// Paragraphs grouped by page kind; lines without a kind under [`NO_KIND`].
    kinds: BTreeMap<String, Confusion>,
    /// Spoilers that were flagged but blamed on a book other than the labelled one.
    wrong_book: usize,
}

/// Scores `verdicts` against `labels`; the two slices are parallel.
fn evaluate(labels: &[Labelled], verdicts: &[Verdict]) -> Report {
    let mut report = Report::default();
    for (label, verdict) in labels.iter().zip(verdicts) {
        report.overall.add(label.spoiler, verdict.spoiler);
        let group = match &label.book {
            Some(book) => report.books.entry(book.clone()).or_default(),
            None => &mut report.no_book,
        };
        group.add(label.spoiler, verdict.spoiler);
        report
            .kinds
            .entry(kind_name(&label.kind).to_string())
            .or_default()
            .add(label.spoiler, verdict.spoiler);
        if blames_wrong_book(label, verdict) {
            report.wrong_book += 1;
        }
    }
    report
}

/// A page kind, or [`NO_KIND`] when the corpus line gave none.
fn kind_name(kind: &Option<String>) -> &str {
    kind.as_deref().unwrap_or(NO_KIND)
}

/// True when both sides say spoiler, the label names a book, and the verdict names a
/// different book or none. Blurring for the wrong reason would show the wrong title in
/// the extension and ignore the reader's progress in the right book.
fn blames_wrong_book(label: &Labelled, verdict: &Verdict) -> bool {
    match &label.book {
        Some(book) => label.spoiler && verdict.spoiler && verdict.book.as_ref() != Some(book),
        None => false,
    }
}

/// The peers' method: for each book, a flat list of lower-case keywords with no context.
#[derive(Debug, Clone, Default, PartialEq)]
struct Baseline {
    /// `(book id, keywords)` in shield-file order.
    books: Vec<(String, Vec<String>)>,
}

impl Baseline {
    /// Flags `text` when any keyword of any book occurs in it as a case-insensitive
    /// substring, the way peer extensions do. The blamed book is the one with the most
    /// distinct keywords matched; a tie goes to the book loaded first.
    fn judge(&self, text: &str) -> Verdict {
        let haystack = text.to_lowercase();
        let mut verdict = Verdict::default();
        let mut best = 0;
        for (book, keywords) in &self.books {
            let hits: Vec<&String> = keywords
                .iter()
                .filter(|k| haystack.contains(k.as_str()))
                .collect();
            if hits.len() > best {
                best = hits.len();
                verdict.book = Some(book.clone());
            }
            verdict.phrases.extend(hits.into_iter().cloned());
        }
        verdict.spoiler = best > 0;
        verdict
    }

    /// Total number of keywords, for the report header.
    fn keyword_count(&self) -> usize {
        self.books.iter().map(|(_, k)| k.len()).sum()
    }
}

/// Collects a shield's keywords: the title, aliases, author, every entity name and
/// alias, and every term phrase and `also` wording. They are lower-cased, trimmed and
/// deduplicated. Shapes the schema does not expect are skipped, because the baseline
/// only needs the strings; the library's own loader validates the schema.
fn shield_keywords(shield: &Value) -> Vec<String> {
    let mut words = Vec::new();
    push_str(&mut words, &shield["title"]);
    push_strs(&mut words, &shield["aliases"]);
    push_str(&mut words, &shield["author"]);
    for entity in shield["entities"].as_array().into_iter().flatten() {
        push_str(&mut words, &entity["name"]);
        push_strs(&mut words, &entity["aliases"]);
    }
    for term in shield["terms"].as_array().into_iter().flatten() {
        push_str(&mut words, &term["phrase"]);
        push_strs(&mut words, &term["also"]);
    }
    let mut seen = std::collections::HashSet::new();
    words.retain(|w| seen.insert(w.clone()));
    words
}

/// Appends `value` lower-cased and trimmed if it is a non-blank string.
fn push_str(words: &mut Vec<String>, value: &Value) {
    if let Some(s) = value.as_str().map(str::trim).filter(|s| !s.is_empty()) {
        words.push(s.to_lowercase());
    }
}

/// Appends every string of the array `value`, if it is an array.
fn push_strs(words: &mut Vec<String>, value: &Value) {
    for item in value.as_array().into_iter().flatten() {
        push_str(words, item);
    }
}

/// Builds the baseline from every `*.json` in `dir` except `cues.json`, which holds
/// generic cues and not a book. Files are read in name order so ties are stable.
fn load_baseline(dir: &Path) -> Res<Baseline> {
    let mut baseline = Baseline::default();
    for file in book_shield_files(dir)? {
        let (id, shield) = read_shield(&file)?;
        baseline.books.push((id, shield_keywords(&shield)));
    }
    Ok(baseline)
}

/// The book shields in `dir`: every `*.json` but `cues.json`, in name order. None at
/// all is an error, since an empty directory is almost always a wrong `--shields`.
fn book_shield_files(dir: &Path) -> Res<Vec<PathBuf>> {
    let mut files = json_files(dir, "json").map_err(|e| {
        format!(
            "cannot read shields directory {}: {e} (pass --shields DIR)",
            dir.display()
        )
    })?;
    files.retain(|f| f.file_name().is_some_and(|n| n != "cues.json"));
    if files.is_empty() {
        return Err(format!(
            "no shield files (*.json) in {} (pass --shields DIR)",
            dir.display()
        ));
    }
    Ok(files)
}

/// Reads one shield file and returns its book id and its JSON.
fn read_shield(file: &Path) -> Res<(String, Value)> {
    let text =
        fs::read_to_string(file).map_err(|e| format!("cannot read {}: {e}", file.display()))?;
    let value: Value = serde_json::from_str(&text)
        .map_err(|e| format!("{}:{}: invalid JSON: {e}", file.display(), e.line()))?;
    let id = value["id"]
        .as_str()
        .ok_or_else(|| {
            format!(
                "{}: no string field `id`; is this a shield file?",
                file.display()
            )
        })?
        .to_string();
    Ok((id, value))
}

/// One book's premise as the premise check sends it to the classifier.
#[derive(Debug, Clone, PartialEq)]
struct Premise {
    /// The book's id.
    book: String,
    /// `<title> by <author>`: the title-bearing first line a page about the book has,
    /// so the classifier sees the sentences on a page about that book.
    heading: String,
    /// The `premise[].says` sentences, in file order.
    says: Vec<String>,
}

/// The kind given to the premise check's heading paragraphs: context, never counted.
const PREMISE_HEADING: &str = "premise-heading";

/// The kind given to the premise check's sentences: the ones counted.
const PREMISE_SENTENCE: &str = "premise";

/// Reads the premise of a shield of schema 2 or later (`docs`: notes/events-format.md):
/// every non-blank `premise[].says`. Schema-1 shields have no premise and give `None`,
/// as does a shield whose premise is missing or empty.
fn shield_premise(book: &str, shield: &Value) -> Option<Premise> {
    if shield["schema"].as_u64().is_none_or(|v| v < 2) {
        return None;
    }
    let says: Vec<String> = shield["premise"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|item| item["says"].as_str().map(str::trim))
        .filter(|s| !s.is_empty())
        .map(String::from)
        .collect();
    if says.is_empty() {
        return None;
    }
    let title = shield["title"].as_str().map_or(book, str::trim);
    let heading = match shield["author"].as_str().map(str::trim) {
        Some(author) if !author.is_empty() => format!("{title} by {author}"),
        _ => title.to_string(),
    };
    Some(Premise {
        book: book.to_string(),
        heading,
        says,
    })
}

/// The premises of every book shield in `dir`, and how many shields were read.
fn load_premises(dir: &Path) -> Res<(Vec<Premise>, usize)> {
    let files = book_shield_files(dir)?;
    let mut premises = Vec::new();
    for file in &files {
        let (id, shield) = read_shield(file)?;
        premises.extend(shield_premise(&id, &shield));
    }
    Ok((premises, files.len()))
}

/// The premise check's pages, one per book: its heading, then each premise sentence,
/// all labelled "not a spoiler", in the classifier's input shape.
fn premise_labels(premises: &[Premise]) -> Vec<Labelled> {
    let mut labels = Vec::new();
    for premise in premises {
        let page = format!("premise-check-{}", premise.book);
        let lines = std::iter::once((PREMISE_HEADING, &premise.heading))
            .chain(premise.says.iter().map(|s| (PREMISE_SENTENCE, s)));
        for (n, (kind, text)) in lines.enumerate() {
            labels.push(Labelled {
                page: page.clone(),
                id: format!("{page}#{n}"),
                book: Some(premise.book.clone()),
                text: text.clone(),
                spoiler: false,
                kind: Some(kind.to_string()),
                origin: format!("{page} (premise check)"),
            });
        }
    }
    labels
}

/// The premise sentences the classifier blurred, with their verdicts; headings are
/// context and are never counted.
fn premise_blurs<'a>(
    labels: &'a [Labelled],
    verdicts: &'a [Verdict],
) -> Vec<(&'a Labelled, &'a Verdict)> {
    labels
        .iter()
        .zip(verdicts)
        .filter(|(l, v)| v.spoiler && l.kind.as_deref() == Some(PREMISE_SENTENCE))
        .collect()
}

/// The premise check's report: how many sentences, how many blurred, and each one.
fn render_premise_check(
    dir: &Path,
    shields: usize,
    labels: &[Labelled],
    blurs: &[(&Labelled, &Verdict)],
) -> String {
    let sentences = labels
        .iter()
        .filter(|l| l.kind.as_deref() == Some(PREMISE_SENTENCE))
        .count();
    let books = page_count(labels);
    let mut out = format!(
        "premise check: {sentences} premise sentences from {books} of {shields} shields in {} (schema 2), each on a page about its book at progress 0: {} blurred\n",
        dir.display(),
        blurs.len()
    );
    for (label, verdict) in blurs {
        let _ = writeln!(
            out,
            "BLUR {}  [{}]\n    {}",
            label.id,
            book_name(&label.book),
            snippet(&label.text)
        );
        if !verdict.phrases.is_empty() {
            let _ = writeln!(out, "    phrases: {}", verdict.phrases.join(", "));
        }
    }
    out
}

/// Runs the premise check: returns its report, its JSON and whether it failed (any
/// premise sentence blurred). No premise sentence at all passes, and says so.
fn premise_check(
    classifier: &Path,
    shield_files: &[PathBuf],
    dir: &Path,
) -> Res<(String, Value, bool)> {
    let (premises, shields) = load_premises(dir)?;
    let labels = premise_labels(&premises);
    // Each book on its own, as a reader who tracks it and has not started it: with --shield
    // files, those; else the book's own file. (A series whose books share their people,
    // tracked together, is another question: the later book's cues can fire on the
    // earlier one's premise.)
    let mut verdicts = Vec::with_capacity(labels.len());
    for premise in &premises {
        let page = format!("premise-check-{}", premise.book);
        let on_page: Vec<Labelled> = labels.iter().filter(|l| l.page == page).cloned().collect();
        let own = [dir.join(format!("{}.json", premise.book))];
        let files = if shield_files.is_empty() {
            &own[..]
        } else {
            shield_files
        };
        let progress = [format!("{}=0", premise.book)];
        verdicts.extend(run_classifier(classifier, files, &progress, &on_page)?);
    }
    let blurs = premise_blurs(&labels, &verdicts);
    let human = render_premise_check(dir, shields, &labels, &blurs);
    let json = json!({
        "sentences": labels.iter().filter(|l| l.kind.as_deref() == Some(PREMISE_SENTENCE)).count(),
        "books": premises.len(),
        "blurred": blurs.iter().map(|(l, v)| json!({"id": l.id, "book": l.book, "text": l.text, "phrases": v.phrases})).collect::<Vec<_>>(),
    });
    Ok((human, json, !blurs.is_empty()))
}

/// The files in `dir` whose extension is `ext`, sorted by name.
fn json_files(dir: &Path, ext: &str) -> std::io::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for entry in fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_file() && path.extension().is_some_and(|e| e == ext) {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

/// Loads every `--corpus` path in order and checks that paragraph ids are unique,
/// because verdicts are matched to labels by id.
fn load_corpus(paths: &[PathBuf]) -> Res<Vec<Labelled>> {
    let mut all = Vec::new();
    for path in paths {
        for file in corpus_files(path)? {
            let text = fs::read_to_string(&file)
                .map_err(|e| format!("cannot read corpus {}: {e}", file.display()))?;
            all.extend(parse_corpus(&text, &file.display().to_string())?);
        }
    }
    check_unique_ids(&all)?;
    if all.is_empty() {
        return Err("the corpus has no paragraphs".to_string());
    }
    Ok(all)
}

/// The JSONL files a `--corpus` path stands for: the file itself, or a directory's
/// `*.jsonl` files in name order.
fn corpus_files(path: &Path) -> Res<Vec<PathBuf>> {
    let meta =
        fs::metadata(path).map_err(|e| format!("cannot read corpus {}: {e}", path.display()))?;
    if !meta.is_dir() {
        return Ok(vec![path.to_path_buf()]);
    }
    let files = json_files(path, "jsonl")
        .map_err(|e| format!("cannot read corpus {}: {e}", path.display()))?;
    if files.is_empty() {
        return Err(format!(
            "corpus directory {} has no .jsonl files",
            path.display()
        ));
    }
    Ok(files)
}

/// Parses labelled JSONL text. `source` names the file in errors, which take the form
/// `file:line: …`. Blank lines are skipped.
fn parse_corpus(text: &str, source: &str) -> Res<Vec<Labelled>> {
    let mut out = Vec::new();
    for (index, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let origin = format!("{source}:{}", index + 1);
        let parsed: LabelLine = serde_json::from_str(line)
            .map_err(|e| format!("{origin}: invalid labelled line: {e}"))?;
        out.push(Labelled {
            page: parsed.page,
            id: parsed.id,
            book: parsed.book,
            text: parsed.text,
            spoiler: parsed.spoiler,
            kind: parsed.kind,
            origin,
        });
    }
    Ok(out)
}

/// Fails on the first id that occurs twice and names both places it occurs.
fn check_unique_ids(labels: &[Labelled]) -> Res<()> {
    let mut first: HashMap<&str, &str> = HashMap::new();
    for label in labels {
        if let Some(previous) = first.insert(&label.id, &label.origin) {
            return Err(format!(
                "{}: duplicate paragraph id `{}` (first seen at {previous})",
                label.origin, label.id
            ));
        }
    }
    Ok(())
}

/// The classifier to run: `--classifier`, or `spoiler-shield` next to this executable,
/// since `cargo build` puts both binaries in the same directory.
fn resolve_classifier(given: Option<PathBuf>) -> Res<PathBuf> {
    if let Some(path) = given {
        return Ok(path);
    }
    let me = std::env::current_exe().map_err(|e| {
        format!("cannot find own executable to locate the classifier: {e}; pass --classifier")
    })?;
    Ok(me.with_file_name(format!("spoiler-shield{}", std::env::consts::EXE_SUFFIX)))
}

/// Encodes the corpus as the classifier's stdin: one `{"page","id","text"}` per line.
fn encode_input(labels: &[Labelled]) -> Res<String> {
    let mut input = String::new();
    for label in labels {
        let line = ClassifyInput {
            page: &label.page,
            id: &label.id,
            text: &label.text,
        };
        let json = serde_json::to_string(&line)
            .map_err(|e| format!("{}: cannot encode paragraph: {e}", label.origin))?;
        input.push_str(&json);
        input.push('\n');
    }
    Ok(input)
}

/// Runs `<classifier> classify --all-books` (or `--shield FILE`… when shield files are
/// given; `--progress ID=PERCENT` for each of `progress`) with the corpus on stdin and returns its
/// verdicts in corpus order. Stdin is written on another thread while stdout and
/// stderr are read, so a classifier that streams its output cannot deadlock.
fn run_classifier(
    classifier: &Path,
    shields: &[PathBuf],
    progress: &[String],
    labels: &[Labelled],
) -> Res<Vec<Verdict>> {
    let input = encode_input(labels)?;
    let mut command = Command::new(classifier);
    command.arg("classify");
    if shields.is_empty() {
        command.arg("--all-books");
    }
    for shield in shields {
        command.arg("--shield").arg(shield);
    }
    for spec in progress {
        command.arg("--progress").arg(spec);
    }
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| spawn_error(classifier, &e))?;
    let mut stdin = child
        .stdin
        .take()
        .ok_or("classifier stdin was not captured")?;
    let writer = thread::spawn(move || stdin.write_all(input.as_bytes()));
    let output = child.wait_with_output().map_err(|e| {
        format!(
            "classifier {} failed while running: {e}",
            classifier.display()
        )
    })?;
    let written = writer
        .join()
        .map_err(|_| "the thread feeding the classifier panicked".to_string())?;
    if !output.status.success() {
        return Err(format!(
            "classifier {} classify exited with {}: {}",
            classifier.display(),
            output.status,
            stderr_summary(&output.stderr)
        ));
    }
    written.map_err(|e| {
        format!(
            "classifier {} stopped reading its input: {e}",
            classifier.display()
        )
    })?;
    let stdout = String::from_utf8(output.stdout).map_err(|_| {
        format!(
            "classifier {} printed output that is not UTF-8",
            classifier.display()
        )
    })?;
    parse_predictions(&stdout, labels)
}

/// Turns a failure to start the classifier into advice on how to fix it.
fn spawn_error(classifier: &Path, error: &std::io::Error) -> String {
    match error.kind() {
        std::io::ErrorKind::NotFound => format!(
            "classifier not found at {} (run `cargo build --release` or pass --classifier PATH)",
            classifier.display()
        ),
        _ => format!("cannot start classifier {}: {error}", classifier.display()),
    }
}

/// The last non-blank lines of a child's stderr, joined into one line, for error
/// messages. The last lines are kept because that is where the cause usually is.
fn stderr_summary(stderr: &[u8]) -> String {
    let text = String::from_utf8_lossy(stderr);
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    match lines.len() {
        0 => "(no message on stderr)".to_string(),
        n => lines[n.saturating_sub(3)..].join(" | "),
    }
}

/// Parses the classifier's stdout. There must be one JSON verdict per input paragraph,
/// in input order, with matching ids.
fn parse_predictions(stdout: &str, labels: &[Labelled]) -> Res<Vec<Verdict>> {
    let lines: Vec<&str> = stdout.lines().filter(|l| !l.trim().is_empty()).collect();
    if lines.len() != labels.len() {
        return Err(format!(
            "classifier printed {} verdict lines for {} paragraphs (it must print exactly one per input line)",
            lines.len(),
            labels.len()
        ));
    }
    let mut verdicts = Vec::with_capacity(labels.len());
    for (index, (line, label)) in lines.iter().zip(labels).enumerate() {
        let prediction: Prediction = serde_json::from_str(line).map_err(|e| {
            format!(
                "classifier output line {}: invalid verdict: {e}: {}",
                index + 1,
                snippet(line)
            )
        })?;
        if prediction.id != label.id {
            return Err(format!(
                "classifier output line {}: id `{}`, expected `{}` (verdicts must come in input order)",
                index + 1,
                prediction.id,
                label.id
            ));
        }
        verdicts.push(Verdict::from(prediction));
    }
    Ok(verdicts)
}

/// The first [`SNIPPET_CHARS`] characters of `text` on one line, with `…` if cut.
fn snippet(text: &str) -> String {
    let flat: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    match flat.char_indices().nth(SNIPPET_CHARS) {
        Some((cut, _)) => format!("{}…", &flat[..cut]),
        None => flat,
    }
}

/// Formats an optional metric with three decimals, or `—` when it is undefined.
fn fmt_metric(value: Option<f64>) -> String {
    value.map_or_else(|| "—".to_string(), |v| format!("{v:.3}"))
}

/// Formats an optional rate as a percentage, or `—` when it is undefined.
fn fmt_percent(value: Option<f64>) -> String {
    value.map_or_else(|| "—".to_string(), |v| format!("{:.1}%", v * 100.0))
}

/// The table's rows as `(label, ours, baseline)`: overall first, then each book, then
/// "no book" if the corpus has any such page.
fn table_rows<'a>(ours: &'a Report, base: &'a Report) -> Vec<(&'a str, Confusion, Confusion)> {
    let mut rows = vec![("overall", ours.overall, base.overall)];
    for (book, confusion) in &ours.books {
        rows.push((
            book.as_str(),
            *confusion,
            base.books.get(book).copied().unwrap_or_default(),
        ));
    }
    if ours.no_book.n() > 0 {
        rows.push((NO_BOOK, ours.no_book, base.no_book));
    }
    rows
}

/// The per-kind rows as `(kind, ours, baseline)`, in kind order; [`NO_KIND`] sorts
/// first, which is where lines without a kind belong.
fn kind_rows<'a>(ours: &'a Report, base: &'a Report) -> Vec<(&'a str, Confusion, Confusion)> {
    ours.kinds
        .iter()
        .map(|(kind, confusion)| {
            (
                kind.as_str(),
                *confusion,
                base.kinds.get(kind).copied().unwrap_or_default(),
            )
        })
        .collect()
}

/// Renders one P/R/F1 table, spoiler-shield beside the keyword baseline, one row per
/// group; `heading` names the first column.
fn render_rows(heading: &str, rows: &[(&str, Confusion, Confusion)]) -> String {
    let width = rows
        .iter()
        .map(|r| r.0.chars().count())
        .chain([heading.chars().count()])
        .max()
        .unwrap_or(0)
        .max(5);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{:w$}  {:>5} {:>5}   {:^20}   {:^20}",
        "",
        "",
        "",
        "spoiler-shield",
        "keyword baseline",
        w = width
    );
    let _ = writeln!(
        out,
        "{:w$}  {:>5} {:>5}   {:>6} {:>6} {:>6}   {:>6} {:>6} {:>6}",
        heading,
        "n",
        "spoil",
        "P",
        "R",
        "F1",
        "P",
        "R",
        "F1",
        w = width
    );
    for (label, a, b) in rows {
        let _ = writeln!(
            out,
            "{:w$}  {:>5} {:>5}   {:>6} {:>6} {:>6}   {:>6} {:>6} {:>6}",
            label,
            a.n(),
            a.positives(),
            fmt_metric(a.precision()),
            fmt_metric(a.recall()),
            fmt_metric(a.f1()),
            fmt_metric(b.precision()),
            fmt_metric(b.recall()),
            fmt_metric(b.f1()),
            w = width
        );
    }
    out
}

/// Renders the human-readable comparison: the per-book P/R/F1 table, the per-kind
/// table, the false-blur rate on pages about no book, the wrong-book counts and the
/// overall confusion counts.
fn render_table(ours: &Report, base: &Report) -> String {
    let mut out = render_rows("group", &table_rows(ours, base));
    out.push('\n');
    out.push_str(&render_rows("page kind", &kind_rows(ours, base)));
    out.push('\n');
    let _ = writeln!(
        out,
        "false-blur rate on no-book pages (FP / {} paragraphs): spoiler-shield {} ({}), keyword baseline {} ({})",
        ours.no_book.n(),
        fmt_percent(ours.no_book.false_blur_rate()),
        ours.no_book.fp,
        fmt_percent(base.no_book.false_blur_rate()),
        base.no_book.fp
    );
    let _ = writeln!(
        out,
        "spoilers blamed on the wrong book: spoiler-shield {}, keyword baseline {}",
        ours.wrong_book, base.wrong_book
    );
    let _ = writeln!(
        out,
        "overall counts: spoiler-shield {}; keyword baseline {}",
        fmt_counts(&ours.overall),
        fmt_counts(&base.overall)
    );
    out
}

/// `TP a FP b FN c TN d`.
fn fmt_counts(c: &Confusion) -> String {
    format!("TP {} FP {} FN {} TN {}", c.tp, c.fp, c.fn_, c.tn)
}

/// Lists the paragraphs spoiler-shield got wrong, including spoilers it blamed on the
/// wrong book, with a snippet and the phrases it matched, for `--verbose`.
fn render_misclassified(labels: &[Labelled], verdicts: &[Verdict]) -> String {
    let mut out = String::new();
    for (label, verdict) in labels.iter().zip(verdicts) {
        let Some(kind) = error_kind(label, verdict) else {
            continue;
        };
        let _ = writeln!(
            out,
            "{kind} {}  [label book: {}, predicted: {}]",
            label.id,
            book_name(&label.book),
            book_name(&verdict.book)
        );
        let _ = writeln!(out, "    {}", snippet(&label.text));
        if !verdict.phrases.is_empty() {
            let _ = writeln!(out, "    phrases: {}", verdict.phrases.join(", "));
        }
    }
    if out.is_empty() {
        out.push_str("(none)\n");
    }
    format!("misclassified by spoiler-shield:\n{out}")
}

/// `FP`, `FN`, `WB` (right verdict, wrong book), or `None` for a correct verdict.
fn error_kind(label: &Labelled, verdict: &Verdict) -> Option<&'static str> {
    match (label.spoiler, verdict.spoiler) {
        (false, true) => Some("FP"),
        (true, false) => Some("FN"),
        _ if blames_wrong_book(label, verdict) => Some("WB"),
        _ => None,
    }
}

/// A book id, or `-` when there is none.
fn book_name(book: &Option<String>) -> &str {
    book.as_deref().unwrap_or("-")
}

/// One system's report as JSON.
fn report_json(report: &Report) -> Value {
    let books: serde_json::Map<String, Value> = report
        .books
        .iter()
        .map(|(k, c)| (k.clone(), confusion_json(c)))
        .collect();
    let kinds: serde_json::Map<String, Value> = report
        .kinds
        .iter()
        .map(|(k, c)| (k.clone(), confusion_json(c)))
        .collect();
    json!({
        "overall": confusion_json(&report.overall),
        "books": books,
        "kinds": kinds,
        "no_book": confusion_json(&report.no_book),
        "false_blur_rate_no_book": report.no_book.false_blur_rate(),
        "wrong_book": report.wrong_book,
    })
}

/// A confusion matrix and its metrics as JSON; undefined metrics are `null`.
fn confusion_json(c: &Confusion) -> Value {
    json!({
        "n": c.n(), "tp": c.tp, "fp": c.fp, "fn": c.fn_, "tn": c.tn,
        "precision": c.precision(), "recall": c.recall(), "f1": c.f1(),
    })
}

/// The whole machine-readable report for `--json`.
fn full_json(
    labels: &[Labelled],
    verdicts: &[Verdict],
    ours: &Report,
    base: &Report,
    classifier: &Path,
) -> Value {
    let misclassified: Vec<Value> = labels
        .iter()
        .zip(verdicts)
        .filter_map(|(l, v)| {
            error_kind(l, v).map(|kind| {
                json!({"id": l.id, "kind": kind, "label": l.spoiler, "book": l.book,
                       "predicted_book": v.book, "phrases": v.phrases, "text": snippet(&l.text)})
            })
        })
        .collect();
    json!({
        "classifier": classifier.display().to_string(),
        "paragraphs": labels.len(),
        "spoiler-shield": report_json(ours),
        "keyword-baseline": report_json(base),
        "misclassified": misclassified,
    })
}

/// The number of distinct pages, for the report header.
fn page_count(labels: &[Labelled]) -> usize {
    labels
        .iter()
        .map(|l| l.page.as_str())
        .collect::<std::collections::HashSet<_>>()
        .len()
}

/// Checks `--min-f1` against spoiler-shield's overall F1. An undefined F1 (no spoilers
/// labelled and none flagged) fails too, because it is no evidence of accuracy.
fn gate(min_f1: Option<f64>, overall: &Confusion) -> Option<String> {
    let min = min_f1?;
    match overall.f1() {
        Some(f1) if f1 >= min => None,
        Some(f1) => Some(format!("overall F1 {f1:.3} is below --min-f1 {min:.3}")),
        None => Some(format!(
            "overall F1 is undefined (no spoilers labelled or flagged); --min-f1 {min:.3} not met"
        )),
    }
}

/// Scores the `--corpus` paths: returns the human report, the JSON report and the
/// `--min-f1` gate's failure message, if it failed.
fn corpus_eval(args: &Args, classifier: &Path) -> Res<(String, Value, Option<String>)> {
    let labels = load_corpus(&args.corpus)?;
    let baseline = load_baseline(&args.shields)?;
    let verdicts = run_classifier(classifier, &args.shield_files, &[], &labels)?;
    let base_verdicts: Vec<Verdict> = labels.iter().map(|l| baseline.judge(&l.text)).collect();
    let ours = evaluate(&labels, &verdicts);
    let base = evaluate(&labels, &base_verdicts);

    let mut human = format!(
        "{} paragraphs from {} pages; classifier {}; baseline: {} keywords from {} shields in {}\n\n",
        labels.len(),
        page_count(&labels),
        classifier.display(),
        baseline.keyword_count(),
        baseline.books.len(),
        args.shields.display()
    );
    human.push_str(&render_table(&ours, &base));
    if args.verbose {
        human.push('\n');
        human.push_str(&render_misclassified(&labels, &verdicts));
    }
    let json = full_json(&labels, &verdicts, &ours, &base, classifier);
    Ok((human, json, gate(args.min_f1, &ours.overall)))
}

/// Runs the evaluation and the premise check as asked and returns the exit code for
/// their gates; errors are bad input.
fn run(args: Args) -> Res<ExitCode> {
    if let Some(min) = args.min_f1.filter(|m| !(0.0..=1.0).contains(m)) {
        return Err(format!("--min-f1 must be between 0 and 1, got {min}"));
    }
    let classifier = resolve_classifier(args.classifier.clone())?;
    let mut human = String::new();
    let mut report = serde_json::Map::new();
    let mut failures = Vec::new();
    if !args.corpus.is_empty() {
        let (text, json, gate_failure) = corpus_eval(&args, &classifier)?;
        human.push_str(&text);
        if let Value::Object(fields) = json {
            report.extend(fields);
        }
        failures.extend(gate_failure);
    }
    if args.premise_check {
        let (text, json, blurred) = premise_check(&classifier, &args.shield_files, &args.shields)?;
        if !human.is_empty() {
            human.push('\n');
        }
        human.push_str(&text);
        if blurred {
            failures.push(
                "premise check failed: a reader at 0 % already knows the premise, so it must never blur"
                    .to_string(),
            );
        }
        report.insert("premise-check".to_string(), json);
    }
    if args.json {
        eprint!("{human}");
        println!("{}", Value::Object(report));
    } else {
        print!("{human}");
    }
    for message in &failures {
        eprintln!("spoiler-shield-eval: {message}");
    }
    Ok(if failures.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// Parses arguments, runs, and maps errors to exit status 2 with a one-line message.
fn main() -> ExitCode {
    match run(Args::parse()) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("spoiler-shield-eval: error: {message}");
            ExitCode::from(2)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A labelled paragraph with the given book and label.
    fn label(id: &str, book: Option<&str>, spoiler: bool) -> Labelled {
        Labelled {
            page: "p".into(),
            id: id.into(),
            book: book.map(String::from),
            text: format!("text of {id}"),
            spoiler,
            kind: None,
            origin: "test:1".into(),
        }
    }

    /// A verdict with the given flag and book.
    fn verdict(spoiler: bool, book: Option<&str>) -> Verdict {
        Verdict {
            spoiler,
            book: book.map(String::from),
            phrases: vec![],
        }
    }

    /// Compares floats to a tolerance well below the three decimals shown.
    fn close(a: Option<f64>, b: f64) -> bool {
        a.is_some_and(|a| (a - b).abs() < 1e-9)
    }

    #[test]
    fn confusion_counts_each_cell() {
        let mut c = Confusion::default();
        for (t, p) in [
            (true, true),
            (true, true),
            (false, true),
            (true, false),
            (false, false),
            (false, false),
            (false, false),
        ] {
            c.add(t, p);
        }
        assert_eq!(
            c,
            Confusion {
                tp: 2,
                fp: 1,
                fn_: 1,
                tn: 3
            }
        );
        assert_eq!(c.n(), 7);
        assert_eq!(c.positives(), 3);
    }

    #[test]
    fn precision_recall_f1_match_their_definitions() {
        let c = Confusion {
            tp: 6,
            fp: 2,
            fn_: 4,
            tn: 88,
        };
        assert!(close(c.precision(), 0.75));
        assert!(close(c.recall(), 0.6));
        let harmonic = 2.0 * 0.75 * 0.6 / (0.75 + 0.6);
        assert!(close(c.f1(), harmonic));
        assert!(close(c.false_blur_rate(), 0.02));
    }

    #[test]
    fn undefined_metrics_are_none_not_zero() {
        let none_flagged = Confusion {
            tp: 0,
            fp: 0,
            fn_: 3,
            tn: 5,
        };
        assert_eq!(none_flagged.precision(), None);
        assert!(close(none_flagged.recall(), 0.0));
        assert!(close(none_flagged.f1(), 0.0));
        let all_clean = Confusion {
            tp: 0,
            fp: 0,
            fn_: 0,
            tn: 9,
        };
        assert_eq!(all_clean.recall(), None);
        assert_eq!(all_clean.f1(), None);
        assert!(close(all_clean.false_blur_rate(), 0.0));
        assert_eq!(Confusion::default().false_blur_rate(), None);
    }

    #[test]
    fn evaluate_groups_by_label_book_and_counts_wrong_book() {
        let labels = vec![
            label("a#0", Some("rebecca"), true),
            label("a#1", Some("rebecca"), false),
            label("a#2", Some("rebecca"), true),
            label("b#0", None, false),
            label("b#1", None, false),
            label("c#0", Some("gone-girl"), true),
        ];
        let verdicts = vec![
            verdict(true, Some("rebecca")),
            verdict(true, Some("rebecca")),
            verdict(true, Some("atonement")),
            verdict(true, Some("life-of-pi")),
            verdict(false, None),
            verdict(false, None),
        ];
        let r = evaluate(&labels, &verdicts);
        assert_eq!(
            r.overall,
            Confusion {
                tp: 2,
                fp: 2,
                fn_: 1,
                tn: 1
            }
        );
        assert_eq!(
            r.books["rebecca"],
            Confusion {
                tp: 2,
                fp: 1,
                fn_: 0,
                tn: 0
            }
        );
        assert_eq!(
            r.books["gone-girl"],
            Confusion {
                tp: 0,
                fp: 0,
                fn_: 1,
                tn: 0
            }
        );
        assert_eq!(
            r.no_book,
            Confusion {
                tp: 0,
                fp: 1,
                fn_: 0,
                tn: 1
            }
        );
        assert!(close(r.no_book.false_blur_rate(), 0.5));
        assert_eq!(r.wrong_book, 1, "only a#2: both say spoiler, books differ");
    }

    #[test]
    fn wrong_book_needs_a_labelled_book_and_two_spoiler_verdicts() {
        assert!(blames_wrong_book(
            &label("x", Some("rebecca"), true),
            &verdict(true, None)
        ));
        assert!(!blames_wrong_book(
            &label("x", None, true),
            &verdict(true, Some("rebecca"))
        ));
        assert!(!blames_wrong_book(
            &label("x", Some("rebecca"), false),
            &verdict(true, Some("atonement"))
        ));
        assert!(!blames_wrong_book(
            &label("x", Some("rebecca"), true),
            &verdict(false, Some("atonement"))
        ));
    }

    /// A two-book baseline built from shield JSON, as `load_baseline` would build it.
    fn baseline() -> Baseline {
        let nlmg = json!({
            "id": "never-let-me-go", "title": "Never Let Me Go", "author": "Kazuo Ishiguro",
            "aliases": ["NLMG"],
            "entities": [{"name": "Hailsham", "kind": "place"}, {"name": "Kathy H.", "aliases": ["Kathy"]}],
            "terms": [{"phrase": "clone", "also": ["cloning", "  "]}, {"phrase": "Clone"}]
        });
        let pi = json!({
            "id": "life-of-pi", "title": "Life of Pi", "author": "Yann Martel",
            "entities": [{"name": "Pi", "common": true}, {"name": "Richard Parker"}],
            "terms": [{"phrase": "the tiger was Pi"}]
        });
        Baseline {
            books: vec![
                ("never-let-me-go".into(), shield_keywords(&nlmg)),
                ("life-of-pi".into(), shield_keywords(&pi)),
            ],
        }
    }

    #[test]
    fn shield_keywords_collects_every_name_and_phrase_once() {
        let b = baseline();
        assert_eq!(
            b.books[0].1,
            vec![
                "never let me go",
                "nlmg",
                "kazuo ishiguro",
                "hailsham",
                "kathy h.",
                "kathy",
                "clone",
                "cloning"
            ]
        );
        assert_eq!(b.keyword_count(), 8 + 5);
    }

    #[test]
    fn shield_keywords_ignores_unexpected_shapes() {
        let odd = json!({"id": "x", "title": 3, "aliases": "not a list", "entities": {}, "terms": [{"phrase": null}]});
        assert!(shield_keywords(&odd).is_empty());
    }

    #[test]
    fn baseline_matches_case_insensitive_substrings_without_context() {
        let b = baseline();
        let v = b.judge("We visited HAILSHAM in the rain.");
        assert!(v.spoiler);
        assert_eq!(v.book.as_deref(), Some("never-let-me-go"));
        assert_eq!(v.phrases, vec!["hailsham"]);
        // A plain substring: "pi" inside "pie" and "spicy" counts, as in peer extensions.
        let pie = b.judge("A spicy pumpkin pie recipe.");
        assert!(pie.spoiler);
        assert_eq!(pie.book.as_deref(), Some("life-of-pi"));
        assert!(!b.judge("Nothing to see here.").spoiler);
        assert_eq!(b.judge("Nothing to see here.").book, None);
    }

    #[test]
    fn baseline_blames_the_book_with_most_distinct_keywords() {
        let b = baseline();
        let v = b.judge("Kathy read Life of Pi: Richard Parker, the tiger, was Pi.");
        assert_eq!(v.book.as_deref(), Some("life-of-pi"));
        assert!(v.phrases.contains(&"kathy".to_string()));
        // A tie goes to the book loaded first.
        let tie = b.judge("kathy pi");
        assert_eq!(tie.book.as_deref(), Some("never-let-me-go"));
    }

    #[test]
    fn corpus_errors_name_file_and_line() {
        let text = "{\"page\":\"p\",\"id\":\"p#0\",\"book\":null,\"text\":\"t\",\"spoiler\":false}\n\n{not json}\n";
        let err = parse_corpus(text, "x.jsonl").unwrap_err();
        assert!(err.starts_with("x.jsonl:3: invalid labelled line"), "{err}");
        let missing =
            parse_corpus("{\"page\":\"p\",\"id\":\"p#0\",\"text\":\"t\"}", "y.jsonl").unwrap_err();
        assert!(
            missing.starts_with("y.jsonl:1:") && missing.contains("spoiler"),
            "{missing}"
        );
    }

    #[test]
    fn corpus_reads_book_null_and_rejects_duplicate_ids() {
        let text = "{\"page\":\"p\",\"id\":\"p#0\",\"book\":null,\"text\":\"t\",\"spoiler\":false,\"why\":\"w\"}\n\
                    {\"page\":\"p\",\"id\":\"p#0\",\"book\":\"rebecca\",\"text\":\"u\",\"spoiler\":true}\n";
        let parsed = parse_corpus(text, "z.jsonl").unwrap();
        assert_eq!(parsed[0].book, None);
        assert_eq!(parsed[1].book.as_deref(), Some("rebecca"));
        let err = check_unique_ids(&parsed).unwrap_err();
        assert!(
            err.contains("z.jsonl:2") && err.contains("z.jsonl:1"),
            "{err}"
        );
    }

    #[test]
    fn predictions_must_match_count_and_order() {
        let labels = vec![label("a#0", None, false), label("a#1", None, true)];
        let good = "{\"id\":\"a#0\",\"spoiler\":false,\"book\":null,\"score\":0.1,\"phrases\":[]}\n\
                    {\"id\":\"a#1\",\"spoiler\":true,\"book\":\"rebecca\",\"score\":2.0,\"phrases\":[\"shot her\"]}\n";
        let v = parse_predictions(good, &labels).unwrap();
        assert_eq!(
            v[1],
            Verdict {
                spoiler: true,
                book: Some("rebecca".into()),
                phrases: vec!["shot her".into()]
            }
        );
        let short = parse_predictions("{\"id\":\"a#0\",\"spoiler\":false}\n", &labels).unwrap_err();
        assert!(short.contains("1 verdict lines for 2"), "{short}");
        let swapped = "{\"id\":\"a#1\",\"spoiler\":false}\n{\"id\":\"a#0\",\"spoiler\":false}\n";
        assert!(parse_predictions(swapped, &labels)
            .unwrap_err()
            .contains("expected `a#0`"));
        let bad = "{\"id\":\"a#0\",\"spoiler\":\"yes\"}\n{\"id\":\"a#1\",\"spoiler\":false}\n";
        assert!(parse_predictions(bad, &labels)
            .unwrap_err()
            .starts_with("classifier output line 1"));
    }

    #[test]
    fn snippet_cuts_on_characters_and_flattens_lines() {
        let long = "é".repeat(150);
        let s = snippet(&long);
        assert_eq!(s.chars().count(), SNIPPET_CHARS + 1);
        assert!(s.ends_with('…'));
        assert_eq!(snippet("a\nb"), "a b");
    }

    #[test]
    fn gate_compares_overall_f1() {
        let c = Confusion {
            tp: 8,
            fp: 2,
            fn_: 2,
            tn: 10,
        };
        assert_eq!(gate(None, &c), None);
        assert_eq!(gate(Some(0.8), &c), None);
        assert!(gate(Some(0.81), &c).is_some_and(|m| m.contains("0.800")));
        assert!(gate(Some(0.1), &Confusion::default()).is_some());
    }

    #[test]
    fn table_lists_overall_books_then_no_book() {
        let labels = vec![
            label("a#0", Some("rebecca"), true),
            label("b#0", None, false),
        ];
        let r = evaluate(
            &labels,
            &[verdict(true, Some("rebecca")), verdict(false, None)],
        );
        let rows: Vec<&str> = table_rows(&r, &r).iter().map(|row| row.0).collect();
        assert_eq!(rows, vec!["overall", "rebecca", NO_BOOK]);
        let table = render_table(&r, &r);
        assert!(table.contains("false-blur rate on no-book pages (FP / 1 paragraphs)"));
    }
    /// A labelled paragraph on a page of the given kind (`None`: the line had no kind).
    fn kinded(id: &str, kind: Option<&str>, spoiler: bool) -> Labelled {
        Labelled {
            kind: kind.map(String::from),
            ..label(id, Some("rebecca"), spoiler)
        }
    }

    /// A confusion matrix from its four cells.
    fn counts(tp: usize, fp: usize, fn_: usize, tn: usize) -> Confusion {
        Confusion { tp, fp, fn_, tn }
    }

    #[test]
    fn evaluate_groups_by_page_kind_and_missing_kind_is_dash() {
        let labels = vec![
            kinded("f#0", Some("forum"), true),
            kinded("f#1", Some("forum"), false),
            kinded("s#0", Some("summary"), true),
            kinded("o#0", None, true),
            kinded("o#1", None, false),
        ];
        let verdicts: Vec<Verdict> = [true, true, false, true, false]
            .into_iter()
            .map(|flag| verdict(flag, None))
            .collect();
        let r = evaluate(&labels, &verdicts);
        let kinds: Vec<&str> = r.kinds.keys().map(String::as_str).collect();
        assert_eq!(kinds, vec![NO_KIND, "forum", "summary"]);
        assert_eq!(r.kinds["forum"], counts(1, 1, 0, 0));
        assert_eq!(r.kinds["summary"], counts(0, 0, 1, 0));
        assert_eq!(r.kinds[NO_KIND], counts(1, 0, 0, 1));
        let total: usize = r.kinds.values().map(Confusion::n).sum();
        assert_eq!(
            total,
            r.overall.n(),
            "every paragraph is in exactly one kind"
        );
    }

    #[test]
    fn kind_rows_pair_each_kind_with_the_baseline() {
        let labels = vec![
            kinded("a#0", Some("qa"), true),
            kinded("b#0", Some("negative"), false),
        ];
        let ours = evaluate(&labels, &[verdict(true, None), verdict(false, None)]);
        let base = evaluate(&labels, &[verdict(true, None), verdict(true, None)]);
        let rows = kind_rows(&ours, &base);
        let names: Vec<&str> = rows.iter().map(|r| r.0).collect();
        assert_eq!(names, vec!["negative", "qa"]);
        assert_eq!(rows[0].1.fp, 0, "ours: the negative page is clean");
        assert_eq!(rows[0].2.fp, 1, "the baseline blurred the negative page");
        let table = render_table(&ours, &base);
        let line = table
            .lines()
            .find(|l| l.starts_with("negative"))
            .expect("a row for the negative kind");
        assert!(line.contains("1     0"), "n then spoilers: {line}");
        assert!(table.contains("page kind"), "{table}");
    }

    #[test]
    fn corpus_reads_an_optional_kind() {
        let text = "{\"page\":\"p\",\"id\":\"p#0\",\"book\":null,\"kind\":\"forum\",\"text\":\"t\",\"spoiler\":false}\n\
                    {\"page\":\"p\",\"id\":\"p#1\",\"book\":null,\"text\":\"t\",\"spoiler\":false}\n";
        let parsed = parse_corpus(text, "k.jsonl").unwrap();
        assert_eq!(parsed[0].kind.as_deref(), Some("forum"));
        assert_eq!(parsed[1].kind, None);
        assert_eq!(kind_name(&parsed[1].kind), NO_KIND);
    }

    #[test]
    fn premise_comes_only_from_schema_2_shields() {
        let v2 = json!({"id": "rebecca", "schema": 2, "title": "Rebecca", "author": "Daphne du Maurier",
            "premise": [{"says": " Rebecca drowned a year before the story. "}, {"says": ""}, {"who": []}]});
        let p = shield_premise("rebecca", &v2).expect("a schema-2 premise");
        assert_eq!(p.heading, "Rebecca by Daphne du Maurier");
        assert_eq!(p.says, vec!["Rebecca drowned a year before the story."]);
        let v1 = json!({"id": "rebecca", "schema": 1, "title": "Rebecca",
            "premise": [{"says": "ignored in schema 1"}]});
        assert_eq!(shield_premise("rebecca", &v1), None);
        let empty = json!({"id": "x", "schema": 2, "title": "X", "premise": []});
        assert_eq!(shield_premise("x", &empty), None);
        let no_author = json!({"id": "x", "schema": 2, "title": "X", "premise": [{"says": "s"}]});
        assert_eq!(shield_premise("x", &no_author).unwrap().heading, "X");
    }

    #[test]
    fn premise_check_counts_blurred_sentences_not_headings() {
        let premises = vec![
            Premise {
                book: "rebecca".into(),
                heading: "Rebecca by Daphne du Maurier".into(),
                says: vec!["one".into(), "two".into()],
            },
            Premise {
                book: "atonement".into(),
                heading: "Atonement by Ian McEwan".into(),
                says: vec!["three".into()],
            },
        ];
        let labels = premise_labels(&premises);
        let ids: Vec<&str> = labels.iter().map(|l| l.id.as_str()).collect();
        assert_eq!(
            ids,
            vec![
                "premise-check-rebecca#0",
                "premise-check-rebecca#1",
                "premise-check-rebecca#2",
                "premise-check-atonement#0",
                "premise-check-atonement#1"
            ]
        );
        assert_eq!(labels[0].text, "Rebecca by Daphne du Maurier");
        assert_eq!(labels[4].book.as_deref(), Some("atonement"));
        // The heading blurs (not counted), "two" blurs (counted), the rest do not.
        let verdicts = vec![
            verdict(true, Some("rebecca")),
            verdict(false, None),
            verdict(true, Some("rebecca")),
            verdict(false, None),
            verdict(false, None),
        ];
        let blurs = premise_blurs(&labels, &verdicts);
        assert_eq!(blurs.len(), 1);
        assert_eq!(blurs[0].0.text, "two");
        let text = render_premise_check(Path::new("shields"), 12, &labels, &blurs);
        assert!(
            text.starts_with("premise check: 3 premise sentences from 2 of 12 shields"),
            "{text}"
        );
        assert!(
            text.contains(": 1 blurred") && text.contains("BLUR premise-check-rebecca#2"),
            "{text}"
        );
        let none = render_premise_check(Path::new("shields"), 12, &[], &[]);
        assert!(
            none.contains("0 premise sentences") && none.contains("0 blurred"),
            "{none}"
        );
    }
}
