//! The HTTP surface: health, server functions, console pages, static files, the IAM Query API (`POST /`, and
//! `GET /?Action=…`, taken before routing), the authorization endpoint for other services (`POST /authorize`); and the layers every request passes: a fresh request id (never the
//! client's), a trace span carrying it, gzip, `nosniff`, and the console session; console routes then get the security
//! headers (`security_headers.rs`) and, but for `/authorize`, the same-origin check on writes (`same_origin.rs`).

mod health;
mod request_id;
pub mod same_origin;
pub mod security_headers;

use app::backend::session_store::DbSessionStore;
use app::backend::AppState;
use app::{shell, App};
use axum::body::Body;
use axum::extract::{FromRef, State};
use axum::http::Request;
use axum::response::IntoResponse;
use axum::routing::{get, post};
use axum::Router;
use leptos::config::LeptosOptions;
use leptos::prelude::provide_context;
use leptos_axum::{generate_route_list, handle_server_fns_with_context, AxumRouteListing, LeptosRoutes};
use std::net::SocketAddr;
use std::sync::LazyLock;
use tower::ServiceBuilder;
use tower_http::compression::CompressionLayer;
use tower_http::services::ServeDir;
use tower_http::request_id::PropagateRequestIdLayer;
use tower_http::set_header::SetRequestHeaderLayer;
use tower_http::trace::TraceLayer;
use tower_sessions::cookie::SameSite;
use tower_sessions::{Expiry, SessionManagerLayer};

use crate::config::Settings;

/// Everything a handler may need: Leptos' options (for rendering and static files) and the IAM state.
#[derive(Clone, Debug)]
pub struct ServerState {
    pub leptos: LeptosOptions,
    pub app: AppState,
}

impl FromRef<ServerState> for LeptosOptions {
    fn from_ref(state: &ServerState) -> Self {
        state.leptos.clone()
    }
}

pub const SESSION_COOKIE: &str = "iam_session";

pub fn router(settings: &Settings, address: SocketAddr, app: AppState, sessions: DbSessionStore) -> Router {
    let leptos = LeptosOptions::builder()
        .output_name("iam-console")
        .site_root(settings.site_root.as_str())
        .site_pkg_dir("pkg")
        .site_addr(address)
        .build();
    let state = ServerState { leptos: leptos.clone(), app: app.clone() };
    let provide_state = move || provide_context(app.clone());

    let sessions = SessionManagerLayer::new(sessions)
        .with_name(SESSION_COOKIE)
        .with_secure(settings.secure_cookies())
        .with_http_only(true)
        .with_same_site(SameSite::Strict)
        .with_expiry(Expiry::OnInactivity(time::Duration::minutes(settings.session_idle_minutes)))
        // Saved on every request, changed or not: each save moves the idle expiry on (`DbSessionStore::row`), so
        // "idle" means no request for that long, not no change; the absolute lifetime caps it.
        .with_always_save(true);

    let same_origin = same_origin::SameOrigin { https: settings.secure_cookies() };
    let security_headers = security_headers::SecurityHeaders { hsts: settings.secure_cookies() };
    let console = Router::new()
        .route("/health", get(health::health))
        .route("/api/{*fn_name}", get(server_fn).post(server_fn))
        .leptos_routes_with_context(&state, console_routes(), provide_state.clone(), {
            let leptos = leptos.clone();
            move || shell(leptos.clone())
        })
        .fallback(leptos_axum::file_and_error_handler_with_context::<ServerState, _>(provide_state, shell))
        // Cross-site writes are refused on every route above and the fallback (a layer covers only what exists when
        // it is added): the session cookie is what a forged post would abuse. `/authorize`, added after it, is
        // authenticated by SigV4 signatures like the Query API, which its gate answers before this router.
        .layer(axum::middleware::from_fn_with_state(same_origin, same_origin::check))
        .route("/authorize", post(authorize))
        .layer(axum::middleware::from_fn_with_state(security_headers, security_headers::apply))
        .with_state(state.clone());

    // The Query API shares `/` with the console. Its gate wraps the whole console router (as a fallback service, not
    // a per-route layer, so the GET-only `/` route's method router never adds its `Allow` header to an API answer),
    // inside the request-id layer, so a Query API response carries the id that is in the logs.
    let console_and_api = Router::new()
        .fallback_service(console)
        .layer(axum::middleware::from_fn_with_state(state.app.clone(), crate::query_api::handler::gate))
        .layer(sessions);
    // The built WASM, JS and CSS (a page fetches dozens of split WASM chunks) are served beside the session layer,
    // not through it: a session is loaded and saved on every request that passes it, which for static files is a
    // database write each for nothing.
    let pkg = ServeDir::new(std::path::Path::new(settings.site_root.as_str()).join("pkg"));
    Router::new().nest_service("/pkg", pkg).fallback_service(console_and_api).layer(
        ServiceBuilder::new()
            .layer(SetRequestHeaderLayer::overriding(request_id::HEADER.clone(), request_id::fresh))
            .layer(TraceLayer::new_for_http().make_span_with(request_id::span))
            .layer(PropagateRequestIdLayer::new(request_id::HEADER.clone()))
            .layer(CompressionLayer::new())
            .layer(security_headers::nosniff_layer()),
    )
}

/// The console's routes, found by rendering the app once per process. Generating them sets a process-wide flag in
/// leptos_server that parks every resource first polled meanwhile, for good (leptos-rs/leptos#4773): a second
/// server built in the same process (tests, `scale_out`) while the first renders a page would hang that page.
/// Generated once, the window is closed before any server of this process can serve.
fn console_routes() -> Vec<AxumRouteListing> {
    static ROUTES: LazyLock<Vec<AxumRouteListing>> = LazyLock::new(|| generate_route_list(App));
    ROUTES.clone()
}

async fn server_fn(State(state): State<ServerState>, request: Request<Body>) -> impl IntoResponse {
    handle_server_fns_with_context(move || provide_context(state.app.clone()), request).await
}

/// `POST /authorize`: SigV4-signed JSON authorization questions from other self-hosted services.
async fn authorize(State(state): State<ServerState>, request: Request<Body>) -> axum::response::Response {
    crate::query_api::authorize::handle(&state.app, request).await
}
