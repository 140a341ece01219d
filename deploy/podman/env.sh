# shellcheck shell=bash
# Sourced (". deploy/podman/env.sh"): points podman and buildah at a configuration of their own under
# ${BATCH_PODMAN_DIR:-/tmp/batch-calling-podman}, so nothing touches the machine's defaults (/etc/containers,
# /var/lib/containers). Then exports CONTAINERS_CONF and CONTAINERS_STORAGE_CONF for every podman call after it.
# Why each setting (see also shared/recipes/PODMAN.md for this kind of machine):
# - runtime = "runc": cgroups here are hybrid v1, which crun refuses;
# - default_ulimits: without them the first "podman run" fails (root cannot raise the hard nofile limit
#   past the host's, and podman caps nproc at 32768);
# - cgroupfs and a file events log: there is no systemd to manage scopes or take journald events.
BATCH_PODMAN_DIR=${BATCH_PODMAN_DIR:-/tmp/batch-calling-podman}
# Sourced, so no "set -e": a directory that cannot be made must stop here, or what follows would write to the current one.
if ! mkdir -p "$BATCH_PODMAN_DIR" || ! BATCH_PODMAN_DIR=$(cd "$BATCH_PODMAN_DIR" && pwd); then
  echo "env.sh: cannot use $BATCH_PODMAN_DIR for podman's state" >&2
  return 1
fi
# nofile: 20000, or the hard limit when it is lower.
batch_nofile=$(ulimit -Hn)
case "$batch_nofile" in unlimited) batch_nofile=20000 ;; esac
[ "$batch_nofile" -le 20000 ] || batch_nofile=20000
cat > "$BATCH_PODMAN_DIR/containers.conf" <<CONF
[containers]
default_ulimits = ["nofile=$batch_nofile:$batch_nofile", "nproc=32768:32768"]

[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
events_logger = "file"
events_logfile_path = "$BATCH_PODMAN_DIR/events.log"
tmp_dir = "$BATCH_PODMAN_DIR/tmp"

[network]
network_config_dir = "$BATCH_PODMAN_DIR/networks"
CONF
cat > "$BATCH_PODMAN_DIR/storage.conf" <<CONF
[storage]
driver = "overlay"
graphroot = "$BATCH_PODMAN_DIR/storage"
runroot = "$BATCH_PODMAN_DIR/run"
CONF
unset batch_nofile
export BATCH_PODMAN_DIR
export CONTAINERS_CONF="$BATCH_PODMAN_DIR/containers.conf"
export CONTAINERS_STORAGE_CONF="$BATCH_PODMAN_DIR/storage.conf"
