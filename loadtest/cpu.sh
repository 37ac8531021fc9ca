#!/bin/bash
# Wall time and CPU of a command and of every process it starts, Chromium's renderers
# included (time(1) misses those): a cgroup v1 cpuacct group around it. Needs root and
# /sys/fs/cgroup/cpuacct (issue 17's figures in the README's "Measured").
#   sudo loadtest/cpu.sh NAME make test
name=$1; shift
cg=/sys/fs/cgroup/cpuacct/$name
mkdir -p $cg; echo 0 > $cg/cpuacct.usage
echo $$ > $cg/cgroup.procs
start=$(date +%s.%N)
"$@"; rc=$?
end=$(date +%s.%N)
echo "CPURUN $name: wall $(echo "$end - $start" | bc) s, cpu $(echo "scale=1; $(cat $cg/cpuacct.usage)/1000000000" | bc) s, user $(awk '/user/{print $2/100}' $cg/cpuacct.stat) sys $(awk '/system/{print $2/100}' $cg/cpuacct.stat), rc $rc, load $(cut -d' ' -f1-3 /proc/loadavg)"
