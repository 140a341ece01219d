# The simulated voice platform (tools/SimulatedPlatform): HTTP 8080, health at /health. Needs
# ConnectionStrings__Postgres (its call log) and Platform__Secret (the Standard Webhooks secret it signs with).
# Build from the repository root:
#   docker build -f deploy/docker/platform.Dockerfile -t batch-calling/platform:dev .
# Without a registry, from a host's self-contained publish: deploy/images.sh --from-host (deploy/docker/README.md).
# silo.Dockerfile, gateway.Dockerfile and this file differ only in project, ports and health path: keep them in step.

ARG SDK_IMAGE=mcr.microsoft.com/dotnet/sdk:10.0
ARG RUNTIME_IMAGE=mcr.microsoft.com/dotnet/aspnet:10.0

# ---- publish: restore first (a layer cached until a project file changes), then publish framework-dependent.
FROM ${SDK_IMAGE} AS publish
WORKDIR /src
COPY Directory.Build.props Directory.Packages.props ./
COPY tools/SimulatedPlatform/BatchCalling.SimulatedPlatform.csproj tools/SimulatedPlatform/
RUN dotnet restore tools/SimulatedPlatform/BatchCalling.SimulatedPlatform.csproj
COPY tools/SimulatedPlatform/ tools/SimulatedPlatform/
RUN dotnet publish tools/SimulatedPlatform/BatchCalling.SimulatedPlatform.csproj -c Release --no-restore -o /app

# ---- runtime: everything but the application, shared by both ways of building.
FROM ${RUNTIME_IMAGE} AS runtime
ARG VERSION=dev
LABEL org.opencontainers.image.title="batch-calling simulated platform" org.opencontainers.image.version="${VERSION}"
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
    CMD ["curl", "-fsS", "-o", "/dev/null", "http://127.0.0.1:8080/health"]
ENTRYPOINT ["/app/BatchCalling.SimulatedPlatform"]

# ---- from-host (--target from-host): the build context is a host's `dotnet publish -r linux-x64 --self-contained`.
FROM runtime AS from-host
COPY . /app/

# ---- the default: the publish stage's output.
FROM runtime
COPY --from=publish /app /app/
