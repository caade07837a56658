"""Transaction Search conformance: X-Ray's six Transaction Search operations and CloudWatch Logs'
StartQuery / GetQueryResults / StopQuery, called through boto3 against the `movies` scenario.

The checks turn Transaction Search on (destination CloudWatchLogs, 100 % indexing so the X-Ray
checks that may run later still see every trace), send a trace, find it in `aws/spans` with Logs
Insights, read it back with trace retrieval, then turn Transaction Search off again. botocore
parses every answer against its own models, so a wrong shape fails here.

check.py calls run(xray, logs); it returns (passed, 0) or raises AssertionError naming every
failed check.
"""

import json
import time
import traceback

from botocore.exceptions import ClientError

POLL_SECONDS = 0.25
TIMEOUT_SECONDS = 30


def expect(condition, message):
    if not condition:
        raise AssertionError(message)


def expect_error(code, call, **params):
    try:
        call(**params)
    except ClientError as error:
        got = error.response["Error"]["Code"]
        expect(got == code, f"expected {code}, got {got}: {error}")
        return error.response
    raise AssertionError(f"expected {code} from {params}, but the call succeeded")


def poll(describe, done):
    """Calls describe() until done(answer) holds, as a console polls."""
    deadline = time.monotonic() + TIMEOUT_SECONDS
    while True:
        answer = describe()
        if done(answer):
            return answer
        expect(time.monotonic() < deadline, f"still not done after {TIMEOUT_SECONDS}s: {answer}")
        time.sleep(POLL_SECONDS)


