# set -e, set -u, set -x and $- (each in a child shell).
sh -c 'set -e; echo before; false; echo after'; echo "exit $?"
sh -c 'set -e; false || true; echo survives or'
sh -c 'set -e; if false; then :; fi; echo survives if'
sh -c 'set -e; ! true; echo survives not'
sh -c 'set -e; while false; do :; done; echo survives while'
sh -c 'set -e; f() { false; echo no; }; f; echo no'; echo "function exit $?"
sh -c 'set -e; (false); echo no'; echo "subshell exit $?"
sh -c 'set -e; false | true; echo survives pipeline'
sh -c 'set -e; true | false; echo no'; echo "pipeline exit $?"
sh -c 'set -e; x=$(false); echo no'; echo "assignment exit $?"
sh -c 'set -e; false && true; echo survives and'
sh -c 'set -u; echo ${unset_var-ok}; echo $unset_var; echo no' 2>/dev/null; echo "nounset exit $?"
sh -c 'set -u; echo "$@ $*" fine'
sh -c 'set -x; echo traced; x=1' 2>&1
sh -c 'set -ex; case $- in *e*x*|*x*e*) echo "both in \$-";; esac' 2>/dev/null
sh -c 'set -o errexit; set -o | while read n v; do [ $n = errexit ] && echo "errexit $v"; done'
sh -c 'set -- a b; set -e; echo "$# $1"'
sh -c 'exit 42'; echo "exit code $?"
sh -c 'echo $0 $1 $2' name one two
sh -c 'false; exit'; echo "bare exit $?"
sh -c 'echo one; nosuch_cmd_x' 2>&1; echo "not found $?"
sh -c 'echo ${unset_y?is not set}' 2>&1; echo "status $?"
sh -c 'nosuch_z' name 2>&1
