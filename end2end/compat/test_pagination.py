"""Pagination with IsTruncated/Marker, through boto3's paginators and by hand."""

import pytest

from iamcompat import ClientError


@pytest.fixture
def page_users(iam, name):
    path = f"/page/{name('run')}/"
    users = sorted(name(f"p{i:02d}") for i in range(25))
    for user in users:
        iam.create_user(UserName=user, Path=path)
    return path, users


def test_paginator_returns_all_25_in_3_pages(iam, page_users):
    path, users = page_users
    pages = list(
        iam.get_paginator("list_users").paginate(PathPrefix=path, PaginationConfig={"PageSize": 10})
    )
    assert [len(p["Users"]) for p in pages] == [10, 10, 5]
    assert [p["IsTruncated"] for p in pages] == [True, True, False]
    assert all("Marker" in p for p in pages[:2])
    assert "Marker" not in pages[2]
    names = [u["UserName"] for p in pages for u in p["Users"]]
    assert len(names) == 25 and len(set(names)) == 25
    assert sorted(names) == users


def test_marker_by_hand(iam, page_users):
    path, users = page_users
    first = iam.list_users(PathPrefix=path, MaxItems=10)
    assert first["IsTruncated"] is True
    marker = first["Marker"]
    assert isinstance(marker, str) and marker
    second = iam.list_users(PathPrefix=path, MaxItems=10, Marker=marker)
    assert second["IsTruncated"] is True
    third = iam.list_users(PathPrefix=path, MaxItems=10, Marker=second["Marker"])
    assert third["IsTruncated"] is False
    seen = [u["UserName"] for r in (first, second, third) for u in r["Users"]]
    assert sorted(seen) == users
    # Without MaxItems the default page (100) holds them all.
    whole = iam.list_users(PathPrefix=path)
    assert whole["IsTruncated"] is False and len(whole["Users"]) == 25


def test_paginator_max_items_and_resume(iam, page_users):
    path, users = page_users
    paginator = iam.get_paginator("list_users")
    first = paginator.paginate(PathPrefix=path, PaginationConfig={"MaxItems": 12, "PageSize": 5}).build_full_result()
    assert len(first["Users"]) == 12
    assert "NextToken" in first
    rest = paginator.paginate(
        PathPrefix=path, PaginationConfig={"StartingToken": first["NextToken"], "PageSize": 5}
    ).build_full_result()
    assert sorted(u["UserName"] for u in first["Users"] + rest["Users"]) == users


def test_other_listings_paginate(iam, name):
    group = name("pg")
    iam.create_group(GroupName=group)
    members = sorted(name(f"gm{i}") for i in range(7))
    for user in members:
        iam.create_user(UserName=user)
        iam.add_user_to_group(GroupName=group, UserName=user)
    pages = list(iam.get_paginator("get_group").paginate(GroupName=group, PaginationConfig={"PageSize": 3}))
    assert [len(p["Users"]) for p in pages] == [3, 3, 1]
    assert sorted(u["UserName"] for p in pages for u in p["Users"]) == members
    groups = iam.get_paginator("list_groups").paginate(PaginationConfig={"PageSize": 1}).build_full_result()
    assert group in [g["GroupName"] for g in groups["Groups"]]


def test_garbage_marker_is_rejected(iam, page_users):
    path, _ = page_users
    with pytest.raises(ClientError) as bad:
        iam.list_users(PathPrefix=path, MaxItems=10, Marker="not-a-marker")
    assert bad.value.response["Error"]["Code"] in ("ValidationError", "InvalidInput")
    assert bad.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400


def test_max_items_out_of_range(iam):
    with pytest.raises(ClientError) as bad:
        iam.list_users(MaxItems=1001)
    assert bad.value.response["Error"]["Code"] in ("ValidationError", "InvalidInput")
