//! `POST /authorize`, the decision point for other self-hosted services, driven as a black box: an administrator from
//! `server bootstrap`, users and policies made through the signed Query API, and JSON questions signed with SigV4
//! (scope `…/iam/aws4_request`) the way an object store delegating its authorization would sign them.

use app::backend::Clock;
use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::{spawn_app, TestApp};
use crate::signing::{bootstrap, signature_headers};

#[derive(Clone)]
pub(crate) struct Keys {
    pub(crate) id: String,
    pub(crate) secret: String,
}

/// The server under test, the bootstrap administrator and the account id. Shared with other suites that need a
/// signed Query API client (throttling).
pub(crate) struct Setup {
    pub(crate) app: TestApp,
    pub(crate) admin: Keys,
    pub(crate) account_id: String,
}

impl Setup {
    pub(crate) async fn new() -> Self {
        let app = spawn_app().await;
        let out = bootstrap(&app).await;
        let admin = Keys {
            id: out["AccessKeyId"].as_str().unwrap().to_owned(),
            secret: out["SecretAccessKey"].as_str().unwrap().to_owned(),
        };
        Self { app, admin, account_id: out["AccountId"].as_str().unwrap().to_owned() }
    }

    fn host(&self) -> String {
        self.app.address.trim_start_matches("http://").to_owned()
    }

    fn user_arn(&self, path_and_name: &str) -> String {
        format!("arn:aws:iam::{}:user/{path_and_name}", self.account_id)
    }

    /// A request to `path` with `body`, SigV4-signed (service `iam`) at the server's clock when `keys` are given.
    pub(crate) async fn post(
        &self,
        keys: Option<&Keys>,
        path: &str,
        content_type: &str,
        body: String,
    ) -> reqwest::Response {
        let url = format!("{}{path}", self.app.address);
        let host = self.host();
        let mut request = self.app.client.post(&url).header("content-type", content_type).header("host", host.as_str());
        if let Some(keys) = keys {
            for (name, value) in
                signature_headers(&url, content_type, &body, &keys.id, &keys.secret, self.app.clock.now())
            {
                request = request.header(name, value);
            }
        }
        request.body(body).send().await.unwrap()
    }

    /// A Query API call that must succeed; its XML response.
    pub(crate) async fn query(&self, keys: &Keys, action: &str, params: &[(&str, &str)]) -> String {
        let (status, xml) = self.try_query(keys, action, params).await;
        assert_eq!(status, StatusCode::OK, "{action}: {xml}");
        xml
    }

    /// A Query API call that may fail: its status and XML.
    pub(crate) async fn try_query(&self, keys: &Keys, action: &str, params: &[(&str, &str)]) -> (StatusCode, String) {
        let mut form = form_urlencoded::Serializer::new(String::new());
        form.append_pair("Action", action).append_pair("Version", "2010-05-08");
        form.extend_pairs(params);
        let response =
            self.post(Some(keys), "/", "application/x-www-form-urlencoded; charset=utf-8", form.finish()).await;
        (response.status(), response.text().await.unwrap())
    }

    async fn create_user(&self, path: &str, name: &str, policy: Option<&str>) {
        self.query(&self.admin, "CreateUser", &[("Path", path), ("UserName", name)]).await;
        if let Some(document) = policy {
            self.query(
                &self.admin,
                "PutUserPolicy",
                &[("UserName", name), ("PolicyName", "policy"), ("PolicyDocument", document)],
            )
            .await;
        }
    }

    async fn create_key(&self, user: &str) -> Keys {
        let xml = self.query(&self.admin, "CreateAccessKey", &[("UserName", user)]).await;
        Keys { id: tag(&xml, "AccessKeyId"), secret: tag(&xml, "SecretAccessKey") }
    }

    /// `POST /authorize` with a raw body; the status and the JSON answer.
    async fn authorize_raw(&self, keys: Option<&Keys>, body: &str) -> (StatusCode, Value) {
        let response = self.post(keys, "/authorize", "application/json", body.to_owned()).await;
        let status = response.status();
        let text = response.text().await.unwrap();
        let json = serde_json::from_str(&text).unwrap_or_else(|e| panic!("not JSON ({e}): {text}"));
        (status, json)
    }

    async fn authorize(&self, keys: &Keys, question: Value) -> (StatusCode, Value) {
        self.authorize_raw(Some(keys), &question.to_string()).await
    }

