//! The command-line contract: JSONL in, JSONL out, one line per line, clear errors.
#![cfg(not(target_arch = "wasm32"))]

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn run(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_spoiler-shield"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin.as_bytes())
        .expect("write stdin");
    child.wait_with_output().expect("the binary finishes")
}

fn lines(output: &Output) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("each output line is JSON"))
        .collect()
}

/// A shield file of a test's own, `name` in a directory of its own (`dir`), holding `json`.
fn shield_file(dir: &str, name: &str, json: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("{dir}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join(name);
    std::fs::write(&file, json).unwrap();
    file
}

/// `shield-from-summary` for Jane Eyre on `summary`.
fn draft_jane_eyre(summary: &str) -> Output {
    run(
        &[
            "shield-from-summary",
            "--title",
            "Jane Eyre",
            "--author",
            "Charlotte Brontë",
        ],
        summary,
    )
}

const PAGE: &str = r#"{"page":"p1","id":"p1#0","text":"Never Let Me Go by Kazuo Ishiguro"}
{"page":"p1","id":"p1#1","text":"I loved the quiet prose."}
{"page":"p1","id":"p1#2","text":"Kathy and Tommy learn they are clones who will donate their organs."}
{"page":"p2","id":7,"text":"Football: Smith completed 40 passes before the late twist."}
"#;

#[test]
fn classify_writes_one_verdict_per_line_in_order() {
    let out = run(&["classify"], PAGE);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let verdicts = lines(&out);
    assert_eq!(verdicts.len(), 4);
    let ids: Vec<String> = verdicts.iter().map(|v| v["id"].to_string()).collect();
    assert_eq!(ids, vec!["\"p1#0\"", "\"p1#1\"", "\"p1#2\"", "7"]);
    assert_eq!(verdicts[1]["spoiler"], false);
    assert_eq!(verdicts[1]["book"], serde_json::Value::Null);
    assert_eq!(verdicts[2]["spoiler"], true);
    assert_eq!(verdicts[2]["book"], "never-let-me-go");
    assert!(verdicts[2]["score"].as_f64().unwrap() >= 1.0);
    assert!(!verdicts[2]["phrases"].as_array().unwrap().is_empty());
    assert_eq!(
        verdicts[3]["spoiler"], false,
        "a page about no book blurs nothing"
    );
    for v in &verdicts {
        let keys: Vec<&String> = v.as_object().unwrap().keys().collect();
        assert_eq!(keys.len(), 5, "{v}");
    }
}

#[test]
fn classify_with_one_book_ignores_the_others() {
    let out = run(&["classify", "--book", "gone-girl"], PAGE);
    assert!(out.status.success());
    assert!(lines(&out).iter().all(|v| v["spoiler"] == false));
}

#[test]
fn classify_progress_past_a_reveal_stops_it_blurring() {
    let out = run(
        &[
            "classify",
            "--book",
            "never-let-me-go",
            "--progress",
            "never-let-me-go=100",
        ],
        PAGE,
    );
    assert!(out.status.success());
    assert!(lines(&out).iter().all(|v| v["spoiler"] == false));
}

#[test]
fn invalid_json_names_the_line() {
    let out = run(
        &["classify"],
        "{\"page\":\"a\",\"id\":1,\"text\":\"x\"}\nnot json\n",
    );
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("stdin:2:"), "{err}");
    assert_eq!(err.lines().count(), 1, "one clear line: {err}");
}

#[test]
fn a_missing_field_is_named() {
    let out = run(&["classify"], "{\"page\":\"a\",\"id\":1}\n");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("stdin:1:") && err.contains("text"), "{err}");
}

#[test]
fn an_unknown_book_is_an_error_listing_the_known_ones() {
    let out = run(&["classify", "--book", "moby-dick"], "");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("unknown book \"moby-dick\"") && err.contains("gone-girl"),
        "{err}"
    );
}

#[test]
fn an_unreadable_shield_file_is_named() {
    let out = run(&["classify", "--shield", "/no/such/shield.json"], "");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("/no/such/shield.json"), "{err}");
}

