//! Stack traces from `exception.stacktrace`, parsed by the language that formatted them
//! (resource `telemetry.sdk.language`), as the Collector's `cause.go` parses them: Java (and PHP,
//! which formats the same way), Python, JavaScript (V8), .NET and Go. Other languages keep the
//! exception without frames. Java's `Caused by:` and Python's "During handling of the above
//! exception" add the exceptions of the chain after the thrown one.

use shared::trace::{Exception, StackFrame};

const PYTHON_CHAIN: &str = "During handling of the above exception, another exception occurred:";

/// `thrown` with its frames, followed by the exceptions it was caused by (ids and `cause` links
/// are the caller's to set).
pub(super) fn parse(thrown: Exception, stacktrace: Option<&str>, language: &str) -> Vec<Exception> {
    let mut chain = vec![thrown];
    let Some(text) = stacktrace.filter(|t| !t.is_empty()) else {
        return chain;
    };
    match language {
        "java" | "php" => java(text, &mut chain),
        "python" => python(text, &mut chain),
        "javascript" | "nodejs" | "webjs" => javascript(text, &mut chain),
        "dotnet" => dotnet(text, &mut chain),
        "go" => go(text, &mut chain),
        _ => {}
    }
    chain
}

fn frame(path: &str, line: u64, label: &str) -> StackFrame {
    StackFrame {
        path: Some(path.to_owned()),
        line: Some(line),
        label: Some(label.to_owned()),
    }
}

/// A chained exception found in the text, with the thrown one's `remote`.
fn chained(chain: &[Exception], exception_type: &str, message: &str) -> Exception {
    Exception {
        exception_type: Some(exception_type.to_owned()),
        message: Some(message.to_owned()),
        remote: chain.first().and_then(|e| e.remote),
        ..Exception::default()
    }
}

fn push_frame(chain: &mut [Exception], frame: StackFrame) {
    if let Some(current) = chain.last_mut() {
        current.stack.push(frame);
    }
}

/// `\tat com.example.Main.run(Main.java:12)` frames; `Caused by: Type: message` starts the next
/// exception (its message may run over several lines).
fn java(text: &str, chain: &mut Vec<Exception>) {
    let mut lines = text.lines().skip(1).peekable();
    while let Some(line) = lines.next() {
        if let Some((label, inside)) = java_frame(line) {
            // A class loader and module prefix (`app//com.example.Main`) is not part of the label.
            let label = label.rsplit_once('/').map_or(label, |(_, rest)| rest);
            let (path, number) = match inside.split_once(':') {
                Some((path, number)) => (path, number.parse().unwrap_or(0)),
                None => (inside, 0),
            };
            push_frame(chain, frame(path, number, label));
        } else if let Some(cause) = line.strip_prefix("Caused by: ") {
            let (exception_type, first) = cause.split_once(": ").unwrap_or((cause, ""));
            let mut message = first.to_owned();
            while let Some(next) = lines.next_if(|l| java_frame(l).is_none()) {
                message.push_str(next);
            }
            let exception = chained(chain, exception_type, &message);
            chain.push(exception);
        }
    }
}

fn java_frame(line: &str) -> Option<(&str, &str)> {
    let rest = line.strip_prefix("\tat ")?;
    let inside = rest.strip_suffix(')')?;
    inside.split_once('(')
}

