# Functions: arguments, return, local, recursion, redefinition.
greet() {
	echo "hello $1 ($#)"
}
greet world
greet "big world" extra
f() { return 7; }
f; echo "return $?"
g() { echo in g; return; echo not reached; }
g; echo "g $?"
h() { false; }
h; echo "h $?"
set -- outer args
show() { echo "inside: $# $*"; }
show a b c
echo "outside: $# $*"
x=global
scoped() { local x=local y; y=also; echo "$x $y"; }
scoped; echo "$x [${y-unset}]"
fact() {
	if [ $1 -le 1 ]; then echo 1; return; fi
	echo $(( $1 * $(fact $(($1 - 1))) ))
}
echo "fact 10 = $(fact 10)"
fib() { local n=$1; if [ $n -lt 2 ]; then r=$n; return; fi; fib $((n - 1)); local a=$r; fib $((n - 2)); r=$((a + r)); }
fib 15; echo "fib 15 = $r"
redefine() { echo first; }
redefine
redefine() { echo second; }
redefine
loop_ret() { for i in 1 2 3; do if [ $i = 2 ]; then return $i; fi; echo "i=$i"; done; }
loop_ret; echo "loop_ret $?"
env_func() { echo "V=$V"; }
V=1 env_func
echo "V after [${V-unset}]"
pipe_func() { while read l; do echo "got $l"; done; }
printf 'a\nb\n' | pipe_func
func_redir() { echo to file; } > /tmp/fn.$$
func_redir; cat /tmp/fn.$$; rm /tmp/fn.$$
unset -f greet
greet 2>/dev/null || echo "greet gone"
count() { echo $#; }
count "$@" ; count "" ; count
nested() { inner() { echo inner defined; }; inner; }
nested; inner
