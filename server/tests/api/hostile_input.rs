//! Hostile input, table-driven, through the signed Query API: names and paths at and over their limits, Unicode
//! look-alikes, NUL bytes, SQL and LIKE metacharacters, deeply nested and oversized policies, huge bodies. Each gets
//! a clear AWS error and changes nothing. Then markup in every field that allows it (paths, policy text,
//! descriptions) is stored verbatim and rendered inert on every console page that shows it.

use reqwest::StatusCode;

use crate::authorize::Setup;
use crate::helpers::{ROOT_EMAIL, ROOT_PASSWORD};

/// One hostile request and the AWS error it must get.
struct Case {
    what: &'static str,
    action: &'static str,
    params: Vec<(&'static str, String)>,
    status: StatusCode,
    code: &'static str,
}

fn case(what: &'static str, action: &'static str, params: &[(&'static str, &str)], code: &'static str) -> Case {
    let status = match code {
        "LimitExceeded" => StatusCode::CONFLICT,
        "NoSuchEntity" => StatusCode::NOT_FOUND,
        _ => StatusCode::BAD_REQUEST,
    };
    Case { what, action, params: params.iter().map(|(k, v)| (*k, v.to_string())).collect(), status, code }
}

fn policy_with_resource(resource: &str) -> String {
    format!(
        r#"{{"Version":"2012-10-17","Statement":[{{"Effect":"Allow","Action":"s3:GetObject","Resource":"{resource}"}}]}}"#
    )
}

#[tokio::test]
async fn hostile_requests_get_aws_errors_and_change_nothing() {
    let setup = Setup::new().await;
    let admin = &setup.admin;
    setup.query(admin, "CreateUser", &[("UserName", "target"), ("Path", "/app/")]).await;
    let before_users = setup.query(admin, "ListUsers", &[]).await;

    let long_name = "a".repeat(65);
    let long_group = "g".repeat(129);
    let long_path = format!("/{}/", "p".repeat(511)); // 513 characters
    let deep = format!(r#"{{"Version":"2012-10-17","Statement":{}{}}}"#, "[".repeat(10_000), "]".repeat(10_000));
    let over_user_limit = policy_with_resource(&format!("arn:aws:s3:::bucket/{}", "k".repeat(2100)));
    let nul_in_policy = policy_with_resource("arn:aws:s3:::bucket/\u{0}");
    let cases = vec![
        case("a name one over the 64-character limit", "CreateUser", &[("UserName", &long_name)], "ValidationError"),
        case("a Cyrillic look-alike in a name", "CreateUser", &[("UserName", "j\u{0435}ff")], "ValidationError"),
        case("a NUL byte in a name", "CreateUser", &[("UserName", "je\u{0}ff")], "ValidationError"),
        case("SQL in a name", "CreateUser", &[("UserName", "robert'); DROP TABLE iam_user;--")], "ValidationError"),
        case("markup in a name", "CreateUser", &[("UserName", "<script>alert(1)</script>")], "ValidationError"),
        case(
            "a path one over the 512-character limit",
            "CreateUser",
            &[("UserName", "p"), ("Path", &long_path)],
            "ValidationError",
        ),
        case("a NUL byte in a path", "CreateUser", &[("UserName", "p"), ("Path", "/a\u{0}b/")], "ValidationError"),
        case("a space in a path", "CreateUser", &[("UserName", "p"), ("Path", "/a b/")], "ValidationError"),
        case(
            "a path without its closing slash",
            "CreateUser",
            &[("UserName", "p"), ("Path", "/app")],
            "ValidationError",
        ),
        case("a group name over 128 characters", "CreateGroup", &[("GroupName", &long_group)], "ValidationError"),
        case(
            "markup in a tag key",
            "CreateUser",
            &[("UserName", "tagged"), ("Tags.member.1.Key", "<b>"), ("Tags.member.1.Value", "v")],
            "ValidationError",
        ),
        case(
            "JSON nested 10,000 deep",
            "PutUserPolicy",
            &[("UserName", "target"), ("PolicyName", "deep"), ("PolicyDocument", &deep)],
            "MalformedPolicyDocument",
        ),
        case(
            "a policy over the 2,048-character user limit",
            "PutUserPolicy",
            &[("UserName", "target"), ("PolicyName", "big"), ("PolicyDocument", &over_user_limit)],
            "LimitExceeded",
        ),
        case(
            "a raw NUL inside a policy string",
            "PutUserPolicy",
            &[("UserName", "target"), ("PolicyName", "nul"), ("PolicyDocument", &nul_in_policy)],
            "MalformedPolicyDocument",
        ),
        case(
            "a policy that is not JSON",
            "PutUserPolicy",
            &[("UserName", "target"), ("PolicyName", "x"), ("PolicyDocument", "'; DROP TABLE inline_policy;--")],
            "MalformedPolicyDocument",
        ),
        case("a page size of zero", "ListUsers", &[("MaxItems", "0")], "ValidationError"),
        case(
            "a page size beyond any integer",
            "ListUsers",
            &[("MaxItems", "99999999999999999999999")],
            "InvalidParameterValue",
        ),
        case("a forged pagination marker", "ListUsers", &[("Marker", "' OR 1=1 --")], "ValidationError"),
        case("an action that does not exist", "DropAllUsers", &[], "InvalidAction"),
    ];
    for case in &cases {
        let params: Vec<(&str, &str)> = case.params.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let (status, xml) = setup.try_query(admin, case.action, &params).await;
        assert!(
            xml.contains(&format!("<Code>{}</Code>", case.code)),
            "{}: expected {}, got {status} {xml}",
            case.what,
            case.code
        );
        assert_eq!(status, case.status, "{}: {xml}", case.what);
        assert!(xml.contains("<Message>") && !xml.contains("<Message></Message>"), "{}: no message: {xml}", case.what);
    }

    // A megabyte-sized policy and a 5 MB body never reach the service.
    let megabyte = policy_with_resource(&format!("arn:aws:s3:::bucket/{}", "m".repeat(1 << 20)));
    let (status, xml) = setup
        .try_query(
            admin,
            "PutUserPolicy",
            &[("UserName", "target"), ("PolicyName", "huge"), ("PolicyDocument", &megabyte)],
        )
        .await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE, "{xml}");
    assert!(xml.contains("<Code>RequestEntityTooLarge</Code>"), "{xml}");
    let junk = "A".repeat(5 << 20);
    let response = setup.post(None, "/", "application/x-www-form-urlencoded", junk).await;
    assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE);

    // Nothing was stored.
    assert_eq!(
        setup.query(admin, "ListUsers", &[]).await.replace(char::is_whitespace, "").len(),
        before_users.replace(char::is_whitespace, "").len()
    );
    let groups = setup.query(admin, "ListGroups", &[]).await;
    assert!(!groups.contains("<GroupName>"), "{groups}");
    let policies = setup.query(admin, "ListUserPolicies", &[("UserName", "target")]).await;
    assert!(!policies.contains("<member>"), "{policies}");
}

#[tokio::test]
async fn sql_and_like_metacharacters_are_data() {
    let setup = Setup::new().await;
    let admin = &setup.admin;
    // Quotes are legal in an IAM path (any printable ASCII but space): stored and matched literally.
    setup.query(admin, "CreateUser", &[("UserName", "quoted"), ("Path", "/x'OR'1'='1/")]).await;
    setup.query(admin, "CreateUser", &[("UserName", "plain"), ("Path", "/abc/")]).await;
    let listed = setup.query(admin, "ListUsers", &[("PathPrefix", "/x'OR'1'='1/")]).await;
    assert!(listed.contains("<UserName>quoted</UserName>") && !listed.contains("plain"), "{listed}");
    // LIKE wildcards in a prefix match themselves only.
    for prefix in ["/%/", "/_bc/", "/%", "/a%"] {
        let listed = setup.query(admin, "ListUsers", &[("PathPrefix", prefix)]).await;
        assert!(!listed.contains("<UserName>"), "{prefix} matched: {listed}");
    }
    let listed = setup.query(admin, "ListUsers", &[("PathPrefix", "/abc/")]).await;
    assert!(listed.contains("<UserName>plain</UserName>"), "{listed}");
}

#[tokio::test]
async fn markup_is_stored_verbatim_and_rendered_inert_in_the_console() {
    let setup = Setup::new().await;
    let admin = &setup.admin;
    let path = "/<script>alert(1)</script>/";
    // Closing tags first: a textarea or a script holding this must not end there.
    let resource = "arn:aws:s3:::bucket/</textarea></script><script>alert(2)</script>";
    let description = "<img src=x onerror=alert(3)>";
    setup.query(admin, "CreateUser", &[("UserName", "marked"), ("Path", path)]).await;
    setup.query(admin, "CreateGroup", &[("GroupName", "marked-group"), ("Path", path)]).await;
    setup.query(admin, "AddUserToGroup", &[("GroupName", "marked-group"), ("UserName", "marked")]).await;
    let document = policy_with_resource(resource);
    setup
        .query(
            admin,
            "PutUserPolicy",
            &[("UserName", "marked"), ("PolicyName", "marked-policy"), ("PolicyDocument", &document)],
        )
        .await;
    setup
        .query(
            admin,
            "CreatePolicy",
            // Policy paths, unlike user and group paths, allow no markup (AWS: `[A-Za-z0-9.,+@=_-]` between slashes).
            &[
                ("PolicyName", "marked-managed"),
                ("PolicyDocument", &document),
                ("Description", description),
            ],
        )
        .await;
    // Stored verbatim: the API gives it back as it came.
    let user = setup.query(admin, "GetUser", &[("UserName", "marked")]).await;
    assert!(user.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "{user}");

    let app = &setup.app;
    let signed_in = app.sign_in(ROOT_EMAIL, ROOT_PASSWORD).await;
    assert!(signed_in.status().is_redirection());
    let pages = [
        "/users",
        "/users/marked",
        "/users/marked/inline-policy?name=marked-policy",
        "/groups",
        "/groups/marked-group",
        "/policies",
        "/policies/marked-managed",
        "/audit",
        "/simulator?mode=user&user=marked&actions=s3%3AGetObject&resources=arn%3Aaws%3As3%3A%3A%3Abucket%2F%3C%2Ftextarea%3E%3Cscript%3Ealert(2)%3C%2Fscript%3E",
    ];
    for page in pages {
        let response = app.get(page).await;
        assert_eq!(response.status(), StatusCode::OK, "{page}");
        let html = response.text().await.unwrap();
        for live in ["<script>alert(", "<img src=x"] {
            if let Some(at) = html.find(live) {
                let context = &html[at.saturating_sub(300)..(at + 100).min(html.len())];
                panic!("{page} renders `{live}` live: …{context}…");
            }
        }
        assert!(html.contains("marked"), "{page} does not show the marked entities");
    }
    // The editor's textarea holds the document exactly: escaped in the HTML, decoded by the browser's parser.
    let editor = app.get("/users/marked/inline-policy?name=marked-policy").await.text().await.unwrap();
    assert!(editor.contains("bucket/&lt;/textarea&gt;&lt;/script&gt;&lt;script&gt;alert(2)"), "{editor}");
}
