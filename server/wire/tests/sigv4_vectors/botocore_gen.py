"""Regenerates the botocore-signed requests embedded in server/wire/src/sigv4.rs (tests::botocore).

Offline: botocore signs, a `before-send` hook captures the request and stops it before any network I/O.
The clock is frozen at 2026-11-29T10:30:00Z so the output is stable. Run: python3 botocore_gen.py
"""
import datetime, json
import botocore.session, botocore.auth

FIXED = datetime.datetime(2026, 11, 29, 10, 30, 0)
botocore.auth.get_current_datetime = lambda *a, **k: FIXED


class Captured(Exception):
    pass


out = []


def capture(request, **kwargs):
    headers = {k.lower(): (v.decode() if isinstance(v, bytes) else v) for k, v in request.headers.items()}
    out.append({
        "method": request.method,
        "url": request.url,
        "headers": {k: headers[k] for k in ("content-type", "x-amz-date", "authorization")},
        "body": request.body.decode() if isinstance(request.body, bytes) else (request.body or ""),
    })
    raise Captured()


s = botocore.session.get_session()
s.set_credentials("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")
for region, endpoint, expires in [("us-east-1", "http://localhost:8080", 60),
                                  ("eu-west-1", "https://iam.example.test:8443", 3600)]:
    c = s.create_client("iam", region_name=region, endpoint_url=endpoint)
    c.meta.events.register("before-send.iam", capture)
    for call in [lambda: c.list_users(), lambda: c.create_user(Path="/app/", UserName="alice+bob=ü")]:
        try:
            call()
        except Captured:
            pass
    url = c.generate_presigned_url("list_users", Params={"PathPrefix": "/app/ x"}, ExpiresIn=expires)
    # botocore signs a presigned Query-API URL with the operation's method, POST (and an empty body): the URL is
    # only valid when POSTed, with AWS as with us.
    out.append({"method": "POST", "url": url, "headers": {}, "body": ""})
print("botocore", botocore.__version__)
print(json.dumps(out, indent=1, ensure_ascii=False))
