//! A just-created access key: the one time its secret is shown, with copy buttons and a CSV download (a `data:`
//! link, so it works without JavaScript too).

use leptos::prelude::*;

use super::copy_button::CopyButton;
use crate::model::credentials::AccessKeyCreated;

/// The CSV AWS's console offers, as a `data:` URI.
fn csv_href(key: &AccessKeyCreated) -> String {
    let csv = format!("Access key ID,Secret access key\n{},{}\n", key.access_key_id, key.secret_access_key);
    let mut href = String::from("data:text/csv;charset=utf-8,");
    for byte in csv.bytes() {
        if byte.is_ascii_alphanumeric() {
            href.push(char::from(byte));
        } else {
            href.push_str(&format!("%{byte:02X}"));
        }
    }
    href
}

#[component]
pub fn NewAccessKey(key: AccessKeyCreated) -> impl IntoView {
    let file_name = format!("{}_accessKeys.csv", if key.user_name.is_empty() { "root" } else { &key.user_name });
    let href = csv_href(&key);
    view! {
        <section class="secret-once" role="status" aria-labelledby="new-key-heading">
            <h3 id="new-key-heading">"New access key"</h3>
            <p class="warning">
                <strong>"This is the only time the secret access key is shown."</strong>
                " Copy it or download the CSV file now; it cannot be retrieved later. If it is lost, create a new key."
            </p>
            <dl class="facts">
                <dt>"Access key id"</dt>
                <dd>
                    <code id="new-access-key-id">{key.access_key_id.clone()}</code>
                    " "
                    <CopyButton text=key.access_key_id.clone() label="Copy access key id" />
                </dd>
                <dt>"Secret access key"</dt>
                <dd>
                    <code id="new-secret-access-key">{key.secret_access_key.clone()}</code>
                    " "
                    <CopyButton text=key.secret_access_key.clone() label="Copy secret access key" />
                </dd>
            </dl>
            <a class="button-link" href=href download=file_name>"Download .csv file"</a>
        </section>
    }
}
