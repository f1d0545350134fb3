# Redirections and here-documents.
t=/tmp/redir.$$
echo first > $t
echo second >> $t
cat < $t
cat $t nonexistent 2>/dev/null; echo "status $?"
{ echo out; echo err >&2; } > $t 2>&1; cat $t
{ echo out; echo err >&2; } 2>&1 > /dev/null | cat
echo hidden 1>&-  2>/dev/null; echo "closed $?"
exec 3> $t
echo via three >&3
echo more >&3
exec 3>&-
cat $t
exec 4< $t
read l <&4; echo "read [$l]"
read l <&4; echo "read [$l]"
exec 4<&-
echo abc > $t
exec 5<> $t
read l <&5; echo "rw [$l]"
exec 5>&-
set -C
(echo clobber > $t) 2>/dev/null || echo "noclobber refused"
echo forced >| $t; cat $t
set +C
x=expanded
cat <<EOF
plain $x $(echo sub) $((1 + 1))
escaped \$x \\ back
  indented "quotes" 'too'
EOF
cat <<'EOF'
literal $x $(echo sub)
EOF
cat <<"E O F"
spaced delimiter $x
E O F
cat <<-EOF
	tab stripped $x
		twice
	EOF
cat <<A; cat <<B
first doc
A
second doc
B
while read line; do echo "loop: $line"; done <<EOF
one
two
EOF
cat <<EOF | cat
piped here-doc
EOF
f() { cat; }
f <<EOF
into function
EOF
>$t; cat $t; echo "emptied"
echo "x" > $t; [ -s $t ] && echo "not empty"
cat <<EOF >$t
to file
EOF
cat $t
rm -f $t
