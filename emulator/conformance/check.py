#!/usr/bin/env python3
"""Conformance of the runtrace emulator with the official AWS SDK for Python.

botocore parses every response against its own copy of the service model, so a shape the
emulator gets wrong raises here even when the Rust SDK would tolerate it. Start the emulator with
the movies scenario and short operations, then point this script at it:

    runtrace emulator --listen 127.0.0.1:0 --scenario movies --operation-seconds 1 --deployment-seconds 2
    python check.py --endpoint http://127.0.0.1:PORT

The X-Ray checks live in xray_checks.py, the Transaction Search ones (X-Ray's Transaction
Search operations and CloudWatch Logs Insights) in transaction_search_checks.py, the ECS Express
ones in ecs_checks.py (they want short deployments: --deployment-seconds 2), next to this file.
Exit status is non-zero on any failure; the last line is always "N passed, N failed".
"""

import argparse
import os
import sys
import time
import traceback

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

REGION = "us-east-1"
CONFIG_NAME = "conformance-xray"


class Results:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def run(self, name, check, *args):
        """Runs one check; any exception (a failed expectation or a botocore parse error) fails it."""
        try:
            check(*args)
        except Exception as error:  # noqa: BLE001 - every kind of failure is reported the same way
            self.failed += 1
            print(f"FAIL {name}: {type(error).__name__}: {error}")
            if os.environ.get("CONFORMANCE_TRACEBACK"):
                traceback.print_exc()
            return
        self.passed += 1
        print(f"PASS {name}")


def expect(condition, message):
    if not condition:
        raise AssertionError(message)


def expect_error(code, call, **params):
    """Calls an operation that must fail with the given AWS error code; returns the error."""
    try:
        call(**params)
    except ClientError as error:
        got = error.response["Error"]["Code"]
        expect(got == code, f"expected {code}, got {got}: {error}")
        return error
    raise AssertionError(f"expected {code}, but the call succeeded")


def wait_for(client, arn, status, timeout_s):
    """Polls DescribeService until the service reaches `status`, as a console would."""
    deadline = time.monotonic() + timeout_s
    while True:
        service = client.describe_service(ServiceArn=arn)["Service"]
        if service["Status"] == status:
            return service
        expect(time.monotonic() < deadline, f"still {service['Status']} after {timeout_s}s, waiting for {status}")
        time.sleep(0.2)


def find_service(client):
    summaries = client.list_services()["ServiceSummaryList"]
    expect(summaries, "ListServices returned no services: start the emulator with --scenario movies")
    by_name = {s["ServiceName"]: s for s in summaries}
    return (by_name.get("movies_app") or summaries[0])["ServiceArn"]


