use crate::helpers::spawn_app;

#[tokio::test]
async fn health_answers_ok_with_a_request_id() {
    let app = spawn_app().await;
    let response = app.get("/health").await;
    assert_eq!(response.status(), 200);
    let request_id = response.headers().get("x-request-id").expect("request id header").to_str().unwrap().to_owned();
    assert_eq!(request_id.len(), 36, "a UUID: {request_id}");
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(body["status"], "ok");
}

#[tokio::test]
async fn request_ids_are_ours_not_the_clients() {
    let app = spawn_app().await;
    let response = app
        .client
        .get(format!("{}/health", app.address))
        .header("x-request-id", "forged-id")
        .send()
        .await
        .unwrap();
    let id = response.headers().get("x-request-id").unwrap().to_str().unwrap();
    assert_ne!(id, "forged-id");
    assert_eq!(id.len(), 36);
}

#[tokio::test]
async fn unknown_pages_are_404_with_a_way_back() {
    let app = spawn_app().await;
    let response = app.get("/no/such/page").await;
    assert_eq!(response.status(), 404);
    let body = response.text().await.unwrap();
    assert!(body.contains("Page not found"), "{body}");
}
