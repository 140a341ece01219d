# The Orleans silo of the production profile (src/Silo): silo port 11111, gateway port 30000, HTTP 8080
# (/health/live, /health/ready, /metrics). Build from the repository root:
#   docker build -f deploy/docker/silo.Dockerfile -t batch-calling/silo:dev .
# Without a registry, from a host's self-contained publish: deploy/images.sh --from-host (deploy/docker/README.md).
# gateway.Dockerfile and platform.Dockerfile are this file with another project, ports and health path: keep them in step.

ARG SDK_IMAGE=mcr.microsoft.com/dotnet/sdk:10.0
ARG RUNTIME_IMAGE=mcr.microsoft.com/dotnet/aspnet:10.0

# ---- publish: restore first (a layer cached until a project file changes), then publish framework-dependent.
FROM ${SDK_IMAGE} AS publish
WORKDIR /src
COPY Directory.Build.props Directory.Packages.props ./
COPY src/Grains.Abstractions/BatchCalling.Grains.Abstractions.csproj src/Grains.Abstractions/
COPY src/Grains/BatchCalling.Grains.csproj src/Grains/
COPY src/Silo/BatchCalling.Silo.csproj src/Silo/
RUN dotnet restore src/Silo/BatchCalling.Silo.csproj
COPY src/Grains.Abstractions/ src/Grains.Abstractions/
COPY src/Grains/ src/Grains/
COPY src/Silo/ src/Silo/
# The grains embed the schema scripts.
COPY deploy/sql/ deploy/sql/
RUN dotnet publish src/Silo/BatchCalling.Silo.csproj -c Release --no-restore -o /app

# ---- runtime: everything but the application, shared by both ways of building.
FROM ${RUNTIME_IMAGE} AS runtime
ARG VERSION=dev
LABEL org.opencontainers.image.title="batch-calling silo" org.opencontainers.image.version="${VERSION}"
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
EXPOSE 8080 11111 30000
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
    CMD ["curl", "-fsS", "-o", "/dev/null", "http://127.0.0.1:8080/health/live"]
# On SIGTERM the silo leaves the cluster within 60 s: stop it with a longer grace (docker stop -t 90).
ENTRYPOINT ["/app/BatchCalling.Silo"]

# ---- from-host (--target from-host): the build context is a host's `dotnet publish -r linux-x64 --self-contained`.
FROM runtime AS from-host
COPY . /app/

# ---- the default: the publish stage's output.
FROM runtime
COPY --from=publish /app /app/
