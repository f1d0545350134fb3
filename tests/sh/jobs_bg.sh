# Background commands without job control: &, $!, wait, kill.
sleep 1 &
pid=$!
[ "$pid" -gt 0 ] && echo "have a pid"
wait $pid; echo "waited $?"
(exit 7) &
wait $!; echo "exit status $?"
(sleep 0.2; echo second) &
echo first
wait
echo "all done"
sleep 10 &
kill $!
wait $!; echo "killed $?"
sleep 10 &
kill -s INT %1 2>/dev/null || kill -INT $!
wait; echo "wait all $?"
wait 99999; echo "unknown pid $?"
{ echo a; echo b; } | cat &
wait
f() { echo "bg function $1"; }
f x &
wait
x=1; { x=2; } & wait; echo "x still $x"
echo done | read v &
wait
true & false &
wait $!; echo "last bg status $?"
