//! The core's top-level modules stand in layers, which `src/lib.rs` draws: each group of
//! `pub mod` lines under a `// Layer N - title: ...` comment is one layer, bottom to top. A
//! module may import from its own layer and the ones below, never from above, and no circle
//! of imports may join modules of one layer. Every module is in a layer.
//!
//! The check reads the sources as text, not as the compiler does: it follows each top-level
//! module's `mod x;` declarations to its files (`name.rs`, `name/mod.rs`, `name/x.rs`, ...),
//! blanks out comments and string literals, leaves out test-only code (an item under
//! `#[cfg(test)]`: a `mod tests { ... }` block, a `mod tests;` file, a helper), and collects
//! every path that starts at the crate's root: `crate::name`, `use crate::{a, b::c}`, and a
//! `super::` chain that climbs out of the top-level module. A name that `lib.rs` re-exports
//! (`crate::Submission`) counts as an import of the module it comes from.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::Path;

/// Imports that break the layers today, as (importing module, imported module): what is
/// left of the second import circle of issue #26 (intake, plan and outputs, each using the
/// others' parts). To be emptied by issue #26's other parts, which take the plan's outputs
/// out of the intake (`Intake` as a god object) and settle the plan file's layer; the check
/// fails on an entry that is no longer needed, so the list only shrinks. Nothing below
/// layer 5 may be listed: layers 1-4 are clean.
const NOT_YET_IN_LAYERS: &[(&str, &str)] = &[
    // The intake builds the plan, its texts, its document, its outputs and its signed file,
    // and the demo intake (`Intake::demo`): those belong to the plan and output layers and
    // to the demo.
    ("intake", "aggregate"),
    ("intake", "comparison"),
    ("intake", "previous_plan"),
    ("intake", "plan_texts"),
    ("intake", "document"),
    ("intake", "export"),
    ("intake", "plan_file"),
    ("intake", "demo"),
];

/// The layers of the core, from lib.rs.
#[derive(Debug, PartialEq)]
struct Layer {
    number: u32,
    title: String,
    modules: Vec<String>,
}

/// One import of a module from another top-level module.
#[derive(Clone, Debug, PartialEq)]
struct Import {
    /// The top-level module imported.
    module: String,
    /// Where, as `src/intake/mod.rs:115` (the first one found in the importing module).
    at: String,
}

#[test]
fn the_core_is_in_layers() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let lib = std::fs::read_to_string(src.join("lib.rs")).expect("lib.rs");
    let problems = layer_problems(&src, &lib, NOT_YET_IN_LAYERS);
    assert!(
        problems.is_empty(),
        "the core's modules are not in their layers (src/lib.rs draws the layers, bottom to top; \
         a module imports only from its own layer or lower ones, with no circle within a \
         layer; files are under crates/core):\n  - {}",
        problems.join("\n  - ")
    );
}

/// Which module imports which, each import with where it is first made.
type Edges = BTreeMap<(String, String), String>;

/// Everything wrong with the layers of the crate whose sources are in `src`, letting through
/// the imports of `not_yet` (see [`NOT_YET_IN_LAYERS`]).
fn layer_problems(src: &Path, lib: &str, not_yet: &[(&str, &str)]) -> Vec<String> {
    let layers = match layers_of(lib) {
        Ok(layers) => layers,
        Err(e) => return vec![e],
    };
    let layer_of: BTreeMap<&str, &Layer> = layers
        .iter()
        .flat_map(|l| l.modules.iter().map(move |m| (m.as_str(), l)))
        .collect();
    let (edges, mut problems) = edges_of(src, lib, &layers, &layer_of);
    // An exception below layer 5 lets nothing through (and is reported).
    let allowed = |from: &str, to: &str| {
        not_yet.contains(&(from, to)) && layer_of.get(from).is_some_and(|l| l.number > 4)
    };
    for ((from, to), at) in &edges {
        let (lf, lt) = (layer_of[from.as_str()], layer_of[to.as_str()]);
        if lt.number > lf.number && !allowed(from, to) {
            problems.push(format!(
                "`{from}` (layer {} - {}) imports `{to}` from a higher layer (layer {} - {}) at {at}",
                lf.number, lf.title, lt.number, lt.title
            ));
        }
    }
    let same_layer = |keep: &dyn Fn(&str, &str) -> bool| -> Edges {
        edges
            .iter()
            .filter(|((from, to), _)| {
                layer_of[from.as_str()].number == layer_of[to.as_str()].number && keep(from, to)
            })
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect()
    };
    problems.extend(allow_list_problems(
        not_yet,
        &edges,
        &same_layer(&|_, _| true),
        &layer_of,
    ));
    let checked = same_layer(&|from, to| !allowed(from, to));
    for group in circle_groups(&checked) {
        let layer = layer_of[group[0].as_str()];
        let circles: Vec<String> = circles_through(&group, &checked)
            .iter()
            .map(|circle| {
                let mut text = circle[0].clone();
                for pair in circle.windows(2) {
                    let at = &checked[&(pair[0].clone(), pair[1].clone())];
                    write!(text, " -> {} ({at})", pair[1]).unwrap();
                }
                text
            })
            .collect();
        problems.push(format!(
            "a circle of imports in layer {} - {} joins {}: {}",
            layer.number,
            layer.title,
            group.join(", "),
            circles.join("; ")
        ));
    }
    problems
}

