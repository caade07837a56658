//! Stack traces as each language's SDK formats them.

use serde_json::{Value as Json, json};
use shared::trace::Exception;

use super::super::stack::parse;

/// The chain parsed from `text`: `(type, message, frames as (path, line, label))` each.
#[track_caller]
fn check(language: &str, text: &str, expect: Json) {
    let thrown = Exception {
        exception_type: Some("Thrown".into()),
        message: Some("top".into()),
        remote: Some(false),
        ..Exception::default()
    };
    let chain: Vec<Json> = parse(thrown, Some(text), language)
        .iter()
        .map(|e| {
            let frames: Vec<Json> = e
                .stack
                .iter()
                .map(|f| json!([f.path, f.line, f.label]))
                .collect();
            json!([e.exception_type, e.message, frames])
        })
        .collect();
    assert_eq!(Json::Array(chain), expect, "{language}: {text}");
}

#[test]
fn python() {
    // What OpenTelemetry's Python SDK records for the seed app's handler bug.
    let text = "Traceback (most recent call last):\n  File \"/venv/flask/app.py\", line 902, in dispatch_request\n    return self.ensure_sync(self.view_functions[rule.endpoint])(**view_args)\n           ^^^^^^^^^^\n  File \"/app/app.py\", line 51, in get_movie\n    movie[\"stars\"] = \"*\" * round(movie.get(\"rating\", 0) / 2)\n                                 ~~~~~~~~~~~~~~~~~~~~~~~^~~\nTypeError: unsupported operand type(s) for /: 'str' and 'int'\n";
    check(
        "python",
        text,
        json!([[
            "Thrown",
            "top",
            [
                ["/app/app.py", 51, "get_movie"],
                ["/venv/flask/app.py", 902, "dispatch_request"],
            ]
        ]]),
    );
    let chained = "Traceback (most recent call last):\n  File \"a.py\", line 2, in load\n    x()\nKeyError: 'k'\n\nDuring handling of the above exception, another exception occurred:\n\nTraceback (most recent call last):\n  File \"b.py\", line 9, in run\n    load()\nValueError: bad\n";
    check(
        "python",
        chained,
        json!([
            ["Thrown", "top", [["b.py", 9, "run"]]],
            ["KeyError", "'k'", [["a.py", 2, "load"]]],
        ]),
    );
    // Malformed input keeps what could be read, never panics.
    check(
        "python",
        "During handling of the above exception, another exception occurred:\n",
        json!([["Thrown", "top", []]]),
    );
    check("python", "\n", json!([["Thrown", "top", []]]));
}

#[test]
fn java() {
    let text = "java.lang.IllegalStateException: top\n\tat com.example.App.run(App.java:12)\n\tat app//com.example.Main.main(Main.java)\n\t... 3 more\nCaused by: java.io.IOException: disk\n full\n\tat com.example.Disk.write(Disk.java:40)\n";
    check(
        "java",
        text,
        json!([
            [
                "Thrown",
                "top",
                [
                    ["App.java", 12, "com.example.App.run"],
                    ["Main.java", 0, "com.example.Main.main"]
                ]
            ],
            [
                "java.io.IOException",
                "disk full",
                [["Disk.java", 40, "com.example.Disk.write"]]
            ],
        ]),
    );
    check(
        "php",
        "E\n\tat f(a.php:3)\n",
        json!([["Thrown", "top", [["a.php", 3, "f"]]]]),
    );
}

#[test]
fn javascript() {
    let text = "TypeError: x is undefined\n    at handler (/app/index.js:10:5)\n    at /app/server.js:3:1\n    at Array.map (native)\n    at weird (no colons)\n";
    check(
        "nodejs",
        text,
        json!([[
            "Thrown",
            "top",
            [
                ["/app/index.js", 10, "handler"],
                ["/app/server.js", 3, ""],
                ["native", 0, "Array.map"],
                ["no colons", 0, "weird"],
            ]
        ]]),
    );
}

#[test]
fn dotnet() {
    let text = "System.Exception: top\n   at App.Handler.Run() in /src/Handler.cs:line 42\n   at App.Program.Main(String[] args)\n";
    check(
        "dotnet",
        text,
        json!([[
            "Thrown",
            "top",
            [
                ["/src/Handler.cs", 42, "App.Handler.Run()"],
                ["", 0, "App.Program.Main(String[] args)"],
            ]
        ]]),
    );
}

#[test]
fn go() {
    let text = "panic: boom\ngoroutine 1 [running]:\nmain.handler(0x1)\n\t/src/main.go:12 +0x1d\nmain.main()\n\t/src/main.go:20 +0x25\n";
    check(
        "go",
        text,
        json!([[
            "Thrown",
            "top",
            [
                ["/src/main.go", 12, "main.handler(0x1)"],
                ["/src/main.go", 20, "main.main()"],
            ]
        ]]),
    );
}

#[test]
fn other_languages_keep_no_frames() {
    check(
        "rust",
        "boom\n  at x (y:1:2)\n",
        json!([["Thrown", "top", []]]),
    );
}