    /// A question the admin asks, which must be answered.
    async fn decide(&self, principal: &str, action: &str, resource: &str, context: Value) -> Value {
        let (status, answer) = self
            .authorize(
                &self.admin,
                json!({"Principal": principal, "Action": action, "Resource": resource, "Context": context}),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{answer}");
        answer
    }
}

fn tag(xml: &str, name: &str) -> String {
    let open = format!("<{name}>");
    let start = xml.find(&open).unwrap_or_else(|| panic!("no <{name}> in {xml}")) + open.len();
    let end = start + xml[start..].find(&format!("</{name}>")).unwrap();
    xml[start..end].to_owned()
}

fn assert_error(status: StatusCode, answer: &Value, expected_status: u16, code: &str) {
    assert_eq!(status.as_u16(), expected_status, "{answer}");
    assert_eq!(answer["Error"]["Code"], code, "{answer}");
    assert!(!answer["Error"]["Message"].as_str().unwrap().is_empty(), "{answer}");
    assert!(!answer["RequestId"].as_str().unwrap().is_empty(), "{answer}");
}

/// The reader's policy, laid out so the statements' positions are known: statement 0 on lines 3–8, 1 on 9–14.
const READER_POLICY: &str = r#"{
  "Version": "2012-10-17",
  "Statement": [{
    "Sid": "ReadPhotos",
    "Effect": "Allow",
    "Action": "s3:GetObject",
    "Resource": "arn:aws:s3:::photos/*"
  }, {
    "Sid": "NoSecrets",
    "Effect": "Deny",
    "Action": "s3:GetObject",
    "Resource": "arn:aws:s3:::photos/secret/*"
  }, {
    "Effect": "Allow",
    "Action": "s3:ListBucket",
    "Resource": "arn:aws:s3:::photos",
    "Condition": {
      "ForAnyValue:StringLike": {"s3:prefix": "public/*"},
      "IpAddress": {"aws:SourceIp": "10.0.0.0/8"}
    }
  }]
}"#;

#[tokio::test]
async fn authorize_decides_with_the_deciding_statements_and_missing_context() {
    let s = Setup::new().await;
    s.create_user("/app/", "reader", Some(READER_POLICY)).await;
    let reader = s.user_arn("app/reader");

    // Allowed, by statement 0 of the reader's inline policy, located in the policy's text.
    let answer = s.decide(&reader, "s3:GetObject", "arn:aws:s3:::photos/cat.jpg", json!({})).await;
    assert_eq!(answer["Decision"], "Allowed", "{answer}");
    let matched = answer["MatchedStatements"].as_array().unwrap();
    assert_eq!(matched.len(), 1, "{answer}");
    assert_eq!(matched[0]["SourcePolicyId"], "user/policy");
    assert_eq!(matched[0]["StatementIndex"], 0);
    assert_eq!(matched[0]["Sid"], "ReadPhotos");
    assert_eq!(matched[0]["Start"], json!({"Line": 3, "Column": 17}), "{answer}");
    assert_eq!(matched[0]["End"]["Line"], 8, "{answer}");
    assert_eq!(answer["MissingContextValues"], json!([]));

    // Explicit deny: the Deny statement decides, whatever allows.
    let answer = s.decide(&reader, "s3:GetObject", "arn:aws:s3:::photos/secret/plan.txt", json!({})).await;
    assert_eq!(answer["Decision"], "ExplicitDeny", "{answer}");
    let matched = answer["MatchedStatements"].as_array().unwrap();
    assert_eq!(matched.len(), 1, "{answer}");
    assert_eq!((matched[0]["StatementIndex"].clone(), matched[0]["Sid"].clone()), (json!(1), json!("NoSecrets")));
    assert_eq!(matched[0]["Start"]["Line"], 8);

    // Implicit deny: nothing applies, nothing matched.
    let answer = s.decide(&reader, "s3:PutObject", "arn:aws:s3:::photos/cat.jpg", json!({})).await;
    assert_eq!(answer["Decision"], "ImplicitDeny", "{answer}");
    assert_eq!(answer["MatchedStatements"], json!([]));

    // Conditions see the asker's context; keys the policy wanted but the asker did not send are reported.
    let answer = s.decide(&reader, "s3:ListBucket", "arn:aws:s3:::photos", json!({})).await;
    assert_eq!(answer["Decision"], "ImplicitDeny", "{answer}");
    let mut missing: Vec<String> =
        answer["MissingContextValues"].as_array().unwrap().iter().map(|v| v.as_str().unwrap().to_owned()).collect();
    missing.sort();
    assert_eq!(missing, ["aws:SourceIp", "s3:prefix"], "{answer}");
    let answer = s
        .decide(
            &reader,
            "s3:ListBucket",
            "arn:aws:s3:::photos",
            json!({"aws:SourceIp": "10.0.0.1", "s3:prefix": ["private/x", "public/a"]}),
        )
        .await;
    assert_eq!(answer["Decision"], "Allowed", "{answer}");
    assert_eq!(answer["MatchedStatements"][0]["StatementIndex"], 2);
    assert_eq!(answer["MatchedStatements"][0]["Sid"], Value::Null, "a statement without Sid has a null Sid");
    assert_eq!(answer["MissingContextValues"], json!([]));
    let answer = s
        .decide(
            &reader,
            "s3:ListBucket",
            "arn:aws:s3:::photos",
            json!({"aws:SourceIp": "192.0.2.1", "s3:prefix": ["public/a"]}),
        )
        .await;
    assert_eq!(answer["Decision"], "ImplicitDeny", "{answer}");

    // By access key id: the key's owner is the principal; a deactivated key may do nothing.
    let key = s.create_key("reader").await;
    let answer = s.decide(&key.id, "s3:GetObject", "arn:aws:s3:::photos/cat.jpg", json!({})).await;
    assert_eq!(answer["Decision"], "Allowed", "{answer}");
    assert_eq!(answer["MatchedStatements"][0]["Sid"], "ReadPhotos");
    s.query(&s.admin, "UpdateAccessKey", &[("UserName", "reader"), ("AccessKeyId", &key.id), ("Status", "Inactive")])
        .await;
    let answer = s.decide(&key.id, "s3:GetObject", "arn:aws:s3:::photos/cat.jpg", json!({})).await;
    assert_eq!(answer["Decision"], "ImplicitDeny", "{answer}");

    // The account root is always allowed.
    let root = format!("arn:aws:iam::{}:root", s.account_id);
    let answer = s.decide(&root, "s3:DeleteBucket", "arn:aws:s3:::photos", json!({})).await;
    assert_eq!(answer["Decision"], "Allowed", "{answer}");

    // Service errors keep their IAM code and status.
    let (status, answer) = s
        .authorize(&s.admin, json!({"Principal": s.user_arn("app/ghost"), "Action": "s3:GetObject", "Resource": "*"}))
        .await;
    assert_error(status, &answer, 404, "NoSuchEntity");
}

