import json
from bytestack import ByteStack

client = ByteStack()

# List all result files
files = client.storage.list()
for f in files:
    print(f"{f.key}{f.size_bytes} bytes — {f.created_at}")

# Download and parse the most recent result
latest = files[0]
data = client.storage.download(latest.key)
result = json.loads(data)

print("Summary:", result["result"]["summary"])
print("Total results:", result["result"]["total_results"])

# Process each record
for record in result["result"]["records"]:
    print(record)
