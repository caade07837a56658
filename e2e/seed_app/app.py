"""The movies API of AWS's App Runner + X-Ray blog post: Flask in front of the DynamoDB table
`movies-app` (hash key `year`, range key `title`). It serves on 127.0.0.1:$MOVIES_PORT and finds
DynamoDB at $MOVIES_DYNAMODB_ENDPOINT.

Without MOVIES_TRACING it holds no tracing code: OpenTelemetry is applied from outside, as in the
post (`opentelemetry-instrument python3 app.py`). MOVIES_TRACING=xray-sdk traces it with the AWS
X-Ray SDK for Python instead, sending to the daemon at AWS_XRAY_DAEMON_ADDRESS.
"""

import os

import boto3
from botocore.exceptions import ClientError
from flask import Flask, request

app = Flask(__name__)

if os.environ.get("MOVIES_TRACING") == "xray-sdk":
    from aws_xray_sdk.core import patch, xray_recorder
    from aws_xray_sdk.ext.flask.middleware import XRayMiddleware

    # The default sampler stays on: it fetches the daemon's centralized rules on the first request.
    xray_recorder.configure(
        service="movies_app", daemon_address=os.environ["AWS_XRAY_DAEMON_ADDRESS"]
    )
    XRayMiddleware(app, xray_recorder)
    patch(("boto3",))

# Any credentials do for the local DynamoDB the test runs.
table = boto3.resource(
    "dynamodb",
    endpoint_url=os.environ["MOVIES_DYNAMODB_ENDPOINT"],
    region_name="us-east-1",
    aws_access_key_id="test",
    aws_secret_access_key="test",
).Table("movies-app")


@app.get("/movies")
def list_movies():
    return table.scan()["Items"]


@app.get("/movies/<int:year>/<title>")
def get_movie(year, title):
    movie = table.get_item(Key={"year": year, "title": title}).get("Item")
    if movie is None:
        return {"error": "movie not found"}, 404
    # The deliberate bug behind the post's 500s: a rating stored as text makes this raise a
    # TypeError after the GetItem call, so the failing request's trace shows both.
    movie["stars"] = "*" * round(movie.get("rating", 0) / 2)
    return movie


@app.post("/movies")
def create_movie():
    movie = request.get_json(silent=True)
    if not (
        isinstance(movie, dict)
        and isinstance(movie.get("year"), int)
        and isinstance(movie.get("title"), str)
    ):
        return {"error": "year and title are required"}, 400
    table.put_item(Item=movie)
    return movie, 201


@app.put("/movies/<int:year>/<title>")
def update_movie(year, title):
    changes = request.get_json(silent=True)
    if not isinstance(changes, dict) or not changes or {"year", "title"} & changes.keys():
        return {"error": "send a JSON object of attributes other than year and title"}, 400
    try:
        movie = table.update_item(
            Key={"year": year, "title": title},
            UpdateExpression="SET " + ", ".join(f"#n{i} = :v{i}" for i in range(len(changes))),
            ExpressionAttributeNames={f"#n{i}": name for i, name in enumerate(changes)},
            ExpressionAttributeValues={f":v{i}": value for i, value in enumerate(changes.values())},
            # Updating a missing movie would create it; answer 404 instead.
            ConditionExpression="attribute_exists(title)",
            ReturnValues="ALL_NEW",
        )["Attributes"]
    except ClientError as error:
        if error.response["Error"]["Code"] != "ConditionalCheckFailedException":
            raise
        return {"error": "movie not found"}, 404
    return movie


@app.delete("/movies/<int:year>/<title>")
def delete_movie(year, title):
    table.delete_item(Key={"year": year, "title": title})
    return "", 204


if __name__ == "__main__":
    app.run(host="127.0.0.1", port=int(os.environ["MOVIES_PORT"]))
