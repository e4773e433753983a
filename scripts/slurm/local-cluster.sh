#!/usr/bin/env bash
# A single-node Slurm "cluster" on this machine, for testing the job arrays `cortex report
# --emit-slurm` writes: munged, slurmctld and slurmd (Debian's slurm-wlm and munge, installed by
# `scripts/setup-system.sh --slurm`), all as root, on 127.0.0.1, with everything — configuration,
# state, spool, logs, munge socket — in one folder. The machine's own /etc/slurm is not touched.
#
#   scripts/slurm/local-cluster.sh start DIR   # writes DIR/slurm.conf, starts the daemons, waits for the node
#   scripts/slurm/local-cluster.sh stop DIR    # stops the daemons started from DIR
#
# Clients (sbatch, squeue, sacct) find the cluster through `export SLURM_CONF=DIR/slurm.conf`.
# Process tracking without cgroups (ProctrackType=proctrack/linuxproc, TaskPlugin=task/none), so it
# also runs in containers. Ports: SLURM_TEST_PORT (slurmctld, default 6817) and the next one (slurmd).
set -euo pipefail

usage() { echo "usage: $0 start|stop DIR" >&2; exit 64; }
(($# == 2)) || usage
action=$1
dir=$(realpath -m "$2")
conf=$dir/slurm.conf

stop_pid_file() {                       # stops the daemon whose pid the file names, if it runs
    local file=$1 pid
    [[ -f $file ]] || return 0
    pid=$(<"$file")
    if [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null; then
        kill "$pid"
        for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
    fi
    rm -f "$file"
}

case $action in
start)
    [[ $(id -u) -eq 0 ]] || { echo "local-cluster: slurmd runs jobs as any user, so it must start as root" >&2; exit 1; }
    for tool in munged slurmctld slurmd sbatch sinfo; do
        command -v "$tool" >/dev/null || { echo "local-cluster: $tool missing: run scripts/setup-system.sh --slurm" >&2; exit 1; }
    done
    mkdir -p "$dir"/{state,spool,munge}
    chmod 700 "$dir/munge"
    port=${SLURM_TEST_PORT:-6817}
    node=$(hostname -s)
    cpus=$(nproc)
    memory=$(( $(awk '/MemTotal/ {print $2}' /proc/meminfo) / 1024 * 9 / 10 ))   # MB, with headroom
    key=$dir/munge/munge.key
    [[ -f $key ]] || { head -c 1024 /dev/urandom >"$key"; chmod 400 "$key"; }
    munged --force --key-file="$key" --socket="$dir/munge/munge.socket" --pid-file="$dir/munge/munged.pid" \
        --log-file="$dir/munge/munged.log" --seed-file="$dir/munge/munged.seed"
    cat >"$conf" <<CONF
ClusterName=cortexkit-test
SlurmctldHost=$node(127.0.0.1)
SlurmctldPort=$port
SlurmdPort=$((port + 1))
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$dir/munge/munge.socket
CredType=cred/munge
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/slurmctld.log
SlurmdLogFile=$dir/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
MpiDefault=none
ReturnToService=2
NodeName=$node NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=$memory State=UNKNOWN
PartitionName=local Nodes=$node Default=YES MaxTime=INFINITE State=UP
CONF
    export SLURM_CONF=$conf
    slurmctld -f "$conf" -c           # -c: start from a clean state (no jobs of an earlier run)
    slurmd -f "$conf"
    for _ in $(seq 60); do
        state=$(sinfo -h -n "$node" -o %T 2>/dev/null || true)
        [[ $state == idle* || $state == mix* || $state == alloc* ]] && { echo "local-cluster: node $node $state (SLURM_CONF=$conf)"; exit 0; }
        sleep 1
    done
    echo "local-cluster: the node did not become idle (state '${state:-none}'); logs in $dir" >&2
    tail -n 20 "$dir/slurmctld.log" "$dir/slurmd.log" >&2 || true
    exit 1
    ;;
stop)
    stop_pid_file "$dir/slurmd.pid"
    stop_pid_file "$dir/slurmctld.pid"
    stop_pid_file "$dir/munge/munged.pid"
    echo "local-cluster: stopped the daemons of $dir"
    ;;
*) usage ;;
esac