#[test]
fn check_shield_accepts_the_catalog_and_rejects_a_bad_file() {
    let out = run(&["check-shield", "shields/never-let-me-go.json"], "");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("ok: never-let-me-go"));

    let bad = shield_file("ss-cli", "bad.json", "{\n  \"schema\": 1,\n  \"id\": \"Bad Id\",\n  \"title\": \"T\",\n  \"author\": \"A\",\n  \"entities\": [{\"name\": \"X\", \"kind\": \"character\"}],\n  \"terms\": [{\"phrase\": \"y\", \"weight\": 1}]\n}\n");
    let out = run(&["check-shield", bad.to_str().unwrap()], "");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("bad.json:3: id:"), "{err}");
}

#[test]
fn check_shield_names_the_line_and_path_of_a_bad_event() {
    let bad = shield_file("ss-cli-ev", "events.json", "{\n  \"schema\": 2,\n  \"id\": \"b\",\n  \"title\": \"Tide\",\n  \"author\": \"Ann Author\",\n  \"entities\": [{\"name\": \"Xavier\", \"kind\": \"character\"}],\n  \"terms\": [{\"phrase\": \"y\", \"weight\": 1}],\n  \"events\": [\n    {\"says\": \"Xavier falls.\", \"who\": [\"Xavier\", \"Yolanda\"], \"words\": [\"falls\"], \"at\": \"end\", \"percent\": 90}\n  ]\n}\n");
    let out = run(&["check-shield", bad.to_str().unwrap()], "");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("events.json:9: events[0].who[1]: \"Yolanda\" is not the `name` of an entity"),
        "{err}"
    );
}

#[test]
fn classify_names_the_event_a_paragraph_tells() {
    let page = r#"{"page":"p","id":"0","text":"Never Let Me Go by Kazuo Ishiguro"}
{"page":"p","id":"1","text":"Near the end, Tommy doesn't make it."}
"#;
    let out = run(&["classify", "--book", "never-let-me-go"], page);
    let verdicts = lines(&out);
    let phrases = verdicts[1]["phrases"].as_array().expect("phrases");
    assert!(
        phrases
            .iter()
            .any(|p| p.as_str() == Some("event:Tommy completes after his fourth donation.")),
        "{phrases:?}"
    );
    // Read past it, it no longer blurs.
    let out = run(
        &[
            "classify",
            "--book",
            "never-let-me-go",
            "--progress",
            "never-let-me-go=99",
        ],
        page,
    );
    assert_eq!(lines(&out)[1]["spoiler"], false);
}

#[test]
fn books_lists_every_shield_file() {
    let out = run(&["books", "--json"], "");
    assert!(out.status.success());
    let books: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    let files = std::fs::read_dir("shields")
        .expect("shields/")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|name| name.ends_with(".json") && name != "cues.json")
        .count();
    // Issue 16 asks for a catalog of at least 40 books.
    assert!(files >= 40, "{files} shield files");
    assert_eq!(books.len(), files);
}

