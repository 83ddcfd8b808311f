//! How the black-box tests authenticate to the Query API: SigV4 as the `aws` CLI signs (service `iam`, `us-east-1`),
//! with aws-sigv4, at the test server's clock; and the administrator `server bootstrap` makes, by running the real
//! binary over the test server's database.

use std::process::Command;
use std::time::SystemTime;

use aws_credential_types::Credentials;
use aws_sigv4::http_request::{sign, SignableBody, SignableRequest, SigningSettings};
use aws_sigv4::sign::v4;
use chrono::{DateTime, Utc};
use serde_json::Value;

use crate::helpers::{TestApp, ROOT_EMAIL, ROOT_PASSWORD};

/// The SigV4 headers of a POST of `body` to `url` (whose host is signed, as sent) with the key `id`/`secret`.
pub fn signature_headers(
    url: &str,
    content_type: &str,
    body: &str,
    id: &str,
    secret: &str,
    at: DateTime<Utc>,
) -> Vec<(String, String)> {
    let host = url.trim_start_matches("http://").split('/').next().unwrap();
    let identity = Credentials::new(id, secret, None, None, "black-box-test").into();
    let params = v4::SigningParams::builder()
        .identity(&identity)
        .region("us-east-1")
        .name("iam")
        .time(SystemTime::from(at))
        .settings(SigningSettings::default())
        .build()
        .unwrap()
        .into();
    let headers = [("content-type", content_type), ("host", host)];
    let signable =
        SignableRequest::new("POST", url, headers.into_iter(), SignableBody::Bytes(body.as_bytes())).unwrap();
    let (instructions, _) = sign(signable, &params).unwrap().into_parts();
    instructions.headers().map(|(name, value)| (name.to_owned(), value.to_owned())).collect()
}

/// `server bootstrap` against the running test server's database (and its generated master key): the JSON it
/// prints (AccountId, UserName, AccessKeyId, SecretAccessKey).
pub async fn bootstrap(app: &TestApp) -> Value {
    let (data_dir, database_url) = (app.data_dir.clone(), app.database_url.clone());
    let output = tokio::task::spawn_blocking(move || {
        let mut command = Command::new(env!("CARGO_BIN_EXE_server"));
        command
            .args(["bootstrap", "--email", ROOT_EMAIL])
            .env("IAM_DATA_DIR", &data_dir)
            .env("IAM_ROOT_PASSWORD", ROOT_PASSWORD)
            .env("IAM_LOG", "warn")
            .env_remove("IAM_DATABASE_URL")
            .env_remove("IAM_MASTER_KEY");
        match database_url {
            Some(url) => command.env("DATABASE_URL", url),
            None => command.env_remove("DATABASE_URL"),
        };
        command.output().unwrap()
    })
    .await
    .unwrap();
    assert!(output.status.success(), "bootstrap failed: {}", String::from_utf8_lossy(&output.stderr));
    serde_json::from_slice(&output.stdout).unwrap()
}