class AppRunnerChecks:
    def __init__(self, client, timeout_s):
        self.client = client
        self.timeout_s = timeout_s
        self.arn = None
        self.config_arns = []

    def list_services(self):
        self.arn = find_service(self.client)
        # botocore ships no App Runner paginators: follow NextToken by hand, as a console would.
        paged, params = [], {"MaxResults": 1}
        while True:
            page = self.client.list_services(**params)
            paged += [s["ServiceArn"] for s in page["ServiceSummaryList"]]
            if "NextToken" not in page:
                break
            params["NextToken"] = page["NextToken"]
        whole = [s["ServiceArn"] for s in self.client.list_services()["ServiceSummaryList"]]
        expect(paged == whole, f"paging with MaxResults=1 gave {paged}, one call gave {whole}")

    def describe_service(self):
        service = self.client.describe_service(ServiceArn=self.arn)["Service"]
        expect(service["Status"] == "RUNNING", f"status {service['Status']}")
        expect(len(service["ServiceId"]) == 32, f"ServiceId {service['ServiceId']}")
        image = service["SourceConfiguration"]["ImageRepository"]
        expect(image["ImageRepositoryType"] == "ECR", f"image repository {image}")
        expect("Cpu" in service["InstanceConfiguration"], "InstanceConfiguration without Cpu")
        expect(service["CreatedAt"] <= service["UpdatedAt"], "UpdatedAt before CreatedAt")
        expect("ObservabilityEnabled" in service["ObservabilityConfiguration"], "no ObservabilityEnabled")

    def observability_configurations(self):
        listed = self.client.list_observability_configurations()["ObservabilityConfigurationSummaryList"]
        names = [c["ObservabilityConfigurationName"] for c in listed]
        expect("DefaultConfiguration" in names, f"no DefaultConfiguration among {names}")
        for _ in range(2):
            created = self.client.create_observability_configuration(
                ObservabilityConfigurationName=CONFIG_NAME, TraceConfiguration={"Vendor": "AWSXRAY"}
            )["ObservabilityConfiguration"]
            expect(created["Latest"] and created["Status"] == "ACTIVE", f"new revision {created}")
            self.config_arns.append(created["ObservabilityConfigurationArn"])
        revisions = [int(a.split("/")[-2]) for a in self.config_arns]
        expect(revisions[1] == revisions[0] + 1, f"revisions {revisions}")
        latest = self.client.list_observability_configurations(ObservabilityConfigurationName=CONFIG_NAME)
        latest = latest["ObservabilityConfigurationSummaryList"]
        expect([c["ObservabilityConfigurationRevision"] for c in latest] == [revisions[1]], f"LatestOnly: {latest}")
        every = self.client.list_observability_configurations(ObservabilityConfigurationName=CONFIG_NAME, LatestOnly=False)
        every = [c["ObservabilityConfigurationRevision"] for c in every["ObservabilityConfigurationSummaryList"]]
        expect(revisions[0] in every and revisions[1] in every, f"LatestOnly=false: {every}")
        by_name = self.config_arns[0].rsplit("/", 2)[0]
        described = self.client.describe_observability_configuration(ObservabilityConfigurationArn=by_name)
        described = described["ObservabilityConfiguration"]
        expect(described["ObservabilityConfigurationRevision"] == revisions[1], f"…/name resolved to {described}")
        expect(described["TraceConfiguration"]["Vendor"] == "AWSXRAY", f"vendor {described}")

    def tracing_toggle(self):
        before = self.client.describe_service(ServiceArn=self.arn)["Service"]["ObservabilityConfiguration"]
        pinned = self.config_arns[0]
        updated = self.client.update_service(
            ServiceArn=self.arn,
            ObservabilityConfiguration={"ObservabilityEnabled": True, "ObservabilityConfigurationArn": pinned},
        )
        expect(updated["Service"]["Status"] == "OPERATION_IN_PROGRESS", f"status {updated['Service']['Status']}")
        operation_id = updated["OperationId"]
        expect_error("InvalidStateException", self.client.pause_service, ServiceArn=self.arn)
        service = wait_for(self.client, self.arn, "RUNNING", self.timeout_s)
        observability = service["ObservabilityConfiguration"]
        expect(observability == {"ObservabilityEnabled": True, "ObservabilityConfigurationArn": pinned}, f"{observability}")
        newest = self.client.list_operations(ServiceArn=self.arn)["OperationSummaryList"][0]
        expect(newest["Id"] == operation_id and newest["Status"] == "SUCCEEDED", f"newest operation {newest}")
        expect(newest["Type"] == "UPDATE_SERVICE" and newest["EndedAt"] >= newest["StartedAt"], f"{newest}")
        expect_error("InvalidRequestException", self.client.delete_observability_configuration, ObservabilityConfigurationArn=pinned)

        self.client.update_service(ServiceArn=self.arn, ObservabilityConfiguration={"ObservabilityEnabled": False})
        service = wait_for(self.client, self.arn, "RUNNING", self.timeout_s)
        expect(service["ObservabilityConfiguration"] == {"ObservabilityEnabled": False}, f"{service['ObservabilityConfiguration']}")
        for arn in self.config_arns:
            deleted = self.client.delete_observability_configuration(ObservabilityConfigurationArn=arn)
            expect(deleted["ObservabilityConfiguration"]["Status"] == "INACTIVE", f"deleted {deleted}")
        # Leave the service as the scenario made it, so the X-Ray checks see its traffic.
        self.client.update_service(ServiceArn=self.arn, ObservabilityConfiguration=before)
        wait_for(self.client, self.arn, "RUNNING", self.timeout_s)

    def pause_and_resume(self):
        paused = self.client.pause_service(ServiceArn=self.arn)
        expect(paused["Service"]["Status"] == "OPERATION_IN_PROGRESS", f"{paused['Service']['Status']}")
        wait_for(self.client, self.arn, "PAUSED", self.timeout_s)
        expect_error(
            "InvalidStateException",
            self.client.update_service,
            ServiceArn=self.arn,
            ObservabilityConfiguration={"ObservabilityEnabled": False},
        )
        expect_error("InvalidStateException", self.client.pause_service, ServiceArn=self.arn)
        self.client.resume_service(ServiceArn=self.arn)
        wait_for(self.client, self.arn, "RUNNING", self.timeout_s)
        kinds = [o["Type"] for o in self.client.list_operations(ServiceArn=self.arn, MaxResults=2)["OperationSummaryList"]]
        expect(kinds == ["RESUME_SERVICE", "PAUSE_SERVICE"], f"newest operations {kinds}")

    def errors(self):
        ghost = self.arn.rsplit("/", 2)[0] + "/ghost_service/" + "0" * 32
        expect_error("ResourceNotFoundException", self.client.describe_service, ServiceArn=ghost)
        error = expect_error("InvalidRequestException", self.client.list_services, MaxResults=21)
        expect(error.response["ResponseMetadata"]["HTTPStatusCode"] == 400, "MaxResults error is not a 400")
        expect_error("InvalidRequestException", self.client.list_services, NextToken="not-a-token")
        expect_error(
            "InvalidRequestException",
            self.client.create_observability_configuration,
            ObservabilityConfigurationName="DefaultConfiguration",
        )


