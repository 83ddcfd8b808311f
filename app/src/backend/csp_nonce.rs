//! The nonce of a console response's Content-Security-Policy. The server's security-headers layer draws one per
//! response, names it in the `script-src` of the header and puts it in the request's extensions; the document shell
//! hands it to Leptos, which writes it on every inline script it renders (the hydration loader and the scripts
//! carrying resolved resources). Scripts injected into the page without it do not run.

use std::sync::Arc;

use base64::Engine as _;
use http::request::Parts;
use leptos::prelude::{provide_context, use_context};
use rand::RngCore as _;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CspNonce(Arc<str>);

impl CspNonce {
    /// 128 random bits, base64: unguessable, and only characters a CSP source expression allows.
    pub fn random() -> Self {
        let mut bytes = [0u8; 16];
        rand::rng().fill_bytes(&mut bytes);
        Self(base64::engine::general_purpose::STANDARD.encode(bytes).into())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Makes this request's nonce the one Leptos writes. Called first thing in the shell, in the response's root
/// reactive owner: Leptos reads it there, after the app, for the resource scripts (`leptos_axum` provides a random
/// one of its own before the shell runs; this replaces it). Without the layer (no nonce on the request) Leptos keeps
/// its own, and no policy asks for any.
pub fn provide_request_nonce() {
    let nonce = use_context::<Parts>().and_then(|parts| parts.extensions.get::<CspNonce>().cloned());
    if let Some(nonce) = nonce {
        provide_context(leptos::nonce::Nonce::from_value(nonce.0));
    }
}
