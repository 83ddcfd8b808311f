//! Feeds arbitrary bytes through the whole pipeline: validate (as every policy kind), and when a policy comes out,
//! compile it and evaluate requests built from the same input. Any panic is a bug; so is a span that is not on
//! character boundaries of the text, or a policy returned alongside an error.

#![no_main]

use iam_policy::{
    evaluate, validate, CompiledPolicy, Context, ContextValue, PolicyKind, Principal, Request,
};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    for kind in [
        PolicyKind::UserInline,
        PolicyKind::GroupInline,
        PolicyKind::Managed,
    ] {
        let validation = validate(&text, kind);
        assert_eq!(validation.policy.is_some(), !validation.has_errors());
        for diagnostic in &validation.diagnostics {
            if let Some(span) = diagnostic.span {
                assert!(
                    span.slice(&text).is_some(),
                    "bad span {span:?} for {diagnostic:?}"
                );
            }
        }
        let Some(policy) = validation.policy else {
            continue;
        };
        let compiled = CompiledPolicy::compile(&policy, "fuzz");
        // Requests made of pieces of the input, so actions and resources sometimes match the policy's patterns.
        let words: Vec<&str> = text
            .split(|c: char| c == '"' || c.is_whitespace())
            .filter(|w| !w.is_empty())
            .collect();
        let pick = |i: usize| words.get(i % words.len().max(1)).copied().unwrap_or("*");
        for i in 0..words.len().min(8) {
            let context = Context::new()
                .with("aws:SourceIp", pick(i + 1))
                .with("aws:MultiFactorAuthPresent", i % 2 == 0)
                .with(
                    "aws:TagKeys",
                    ContextValue::List(vec![pick(i + 2).into(), pick(i + 3).into()]),
                )
                .with("aws:CurrentTime", pick(i + 4));
            let request = Request {
                principal: Principal {
                    user_name: pick(i + 5).to_owned(),
                    ..Principal::default()
                },
                action: pick(i).to_owned(),
                resource: pick(i + 6).to_owned(),
                context,
                now_epoch_seconds: i64::from(data.first().copied().unwrap_or(0)) << 24,
            };
            let _ = evaluate(std::slice::from_ref(&compiled), &request);
        }
    }
});