/// The imports between the top-level modules of the layers, and what stood in the way of
/// reading them (a module in no layer, or without its file).
fn edges_of(
    src: &Path,
    lib: &str,
    layers: &[Layer],
    layer_of: &BTreeMap<&str, &Layer>,
) -> (Edges, Vec<String>) {
    let mut problems = Vec::new();
    let root = scan(lib, 0);
    for module in &root.file_mods {
        if !layer_of.contains_key(module.as_str()) {
            problems.push(format!(
                "module `{module}` is in no layer: put its `pub mod {module};` line in one of \
                 the groups under a `// Layer N - ...` comment in src/lib.rs"
            ));
        }
    }
    let reexports = root_reexports(&root);
    let mut edges = Edges::new();
    for layer in layers {
        for module in &layer.modules {
            if !root.file_mods.contains(module) {
                problems.push(format!(
                    "layer {} names `{module}`, which lib.rs does not declare as a module",
                    layer.number
                ));
                continue;
            }
            match imports_of_module(src, module, layer_of, &reexports) {
                Ok(imports) => {
                    for import in imports {
                        edges
                            .entry((module.clone(), import.module))
                            .or_insert(import.at);
                    }
                }
                Err(e) => problems.push(e),
            }
        }
    }
    (edges, problems)
}

/// The allow-list is for layers 5 and up, and only for imports that exist and still break a
/// rule: from a higher layer, or on a circle within one (among `same_layer`, every import
/// between modules of one layer).
fn allow_list_problems(
    not_yet: &[(&str, &str)],
    edges: &Edges,
    same_layer: &Edges,
    layer_of: &BTreeMap<&str, &Layer>,
) -> Vec<String> {
    let groups = circle_groups(same_layer);
    let on_a_circle = |from: &str, to: &str| {
        groups
            .iter()
            .any(|g| g.iter().any(|m| m == from) && g.iter().any(|m| m == to))
    };
    let mut problems = Vec::new();
    for &(from, to) in not_yet {
        let (Some(lf), Some(lt)) = (layer_of.get(from), layer_of.get(to)) else {
            problems.push(format!(
                "NOT_YET_IN_LAYERS names ({from}, {to}), which are not both in a layer"
            ));
            continue;
        };
        let exists = edges.contains_key(&(from.to_owned(), to.to_owned()));
        if lf.number <= 4 {
            problems.push(format!(
                "NOT_YET_IN_LAYERS lets `{from}` (layer {}) import `{to}`: layers 1-4 take no \
                 exception",
                lf.number
            ));
        } else if !exists || !(lt.number > lf.number || on_a_circle(from, to)) {
            problems.push(format!(
                "`{from}` no longer imports `{to}` against the layers: remove ({from}, {to}) \
                 from NOT_YET_IN_LAYERS in crates/core/tests/layers.rs"
            ));
        }
    }
    problems
}

