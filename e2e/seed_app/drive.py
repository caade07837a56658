#!/usr/bin/env python3
"""Runs the movies app (app.py) against an in-process moto DynamoDB and sends it a fixed plan of
requests, traced either by OpenTelemetry (OTLP/HTTP to --otlp-endpoint) or by the AWS X-Ray SDK
(to the daemon at --daemon-address).

Usage: drive.py --tracing otel --otlp-endpoint http://127.0.0.1:4318/v1/traces
       drive.py --tracing xray-sdk --daemon-address 127.0.0.1:2000
Prints one line of JSON counting the requests sent (by status, method and both); everything
else goes to stderr. Exits non-zero with a one-line reason on any failure.
"""

import argparse
import collections
import contextlib
import json
import logging
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import quote

import boto3
from moto.server import ThreadedMotoServer

APP = Path(__file__).with_name("app.py")


def movie(year, title):
    return f"/movies/{year}/{quote(title)}"


MATRIX = movie(1999, "The Matrix")
MISSING = movie(1985, "Back to the Future")

# (method, path, body, expected status). The Matrix is stored with a text rating, so reading it
# answers 500 (app.py's deliberate bug) until a PUT gives it a number.
PLAN = [
    ("POST", "/movies", {"year": 1994, "title": "The Shawshank Redemption", "rating": 9}, 201),
    ("POST", "/movies", {"year": 1972, "title": "The Godfather", "rating": 9}, 201),
    ("POST", "/movies", {"year": 2008, "title": "The Dark Knight", "rating": 8}, 201),
    ("POST", "/movies", {"year": 1999, "title": "The Matrix", "rating": "great"}, 201),
    ("POST", "/movies", {"year": 2001, "title": "Spirited Away"}, 201),
    ("POST", "/movies", {"title": "Untitled"}, 400),
    ("POST", "/movies", {"year": 2010}, 400),
    ("POST", "/movies", b"not json", 400),
    ("GET", "/movies", None, 200),
    ("GET", movie(1994, "The Shawshank Redemption"), None, 200),
    ("GET", movie(1972, "The Godfather"), None, 200),
    ("GET", movie(2001, "Spirited Away"), None, 200),
    ("GET", MATRIX, None, 500),
    ("GET", movie(2008, "The Dark Knight"), None, 200),
    ("GET", MATRIX, None, 500),
    ("GET", MISSING, None, 404),
    ("GET", MATRIX, None, 500),
    ("GET", MISSING, None, 404),
    ("GET", MATRIX, None, 500),
    ("PUT", movie(2008, "The Dark Knight"), {"rating": 9, "director": "Christopher Nolan"}, 200),
    ("PUT", movie(1994, "The Shawshank Redemption"), {"title": "Shawshank"}, 400),
    ("PUT", movie(1994, "The Shawshank Redemption"), [9], 400),
    ("PUT", MISSING, {"rating": 8}, 404),
    ("PUT", MATRIX, {"rating": 8}, 200),
    ("GET", MATRIX, None, 200),
    ("GET", movie(2008, "The Dark Knight"), None, 200),
    ("DELETE", movie(1972, "The Godfather"), None, 204),
    ("GET", movie(1972, "The Godfather"), None, 404),
    ("DELETE", movie(2001, "Spirited Away"), None, 204),
    ("DELETE", MISSING, None, 204),
    ("GET", "/movies", None, 200),
    ("POST", "/movies", {"year": 1972, "title": "The Godfather", "rating": 10}, 201),
    ("GET", movie(1972, "The Godfather"), None, 200),
    ("GET", "/movies", None, 200),
]


class Failure(Exception):
    """Why the run failed, in one line."""


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tracing", required=True, choices=["otel", "xray-sdk"])
    parser.add_argument("--otlp-endpoint", help="OTLP/HTTP traces URL (for --tracing otel)")
    parser.add_argument("--daemon-address", help="X-Ray daemon host:port (for --tracing xray-sdk)")
    args = parser.parse_args()
    if args.tracing == "otel" and not args.otlp_endpoint:
        parser.error("--tracing otel needs --otlp-endpoint")
    if args.tracing == "xray-sdk" and not args.daemon_address:
        parser.error("--tracing xray-sdk needs --daemon-address")
    return args


def create_table(endpoint):
    boto3.client(
        "dynamodb",
        endpoint_url=endpoint,
        region_name="us-east-1",
        aws_access_key_id="test",
        aws_secret_access_key="test",
    ).create_table(
        TableName="movies-app",
        KeySchema=[
            {"AttributeName": "year", "KeyType": "HASH"},
            {"AttributeName": "title", "KeyType": "RANGE"},
        ],
        AttributeDefinitions=[
            {"AttributeName": "year", "AttributeType": "N"},
            {"AttributeName": "title", "AttributeType": "S"},
        ],
        BillingMode="PAY_PER_REQUEST",
    )