#[test]
fn scan_reports_blurs_of_an_html_page() {
    let dir = std::env::temp_dir().join(format!("ss-scan-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let page = dir.join("page.html");
    std::fs::write(
        &page,
        "<html><head><title>Never Let Me Go by Kazuo Ishiguro</title></head><body>\
         <p id=a>A quiet, sad book.</p><p id=b>The students are clones bred for their organs.</p>\
         <script>var clones = 1;</script></body></html>",
    )
    .unwrap();
    let out = run(&["scan", page.to_str().unwrap(), "--json"], "");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let blocks: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    let spoilers: Vec<&str> = blocks
        .iter()
        .filter(|b| b["spoiler"] == true)
        .map(|b| b["text"].as_str().unwrap())
        .collect();
    assert_eq!(
        spoilers,
        vec!["The students are clones bred for their organs."]
    );
    let out = run(&["scan", page.to_str().unwrap()], "");
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(report.contains("1 of 2 blocks blurred"), "{report}");
}

/// The sites' own hidden spoilers are left to the sites by the CLI as by the extension
/// (block-rules.json): on the sample page, `scan` blurs the three unhidden spoilers the
/// browser blurs (tests/e2e/expected.json: #rd2, #gr2, #ms2), not the eleven blocks it
/// blurred when it read the hidden ones too.
#[test]
fn scan_leaves_the_sites_own_spoilers_alone_as_the_extension_does() {
    let page = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/www/samples/site-spoilers.html"
    );
    let out = run(&["scan", page, "--book", "never-let-me-go", "--json"], "");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let blocks: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    let blurred: Vec<&str> = blocks
        .iter()
        .filter(|b| b["spoiler"] == true)
        .map(|b| b["text"].as_str().unwrap())
        .collect();
    assert_eq!(blurred.len(), 3, "{blurred:#?}");
    // Text inside the hidden spoilers is not read at all.
    let all: String = blocks.iter().map(|b| b["text"].as_str().unwrap()).collect();
    assert!(
        !all.contains("(hide spoiler)") && !all.contains("(view spoiler)"),
        "{all}"
    );
}

#[test]
fn shield_from_summary_prints_a_shield_that_classify_uses() {
    let summary = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/summaries/jane-eyre.txt"
    ))
    .expect("summary fixture");
    let out = draft_jane_eyre(&summary);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let shield: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON on stdout");
    assert_eq!(shield["id"], "jane-eyre");
    let names: Vec<&str> = shield["entities"]
        .as_array()
        .expect("entities")
        .iter()
        .filter_map(|e| e["name"].as_str())
        .collect();
    assert!(names.contains(&"Edward Rochester"), "{names:?}");

    let path = std::env::temp_dir().join(format!("drafted-jane-eyre-{}.json", std::process::id()));
    std::fs::write(&path, &out.stdout).expect("write the draft");
    let page = r#"{"page":"j","id":"j0","text":"Jane Eyre by Charlotte Brontë: a review"}
{"page":"j","id":"j1","text":"The prose is wonderful and the moors are bleak."}
{"page":"j","id":"j2","text":"At the end Thornfield is a blackened ruin and Rochester has lost his sight."}
"#;
    let verdicts = lines(&run(
        &["classify", "--shield", path.to_str().expect("utf-8 path")],
        page,
    ));
    let _ = std::fs::remove_file(&path);
    assert_eq!(verdicts[1]["spoiler"], false);
    assert_eq!(verdicts[2]["spoiler"], true, "{:?}", verdicts[2]);
    assert_eq!(verdicts[2]["book"], "jane-eyre");
}

#[test]
fn shield_from_summary_explains_a_summary_too_short() {
    let out = run(
        &["shield-from-summary", "--title", "T", "--author", "A"],
        "Jane goes to Thornfield.",
    );
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("at least 40 words"), "{stderr}");
}