def wrong_secret_is_refused(endpoint):
    client = boto3.client(
        "apprunner", endpoint_url=endpoint, region_name=REGION,
        aws_access_key_id="test", aws_secret_access_key="not-the-secret",
        config=Config(retries={"max_attempts": 1}),
    )
    error = expect_error("InvalidSignatureException", client.list_services)
    expect(error.response["ResponseMetadata"]["HTTPStatusCode"] == 403, "signature error is not a 403")


def checks_module(results, module, *clients):
    """Runs the checks of a module next to this file; a missing module fails the run."""
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    outcome = {}

    def run():
        outcome["counts"] = __import__(module).run(*clients)

    results.run(module, run)
    counts = outcome.get("counts")
    if isinstance(counts, tuple) and len(counts) == 2:
        results.passed += counts[0]
        results.failed += counts[1]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--endpoint", required=True, help="the emulator's URL, e.g. http://127.0.0.1:4566")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds to wait for an operation to end")
    args = parser.parse_args()

    session = boto3.session.Session(aws_access_key_id="test", aws_secret_access_key="test", region_name=REGION)
    config = Config(retries={"max_attempts": 3, "mode": "standard"})
    apprunner = session.client("apprunner", endpoint_url=args.endpoint, config=config)
    results = Results()
    checks = AppRunnerChecks(apprunner, args.timeout)
    results.run("ListServices", checks.list_services)
    if checks.arn is not None:
        results.run("DescribeService", checks.describe_service)
        results.run("ObservabilityConfigurations", checks.observability_configurations)
        if checks.config_arns:
            results.run("TracingToggle", checks.tracing_toggle)
        results.run("PauseResume", checks.pause_and_resume)
        results.run("Errors", checks.errors)
    results.run("WrongSecret", wrong_secret_is_refused, args.endpoint)
    xray = session.client("xray", endpoint_url=args.endpoint, config=config)
    checks_module(results, "xray_checks", xray)
    logs = session.client("logs", endpoint_url=args.endpoint, config=config)
    checks_module(results, "transaction_search_checks", xray, logs)
    ecs = session.client("ecs", endpoint_url=args.endpoint, config=config)
    checks_module(results, "ecs_checks", ecs, args.endpoint)
    print(f"{results.passed} passed, {results.failed} failed")
    return 1 if results.failed else 0


if __name__ == "__main__":
    sys.exit(main())
