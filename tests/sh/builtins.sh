# test, read, printf, getopts, eval, ., command, export, readonly, unset.
t() { if "$@"; then echo "T: $*"; else echo "F($?): $*"; fi; }
t test -n abc; t test -z abc; t test -z ""; t [ abc ]; t [ "" ]
t [ a = a ]; t [ a != a ]; t [ a \< b ]; t [ b \> a ]
t [ 5 -eq 5 ]; t [ 5 -ne 5 ]; t [ 3 -lt 5 ]; t [ 3 -le 3 ]; t [ 5 -gt 3 ]; t [ 3 -ge 5 ]
t [ -d /tmp ]; t [ -f /tmp ]; t [ -e /nonexistent ]; t [ -f /bin/cat ]; t [ -x /bin/cat ]
t [ ! -d /tmp ]; t [ -d /tmp -a -e /bin ]; t [ -d /nope -o -e /bin ]; t [ \( 1 -eq 2 \) -o 3 -eq 3 ]
t [ -n ]; t [ ! ]; t [ = ]; t test; t [ ]
t [ 1 -eq x ] 2>/dev/null
t [ -s /tmp/nonexistent ]; t [ -r /bin/cat ]; t [ -w /tmp ]
printf 'a b c d\n' | { read x y; echo "x=$x y=$y"; }
printf '  lead  trail  \n' | { read x; echo "[$x]"; }
printf 'a:b:c\n' | { IFS=: read x y z; echo "$x|$y|$z"; }
printf 'back\\slash\n' | { read x; echo "$x"; }
printf 'back\\slash\n' | { read -r x; echo "$x"; }
printf 'no newline' | { read x; echo "status $? [$x]"; }
printf 'one\ntwo\n' | { read a; read b; echo "$b$a"; }
printf '%s-%d-%03d-%x-%o-%c-%5.2s|\n' str 42 7 255 8 char abcdef
printf '%-5s|%5s|%%|%b\n' ab cd 'tab\there'
printf 'reuse %s\n' a b c
printf '%d %d\n' 1 2 3
printf "%s\n" "'quoted"
printf '%i %u\n' -3 3
printf 'no args %s|%d\n'
parse() {
	OPTIND=1
	while getopts ab:c name; do
		case $name in
		a) echo "opt a" ;;
		b) echo "opt b=$OPTARG" ;;
		c) echo "opt c" ;;
		?) echo "bad option" ;;
		esac
	done
	shift $((OPTIND - 1))
	echo "rest: $*"
}
parse -a -b val -c file1 file2
parse -acb joined -- -x
parse -z 2>/dev/null
eval 'echo eval works; e=1'
echo "e=$e"
cmd='echo "$((2 + 3))"'
eval "$cmd"
echo 'echo sourced $1; sourced_var=yes' > /tmp/dot.$$
. /tmp/dot.$$
echo "sourced_var=$sourced_var"
rm /tmp/dot.$$
command -v cd; command -v cat >/dev/null && echo "cat found"; command -v nosuch || echo "not found $?"
echo() { printf 'fn-echo\n'; }
echo x; command echo real echo
unset -f echo
export EXP=exported
env | while read l; do case $l in EXP=*) echo "env has $l";; esac; done
NOEXP=no; env | while read l; do case $l in NOEXP=*) echo "wrong";; esac; done
TEMP=temporary env | while read l; do case $l in TEMP=*) echo "temp $l";; esac; done
echo "TEMP=${TEMP-unset}"
readonly RO=fixed
(RO=changed) 2>/dev/null || echo "readonly refused"
(unset RO) 2>/dev/null; echo "unset readonly $?"; echo "RO=$RO"
unset EXP; echo "EXP=${EXP-unset}"
true; echo $?; false; echo $?; :; echo $?
type cd | { read a b c; echo "$a $b $c"; }
echo 'e\tscape \0101' "back\\\\slash"; echo 'stop\c' never; echo
echo -n "no newline|"; echo "after"
hash cat && echo "hash finds cat"
times > /dev/null && echo "times runs"