/// The layer groups of lib.rs: a `// Layer N - title: ...` comment line followed by `mod`
/// lines, up to the first line that is not one. Layers are numbered from 1 upwards, in order.
fn layers_of(lib: &str) -> Result<Vec<Layer>, String> {
    let mut layers: Vec<Layer> = Vec::new();
    let mut current: Option<Layer> = None;
    for line in lib.lines().map(str::trim) {
        if let Some(rest) = line.strip_prefix("// Layer ") {
            layers.extend(current.take());
            let (number, title) = rest.split_once(" - ").ok_or_else(|| {
                format!("lib.rs: `{line}` should read `// Layer N - title: what it holds`")
            })?;
            let number: u32 = number
                .trim()
                .parse()
                .map_err(|_| format!("lib.rs: `{line}` has no layer number"))?;
            let expected = layers.last().map_or(1, |l| l.number + 1);
            if number != expected {
                return Err(format!(
                    "lib.rs: layer {number} where layer {expected} was expected (the layers go \
                     1, 2, 3, ... from the bottom)"
                ));
            }
            let title = title.split(':').next().unwrap_or(title).trim().to_owned();
            current = Some(Layer {
                number,
                title,
                modules: Vec::new(),
            });
        } else if let Some(module) = declared_module(line) {
            if let Some(layer) = current.as_mut() {
                layer.modules.push(module.to_owned());
            }
        } else {
            layers.extend(current.take());
        }
    }
    layers.extend(current);
    if layers.is_empty() {
        return Err("lib.rs has no `// Layer N - title: ...` groups of `pub mod` lines".into());
    }
    Ok(layers)
}

/// `name` of a line `pub mod name;` (or `mod name;`, `pub(crate) mod name;`).
fn declared_module(line: &str) -> Option<&str> {
    let rest = line
        .strip_prefix("pub(crate) ")
        .or_else(|| line.strip_prefix("pub "))
        .unwrap_or(line);
    rest.strip_prefix("mod ")?.strip_suffix(';').map(str::trim)
}

/// The names lib.rs re-exports (`pub use rules::{validate, Report};`), with their module.
fn root_reexports(root: &Scan) -> BTreeMap<String, String> {
    root.reexports.iter().cloned().collect()
}

/// The top-level modules that `module`'s files import, each with where it does first.
fn imports_of_module(
    src: &Path,
    module: &str,
    layer_of: &BTreeMap<&str, &Layer>,
    reexports: &BTreeMap<String, String>,
) -> Result<Vec<Import>, String> {
    let file = [
        src.join(format!("{module}.rs")),
        src.join(module).join("mod.rs"),
    ]
    .into_iter()
    .find(|f| f.is_file())
    .ok_or_else(|| format!("module `{module}` has no src/{module}.rs nor src/{module}/mod.rs"))?;
    // (file, the directory of its `mod x;` files, its depth below the crate's root)
    let mut to_read = vec![(file, src.join(module), 1)];
    let mut imports = Vec::new();
    while let Some((file, dir, depth)) = to_read.pop() {
        let text =
            std::fs::read_to_string(&file).map_err(|e| format!("{}: {e}", file.display()))?;
        let shown = file
            .strip_prefix(src.parent().unwrap_or(src))
            .unwrap_or(&file);
        let scan = scan(&text, depth);
        for (name, line) in &scan.root_paths {
            let target = match reexports.get(name) {
                Some(target) => target.as_str(),
                None => name.as_str(),
            };
            if target != module && layer_of.contains_key(target) {
                let at = format!("{}:{line}", shown.display());
                if !imports.iter().any(|i: &Import| i.module == target) {
                    imports.push(Import {
                        module: target.to_owned(),
                        at,
                    });
                }
            }
        }
        for child in &scan.file_mods {
            let file = [
                dir.join(format!("{child}.rs")),
                dir.join(child).join("mod.rs"),
            ]
            .into_iter()
            .find(|f| f.is_file())
            .ok_or_else(|| format!("{}: `mod {child};` has no file", shown.display()))?;
            to_read.push((file, dir.join(child), depth + 1));
        }
    }
    Ok(imports)
}

/// The groups of two or more modules that reach one another through `edges`, each in the
/// order of the names.
fn circle_groups(edges: &Edges) -> Vec<Vec<String>> {
    let modules: BTreeSet<&String> = edges.keys().map(|(from, _)| from).collect();
    let mut groups: Vec<Vec<String>> = Vec::new();
    for &module in &modules {
        if groups.iter().flatten().any(|m| m == module) {
            continue;
        }
        let group: Vec<String> = modules
            .iter()
            .filter(|other| {
                way(edges, module, other).is_some() && way(edges, other, module).is_some()
            })
            .map(|m| (*m).clone())
            .collect();
        if group.len() > 1 {
            groups.push(group);
        }
    }
    groups
}

