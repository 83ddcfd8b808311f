//! The console simulator's form through the service: a group's own policies (plus extra documents), several pasted
//! documents for a caller, and the refusals, each in AWS's terms.

use app::model::reports::EvaluationResult;
use app::model::simulator::{SimulatorForm, MODE_CUSTOM, MODE_GROUP};

use super::harness::*;

fn decision<'a>(results: &'a [EvaluationResult], resource: &str) -> &'a str {
    &results.iter().find(|r| r.eval_resource_name == resource).unwrap().eval_decision
}

#[tokio::test]
async fn a_group_is_simulated_with_its_own_policies_and_extra_documents() {
    let iam = Iam::new().await;
    let acct = iam.account_id.clone();
    iam.create_group("/", "admins").await;
    iam.create_user("/", "nosy").await;
    iam.put_group_policy("admins", "manage-app", &allow("iam:*", &format!("arn:aws:iam::{acct}:user/app/*"))).await;
    let (app_x, family_x) = (iam.user_arn("/app/", "x"), iam.user_arn("/family/", "x"));
    let mut form = SimulatorForm {
        mode: MODE_GROUP.into(),
        group: " admins ".into(),
        actions: "iam:CreateUser".into(),
        resources: format!("{app_x}\n{family_x}"),
        ..SimulatorForm::default()
    };
    let report = iam.service.simulate_console_form(&iam.root(), &form).await.unwrap();
    assert_eq!(decision(&report.results, &app_x), "allowed");
    assert_eq!(decision(&report.results, &family_x), "implicitDeny");
    assert_eq!(report.policies.len(), 1);
    assert_eq!(
        (report.policies[0].id.as_str(), report.policies[0].source_type.as_str()),
        ("group/admins/manage-app", "group")
    );

    // An extra document counts as if attached: its deny wins in /app/ too.
    form.policies = vec![String::new(), deny("iam:CreateUser", &app_x)];
    let report = iam.service.simulate_console_form(&iam.root(), &form).await.unwrap();
    assert_eq!(decision(&report.results, &app_x), "explicitDeny");

    // Reading a group's policies takes iam:GetGroupPolicy on it; an unknown group and no group are the asker's errors.
    assert_code(iam.service.simulate_console_form(&iam.as_user("nosy").await, &form).await, "AccessDenied");
    form.group = "nobody".into();
    assert_code(iam.service.simulate_console_form(&iam.root(), &form).await, "NoSuchEntity");
    form.group = String::new();
    assert_code(iam.service.simulate_console_form(&iam.root(), &form).await, "ValidationError");
}

#[tokio::test]
async fn several_pasted_documents_for_a_caller_whose_name_fills_policy_variables() {
    let iam = Iam::new().await;
    let acct = iam.account_id.clone();
    let own_folder = allow("s3:GetObject", "arn:aws:s3:::home/${aws:username}/*");
    let no_secrets = deny("s3:*", "arn:aws:s3:::home/*/secret.txt");
    let resources = [
        "arn:aws:s3:::home/backup/notes.txt",
        "arn:aws:s3:::home/backup/secret.txt",
        "arn:aws:s3:::home/carol/notes.txt",
    ];
    let form = SimulatorForm {
        mode: MODE_CUSTOM.into(),
        policies: vec![own_folder, " ".into(), no_secrets],
        caller_arn: format!("arn:aws:iam::{acct}:user/app/backup"),
        actions: "s3:GetObject".into(),
        resources: resources.join("\n"),
        ..SimulatorForm::default()
    };
    let report = iam.service.simulate_console_form(&iam.root(), &form).await.unwrap();
    assert_eq!(decision(&report.results, resources[0]), "allowed");
    assert_eq!(decision(&report.results, resources[1]), "explicitDeny");
    assert_eq!(decision(&report.results, resources[2]), "implicitDeny");
    // The blank document is skipped: the deny is the second input.
    let secret = report.results.iter().find(|r| r.eval_resource_name == resources[1]).unwrap();
    assert_eq!(secret.matched_statements[0].source_policy_id, "PolicyInputList.2");

    // Without a caller, `${aws:username}` matches nothing.
    let anonymous = SimulatorForm { caller_arn: String::new(), ..form };
    let report = iam.service.simulate_console_form(&iam.root(), &anonymous).await.unwrap();
    assert_eq!(decision(&report.results, resources[0]), "implicitDeny");
}