def app_command(args, dynamodb_endpoint, port):
    """The app's command line and environment for the chosen tracing."""
    env = {**os.environ, "MOVIES_PORT": str(port), "MOVIES_DYNAMODB_ENDPOINT": dynamodb_endpoint}
    if args.tracing == "xray-sdk":
        env.update(MOVIES_TRACING="xray-sdk", AWS_XRAY_DAEMON_ADDRESS=args.daemon_address)
        return [sys.executable, str(APP)], env
    # The blog post's setup, exporting over OTLP/HTTP and flushing spans soon after they end.
    env.update(
        OTEL_PROPAGATORS="xray",
        OTEL_PYTHON_ID_GENERATOR="xray",
        OTEL_RESOURCE_ATTRIBUTES="service.name=movies_app",
        OTEL_TRACES_EXPORTER="otlp",
        OTEL_EXPORTER_OTLP_TRACES_ENDPOINT=args.otlp_endpoint,
        OTEL_EXPORTER_OTLP_TRACES_PROTOCOL="http/protobuf",
        OTEL_METRICS_EXPORTER="none",
        OTEL_LOGS_EXPORTER="none",
        OTEL_BSP_SCHEDULE_DELAY="200",
    )
    instrument = Path(sys.executable).parent / "opentelemetry-instrument"
    return [str(instrument), sys.executable, str(APP)], env


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def running(command, env, port):
    """Runs the app until the block ends, then stops it gracefully with SIGINT so its tracer
    flushes what it buffered; on a failure inside the block the app is killed instead."""
    app = subprocess.Popen(command, env=env, stdout=sys.stderr)
    try:
        wait_until_listening(app, port)
        yield
    except BaseException:
        app.kill()
        app.wait()
        raise
    app.send_signal(signal.SIGINT)
    try:
        code = app.wait(timeout=10)
    except subprocess.TimeoutExpired:
        app.kill()
        app.wait()
        raise Failure("the app did not exit within 10 s of SIGINT") from None
    if code != 0:
        raise Failure(f"the app exited with code {code} after SIGINT")


def wait_until_listening(app, port):
    """Waits for the app's port to accept connections (no request, so no trace)."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if app.poll() is not None:
            raise Failure(f"the app exited with code {app.returncode} before listening")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 1):
            return
        time.sleep(0.1)
    raise Failure("the app did not listen within 30 s")


def send(port, step):
    """Sends one step of the plan and returns (method, status); fails on an unexpected status."""
    method, path, body, expected = step
    data = body if body is None or isinstance(body, bytes) else json.dumps(body).encode()
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}{path}",
        data=data,
        method=method,
        headers={"Content-Type": "application/json"} if data is not None else {},
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:
            status = answer.status
    except urllib.error.HTTPError as answer:
        status = answer.code
    except OSError as error:
        raise Failure(f"{method} {path} got no answer: {error}") from None
    if status != expected:
        raise Failure(f"{method} {path} answered {status}, expected {expected}")
    return method, status


def drive(args, dynamodb_endpoint):
    """Runs the app through the plan and returns every request sent as (method, status)."""
    port = free_port()
    command, env = app_command(args, dynamodb_endpoint, port)
    sent = []
    with running(command, env, port):
        if args.tracing == "xray-sdk":
            # The SDK fetches the centralized sampling rules on its first request; give it time
            # so that the plan is sampled by the served rule rather than the local fallback.
            sent.append(send(port, ("GET", "/movies", None, 200)))
            time.sleep(1.5)
        sent.extend(send(port, step) for step in PLAN)
    return sent


def tally(keys):
    return dict(sorted(collections.Counter(keys).items()))


def summary(sent):
    return {
        "requests": len(sent),
        "by_status": tally(str(status) for _, status in sent),
        "by_method": tally(method for method, _ in sent),
        "by_method_status": tally(f"{method} {status}" for method, status in sent),
    }


def main():
    args = parse_args()
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    moto = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    moto.start()
    host, port = moto.get_host_and_port()
    dynamodb_endpoint = f"http://{host}:{port}"
    try:
        create_table(dynamodb_endpoint)
        sent = drive(args, dynamodb_endpoint)
    except Failure as failure:
        sys.exit(f"drive.py: {failure}")
    finally:
        moto.stop()
    print(json.dumps(summary(sent)))


if __name__ == "__main__":
    main()
