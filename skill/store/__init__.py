"""Persistence for account links, behind the interface in base.py (pure persistence: it raises only
skill.store.errors). Backends: dynamodb/ (AWS, DynamoDB Local) and memory.py (functional tests).
Importing the package is cheap; neither boto3 nor cryptography loads before a backend needs it."""
