"""ECS conformance: every ECS operation the emulator serves (Express Mode services, the list calls
that find them, their deployments), called through boto3. botocore parses each answer against
its own service model, so a wrong shape fails here; the checks then compare the content with what
ECS documents. Start the emulator with short deployments (`--deployment-seconds 2`).

check.py calls run(client, endpoint) with a boto3 "ecs" client pointed at the emulator. Each check
prints PASS/FAIL; run() raises AssertionError naming every failed check, or returns (passed, 0).
"""

import json
import time
import traceback
import urllib.request

from botocore.exceptions import ClientError

ROLE = "arn:aws:iam::123456789012:role/"
XRAY = "https://xray.us-east-1.amazonaws.com/v1/traces"
TIMEOUT_S = 60


def expect(condition, message):
    if not condition:
        raise AssertionError(message)


def expect_error(code, call, **params):
    try:
        call(**params)
    except ClientError as error:
        got = error.response["Error"]["Code"]
        expect(got == code, f"expected {code}, got {got}: {error}")
        expect(error.response["Error"].get("Message"), f"{code} without a message")
        return error
    raise AssertionError(f"expected {code} from {params}, but the call succeeded")


class EcsChecks:
    def __init__(self, client, endpoint):
        self.client = client
        self.endpoint = endpoint
        self.arns = []

    def create(self):
        for name in ("conformance-api", "conformance-web"):
            service = self.client.create_express_gateway_service(
                serviceName=name,
                infrastructureRoleArn=ROLE + "infrastructure",
                executionRoleArn=ROLE + "execution",
                taskRoleArn=ROLE + "task",
                primaryContainer={"image": "public.ecr.aws/example/api:1", "containerPort": 8080,
                                  "environment": [{"name": "LOG_LEVEL", "value": "info"}]},
                scalingTarget={"minTaskCount": 1, "maxTaskCount": 2, "autoScalingMetric": "AVERAGE_CPU",
                               "autoScalingTargetValue": 60},
                tags=[{"key": "team", "value": "shop"}],
            )["service"]
            expect(service["status"]["statusCode"] == "ACTIVE", f"status {service['status']}")
            expect(service["serviceName"] == name, f"name {service['serviceName']}")
            expect(service["currentDeployment"].startswith("arn:aws:ecs:"), f"{service['currentDeployment']}")
            configuration = service["activeConfigurations"][0]
            endpoint = configuration["ingressPaths"][0]["endpoint"]
            expect(endpoint.endswith(".ecs.us-east-1.on.aws"), f"endpoint {endpoint}")
            expect(configuration["cpu"] == "256" and configuration["healthCheckPath"] == "/ping", f"{configuration}")
            self.arns.append(service["serviceArn"])
        expect_error("InvalidParameterException", self.client.create_express_gateway_service,
                     serviceName="conformance-api", infrastructureRoleArn=ROLE + "infrastructure",
                     executionRoleArn=ROLE + "execution", primaryContainer={"image": "api:1"})

    def list(self):
        clusters = [a for page in self.client.get_paginator("list_clusters").paginate() for a in page["clusterArns"]]
        expect(clusters == ["arn:aws:ecs:us-east-1:123456789012:cluster/default"], f"clusters {clusters}")
        paginator = self.client.get_paginator("list_services")
        pages = paginator.paginate(cluster=clusters[0], resourceManagementType="ECS", PaginationConfig={"PageSize": 1})
        listed = [a for page in pages for a in page["serviceArns"]]
        expect(listed == self.arns, f"listed {listed}, created {self.arns}")
        customer = self.client.list_services(resourceManagementType="CUSTOMER")["serviceArns"]
        expect(customer == [], f"CUSTOMER services {customer}")

    def describe(self):
        service = self.client.describe_express_gateway_service(serviceArn=self.arns[0], include=["TAGS"])["service"]
        expect(service["tags"] == [{"key": "team", "value": "shop"}], f"tags {service.get('tags')}")
        expect(service["createdAt"] <= service["updatedAt"], "updatedAt before createdAt")
        configuration = service["activeConfigurations"][0]
        expect(configuration["scalingTarget"]["maxTaskCount"] == 2, f"{configuration['scalingTarget']}")
        expect(configuration["serviceRevisionArn"].startswith("arn:aws:ecs:"), f"{configuration}")

    def update_and_follow(self):
        self.wait(self.arns[0], "SUCCESSFUL")
        updated = self.client.update_express_gateway_service(
            serviceArn=self.arns[0],
            primaryContainer={"image": "public.ecr.aws/example/api:1", "containerPort": 8080,
                              "environment": [{"name": "LOG_LEVEL", "value": "info"},
                                              {"name": "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "value": XRAY}]},
        )["service"]
        target = updated["targetConfiguration"]
        expect(len(target["primaryContainer"]["environment"]) == 2, f"{target['primaryContainer']}")
        expect(target["scalingTarget"]["maxTaskCount"] == 2, "members left out of the update must stay")
        newest = self.client.list_service_deployments(service=self.arns[0])["serviceDeployments"][0]
        expect(newest["status"] in ("PENDING", "IN_PROGRESS"), f"new deployment {newest['status']}")
        described = self.client.describe_service_deployments(serviceDeploymentArns=[newest["serviceDeploymentArn"]])
        deployment = described["serviceDeployments"][0]
        expect(deployment["deploymentConfiguration"]["strategy"] == "CANARY", f"{deployment['deploymentConfiguration']}")
        expect(deployment["targetServiceRevision"]["arn"] == target["serviceRevisionArn"], f"{deployment}")
        expect(len(deployment["sourceServiceRevisions"]) == 1, f"{deployment['sourceServiceRevisions']}")
        during = self.client.describe_express_gateway_service(serviceArn=self.arns[0])["service"]
        expect(len(during["activeConfigurations"]) == 2, "both revisions run during the deployment")
        done = self.wait(self.arns[0], "SUCCESSFUL")
        expect(done["finishedAt"] >= done["startedAt"], f"{done}")
        after = self.client.describe_express_gateway_service(serviceArn=self.arns[0])["service"]
        environment = after["activeConfigurations"][0]["primaryContainer"]["environment"]
        expect({"name": "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "value": XRAY} in environment, f"{environment}")
        missing = self.client.describe_service_deployments(
            serviceDeploymentArns=[newest["serviceDeploymentArn"].rsplit("/", 1)[0] + "/missing"])
        expect(missing["failures"][0]["reason"] == "MISSING", f"{missing}")

    def rollback(self):
        self.faults({"rollback_deployments": True})
        try:
            self.client.update_express_gateway_service(serviceArn=self.arns[0], cpu="1024")
            done = self.wait(self.arns[0], "ROLLBACK_SUCCESSFUL")
        finally:
            self.faults({})
        described = self.client.describe_service_deployments(serviceDeploymentArns=[done["serviceDeploymentArn"]])
        deployment = described["serviceDeployments"][0]
        expect(deployment["rollback"]["reason"], f"{deployment['rollback']}")
        expect(deployment["alarms"]["status"] == "TRIGGERED", f"{deployment['alarms']}")
        service = self.client.describe_express_gateway_service(serviceArn=self.arns[0])["service"]
        expect(service["activeConfigurations"][0]["cpu"] == "256", "the old configuration serves after a rollback")

    def delete(self):
        deleted = self.client.delete_express_gateway_service(serviceArn=self.arns[1])["service"]
        expect(deleted["status"]["statusCode"] == "DRAINING", f"{deleted['status']}")
        expect_error("ServiceNotActiveException", self.client.delete_express_gateway_service, serviceArn=self.arns[1])

    def errors(self):
        ghost = "arn:aws:ecs:us-east-1:123456789012:service/default/ghost"
        expect_error("ResourceNotFoundException", self.client.describe_express_gateway_service, serviceArn=ghost)
        expect_error("ServiceNotFoundException", self.client.update_express_gateway_service, serviceArn=ghost)
        expect_error("ServiceNotFoundException", self.client.list_service_deployments, service="ghost")
        expect_error("ClusterNotFoundException", self.client.list_services, cluster="nowhere")
        expect_error("InvalidParameterException", self.client.list_services, maxResults=101)
        expect_error("InvalidParameterException", self.client.list_clusters, nextToken="stale")
        expect_error("InvalidParameterException", self.client.update_express_gateway_service,
                     serviceArn=self.arns[0], cpu="300")

    def wait(self, arn, status):
        """Polls ListServiceDeployments until the newest deployment reaches `status`."""
        deadline = time.monotonic() + TIMEOUT_S
        while True:
            newest = self.client.list_service_deployments(service=arn)["serviceDeployments"][0]
            if newest["status"] == status:
                return newest
            expect(time.monotonic() < deadline, f"still {newest['status']} after {TIMEOUT_S}s, waiting for {status}")
            time.sleep(0.2)

    def faults(self, config):
        request = urllib.request.Request(
            self.endpoint + "/_emulator/faults", data=json.dumps(config).encode(), method="PUT",
            headers={"content-type": "application/json"})
        with urllib.request.urlopen(request, timeout=10) as answer:
            expect(answer.status == 200, f"PUT /_emulator/faults answered {answer.status}")


def run(ecs, endpoint):
    checks = EcsChecks(ecs, endpoint)
    failures, passed = [], 0
    for name in ("create", "list", "describe", "update_and_follow", "rollback", "delete", "errors"):
        try:
            getattr(checks, name)()
        except Exception as error:  # noqa: BLE001 - botocore parse errors count as failures too
            failures.append(f"{name}: {type(error).__name__}: {error}")
            print(f"FAIL ecs.{name}: {error}")
            traceback.print_exc()
            if name == "create":
                break
            continue
        passed += 1
        print(f"PASS ecs.{name}")
    if failures:
        raise AssertionError("; ".join(failures))
    return (passed, 0)
