//! Deleting a user from the console: the preview names everything removed first; the deletion removes it, each step
//! authorized on its own, then the user; a caller who may not delete changes nothing; a step refused midway stops
//! there and says what was removed. The API's DeleteUser still refuses while anything remains.

use app::backend::auth::totp::{code_at, time_step, TotpSeed};
use app::backend::service::Owner;
use app::backend::Clock;
use app::model::mfa::AssignmentStatus;
use app::model::policies::PolicyArn;
use app::model::{MfaDeviceName, Password};

use super::harness::*;

/// jeff in /app/ with a key, a console password, an enabled MFA device, an inline and an attached policy, and a group.
async fn jeff_with_everything(iam: &Iam) -> (String, String) {
    let root = iam.root();
    iam.create_user("/app/", "jeff").await;
    iam.create_group("/", "admins").await;
    iam.add_to_group("admins", "jeff").await;
    iam.put_user_policy("jeff", "own", &allow("s3:GetObject", "*")).await;
    let key = iam.service.create_access_key(&root, Some(user_name("jeff"))).await.unwrap().access_key_id;
    iam.service
        .create_login_profile(&root, user_name("jeff"), Password::new("Jeffs-Seed-Pass-42"), false)
        .await
        .unwrap();
    let device =
        iam.service.create_virtual_mfa_device(&root, MfaDeviceName::parse("jeff").unwrap(), path("/")).await.unwrap();
    let seed = TotpSeed::from_bytes(base32_decode(&device.base32_string_seed));
    let step = time_step(iam.clock.now().timestamp());
    let (c1, c2) = (code_at(&seed, step - 1).unwrap(), code_at(&seed, step).unwrap());
    iam.service.enable_mfa_device(&root, Some(user_name("jeff")), &device.serial_number, &c1, &c2).await.unwrap();
    iam.service.create_policy(&root, policy_name("Reader"), path("/"), None, allow("s3:List*", "*")).await.unwrap();
    let arn = PolicyArn::parse(&format!("arn:aws:iam::{}:policy/Reader", iam.account_id)).unwrap();
    iam.service.attach_user_policy(&root, user_name("jeff"), arn).await.unwrap();
    (key, device.serial_number)
}

#[tokio::test]
async fn the_preview_lists_everything_and_the_deletion_removes_it() {
    let iam = Iam::new().await;
    let root = iam.root();
    let (key, serial) = jeff_with_everything(&iam).await;

    let preview = iam.service.user_deletion_preview(&root, &user_name("jeff")).await.unwrap();
    assert_eq!(preview.access_keys, [key]);
    assert!(preview.console_password);
    assert_eq!(preview.mfa_devices, [serial.clone()]);
    assert_eq!(preview.inline_policies, ["own"]);
    assert_eq!(preview.attached_policies[0].policy_name, "Reader");
    assert_eq!(preview.groups, ["admins"]);
    // The API's DeleteUser is AWS's: refused while any of it remains.
    assert_code(iam.service.delete_user(&root, user_name("jeff")).await, "DeleteConflict");

    iam.service.delete_user_and_dependents(&root, user_name("jeff")).await.unwrap();
    assert_code(iam.service.get_user(&root, Some(user_name("jeff"))).await, "NoSuchEntity");
    // The device went with it, and the group and the managed policy stay.
    let devices = iam.service.list_virtual_mfa_devices(&root, AssignmentStatus::Any, Default::default()).await.unwrap();
    assert!(devices.items.iter().all(|d| d.serial_number != serial), "{devices:?}");
    iam.service.get_group(&root, group_name("admins"), Default::default()).await.unwrap();
}

#[tokio::test]
async fn a_caller_who_may_not_delete_changes_nothing_and_a_refusal_midway_says_what_was_done() {
    let iam = Iam::new().await;
    let acct = iam.account_id.clone();
    jeff_with_everything(&iam).await;
    iam.create_user("/", "helper").await;
    let helper = iam.as_user("helper").await;

    // May read everything but not delete the user: nothing is removed.
    iam.put_user_policy("helper", "read", &allow("iam:*", "*")).await;
    iam.put_user_policy("helper", "no-delete", &deny("iam:DeleteUser", "*")).await;
    assert_code(iam.service.delete_user_and_dependents(&helper, user_name("jeff")).await, "AccessDenied");
    // Nor does the page show such a caller a preview (the form says what is missing instead).
    assert_eq!(iam.service.user_deletion_preview_for_page(&helper, &user_name("jeff")).await.unwrap(), None);
    let root_sees = iam.service.user_deletion_preview_for_page(&iam.root(), &user_name("jeff")).await.unwrap();
    assert_eq!(root_sees.map(|p| p.access_keys.len()), Some(1));
    let untouched = iam.service.user_deletion_preview(&iam.root(), &user_name("jeff")).await.unwrap();
    assert_eq!(untouched.access_keys.len(), 1);
    assert!(untouched.console_password);

    // May delete, but not take jeff out of a group: everything before the groups goes, and the error says so.
    let owner = Owner::User(user_name("helper"));
    iam.service.delete_inline_policy(&iam.root(), owner, policy_name("no-delete")).await.unwrap();
    iam.put_user_policy(
        "helper",
        "keep-groups",
        &deny("iam:RemoveUserFromGroup", &format!("arn:aws:iam::{acct}:group/*")),
    )
    .await;
    let helper = iam.as_user("helper").await;
    let err = assert_code(iam.service.delete_user_and_dependents(&helper, user_name("jeff")).await, "AccessDenied");
    let message = err.to_string();
    assert!(message.starts_with("removed access key `AKIA"), "{message}");
    assert!(message.contains("the console password, MFA device `arn:aws:iam::"), "{message}");
    assert!(message.contains("managed policy `Reader`, then: "), "{message}");
    let left = iam.service.user_deletion_preview(&iam.root(), &user_name("jeff")).await.unwrap();
    assert_eq!(left.lines(), ["group memberships (1): admins"]);
}
