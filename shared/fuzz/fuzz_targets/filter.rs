//! Any UTF-8 either fails to parse with an error inside the input, or parses to a tree whose
//! canonical text parses back to the same tree.
#![no_main]

use libfuzzer_sys::fuzz_target;
use shared::filter::parse;

fuzz_target!(|data: &[u8]| {
    let Ok(input) = std::str::from_utf8(data) else {
        return;
    };
    match parse(input) {
        Ok(expr) => {
            let printed = expr.to_string();
            match parse(&printed) {
                Ok(again) => assert_eq!(again, expr, "{input:?} printed as {printed:?}"),
                Err(error) => panic!("{input:?} printed as {printed:?}, which fails: {error}"),
            }
        }
        Err(error) => {
            assert!(
                error.offset <= input.len() && error.len >= 1,
                "{error:?} for {input:?}"
            );
        }
    }
});
