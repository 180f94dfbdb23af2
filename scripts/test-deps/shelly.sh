#!/usr/bin/env bash
# Shelly: nothing to install. No Shelly simulator exists in the npm/PyPI/NuGet registries (checked: see
# docs/drivers/shelly.md), so the tests start tests/Shared/RealServers/FakeShelly.cs, an in-process .NET HTTP server
# that serves Shelly's documented payloads. It needs only the .NET SDK. Idempotent; starts and leaves nothing running.
set -euo pipefail
echo "test-deps/shelly: nothing to install (tests use the in-process FakeShelly with documented payloads)"