/// Circles that together pass through every module of `group`: for each module not yet on
/// one, the shortest way from it back to itself.
fn circles_through(group: &[String], edges: &Edges) -> Vec<Vec<String>> {
    let mut circles: Vec<Vec<String>> = Vec::new();
    for module in group {
        if !circles.iter().flatten().any(|m| m == module) {
            circles.extend(way(edges, module, module));
        }
    }
    circles
}

/// The shortest way of imports from `from` to `to` (to itself, when they are one module:
/// a circle), with both ends.
fn way(edges: &Edges, from: &str, to: &str) -> Option<Vec<String>> {
    let mut queue = std::collections::VecDeque::from([vec![from.to_owned()]]);
    let mut seen: BTreeSet<String> = BTreeSet::new();
    while let Some(path) = queue.pop_front() {
        let last = path.last().expect("a way has a module");
        for (_, next) in edges.keys().filter(|(f, _)| f == last) {
            let mut longer = path.clone();
            longer.push(next.clone());
            if next == to {
                return Some(longer);
            }
            if seen.insert(next.clone()) {
                queue.push_back(longer);
            }
        }
    }
    None
}

/// What one source file says of modules, with comments, string literals and test-only code
/// left out.
#[derive(Debug, Default, PartialEq)]
struct Scan {
    /// The first segment of every path from the crate's root, with its line.
    root_paths: Vec<(String, usize)>,
    /// The `mod x;` declarations whose file is part of the build (not test-only).
    file_mods: Vec<String>,
    /// The `mod x;` declarations under `#[cfg(test)]`, whose files are left out.
    test_mods: Vec<String>,
    /// `pub use module::{a, b}` at the top of the file: (a, module), (b, module).
    reexports: Vec<(String, String)>,
}

/// Reads `source`, a file `depth` modules below the crate's root (lib.rs is 0).
fn scan(source: &str, depth: usize) -> Scan {
    let (tokens, test_mods) = without_test_code(&tokens(source));
    let mut scan = Scan {
        test_mods,
        ..Scan::default()
    };
    let mut inline: Vec<usize> = Vec::new(); // brace depth at which each inline module opened
    let mut braces = 0;
    let mut i = 0;
    while i < tokens.len() {
        let t = &tokens[i];
        match t.text.as_str() {
            "{" => braces += 1,
            "}" => {
                braces -= 1;
                if inline.last() == Some(&braces) {
                    inline.pop();
                }
            }
            "mod" => match (tokens.get(i + 1), tokens.get(i + 2)) {
                (Some(name), Some(end)) if end.text == ";" => {
                    scan.file_mods.push(name.text.clone())
                }
                (Some(_), Some(open)) if open.text == "{" => inline.push(braces),
                _ => {}
            },
            "use" if depth == 0 && braces == 0 && i > 0 && tokens[i - 1].text == "pub" => {
                scan.reexports.extend(reexported(&tokens[i + 1..]));
            }
            "crate" if next_is_path(&tokens, i) => {
                scan.root_paths.extend(first_segments(&tokens, i + 2));
            }
            "super" if next_is_path(&tokens, i) && (i == 0 || tokens[i - 1].text != "::") => {
                let mut up = 1;
                while tokens.get(i + 2 * up).is_some_and(|t| t.text == "super")
                    && next_is_path(&tokens, i + 2 * up)
                {
                    up += 1;
                }
                if up >= depth + inline.len() {
                    scan.root_paths.extend(first_segments(&tokens, i + 2 * up));
                }
                i += 2 * up - 1;
            }
            _ => {}
        }
        i += 1;
    }
    scan
}

fn next_is_path(tokens: &[Token], i: usize) -> bool {
    tokens.get(i + 1).is_some_and(|t| t.text == "::")
}

