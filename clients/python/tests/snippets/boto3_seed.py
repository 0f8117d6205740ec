import boto3
import json

s3 = boto3.client(
    "s3",
    endpoint_url="https://s3.us-east-1.amazonaws.com",
    aws_access_key_id="YOUR_ACCESS_KEY",
    aws_secret_access_key="YOUR_SECRET_KEY",
)

response = s3.get_object(
    Bucket="your-bucket-name",
    Key="job_01hx9jk2p4n5m6r7s8t9u0v1w/2026-04-30T08:00:00Z.json",
)

result = json.loads(response["Body"].read())
print(result["result"]["summary"])