/// An encyclopedia-shaped page around a summary: the draft from the page's "Plot"
/// section is the draft from the summary itself, and the title and author come from the
/// page (its h1 without "(novel)", its infobox).
#[test]
fn shield_from_page_drafts_from_the_plot_section() {
    let summary = std::fs::read_to_string("tests/fixtures/summaries/jane-eyre.txt")
        .expect("the Jane Eyre summary");
    let plot: String = summary
        .split("\n\n")
        .map(|p| format!("<p>{}</p>\n", p.trim()))
        .collect();
    let html = format!(
        "<!DOCTYPE html><html><head><title>Jane Eyre (novel) - Encyclopedia</title></head><body>\
         <nav><a href=/>Home</a> <a href=/random>Random</a></nav>\
         <h1>Jane Eyre (novel)</h1>\
         <table><tr><th>Author</th><td>Charlotte Brontë</td></tr><tr><th>Country</th><td>England</td></tr></table>\
         <p>Jane Eyre is an 1847 novel by Charlotte Brontë, the story of an orphan who becomes a governess.</p>\
         <h2>Plot<span>[edit]</span></h2>\n{plot}\
         <h2>Reception</h2><p>Reviewers at the time admired its passion and argued over its morals, and it has never been out of print since.</p>\
         </body></html>"
    );
    let dir = std::env::temp_dir().join(format!("ss-article-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary directory");
    let page = dir.join("jane-eyre.html");
    std::fs::write(&page, html).expect("write the page");

    let from_page = run(
        &["shield-from-page", page.to_str().expect("utf-8 path")],
        "",
    );
    let from_summary = draft_jane_eyre(&summary);
    assert!(
        from_page.status.success(),
        "{}",
        String::from_utf8_lossy(&from_page.stderr)
    );
    assert!(String::from_utf8_lossy(&from_page.stderr).contains("\"Plot[edit]\""));
    let shield: serde_json::Value = serde_json::from_slice(&from_page.stdout).expect("JSON");
    assert_eq!(shield["title"], "Jane Eyre");
    assert_eq!(shield["author"], "Charlotte Brontë");
    // Same names and phrases; where each is revealed may move by a point, since the
    // page's paragraphs are trimmed.
    let drafted: serde_json::Value = serde_json::from_slice(&from_summary.stdout).expect("JSON");
    let words = |shield: &serde_json::Value| -> Vec<String> {
        let names = shield["entities"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|e| e["name"].to_string());
        let phrases = shield["terms"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|t| t["phrase"].to_string());
        names.chain(phrases).collect()
    };
    assert!(words(&shield).len() > 10, "{shield}");
    assert_eq!(
        words(&shield),
        words(&drafted),
        "the page's plot section is the summary"
    );

    // --title and --author win over the page's; a page with no plot is a clear error.
    let renamed = run(
        &[
            "shield-from-page",
            page.to_str().expect("utf-8 path"),
            "--title",
            "Jane",
            "--author",
            "C. Bell",
        ],
        "",
    );
    let shield: serde_json::Value = serde_json::from_slice(&renamed.stdout).expect("JSON");
    assert_eq!(
        (shield["title"].as_str(), shield["author"].as_str()),
        (Some("Jane"), Some("C. Bell"))
    );
    let empty = dir.join("empty.html");
    std::fs::write(&empty, "<h1>Jane Eyre</h1><ul><li>Home</li></ul>").expect("write");
    let out = run(
        &["shield-from-page", empty.to_str().expect("utf-8 path")],
        "",
    );
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no plot section"));
}

#[test]
fn check_shield_notes_the_wordings_that_can_never_match() {
    let file = shield_file("ss-cli-unmatched", "unmatched.json", "{\n  \"schema\": 2,\n  \"id\": \"tide\",\n  \"title\": \"Tide\",\n  \"author\": \"Ann Author\",\n  \"entities\": [{\"name\": \"Xavier\", \"kind\": \"character\"}],\n  \"terms\": [{\"phrase\": \"the lighthouse\", \"also\": [\"lighthouse keeper\"], \"weight\": 1}],\n  \"events\": [\n    {\"says\": \"Xavier drowns Yolanda.\", \"who\": [\"Xavier\"], \"words\": [\"drowns her\", \"drowns\"], \"at\": \"end\", \"percent\": 90}\n  ]\n}\n");
    let out = run(&["check-shield", file.to_str().unwrap()], "");
    assert!(
        out.status.success(),
        "a note is no error: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.contains("ok: tide"), "{said}");
    assert!(said.contains("note: 2 wordings will never match"), "{said}");
    assert!(
        said.contains("  terms[0].phrase: \"the lighthouse\""),
        "{said}"
    );
    assert!(
        said.contains("  events[0].words[0]: \"drowns her\""),
        "{said}"
    );
    assert!(
        !said.contains("lighthouse keeper") && !said.contains("words[1]"),
        "{said}"
    );

    // Written as they are meant, they match, and there is nothing to note.
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(
        &file,
        text.replace("the lighthouse", "lighthouse")
            .replace("drowns her", "drowns Yolanda"),
    )
    .unwrap();
    let out = run(&["check-shield", file.to_str().unwrap()], "");
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        said.contains("ok: tide") && !said.contains("note"),
        "{said}"
    );
}