/// The first segment of the path that starts at `tokens[i]`: a name, or each name of a
/// `{a, b::c}` group.
fn first_segments(tokens: &[Token], i: usize) -> Vec<(String, usize)> {
    let Some(first) = tokens.get(i) else {
        return Vec::new();
    };
    if first.text != "{" {
        return if first.is_ident() {
            vec![(first.text.clone(), first.line)]
        } else {
            Vec::new()
        };
    }
    let mut found = Vec::new();
    let mut depth = 0;
    let mut item_starts = true;
    for t in &tokens[i..] {
        match t.text.as_str() {
            "{" => {
                depth += 1;
                item_starts = depth == 1;
                continue;
            }
            "}" => {
                depth -= 1;
                if depth == 0 {
                    break;
                }
            }
            "," if depth == 1 => {
                item_starts = true;
                continue;
            }
            _ if item_starts && t.is_ident() && t.text != "self" => {
                found.push((t.text.clone(), t.line));
            }
            _ => {}
        }
        item_starts = false;
    }
    found
}

/// The names `pub use module::{a, b};` (or `pub use module::a;`) re-exports, with the module.
fn reexported(tokens: &[Token]) -> Vec<(String, String)> {
    let Some(module) = tokens.first().filter(|t| t.is_ident() && t.text != "crate") else {
        return Vec::new();
    };
    if !next_is_path(tokens, 0) {
        return Vec::new();
    }
    first_segments(tokens, 2)
        .into_iter()
        .map(|(name, _)| (name, module.text.clone()))
        .collect()
}

/// The tokens without the items under `#[cfg(test)]` (the attribute, any other attributes
/// after it, and the item up to its `;` or through its `{ ... }` block), and the names of
/// the test-only `mod x;` files among them. A file that starts `#![cfg(test)]` is all test.
fn without_test_code(tokens: &[Token]) -> (Vec<Token>, Vec<String>) {
    if starts(tokens, 0, &["#", "!", "[", "cfg", "(", "test", ")", "]"]) {
        return (Vec::new(), Vec::new());
    }
    let (mut kept, mut test_mods) = (Vec::new(), Vec::new());
    let mut i = 0;
    while i < tokens.len() {
        if starts(tokens, i, &["#", "[", "cfg", "(", "test", ")", "]"]) {
            let item = skip_attributes(tokens, i + 7);
            let public = usize::from(tokens.get(item).is_some_and(|t| t.text == "pub"));
            if starts(tokens, item + public, &["mod"]) && starts(tokens, item + public + 2, &[";"])
            {
                test_mods.push(tokens[item + public + 1].text.clone());
            }
            i = skip_item(tokens, item);
        } else {
            kept.push(tokens[i].clone());
            i += 1;
        }
    }
    (kept, test_mods)
}

/// Whether the tokens from `i` on read `texts`.
fn starts(tokens: &[Token], i: usize, texts: &[&str]) -> bool {
    tokens
        .get(i..i + texts.len())
        .is_some_and(|here| here.iter().zip(texts).all(|(t, want)| t.text == *want))
}

/// Past the attributes (`#[...]`) that start at `i`.
fn skip_attributes(tokens: &[Token], mut i: usize) -> usize {
    while tokens.get(i).is_some_and(|t| t.text == "#")
        && tokens.get(i + 1).is_some_and(|t| t.text == "[")
    {
        i = skip_balanced(tokens, i + 1);
    }
    i
}

/// Past the item that starts at `i`: through its first `;` or its `{ ... }` block, whichever
/// comes first outside brackets.
fn skip_item(tokens: &[Token], mut i: usize) -> usize {
    while let Some(t) = tokens.get(i) {
        match t.text.as_str() {
            ";" => return i + 1,
            "{" => return skip_balanced(tokens, i),
            "(" | "[" => i = skip_balanced(tokens, i),
            _ => i += 1,
        }
    }
    i
}

/// Past the bracket opened at `i` and everything up to its match.
fn skip_balanced(tokens: &[Token], i: usize) -> usize {
    let mut depth = 0;
    for (j, t) in tokens.iter().enumerate().skip(i) {
        match t.text.as_str() {
            "{" | "[" | "(" => depth += 1,
            "}" | "]" | ")" => {
                depth -= 1;
                if depth == 0 {
                    return j + 1;
                }
            }
            _ => {}
        }
    }
    tokens.len()
}

/// A word, `::` or one other character of the source, with its line.
#[derive(Clone, Debug, PartialEq)]
struct Token {
    text: String,
    line: usize,
}

impl Token {
    fn is_ident(&self) -> bool {
        self.text
            .chars()
            .next()
            .is_some_and(|c| c == '_' || c.is_alphabetic())
    }
}

