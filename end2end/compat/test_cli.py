"""The real `aws iam …` CLI (a subprocess) with --endpoint-url and --output json."""

from iamcompat import aws


def test_cli_create_list_get_delete_user(name, account_id, admin_keys):
    user = name("cli")
    path = f"/cli-{user}/"
    created = aws("create-user", "--user-name", user, "--path", path, keys=admin_keys)["User"]
    assert created["UserName"] == user
    assert created["Path"] == path
    assert created["Arn"] == f"arn:aws:iam::{account_id}:user{path}{user}"

    listed = aws("list-users", "--path-prefix", path, keys=admin_keys)["Users"]
    assert [u["UserName"] for u in listed] == [user]

    got = aws("get-user", "--user-name", user, keys=admin_keys)["User"]
    assert got["UserId"] == created["UserId"]
    assert got["CreateDate"] == created["CreateDate"]

    assert aws("delete-user", "--user-name", user, keys=admin_keys) is None
    assert aws("list-users", "--path-prefix", path, keys=admin_keys)["Users"] == []


def test_cli_reports_aws_error_codes_and_exit_status(name, admin_keys):
    done = aws("get-user", "--user-name", name("ghost"), keys=admin_keys, check=False)
    assert done.returncode in (254, 255), done.stderr  # a service error: 255 in CLI v1, 254 in v2
    assert "(NoSuchEntity)" in done.stderr
    assert "GetUser operation" in done.stderr


def test_cli_paginates_list_users_itself(name, admin_keys):
    path = f"/clipage-{name('p')}/"
    for i in range(5):
        aws("create-user", "--user-name", name(f"c{i}"), "--path", path, keys=admin_keys)
    # --page-size 2 makes the CLI follow IsTruncated/Marker across three requests and merge them.
    listed = aws("list-users", "--path-prefix", path, "--page-size", "2", keys=admin_keys)["Users"]
    assert len(listed) == 5
    assert len({u["UserName"] for u in listed}) == 5
    limited = aws("list-users", "--path-prefix", path, "--max-items", "3", keys=admin_keys)
    assert len(limited["Users"]) == 3
    assert "NextToken" in limited
