#!/usr/bin/env bash
# Builds the three container images: batch-calling/silo, batch-calling/gateway and batch-calling/platform, tagged
# with VERSION (default: the short git commit, "-dirty" when the work tree has changes).
#
#   deploy/images.sh [--from-host] [--install] [VERSION]
#
# The normal way (users): each deploy/docker/<app>.Dockerfile restores and publishes in its SDK stage and copies the
# result onto the ASP.NET Core runtime image; both images come from Microsoft's registry (build arguments SDK_IMAGE
# and RUNTIME_IMAGE, passed through from the environment when set).
# --from-host (machines that reach no image registry): `dotnet publish -r linux-x64 --self-contained` on this host,
# then only the Dockerfiles' runtime stage (--target from-host) on the local Debian base localhost/batch-base:12,
# made first by deploy/docker/base.sh when missing. No SDK image is pulled or needed.
# --install: install missing container packages first (deploy/podman/install.sh; root or sudo).
#
# Engine: podman when installed (preferred), else docker; BATCH_ENGINE=podman|docker chooses. Podman runs with its
# own configuration and storage under ${BATCH_PODMAN_DIR:-/tmp/batch-calling-podman} (deploy/podman/env.sh), so
# run podman with the same CONTAINERS_CONF and CONTAINERS_STORAGE_CONF to see the images:
#   . deploy/podman/env.sh && podman images
set -euo pipefail

deploy=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$deploy/.." && pwd)
from_host=0 install=0 version=
for arg in "$@"; do
  case "$arg" in
    --from-host) from_host=1 ;;
    --install) install=1 ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    -*) echo "images.sh: unknown option $arg" >&2; exit 2 ;;
    *) version=$arg ;;
  esac
done

if [ -z "$version" ]; then
  version=$(git -C "$repo" rev-parse --short HEAD)
  [ -z "$(git -C "$repo" status --porcelain --untracked-files=no)" ] || version=$version-dirty
fi
[ "$version" != latest ] || { echo "images.sh: name a version, not only latest" >&2; exit 2; }

[ "$install" -eq 0 ] || "$deploy/podman/install.sh"
engine=${BATCH_ENGINE:-}
if [ -z "$engine" ]; then
  if command -v podman >/dev/null; then engine=podman
  elif command -v docker >/dev/null; then engine=docker
  else echo "images.sh: neither podman nor docker is installed (deploy/images.sh --install, or deploy/podman/install.sh)" >&2; exit 1
  fi
fi
export BATCH_ENGINE=$engine
build=("$engine" build)
if [ "$engine" = podman ]; then
  . "$deploy/podman/env.sh"
  # The OCI format, podman's default, drops HEALTHCHECK.
  build+=(--format docker)
fi

step() { # step LABEL COMMAND...: runs COMMAND, then says how long it took
  local start=$SECONDS
  "${@:2}"
  echo "images.sh: $1: $((SECONDS - start)) s" >&2
}

apps=(silo gateway platform)
declare -A project=(
  [silo]=src/Silo/BatchCalling.Silo.csproj
  [gateway]=src/Gateway/BatchCalling.Gateway.csproj
  [platform]=tools/SimulatedPlatform/BatchCalling.SimulatedPlatform.csproj
)

if [ "$from_host" -eq 1 ]; then
  base=${BATCH_BASE_IMAGE:-localhost/batch-base:12}
  if ! "$engine" image inspect "$base" >/dev/null 2>&1; then
    step "base image $base" "$deploy/docker/base.sh" "$base"
  fi
  out=${BATCH_PUBLISH_DIR:-${BATCH_PODMAN_DIR:-/tmp/batch-calling-podman}/publish}
  build+=(--target from-host --build-arg "RUNTIME_IMAGE=$base")
  # Everything is local: a stage that would need a registry fails at once instead of trying one.
  [ "$engine" = podman ] && build+=(--pull=never)
  for app in "${apps[@]}"; do
    rm -rf "${out:?}/$app"
    # Build output goes under $out/artifacts, not the source tree's bin/ and obj/ (its own RID, its own restore).
    step "publish $app" dotnet publish "$repo/${project[$app]}" -c Release -r linux-x64 --self-contained \
      --artifacts-path "$out/artifacts" -o "$out/$app" -nologo -v quiet
    # The build context is the publish folder itself, which the from-host stage copies to /app.
    step "image batch-calling/$app:$version" "${build[@]}" --build-arg "VERSION=$version" \
      -f "$deploy/docker/$app.Dockerfile" -t "batch-calling/$app:$version" "$out/$app"
  done
else
  for arg in SDK_IMAGE RUNTIME_IMAGE; do
    [ -z "${!arg:-}" ] || build+=(--build-arg "$arg=${!arg}")
  done
  for app in "${apps[@]}"; do
    step "image batch-calling/$app:$version" "${build[@]}" --build-arg "VERSION=$version" \
      -f "$deploy/docker/$app.Dockerfile" -t "batch-calling/$app:$version" "$repo"
  done
fi

for app in "${apps[@]}"; do
  "$engine" image inspect --format "batch-calling/$app:$version {{.Size}}" "batch-calling/$app:$version" |
    awk '{ printf "%s %.0f MB\n", $1, $2 / 1000000 }'
done