#[tokio::test]
async fn authorize_requires_a_signed_caller_allowed_to_simulate_the_principal() {
    let s = Setup::new().await;
    s.create_user("/app/", "reader", Some(READER_POLICY)).await;
    // The gatekeeper (an object store's service user) may ask about /app/ users only.
    let gatekeeper_policy = json!({"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
        "Action": "iam:SimulatePrincipalPolicy", "Resource": s.user_arn("app/*")}]});
    s.create_user("/services/", "gatekeeper", Some(&gatekeeper_policy.to_string())).await;
    let gatekeeper = s.create_key("gatekeeper").await;
    let reader_keys = s.create_key("reader").await;
    let question = json!({"Principal": s.user_arn("app/reader"), "Action": "s3:GetObject",
        "Resource": "arn:aws:s3:::photos/cat.jpg", "Context": {"aws:SourceIp": "10.0.0.1"}});

    let (status, answer) = s.authorize(&gatekeeper, question.clone()).await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    assert_eq!(answer["Decision"], "Allowed");

    // Unsigned: the Query API's authentication error, as JSON.
    let (status, answer) = s.authorize_raw(None, &question.to_string()).await;
    assert_error(status, &answer, 403, "MissingAuthenticationToken");

    // Signed with a wrong secret, or an unknown key.
    let forged = Keys { id: gatekeeper.id.clone(), secret: "x".repeat(40) };
    let (status, answer) = s.authorize(&forged, question.clone()).await;
    assert_error(status, &answer, 403, "SignatureDoesNotMatch");
    let unknown = Keys { id: "AKIAAAAAAAAAAAAAAAAA".into(), secret: "x".repeat(40) };
    let (status, answer) = s.authorize(&unknown, question.clone()).await;
    assert_error(status, &answer, 403, "InvalidClientTokenId");

    // Signed, but not allowed iam:SimulatePrincipalPolicy on the principal: the reader itself, and the gatekeeper
    // asking about a user outside /app/.
    let (status, answer) = s.authorize(&reader_keys, question.clone()).await;
    assert_error(status, &answer, 403, "AccessDenied");
    let outside = json!({"Principal": s.user_arn("services/gatekeeper"), "Action": "s3:GetObject", "Resource": "*"});
    let (status, answer) = s.authorize(&gatekeeper, outside).await;
    assert_error(status, &answer, 403, "AccessDenied");

    // Malformed questions, from a properly signed caller.
    for body in [
        "{not json",
        r#"{"Principal": "x"}"#,
        r#"{"Principal": "arn:aws:iam::123456789012:root", "Action": "s3:GetObject", "Resource": "*", "Resouce": "x"}"#,
        r#"{"Principal": "arn:aws:iam::123456789012:root", "Action": "s3:GetObject", "Resource": "*", "Context": {"aws:SourceIp": null}}"#,
    ] {
        let (status, answer) = s.authorize_raw(Some(&gatekeeper), body).await;
        assert_error(status, &answer, 400, "ValidationError");
    }
}
