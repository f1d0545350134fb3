# Quoting, field splitting and the positional parameters.
echo 'single $HOME "x"' "double 'y' \$z \"q\"" back\ slash
x='a   b	c'
echo $x
echo "$x"
printf '[%s]\n' $x
set -- "one two" "" three
printf '<%s>\n' "$@"
printf '(%s)\n' $@
printf '{%s}\n' "$*"
printf '|%s|\n' "x$@y"
echo "$#"
set --
printf 'none:%s\n' "$@"
echo "empty-star:[$*]"
IFS=:
v='a:b::c:'
set -- $v
echo "$# [$1] [$2] [$3] [$4]"
IFS=': '
v=' a : b  c '
set -- $v
echo "$# [$1] [$2] [$3]"
set -- x y z
echo "$*"
unset IFS
echo "$*"
empty=
set -- $empty "" $empty
echo "count=$#"
echo "nested \"quotes 'inside'\" ok"
echo a\
b
echo "line
break"
echo ~ | { read h; [ "$h" = "$HOME" ] && echo tilde ok; }
echo '~' "~"
