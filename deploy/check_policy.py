"""The deploy templates grant runtrace exactly the IAM policy that README.md documents.

Run by `cargo xtask test` after cfn-lint: README's policy (the JSON under "### IAM policy") is
what the templates' role must hold, statement for statement; when read-only, only the read
statements (a statement whose Sid names a change — `…Toggle`, `…Change…` — is for changes). A template that grants more, less or other actions fails here, so the
README, the templates and what the backend calls cannot drift apart unnoticed.

Usage: python check_policy.py README.md TEMPLATE.yaml...
"""

import json
import re
import sys

from cfnlint.decode import decode


def readme_policy(path):
    text = open(path, encoding="utf-8").read()
    section = text.split("### IAM policy", 1)
    if len(section) != 2:
        sys.exit(f"{path}: no '### IAM policy' section")
    block = re.search(r"```json\n(.*?)\n```", section[1], re.S)
    if not block:
        sys.exit(f"{path}: the IAM policy section has no ```json block")
    return json.loads(block.group(1))["Statement"]


def branch(node, writable):
    """The template's value with `Fn::If Writable` decided, and AWS::NoValue dropped."""
    if isinstance(node, dict):
        if set(node) == {"Fn::If"}:
            condition, if_true, if_false = node["Fn::If"]
            if condition != "Writable":
                sys.exit(f"unexpected condition {condition} in the runtrace policy")
            return branch(if_true if writable else if_false, writable)
        return {k: branch(v, writable) for k, v in node.items()}
    if isinstance(node, list):
        items = [branch(item, writable) for item in node]
        return [item for item in items if item != {"Ref": "AWS::NoValue"}]
    return node


def runtrace_statements(path):
    template, matches = decode(path)
    if matches:
        sys.exit(f"{path}: {matches}")
    found = []
    for name, resource in template["Resources"].items():
        if resource["Type"] != "AWS::IAM::Role":
            continue
        for policy in resource["Properties"].get("Policies", []):
            if isinstance(policy, dict) and policy.get("PolicyName") == "runtrace":
                found.append((name, policy["PolicyDocument"]["Statement"]))
    if len(found) != 1:
        sys.exit(f"{path}: expected one role with a policy named runtrace, found {len(found)}")
    return found[0]


def is_change(statement):
    sid = statement.get("Sid", "")
    return sid.endswith("Toggle") or "Change" in sid


def normalized(statements):
    return sorted(
        (s["Sid"], s["Effect"], tuple(sorted(s["Action"])), json.dumps(s["Resource"]))
        for s in statements
    )


def main(readme, templates):
    wanted = readme_policy(readme)
    failures = []
    for path in templates:
        role, statements = runtrace_statements(path)
        reads = [s for s in wanted if not is_change(s)]
        for writable, expected in ((True, wanted), (False, reads)):
            got = branch(statements, writable)
            if normalized(got) != normalized(expected):
                mode = "writable" if writable else "read-only"
                failures.append(
                    f"{path}: {role}'s runtrace policy ({mode}) is not README's:\n"
                    f"  template: {json.dumps(got)}\n  README:   {json.dumps(expected)}"
                )
    if failures:
        sys.exit("\n".join(failures))
    print(f"the runtrace policy of {len(templates)} template(s) is README's, writable and read-only")


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2:])
