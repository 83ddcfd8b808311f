//! Policy documents enter the service through here: validated by `iam-policy` (the same validator the browser's
//! editor runs), refused with every finding attached, and otherwise stored exactly as submitted.

use iam_policy::{codes, PolicyKind, Severity};

use crate::model::IamError;

/// Accepts a document that has no error-level finding. A document over its size limit is `LimitExceeded`, as AWS
/// answers; any other error is `MalformedPolicyDocument` carrying all findings (warnings included) with their spans.
pub fn check(document: &str, kind: PolicyKind) -> Result<(), IamError> {
    let validation = iam_policy::validate(document, kind);
    let Some(first) = validation.diagnostics.iter().find(|d| d.severity == Severity::Error) else {
        return Ok(());
    };
    if first.code == codes::POLICY_TOO_LARGE {
        return Err(IamError::LimitExceeded(first.message.clone()));
    }
    let errors = validation.diagnostics.iter().filter(|d| d.severity == Severity::Error).count();
    let message = if errors == 1 {
        first.message.clone()
    } else {
        format!("{} (and {} more error(s))", first.message, errors - 1)
    };
    Err(IamError::MalformedPolicyDocument { message, diagnostics: validation.diagnostics })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_carry_every_finding_and_size_is_a_limit() {
        assert!(check(r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:GetUser","Resource":"*"}]}"#, PolicyKind::UserInline).is_ok());
        match check(r#"{"Version":"2012-10-17","Statement":[{"Effect":"Alow","Action":"iam:GetUser"}]}"#, PolicyKind::UserInline) {
            Err(IamError::MalformedPolicyDocument { diagnostics, message }) => {
                assert!(diagnostics.len() >= 2, "{diagnostics:?}");
                assert!(message.contains("more error"), "{message}");
            }
            other => panic!("{other:?}"),
        }
        let big = format!(
            r#"{{"Version":"2012-10-17","Statement":[{{"Effect":"Allow","Action":"iam:GetUser","Resource":"arn:aws:iam::123456789012:user/{}"}}]}}"#,
            "a".repeat(2100)
        );
        assert_eq!(check(&big, PolicyKind::UserInline).unwrap_err().code(), "LimitExceeded");
        assert!(check(&big, PolicyKind::Managed).is_ok());
    }
}
