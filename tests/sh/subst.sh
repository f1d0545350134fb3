# Command substitution.
echo "[$(echo hello)]"
echo "[`echo back`]"
echo "[$(echo $(echo nested $(echo deep)))]"
echo "[$(printf 'trailing\n\n\n')]"
echo "[$(printf '\n\nleading')]"
x=$(echo "a  b")
echo "$x"
echo $(echo "a  b")
echo "$(echo "quoted \"inner\"")"
echo `echo \`echo inner back\``
echo $(case x in x) echo case in subst;; esac)
echo $( (echo subshell in subst) )
echo "$(echo 'single )')"
v=$(exit 3); echo "status $?"
v=$(false) || echo "assignment failed"
echo "$(echo out; echo err >&2)" 2>/dev/null
n=$(printf '%s\n' 1 2 3 | while read i; do echo -n "$i"; done)
echo "n=$n"
echo $(echo one; echo two)
dir=$(cd /tmp && pwd); echo "$dir"
echo "arith $(( $(echo 6) * 7 ))"
echo "${undefined:-$(echo default)}"
long=$(i=0; while [ $i -lt 500 ]; do printf 'xxxxxxxxxx'; i=$((i + 1)); done)
echo "${#long}"