/// The source's words and punctuation, without comments and without string, character and
/// number literals (whose text is not code).
fn tokens(source: &str) -> Vec<Token> {
    let chars: Vec<char> = source.chars().collect();
    let mut tokens = Vec::new();
    let mut line = 1;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let start_line = line;
        if c == '\n' {
            line += 1;
            i += 1;
        } else if c.is_whitespace() {
            i += 1;
        } else if chars[i..].starts_with(&['/', '/']) {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if chars[i..].starts_with(&['/', '*']) {
            i = past_block_comment(&chars, i, &mut line);
        } else if c == '"' {
            i = past_string(&chars, i, &mut line);
        } else if c == '\'' {
            i = past_quote(&chars, i);
        } else if c.is_ascii_digit() {
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
        } else if c == '_' || c.is_alphabetic() {
            let start = i;
            while i < chars.len() && (chars[i] == '_' || chars[i].is_alphanumeric()) {
                i += 1;
            }
            let word: String = chars[start..i].iter().collect();
            if let Some(end) = raw_or_prefixed_string(&chars, &word, i, &mut line) {
                i = end;
            } else {
                tokens.push(Token {
                    text: word,
                    line: start_line,
                });
            }
        } else if chars[i..].starts_with(&[':', ':']) {
            tokens.push(Token {
                text: "::".into(),
                line,
            });
            i += 2;
        } else {
            tokens.push(Token {
                text: c.to_string(),
                line,
            });
            i += 1;
        }
    }
    tokens
}

/// Past a `/* ... */` comment (comments nest in Rust) starting at `i`.
fn past_block_comment(chars: &[char], mut i: usize, line: &mut usize) -> usize {
    let mut depth = 0;
    while i < chars.len() {
        if chars[i..].starts_with(&['/', '*']) {
            depth += 1;
            i += 2;
        } else if chars[i..].starts_with(&['*', '/']) {
            depth -= 1;
            i += 2;
            if depth == 0 {
                return i;
            }
        } else {
            if chars[i] == '\n' {
                *line += 1;
            }
            i += 1;
        }
    }
    i
}

/// Past a `"..."` literal whose opening quote is at `i`.
fn past_string(chars: &[char], mut i: usize, line: &mut usize) -> usize {
    i += 1;
    while i < chars.len() {
        match chars[i] {
            '\\' => i += 2,
            '"' => return i + 1,
            c => {
                if c == '\n' {
                    *line += 1;
                }
                i += 1;
            }
        }
    }
    i
}

/// After a `'` at `i`: past a character literal (`'x'`, `'\n'`, `'\u{1F600}'`), or just past
/// the quote of a lifetime or a label (`'a`), whose name is then read as a word.
fn past_quote(chars: &[char], i: usize) -> usize {
    if chars.get(i + 1) == Some(&'\\') {
        let mut j = i + 2;
        while j < chars.len() && chars[j] != '\'' {
            j += 1;
        }
        j + 1
    } else if chars.get(i + 2) == Some(&'\'') {
        i + 3
    } else {
        i + 1
    }
}

/// When `word` just read is the prefix of a literal (`r"..."`, `r#"..."#`, `b"..."`,
/// `br"..."`, `c"..."`, `b'x'`), the position past that literal.
fn raw_or_prefixed_string(chars: &[char], word: &str, i: usize, line: &mut usize) -> Option<usize> {
    match (word, chars.get(i)) {
        ("b" | "c", Some('"')) => Some(past_string(chars, i, line)),
        ("b", Some('\'')) => Some(past_quote(chars, i)),
        ("r" | "br" | "cr", Some('"' | '#')) => {
            let hashes = chars[i..].iter().take_while(|c| **c == '#').count();
            if chars.get(i + hashes) != Some(&'"') {
                return None; // a raw identifier, r#type
            }
            let mut j = i + hashes + 1;
            while j < chars.len() {
                if chars[j] == '"'
                    && chars[j + 1..]
                        .iter()
                        .take(hashes)
                        .filter(|c| **c == '#')
                        .count()
                        == hashes
                {
                    return Some(j + 1 + hashes);
                }
                if chars[j] == '\n' {
                    *line += 1;
                }
                j += 1;
            }
            Some(j)
        }
        _ => None,
    }
}

// The checker's own reading, on small sources: each of these would let an import through
// (or invent one) if the reading were wrong.

fn paths(source: &str, depth: usize) -> Vec<(String, usize)> {
    scan(source, depth).root_paths
}

