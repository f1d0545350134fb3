# trap: EXIT, signals, ignoring, resetting; and what subshells inherit.
sh -c 'trap "echo exit trap \$?" EXIT; echo body; exit 3'; echo "status $?"
sh -c 'trap "echo on exit" 0; echo end of script'
sh -c 'trap "echo got USR1" USR1; kill -USR1 $$; echo after'
sh -c 'trap "echo got TERM; exit 5" TERM; kill $$; echo not reached'; echo "status $?"
sh -c 'trap "" INT; kill -INT $$; echo ignored int'
sh -c 'trap "echo x" USR2; trap - USR2; trap' ; echo "reset ok"
sh -c 'trap "echo a" EXIT; trap' | while read l; do echo "listed: $l"; done
sh -c 'trap "echo inner" EXIT; (echo in subshell); echo parent'
sh -c 'kill -s HUP $$; echo never'; echo "killed by HUP: $?"
sh -c 'kill -9 $$'; echo "killed by KILL: $?"
kill -l 15; kill -l 130 
sh -c 'trap "echo caught; exit 1" INT; kill -INT $$; echo no'; echo "int status $?"
sh -c 'f() { trap "echo fn exit" EXIT; }; f; echo after f'
sh -c 'trap "echo got USR1" USR1; (sleep 0.5; kill -USR1 $$; sleep 1) & wait; echo "wait interrupted $?"; wait; echo "then $?"'
