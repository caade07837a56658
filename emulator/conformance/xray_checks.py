"""X-Ray conformance: every X-Ray operation the emulator serves, called through boto3 against the
`movies` scenario. botocore parses each answer against its own service model, so a wrong shape
fails here; the checks then compare the content with what the scenario must contain.

check.py calls run(client) with a boto3 "xray" client pointed at the emulator. Each check prints
PASS/FAIL; run() raises AssertionError naming every failed check, or returns (passed, 0).
"""

import json
import time
import traceback

from botocore.exceptions import ClientError

HOUR = 3600


def expect(condition, message):
    if not condition:
        raise AssertionError(message)


def expect_invalid_request(call, **params):
    try:
        call(**params)
    except ClientError as error:
        code = error.response["Error"]["Code"]
        expect(code == "InvalidRequestException", f"expected InvalidRequestException, got {code}: {error}")
        return error.response["Error"].get("Message", "")
    raise AssertionError(f"expected InvalidRequestException from {params}, but the call succeeded")


class XRayChecks:
    def __init__(self, client):
        self.client = client
        self.end = time.time() + 60
        self.start = self.end - HOUR - 60
        self.window = {"StartTime": self.start, "EndTime": self.end}
        self.fault_ids = []

    def put_and_batch_get(self):
        now = time.time()
        trace_id = f"1-{int(now):08x}-{int(now * 1000) % (1 << 96):024x}"
        good = json.dumps({
            "name": "conformance", "id": "c0ffee0000000001", "trace_id": trace_id,
            "start_time": now - 1, "end_time": now, "origin": "AWS::AppRunner::Service",
            "http": {"request": {"method": "GET", "url": "https://conformance.example/"}, "response": {"status": 200}},
        })
        bad = json.dumps({"name": "conformance", "id": "nothex", "trace_id": trace_id, "start_time": now})
        put = self.client.put_trace_segments(TraceSegmentDocuments=[good, bad])
        refused = put["UnprocessedTraceSegments"]
        expect(len(refused) == 1 and refused[0]["Id"] == "nothex", f"UnprocessedTraceSegments {refused}")
        expect(refused[0].get("ErrorCode"), f"no ErrorCode in {refused[0]}")
        unknown = "1-00000000-000000000000000000000000"
        got = self.client.batch_get_traces(TraceIds=[trace_id, unknown])
        expect(got["UnprocessedTraceIds"] == [unknown], f"UnprocessedTraceIds {got['UnprocessedTraceIds']}")
        documents = [s["Document"] for s in got["Traces"][0]["Segments"]]
        expect(documents == [good], f"documents {documents}")
        expect_invalid_request(self.client.batch_get_traces, TraceIds=[trace_id] * 6)

    def trace_summaries(self):
        paginator = self.client.get_paginator("get_trace_summaries")
        summaries = []
        for page in paginator.paginate(FilterExpression="http.status = 500", **self.window):
            summaries += page["TraceSummaries"]
            expect(page["TracesProcessedCount"] >= len(page["TraceSummaries"]), "TracesProcessedCount too small")
        expect(summaries, "no trace answered 500 in the movies scenario")
        for summary in summaries:
            expect(summary["Http"]["HttpStatus"] == 500, f"status {summary['Http']}")
            expect(summary["HasFault"], f"HasFault false for {summary['Id']}")
            culprit = summary["FaultRootCauses"][0]["Services"][-1]
            expect(culprit["Name"] == "movies-app", f"root cause {culprit}")
            expect(summary["EntryPoint"]["Name"] == "movies_app", f"entry point {summary['EntryPoint']}")
        starts = [s["StartTime"] for s in summaries]
        expect(starts == sorted(starts, reverse=True), "summaries are not newest first")
        self.fault_ids = [s["Id"] for s in summaries[:5]]
        message = expect_invalid_request(self.client.get_trace_summaries, FilterExpression="http.status >", **self.window)
        expect("expected" in message, f"the parser's message is missing: {message!r}")
        expect_invalid_request(self.client.get_trace_summaries, StartTime=self.end, EndTime=self.start)

    def service_graph(self):
        services = self.client.get_service_graph(**self.window)["Services"]
        by_name = {s["Name"]: s for s in services}
        for name in ("client", "movies_app", "movies-app"):
            expect(name in by_name, f"no {name} node among {sorted(by_name)}")
        client, app, table = by_name["client"], by_name["movies_app"], by_name["movies-app"]
        expect(app["Type"] == "AWS::AppRunner::Service", f"movies_app type {app['Type']}")
        expect(table["Type"] == "AWS::DynamoDB::Table", f"movies-app type {table['Type']}")
        expect(app["ReferenceId"] in [e["ReferenceId"] for e in client["Edges"]], "client does not call movies_app")
        expect([e["ReferenceId"] for e in app["Edges"]] == [table["ReferenceId"]], "movies_app does not call movies-app")
        stats = app["SummaryStatistics"]
        parts = stats["OkCount"] + stats["ErrorStatistics"]["TotalCount"] + stats["FaultStatistics"]["TotalCount"]
        expect(parts == stats["TotalCount"], f"statistics do not add up: {stats}")
        expect(stats["ErrorStatistics"]["TotalCount"] > 0 and stats["FaultStatistics"]["TotalCount"] > 0, f"no 4xx/5xx: {stats}")
        expect(sum(h["Count"] for h in app["ResponseTimeHistogram"]) == stats["TotalCount"], "histogram count differs")

    def trace_graph(self):
        expect(self.fault_ids, "no fault trace ids (trace_summaries failed)")
        services = self.client.get_trace_graph(TraceIds=self.fault_ids)["Services"]
        table = next(s for s in services if s["Name"] == "movies-app")
        faults = table["SummaryStatistics"]["FaultStatistics"]["TotalCount"]
        expect(faults == len(self.fault_ids), f"{faults} table faults in {len(self.fault_ids)} failed traces")

    def time_series(self):
        graph = self.client.get_service_graph(**self.window)["Services"]
        total = next(s for s in graph if s["Name"] == "movies_app")["SummaryStatistics"]["TotalCount"]
        for selector in ('service("movies_app")', 'id(name: "movies_app", type: "AWS::AppRunner::Service")'):
            points = self.client.get_time_series_service_statistics(EntitySelectorExpression=selector, Period=60, **self.window)
            points = points["TimeSeriesServiceStatistics"]
            counted = sum(p["ServiceSummaryStatistics"]["TotalCount"] for p in points)
            # Live traffic may add requests between the two calls, never remove them.
            expect(counted >= total, f"{selector}: points add up to {counted}, the graph says {total}")
        edge = self.client.get_time_series_service_statistics(
            EntitySelectorExpression='edge("movies_app", "movies-app")', Period=300, **self.window
        )["TimeSeriesServiceStatistics"]
        expect(edge and all(p["Timestamp"].timestamp() % 300 == 0 for p in edge), "edge points not on 5-minute marks")
        expect_invalid_request(self.client.get_time_series_service_statistics, Period=90, **self.window)

    def groups(self):
        name = f"failures-{int(time.time() * 1000) % 10**9}"
        created = self.client.create_group(GroupName=name, FilterExpression="http.status >= 400")["Group"]
        expect(created["GroupName"] == name and created["GroupARN"].startswith("arn:aws:xray:"), f"group {created}")
        listed = [g["GroupName"] for g in self.client.get_groups()["Groups"]]
        expect("Default" in listed and name in listed, f"groups {listed}")
        got = self.client.get_group(GroupARN=created["GroupARN"])["Group"]
        expect(got["FilterExpression"] == "http.status >= 400", f"group {got}")
        services = self.client.get_service_graph(GroupName=name, **self.window)["Services"]
        app = next(s for s in services if s["Name"] == "movies_app")
        expect(app["SummaryStatistics"]["OkCount"] == 0, f"group graph holds successful requests: {app['SummaryStatistics']}")
        expect_invalid_request(self.client.create_group, GroupName=name, FilterExpression="fault")
        expect_invalid_request(self.client.create_group, GroupName="broken", FilterExpression="service(")

    def sampling(self):
        rules = self.client.get_sampling_rules()["SamplingRuleRecords"]
        expect([r["SamplingRule"]["RuleName"] for r in rules] == ["Default"], f"rules {rules}")
        expect(rules[0]["SamplingRule"]["FixedRate"] == 1.0, "the emulator's rule samples every request")
        statistics = [
            {"RuleName": "Default", "ClientID": "0" * 24, "Timestamp": time.time(), "RequestCount": 10, "SampledCount": 10, "BorrowCount": 1},
            {"RuleName": "nope", "ClientID": "1" * 24, "Timestamp": time.time(), "RequestCount": 1, "SampledCount": 0},
        ]
        targets = self.client.get_sampling_targets(SamplingStatisticsDocuments=statistics)
        expect([t["RuleName"] for t in targets["SamplingTargetDocuments"]] == ["Default"], f"targets {targets}")
        expect(targets["SamplingTargetDocuments"][0]["Interval"] == 10, f"targets {targets}")
        expect([u["RuleName"] for u in targets["UnprocessedStatistics"]] == ["nope"], f"unprocessed {targets}")


def run(xray):
    checks = XRayChecks(xray)
    failures, passed = [], 0
    for name in ("put_and_batch_get", "trace_summaries", "service_graph", "trace_graph", "time_series", "groups", "sampling"):
        try:
            getattr(checks, name)()
        except Exception as error:  # noqa: BLE001 - botocore parse errors count as failures too
            failures.append(f"{name}: {type(error).__name__}: {error}")
            print(f"FAIL xray.{name}: {error}")
            traceback.print_exc()
            continue
        passed += 1
        print(f"PASS xray.{name}")
    if failures:
        raise AssertionError("; ".join(failures))
    return (passed, 0)
