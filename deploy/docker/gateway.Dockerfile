# The HTTP gateway (src/Gateway): the API, /health/live and /health/ready on 8080. With no settings it runs the
# embedded default (a silo in-process, demo organization, key printed); Profile=Production makes it a thin client.
# Build from the repository root:
#   docker build -f deploy/docker/gateway.Dockerfile -t batch-calling/gateway:dev .
# Without a registry, from a host's self-contained publish: deploy/images.sh --from-host (deploy/docker/README.md).
# silo.Dockerfile, this file and platform.Dockerfile differ only in project, ports and health path: keep them in step.

ARG SDK_IMAGE=mcr.microsoft.com/dotnet/sdk:10.0
ARG RUNTIME_IMAGE=mcr.microsoft.com/dotnet/aspnet:10.0

# ---- publish: restore first (a layer cached until a project file changes), then publish framework-dependent.
FROM ${SDK_IMAGE} AS publish
WORKDIR /src
COPY Directory.Build.props Directory.Packages.props ./
COPY src/Grains.Abstractions/BatchCalling.Grains.Abstractions.csproj src/Grains.Abstractions/
COPY src/Grains/BatchCalling.Grains.csproj src/Grains/
COPY src/Gateway/BatchCalling.Gateway.csproj src/Gateway/
RUN dotnet restore src/Gateway/BatchCalling.Gateway.csproj
COPY src/Grains.Abstractions/ src/Grains.Abstractions/
COPY src/Grains/ src/Grains/
COPY src/Gateway/ src/Gateway/
# The grains embed the schema scripts.
COPY deploy/sql/ deploy/sql/
RUN dotnet publish src/Gateway/BatchCalling.Gateway.csproj -c Release --no-restore -o /app

# ---- runtime: everything but the application, shared by both ways of building.
FROM ${RUNTIME_IMAGE} AS runtime
ARG VERSION=dev
LABEL org.opencontainers.image.title="batch-calling gateway" org.opencontainers.image.version="${VERSION}"
# curl for the health check (Microsoft's runtime images have none; the local base of --from-host has it).
RUN command -v curl >/dev/null || { apt-get update && apt-get install -y --no-install-recommends curl \
      && rm -rf /var/lib/apt/lists/*; }
# Read-only root filesystem: nothing is written outside /tmp (mount a tmpfs there). The runtime's diagnostics
# socket, ASP.NET Core's buffered uploads and HOME (Data Protection's keys, ephemeral here) all go to /tmp.
ENV ASPNETCORE_HTTP_PORTS=8080 \
    DOTNET_RUNNING_IN_CONTAINER=true \
    TMPDIR=/tmp \
    HOME=/tmp
WORKDIR /app
USER 10001:10001
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
    CMD ["curl", "-fsS", "-o", "/dev/null", "http://127.0.0.1:8080/health/live"]
ENTRYPOINT ["/app/BatchCalling.Gateway"]

# ---- from-host (--target from-host): the build context is a host's `dotnet publish -r linux-x64 --self-contained`.
FROM runtime AS from-host
COPY . /app/

# ---- the default: the publish stage's output.
FROM runtime
COPY --from=publish /app /app/
