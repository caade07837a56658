#!/usr/bin/env python3
"""Independent check of runtrace's AWS request signing, against moto instead of our emulator.

moto's server runs with signature checking on (INITIAL_NO_AUTH_ACTION_COUNT): after the first
requests that create an IAM user, its access key and policy, every request must carry a valid
SigV4 signature for a key moto knows. A trace is put with boto3, then fetched with runtrace's
own AWS layer through the `batch_get_traces` example: with the right secret it must come back,
with a wrong secret moto must refuse it.

Usage: moto_signing.py --example target/debug/examples/batch_get_traces
Prints one line per check and `N passed, N failed` last; exits non-zero on any failure.
"""

import argparse
import json
import logging
import os
import secrets
import subprocess
import sys
import time

# The three bootstrap calls (create user, create key, put policy) are the only unsigned ones;
# moto reads this when it is imported.
os.environ["INITIAL_NO_AUTH_ACTION_COUNT"] = "3"
os.environ["AWS_EC2_METADATA_DISABLED"] = "true"

import boto3  # noqa: E402
from botocore.exceptions import ClientError  # noqa: E402
from moto.server import ThreadedMotoServer  # noqa: E402

REGION = "us-east-1"
USER = "runtrace-signing"
POLICY = {
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Action": "xray:*", "Resource": "*"}],
}


def bootstrap_key(endpoint):
    """An IAM user with an access key that may call X-Ray (unsigned calls, allowed by the count)."""
    iam = boto3.client(
        "iam",
        endpoint_url=endpoint,
        region_name=REGION,
        aws_access_key_id="bootstrap",
        aws_secret_access_key="bootstrap",
    )
    iam.create_user(UserName=USER)
    key = iam.create_access_key(UserName=USER)["AccessKey"]
    iam.put_user_policy(UserName=USER, PolicyName="xray", PolicyDocument=json.dumps(POLICY))
    return key["AccessKeyId"], key["SecretAccessKey"]


def put_trace(endpoint, key_id, secret):
    """Stores a two-span trace in moto with boto3 (signed with the new key) and returns its id."""
    now = time.time()
    trace_id = f"1-{int(now):08x}-{secrets.token_hex(12)}"
    segment = {
        "name": "signing-check",
        "id": secrets.token_hex(8),
        "trace_id": trace_id,
        "start_time": now - 0.5,
        "end_time": now,
        "http": {"request": {"method": "GET", "url": "https://example.com/movies"},
                 "response": {"status": 200}},
        "subsegments": [{"name": "DynamoDB", "id": secrets.token_hex(8), "namespace": "aws",
                         "start_time": now - 0.4, "end_time": now - 0.1}],
    }
    xray = xray_client(endpoint, key_id, secret)
    answer = xray.put_trace_segments(TraceSegmentDocuments=[json.dumps(segment)])
    if answer.get("UnprocessedTraceSegments"):
        raise RuntimeError(f"moto refused the segment: {answer['UnprocessedTraceSegments']}")
    return trace_id


def xray_client(endpoint, key_id, secret):
    return boto3.client(
        "xray",
        endpoint_url=endpoint,
        region_name=REGION,
        aws_access_key_id=key_id,
        aws_secret_access_key=secret,
    )


def run_example(example, endpoint, key_id, secret, trace_id):
    return subprocess.run(
        [example, "--endpoint", endpoint, "--access-key", key_id, "--secret", secret,
         "--region", REGION, "--trace-id", trace_id],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "RUST_LOG": "warn"},
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--example", required=True, help="path of the batch_get_traces example binary")
    args = parser.parse_args()

    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    endpoint = f"http://{host}:{port}"
    results = []

    def check(name, passed, detail=""):
        results.append(passed)
        print(f"{'ok  ' if passed else 'FAIL'} {name}" + (f": {detail}" if detail and not passed else ""))

    try:
        key_id, secret = bootstrap_key(endpoint)
        trace_id = put_trace(endpoint, key_id, secret)

        # Control: moto really checks signatures (otherwise the refusal below proves nothing).
        try:
            xray_client(endpoint, key_id, secret + "x").batch_get_traces(TraceIds=[trace_id])
            check("moto refuses boto3 with a wrong secret", False, "moto accepted it")
        except ClientError:
            check("moto refuses boto3 with a wrong secret", True)

        good = run_example(args.example, endpoint, key_id, secret, trace_id)
        fetched = None
        if good.returncode == 0:
            fetched = json.loads(good.stdout)
        check("runtrace's signed BatchGetTraces is accepted", good.returncode == 0, good.stderr.strip())
        names = [span.get("name") for span in (fetched or {}).get("trace", {}).get("spans", [])]
        check(
            "the trace comes back whole",
            fetched is not None and fetched.get("id") == trace_id and names == ["signing-check", "DynamoDB"],
            f"id {fetched and fetched.get('id')}, spans {names}",
        )

        bad = run_example(args.example, endpoint, key_id, secret[:-1] + ("A" if secret[-1] != "A" else "B"), trace_id)
        # moto answers this refusal in XML, which X-Ray's JSON protocol cannot parse into a code,
        # so the code is looked for in the detail the example prints.
        check(
            "the same call with a wrong secret is refused",
            bad.returncode != 0 and "SignatureDoesNotMatch" in bad.stderr,
            f"exit {bad.returncode}, stderr {bad.stderr.strip()!r}",
        )
    except Exception as error:  # a setup step failed: report it as a failure, not a traceback
        check("setup", False, repr(error))
    finally:
        server.stop()

    passed = sum(results)
    failed = len(results) - passed
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
