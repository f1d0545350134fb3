# if, while, until, for, case, break and continue, && || !.
for n in 1 2 3 4; do
	if [ $n -eq 1 ]; then echo one
	elif [ $n -eq 2 ]; then echo two
	elif [ $n = 3 ]
	then
		echo three
	else echo other; fi
done
i=0
while [ $i -lt 10 ]; do
	i=$((i + 1))
	[ $i -eq 2 ] && continue
	[ $i -eq 5 ] && break
	echo "while $i"
done
until [ $i -eq 0 ]; do i=$((i - 1)); done; echo "until done $i"
for a in x y; do
	for b in 1 2 3; do
		[ $b = 2 ] && continue 2
		echo "$a$b"
	done
done
for a in x y; do for b in 1 2; do echo "$a$b"; break 2; done; done
for w in "a b" c; do echo "[$w]"; done
set -- p q
for w; do echo "arg $w"; done
for w in; do echo never; done
d=/tmp/glob.$$; mkdir $d; : > $d/cat; : > $d/cut; : > $d/c.txt; : > $d/.cx
for f in $d/c*t /nonexistent* "$d/c*"; do echo "glob ${f#$d/}"; done
rm $d/cat $d/cut $d/c.txt $d/.cx; rm -r $d 2>/dev/null || rm $d 2>/dev/null
for s in hello.c README x.tar.gz '*' '?' abc; do
	case $s in
	*.c) echo "$s: C" ;;
	README|INSTALL) echo "$s: doc" ;;
	*.tar.*) echo "$s: tarball" ;;
	'*') echo "$s: star" ;;
	\?) echo "$s: question" ;;
	[a-b]??) echo "$s: class" ;;
	esac
done
case x in (x) echo paren pattern;; esac
case "" in "") echo empty matched;; esac
v=ab
case ab in $v) echo variable pattern;; esac
case 'a*' in "a*") echo quoted star;; *) echo wrong;; esac
case abc in a*) ;; *) echo wrong;; esac; echo "empty body $?"
true && echo and1 || echo or1
false && echo and2 || echo or2
! false && echo not1
! true || echo not2
if ! false; then echo if-not; fi
false; echo "status $?"; ! false; echo "status $?"
while false; do :; done; echo "loop status $?"
if false; then :; fi; echo "if status $?"
x=0; while true; do x=$((x + 1)); if [ $x -gt 3 ]; then break; fi; done; echo "x=$x"
{ echo g1; echo g2; } > /tmp/ctl.$$; cat /tmp/ctl.$$; rm /tmp/ctl.$$
(exit 3); echo "subshell $?"
(v=inner); echo "v=$v"
{ v=group; }; echo "v=$v"