/// `  File "app.py", line 12, in handler` frames, innermost last in the text, so read from the
/// end; a "During handling" line means the text above it is the exception this one replaced.
fn python(text: &str, chain: &mut Vec<Exception>) {
    let lines: Vec<&str> = text.split('\n').collect();
    // The last line (after the final newline, or the `Type: message` line) holds no frame.
    let mut at = lines.len().checked_sub(2);
    while let Some(index) = at {
        let line = lines[index];
        if line.starts_with("  File ") {
            if let Some(frame) = python_frame(line) {
                push_frame(chain, frame);
            }
        } else if line.starts_with(PYTHON_CHAIN) {
            let Some(file_line) = (0..index).rev().find(|&i| lines[i].starts_with("  File "))
            else {
                return;
            };
            // The earlier exception's `Type: message` sits two lines below its last frame and
            // ends one blank line above "During handling".
            let message = lines
                .get(file_line + 2..index.saturating_sub(1))
                .unwrap_or_default()
                .join("\n");
            let Some((exception_type, message)) = message.split_once(':') else {
                return;
            };
            let exception = chained(chain, exception_type, message.trim_start_matches(' '));
            chain.push(exception);
            at = Some(file_line);
            continue;
        }
        at = index.checked_sub(1);
    }
}

fn python_frame(line: &str) -> Option<StackFrame> {
    let parts: Vec<&str> = line.split(',').collect();
    let [file, number, label] = parts.as_slice() else {
        return None;
    };
    let path = file.strip_prefix("  File \"")?.strip_suffix('"')?;
    let number = number
        .strip_prefix(" line ")
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    let label = label.strip_prefix(" in ").unwrap_or_default();
    Some(frame(path, number, label))
}

/// `    at handler (/app/index.js:10:5)` or `    at /app/index.js:10:5` frames.
fn javascript(text: &str, chain: &mut [Exception]) {
    for line in text.lines().skip(1) {
        let Some(rest) = line.strip_prefix("    at ") else {
            continue;
        };
        let (label, location) = match rest.strip_suffix(')').and_then(|r| r.split_once('(')) {
            Some((label, location)) => (label.trim_end(), location),
            None if !rest.contains('(') => ("", rest),
            None => continue,
        };
        let mut parts = location.splitn(3, ':');
        let (path, number) = match (parts.next(), parts.next(), parts.next()) {
            (Some(path), Some(number), Some(_)) => (path, number.parse().unwrap_or(0)),
            _ if location.contains("native") => ("native", 0),
            _ => (location, 0),
        };
        if !path.is_empty() || !label.is_empty() || number != 0 {
            push_frame(chain, frame(path, number, label));
        }
    }
}

/// `   at Namespace.Type.Method() in /src/File.cs:line 42` frames (the location is optional).
fn dotnet(text: &str, chain: &mut [Exception]) {
    for line in text.lines().skip(1) {
        let Some(rest) = line.trim().strip_prefix("at ") else {
            continue;
        };
        match rest.split_once(" in ") {
            Some((label, location)) => {
                let (path, number) = match location.rsplit_once(':') {
                    Some((path, number)) => {
                        let number = number.strip_prefix("line ").unwrap_or(number);
                        (path, number.parse().unwrap_or(0))
                    }
                    None => (location, 0),
                };
                push_frame(chain, frame(path, number, label));
            }
            None => {
                if let Some(end) = rest.rfind(')') {
                    push_frame(chain, frame("", 0, &rest[..=end]));
                }
            }
        }
    }
}

/// A goroutine dump: `main.handler(...)` followed by `\t/src/main.go:12 +0x1d`.
fn go(text: &str, chain: &mut [Exception]) {
    let mut lines = text.lines().skip(1);
    while let Some(mut label) = lines.next() {
        if label.starts_with("goroutine ") && label.contains("running") && label.ends_with(':') {
            match lines.next() {
                Some(next) => label = next,
                None => break,
            }
        }
        let location = lines.next().unwrap_or_default();
        let (path, number) = go_location(location).unwrap_or(("", 0));
        push_frame(chain, frame(path, number, label));
    }
}

/// `path:line` in a Go frame's location line.
fn go_location(line: &str) -> Option<(&str, u64)> {
    let token = line.split_whitespace().find(|t| t.contains(':'))?;
    let (path, number) = token.rsplit_once(':')?;
    let digits: &str = &number[..number
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(number.len())];
    Some((path, digits.parse().ok()?))
}