class TransactionSearchChecks:
    def __init__(self, xray, logs):
        self.xray = xray
        self.logs = logs
        now = time.time()
        self.trace_id = f"1-{int(now):08x}-{int(now * 1000) % (1 << 96):024x}"
        self.document = json.dumps({
            "name": "ts-conformance", "id": "c0ffee00000000a1", "trace_id": self.trace_id,
            "start_time": now - 2, "end_time": now - 1, "origin": "AWS::AppRunner::Service",
            "http": {"request": {"method": "GET", "url": "https://ts.example/items"}, "response": {"status": 503}},
            "fault": True,
        })

    def destination(self):
        got = self.xray.get_trace_segment_destination()
        expect((got["Destination"], got["Status"]) == ("XRay", "ACTIVE"), f"destination {got}")
        rules = self.xray.get_indexing_rules()["IndexingRules"]
        expect([r["Name"] for r in rules] == ["Default"], f"rules {rules}")
        expect("DesiredSamplingPercentage" in rules[0]["Rule"]["Probabilistic"], f"rule {rules[0]}")
        updated = self.xray.update_indexing_rule(Name="Default", Rule={"Probabilistic": {"DesiredSamplingPercentage": 100}})
        expect(updated["IndexingRule"]["Rule"]["Probabilistic"]["DesiredSamplingPercentage"] == 100, f"{updated}")
        expect_error("ResourceNotFoundException", self.xray.update_indexing_rule, Name="Other",
                     Rule={"Probabilistic": {"DesiredSamplingPercentage": 5}})
        changed = self.xray.update_trace_segment_destination(Destination="CloudWatchLogs")
        expect((changed["Destination"], changed["Status"]) == ("CloudWatchLogs", "PENDING"), f"{changed}")
        poll(self.xray.get_trace_segment_destination, lambda d: d["Status"] == "ACTIVE")

    def spans_and_insights(self):
        put = self.xray.put_trace_segments(TraceSegmentDocuments=[self.document])
        expect(put["UnprocessedTraceSegments"] == [], f"refused {put}")
        w3c = self.trace_id[2:].replace("-", "")
        now = int(time.time())
        query = f'filter traceId = "{w3c}" and not ispresent(parentSpanId) | fields traceId, `attributes.http.response.status_code` as status, status.code'
        query_id = self.logs.start_query(logGroupName="aws/spans", startTime=now - 600, endTime=now + 60, queryString=query)["queryId"]
        done = poll(lambda: self.logs.get_query_results(queryId=query_id), lambda r: r["status"] == "Complete")
        rows = [{f["field"]: f["value"] for f in row} for row in done["results"]]
        expect(len(rows) == 1 and rows[0]["status"] == "503" and rows[0]["status.code"] == "ERROR", f"rows {rows}")
        expect("@ptr" in rows[0], f"no @ptr in {rows[0]}")
        stats = done["statistics"]
        expect(stats["bytesScanned"] > 0 and stats["recordsScanned"] >= stats["recordsMatched"] >= 1, f"statistics {stats}")
        expect_error("InvalidParameterException", self.logs.stop_query, queryId=query_id)
        refused = expect_error("MalformedQueryException", self.logs.start_query, logGroupName="aws/spans",
                               startTime=now - 60, endTime=now, queryString="fields traceId | frobnicate")
        location = refused["queryCompileError"]["location"]
        expect((location["startCharOffset"], location["endCharOffset"]) == (17, 27), f"location {location}")
        expect_error("ResourceNotFoundException", self.logs.start_query, logGroupName="/aws/nothing",
                     startTime=now - 60, endTime=now, queryString="fields @message")
        expect_error("ResourceNotFoundException", self.logs.get_query_results, queryId="no-such-query")
        running = self.logs.start_query(logGroupName="aws/spans", startTime=now - 60, endTime=now, queryString="stats count(*)")
        expect(self.logs.stop_query(queryId=running["queryId"])["success"] is True, "StopQuery of a running query")

    def retrieval(self):
        now = time.time()
        token = self.xray.start_trace_retrieval(TraceIds=[self.trace_id], StartTime=now - 600, EndTime=now + 60)["RetrievalToken"]
        done = poll(lambda: self.xray.list_retrieved_traces(RetrievalToken=token), lambda r: r["RetrievalStatus"] == "COMPLETE")
        expect(done["TraceFormat"] == "XRAY", f"format {done}")
        documents = [s["Document"] for t in done["Traces"] for s in t["Spans"]]
        expect(documents == [self.document], f"documents {documents}")
        otel = self.xray.list_retrieved_traces(RetrievalToken=token, TraceFormat="OTEL")
        span = json.loads(otel["Traces"][0]["Spans"][0]["Document"])
        expect(span["kind"] == "SERVER" and span["attributes"]["http.response.status_code"] == 503, f"span {span}")
        graph = self.xray.get_retrieved_traces_graph(RetrievalToken=token)
        names = sorted(s["Service"]["Name"] for s in graph["Services"])
        expect(names == ["client", "ts-conformance"], f"graph {names}")
        self.xray.cancel_trace_retrieval(RetrievalToken=token)
        expect_error("ResourceNotFoundException", self.xray.list_retrieved_traces, RetrievalToken="rt-unknown")
        expect_error("InvalidRequestException", self.xray.start_trace_retrieval, TraceIds=[], StartTime=now - 60, EndTime=now)

    def switch_back(self):
        self.xray.update_trace_segment_destination(Destination="XRay")
        poll(self.xray.get_trace_segment_destination, lambda d: (d["Destination"], d["Status"]) == ("XRay", "ACTIVE"))
        self.xray.update_indexing_rule(Name="Default", Rule={"Probabilistic": {"DesiredSamplingPercentage": 1}})


def run(xray, logs):
    checks = TransactionSearchChecks(xray, logs)
    failures, passed = [], 0
    for name in ("destination", "spans_and_insights", "retrieval", "switch_back"):
        try:
            getattr(checks, name)()
        except Exception as error:  # noqa: BLE001 - botocore parse errors count as failures too
            failures.append(f"{name}: {type(error).__name__}: {error}")
            print(f"FAIL transaction_search.{name}: {error}")
            traceback.print_exc()
            continue
        passed += 1
        print(f"PASS transaction_search.{name}")
    if failures:
        raise AssertionError("; ".join(failures))
    return (passed, 0)
