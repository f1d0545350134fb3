# Parameter expansion forms.
unset u
e=
v=value
echo "1 ${u-dflt} ${e-dflt} ${v-dflt}"
echo "2 ${u:-dflt} ${e:-dflt} ${v:-dflt}"
echo "3 ${u+alt} ${e+alt} ${v+alt}"
echo "4 ${u:+alt} ${e:+alt} ${v:+alt}"
echo "5 ${u=set1} $u"
echo "6 ${e:=set2} $e"
(echo "${nope?is gone}") 2>/dev/null || echo "7 error status $?"
(: "${e2:?}") 2>/dev/null || echo "8 error for empty"
p=/usr/local/lib/libx.so.1.2
echo "9 ${p%.*} ${p%%.*}"
echo "10 ${p#*/} ${p##*/}"
echo "11 ${#p} ${#u} ${#nope}"
f=file.tar.gz
echo "12 ${f%.gz}.bz2 ${f%%[.]*} ${f#"file"}"
pat='*.'
echo "13 ${f#$pat} ${f#"$pat"}"
echo "14 ${v:-"quoted default"}"
set -- a b c d e f g h i j k
echo "15 $# ${10} ${11} $9"
shift 3
echo "16 $# $1 $*"
shift
echo "17 $1"
x=${u:-a b}
echo "18 [$x]"
set -- ${u:-x y z}
echo "19 $#"
set -- "${u:-x y z}"
echo "20 $#"
n=5
echo "21 ${n}th $n-th"
echo "22 $0" | { read a b; [ -n "$b" ] && echo "22 has \$0"; }