fn names(source: &str, depth: usize) -> Vec<String> {
    paths(source, depth).into_iter().map(|(n, _)| n).collect()
}

#[test]
fn reads_a_use_group_and_a_path_in_the_code() {
    let source = "use crate::{sections::{self, Row}, text::Bilingual, self};\n\
                  use std::{fmt, io};\n\
                  fn f() { crate::demo::crema_2021(); }\n";
    assert_eq!(
        paths(source, 1),
        [
            ("sections".to_owned(), 1),
            ("text".to_owned(), 1),
            ("demo".to_owned(), 3)
        ]
    );
}

#[test]
fn leaves_out_comments() {
    let source = "// use crate::demo;\n/// [`crate::intake`]\n/* crate::export /* nested */ crate::chart */\nuse crate::text;";
    assert_eq!(paths(source, 1), [("text".to_owned(), 4)]);
}

#[test]
fn leaves_out_string_and_character_literals() {
    let source = r###"
        const A: &str = "crate::demo \" crate::intake";
        const B: &str = r#"crate::export "quoted" "#;
        const C: &[u8] = b"crate::chart";
        const D: char = '"';
        fn f<'a>(x: &'a str) -> &'a str { let _ = '\''; crate::text::nfc(x) }
    "###;
    assert_eq!(names(source, 1), ["text"]);
}

#[test]
fn leaves_out_test_only_code() {
    let source = "use crate::text;\n\
                  #[cfg(test)]\nmod tests {\n    use crate::demo;\n    fn f() { let x = { crate::intake::X }; }\n}\n\
                  #[cfg(test)]\n#[allow(dead_code)]\nfn helper() -> [u8; 2] { crate::fixtures::X }\n\
                  #[cfg(test)]\nuse crate::export;\n\
                  #[cfg(test)]\nmod english;\n\
                  mod inner;\n\
                  fn after() { crate::percent::X; }\n";
    let scan = scan(source, 1);
    let names: Vec<&str> = scan.root_paths.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["text", "percent"]);
    assert_eq!(scan.file_mods, ["inner"]);
    assert_eq!(scan.test_mods, ["english"]);
}

#[test]
fn a_super_path_out_of_the_top_level_module_is_from_the_root() {
    // In src/signing/verify.rs (depth 2): super:: is signing, super::super:: the root.
    let source = "use super::proof;\nuse super::super::demo;\nmod inner { use super::super::x; }";
    assert_eq!(names(source, 2), ["demo"]);
    // In src/signing.rs (depth 1), super:: is the root already.
    assert_eq!(names("use super::{demo, text::nfc};", 1), ["demo", "text"]);
}

#[test]
fn reads_the_layers_and_the_reexports_of_lib_rs() {
    let lib =
        "//! The core.\n\n// Layer 1 - model: plain data\npub mod text;\npub mod submission;\n\n\
               // Layer 2 - readers and rules: read and check\npub mod reader;\n\npub mod stray;\n\
               pub use submission::Submission;\npub use reader::{read, ReadError};\n";
    let layers = layers_of(lib).unwrap();
    assert_eq!(
        layers,
        [
            Layer {
                number: 1,
                title: "model".into(),
                modules: vec!["text".into(), "submission".into()]
            },
            Layer {
                number: 2,
                title: "readers and rules".into(),
                modules: vec!["reader".into()]
            }
        ]
    );
    let root = scan(lib, 0);
    assert_eq!(root.file_mods, ["text", "submission", "reader", "stray"]);
    assert_eq!(
        root_reexports(&root),
        BTreeMap::from([
            ("Submission".to_owned(), "submission".to_owned()),
            ("read".to_owned(), "reader".to_owned()),
            ("ReadError".to_owned(), "reader".to_owned()),
        ])
    );
    assert!(layers_of("// Layer 2 - rules\npub mod rules;").is_err());
}

#[test]
fn finds_the_circles() {
    let edge = |a: &str, b: &str| ((a.to_owned(), b.to_owned()), String::new());
    let edges = Edges::from([
        edge("a", "b"),
        edge("b", "c"),
        edge("c", "a"),
        edge("c", "d"),
        edge("d", "c"),
        edge("d", "e"),
        edge("f", "g"),
    ]);
    assert_eq!(circle_groups(&edges), [["a", "b", "c", "d"]]);
    assert_eq!(
        circles_through(&circle_groups(&edges)[0], &edges),
        [vec!["a", "b", "c", "a"], vec!["d", "c", "d"]]
    );
    assert_eq!(way(&edges, "f", "f"), None);
}

