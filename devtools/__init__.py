"""Local tooling: DynamoDB Local and process helpers for tests, the demo and benchmarks. Not shipped."""
