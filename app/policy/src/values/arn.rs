//! Splitting ARNs into their six colon-separated parts.
//!
//! `arn:partition:service:region:account-id:resource`. The resource part may itself contain colons
//! (`arn:aws:logs:us-east-1:123456789012:log-group:name`), so the split stops after the fifth colon.

/// The six parts of an ARN, or `None` when there are fewer than six or the first is not `arn`.
pub fn split_arn(text: &str) -> Option<[&str; 6]> {
    let mut parts = text.splitn(6, ':');
    let arn = parts.next()?;
    let result = [
        arn,
        parts.next()?,
        parts.next()?,
        parts.next()?,
        parts.next()?,
        parts.next()?,
    ];
    (arn == "arn").then_some(result)
}

/// Why a `Resource` entry is not an ARN, in words for a diagnostic; `None` when it is well formed.
///
/// Wildcards are allowed in every part; only the shape is checked here. The partition and service must not be empty
/// because no resource has an empty partition or service (the region and account may be empty, as for S3 or IAM).
pub fn arn_problem(text: &str) -> Option<&'static str> {
    if !text.starts_with("arn:") {
        return Some("an arn starts with `arn:`");
    }
    let Some(parts) = split_arn(text) else {
        // A trailing `*` may stand for the remaining parts, colons included (`arn:aws:s3::*`, as in the 2011
        // launch documentation): the wildcard matches across colons, so the pattern is meaningful.
        let short: Vec<&str> = text.split(':').collect();
        if short.len() >= 4 && text.ends_with('*') && !short[1].is_empty() && !short[2].is_empty() {
            return None;
        }
        return Some("an arn has six parts: `arn:partition:service:region:account-id:resource`");
    };
    if parts[1].is_empty() {
        return Some("the partition (second part) is empty; it is usually `aws`");
    }
    if parts[2].is_empty() {
        return Some("the service (third part) is empty");
    }
    if parts[5].is_empty() {
        return Some("the resource (sixth part) is empty");
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_keeping_colons_in_the_resource() {
        assert_eq!(
            split_arn("arn:aws:logs:us-east-1:123456789012:log-group:name"),
            Some([
                "arn",
                "aws",
                "logs",
                "us-east-1",
                "123456789012",
                "log-group:name"
            ])
        );
        assert_eq!(
            split_arn("arn:aws:s3:::bucket"),
            Some(["arn", "aws", "s3", "", "", "bucket"])
        );
        assert_eq!(split_arn("arn:aws:s3"), None);
        assert_eq!(arn_problem("arn:aws:s3::*"), None, "a trailing wildcard may cover the remaining parts");
        assert!(arn_problem("arn:aws:s3::bucket").is_some());
        assert!(arn_problem("arn:aws:*").is_some());
        assert_eq!(split_arn("urn:aws:s3:::b"), None);
    }

    #[test]
    fn problems() {
        assert_eq!(arn_problem("arn:aws:iam::123456789012:user/app/*"), None);
        assert_eq!(arn_problem("arn:*:*:*:*:*"), None);
        assert!(arn_problem("bucket").is_some());
        assert!(arn_problem("arn:aws:s3:bucket").is_some());
        assert!(arn_problem("arn::s3:::b").is_some());
        assert!(arn_problem("arn:aws::::b").is_some());
        assert!(arn_problem("arn:aws:s3:::").is_some());
    }
}