/// The problems `layer_problems` finds in a small crate made of `files` (under `src/`) and
/// `lib` (its lib.rs), letting `not_yet` through.
fn problems_of_crate(
    name: &str,
    files: &[(&str, &str)],
    lib: &str,
    not_yet: &[(&str, &str)],
) -> Vec<String> {
    let dir = std::env::temp_dir().join(format!("offerta-layers-{name}-{}", std::process::id()));
    let src = dir.join("src");
    for (file, text) in files {
        let path = src.join(file);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    let problems = layer_problems(&src, lib, not_yet);
    std::fs::remove_dir_all(&dir).unwrap();
    problems
}

#[test]
fn reports_an_upward_import_a_circle_and_a_module_in_no_layer() {
    let files = [
        ("text.rs", "use crate::Report;\n"),
        ("rules/mod.rs", "mod catalog;\n#[cfg(test)]\nmod tests;\n"),
        ("rules/catalog.rs", "use crate::reader::read;\n"),
        ("rules/tests.rs", "use crate::stray;\n"),
        ("reader.rs", "// crate::rules\nuse crate::rules;\n"),
        ("stray.rs", ""),
    ];
    let lib = "// Layer 1 - model: plain data\npub mod text;\n\
               // Layer 2 - readers and rules: read and check\npub mod reader;\npub mod rules;\n\n\
               pub mod stray;\npub use rules::Report;\n";
    assert_eq!(
        problems_of_crate("bad", &files, lib, &[]),
        [
            "module `stray` is in no layer: put its `pub mod stray;` line in one of the groups \
             under a `// Layer N - ...` comment in src/lib.rs",
            "`text` (layer 1 - model) imports `rules` from a higher layer (layer 2 - readers and \
             rules) at src/text.rs:1",
            "a circle of imports in layer 2 - readers and rules joins reader, rules: reader -> \
             rules (src/reader.rs:2) -> reader (src/rules/catalog.rs:1)",
        ]
    );
}

#[test]
fn the_allow_list_is_for_the_upper_layers_and_only_shrinks() {
    let layers = "// Layer 1 - model: plain data\npub mod text;\n\n// Layer 2 - rules: checks\n\
                  pub mod rules;\n\n// Layer 3 - a: x\npub mod a;\n\n// Layer 4 - b: x\npub mod b;\n\n\
                  // Layer 5 - intake: files\npub mod intake;\npub mod board;\n\n\
                  // Layer 6 - plan: sums\npub mod plan;\n";
    let files = [
        ("text.rs", "use crate::rules;\n"),
        ("rules.rs", ""),
        ("a.rs", ""),
        ("b.rs", ""),
        ("intake.rs", "use crate::plan;\nuse crate::board;\n"),
        ("board.rs", "use crate::intake;\n"),
        ("plan.rs", ""),
    ];
    let allowed = [("intake", "plan"), ("board", "intake")];
    let problems = problems_of_crate("allowed", &files, layers, &allowed);
    assert_eq!(
        problems,
        [
            "`text` (layer 1 - model) imports `rules` from a higher layer (layer 2 - rules) at \
          src/text.rs:1"
        ]
    );
    let problems = problems_of_crate(
        "refused",
        &files,
        layers,
        &[
            ("text", "rules"),
            ("intake", "plan"),
            ("board", "intake"),
            ("plan", "text"),
            ("intake", "board"),
        ],
    );
    assert_eq!(
        problems,
        [
            "`text` (layer 1 - model) imports `rules` from a higher layer (layer 2 - rules) at \
             src/text.rs:1",
            "NOT_YET_IN_LAYERS lets `text` (layer 1) import `rules`: layers 1-4 take no \
             exception",
            "`plan` no longer imports `text` against the layers: remove (plan, text) from \
             NOT_YET_IN_LAYERS in crates/core/tests/layers.rs",
        ]
    );
}

#[test]
fn a_file_under_cfg_test_is_all_test() {
    assert_eq!(
        scan("#![cfg(test)]\nuse crate::demo;\nmod x;", 2),
        Scan::default()
    );
}
