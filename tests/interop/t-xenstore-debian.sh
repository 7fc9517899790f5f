#!/usr/bin/env bash
# Debian's xenstore-utils (Xen 4.17's libxenstore) against our xenstored, with
# the answers Xen's own daemon gives; then our tools must print the same.
set -u
. "$(dirname "$0")/xenstore-common.sh"
T="timeout 10"
D=/usr/bin
if [ ! -x $D/xenstore-read ]; then
  echo "ok 1 - debian xenstore-utils # SKIP xenstore-utils not installed"; exit 0
fi
[ -x "$XS_BUILD/xenstored/xenstored" ] || { echo "not ok 1 - xenstored not built"; exit 1; }
xs_start || { echo "not ok 1 - daemon start"; exit 1; }

check "fresh store (xenstore-ls -f)" '/tool = ""
/tool/xenstored = ""' "$($T $D/xenstore-ls -f)"

$T $D/xenstore-write /vm/a/name guest1 /vm/a/mem 512
check "write + read several keys (transaction)" 'guest1
512' "$($T $D/xenstore-read /vm/a/name /vm/a/mem)"
check "read -p" '/vm/a/name: guest1' "$($T $D/xenstore-read -p /vm/a/name)"
check "list -p" '/vm/a/name
/vm/a/mem' "$($T $D/xenstore-list -p /vm/a)"
check "list /" 'tool
vm' "$($T $D/xenstore-list /)"

$T $D/xenstore-read /vm/missing 2>"$XS_TMP/err"; rc=$?
check "read missing fails" "1 xenstore-read: couldn't read path /vm/missing" "$rc $(cat "$XS_TMP/err")"
$T $D/xenstore-exists /vm/a/name; a=$?; $T $D/xenstore-exists /vm/none; b=$?
check "exists" "0 1" "$a $b"

$T $D/xenstore-write /vm/esc 'a\tb\\c\x01'
check "escaped write, read back escaped" 'a\tb\\c\001' "$($T $D/xenstore-read /vm/esc)"
check "raw read" "$(printf 'a\tb\\c\001')" "$($T $D/xenstore-read -R /vm/esc)"

$T $D/xenstore-chmod /vm/a n0 r3 w4 b5
line=$($T $D/xenstore-ls -p /vm | head -1)
if [[ "$line" =~ ^a\ =\ \"\"\ [.\ ]+\(n0,r3,w4,b5\)$ ]]; then ok "chmod + ls -p"; else nok "chmod + ls -p" "$line"; fi
$T $D/xenstore-chmod -r /vm/a b7
check "chmod -r applies to children" 'b7' "$($T $D/xenstore-ls -p /vm/a | sed 's/.*(//; s/)//' | sort -u)"

$T $D/xenstore-write /t/x/y/z 1
$T $D/xenstore-rm -t /t/x/y/z
check "rm -t tidies empty parents" 'tool
vm' "$($T $D/xenstore-list /)"
$T $D/xenstore-rm /vm/nope; a=$?; $T $D/xenstore-rm /nope/nope 2>/dev/null; b=$?
check "rm of missing node / missing parent" "0 1" "$a $b"

# More children than fit one reply: libxenstore falls back to DIRECTORY_PART.
for i in $(seq 0 199); do printf '/big/a-long-child-name-number-%03d x ' "$i"; done >"$XS_TMP/args"
$T $D/xenstore-write $(cat "$XS_TMP/args")
check "large directory (DIRECTORY_PART)" "200 a-long-child-name-number-000 a-long-child-name-number-199" \
  "$($T $D/xenstore-list /big | wc -l) $($T $D/xenstore-list /big | head -1) $($T $D/xenstore-list /big | tail -1)"

$T $D/xenstore-watch -n 3 /w >"$XS_TMP/watch" & wpid=$!
sleep 0.3
$T $D/xenstore-write /w/x 1
$T $D/xenstore-rm /w
wait $wpid
check "watch: initial event, change, removal" '/w
/w/x
/w' "$(cat "$XS_TMP/watch")"

# Our tools give the same bytes as Debian's on the same store.
mkdir -p "$XS_TMP/bin"
for t in read write ls list rm exists chmod watch control; do
  ln -s "$XS_BUILD/xenstored/xenstore" "$XS_TMP/bin/xenstore-$t"
done
same=0 diffs=
for cmd in "ls" "ls -f" "ls -p /vm" "ls -f /vm/a" "read /vm/esc" "read -p /vm/a/name /vm/a/mem" \
           "read -R /vm/esc" "list /vm/a" "list -p /" "exists /vm/a" "exists /none"; do
  set -f
  theirs=$($T $D/xenstore-${cmd%% *} ${cmd#* } 2>&1; echo "rc=$?")
  ours=$($T "$XS_TMP/bin/xenstore-${cmd%% *}" ${cmd#* } 2>&1; echo "rc=$?")
  [ "$cmd" = ls ] && { theirs=$($T $D/xenstore-ls 2>&1); ours=$($T "$XS_TMP/bin/xenstore-ls" 2>&1); }
  [ "$cmd" = "ls -f" ] && { theirs=$($T $D/xenstore-ls -f 2>&1); ours=$($T "$XS_TMP/bin/xenstore-ls" -f 2>&1); }
  set +f
  if [ "$theirs" = "$ours" ]; then same=$((same + 1)); else diffs="$diffs [$cmd]"; fi
done
check "our xenstore-* print what Debian's print" "11" "$same${diffs:+ differ:$diffs}"

"$XS_TMP/bin/xenstore-write" /ours/v 'x\ny'
check "our write + Debian's read" 'x\ny' "$($T $D/xenstore-read /ours/v)"
check "our control" "OK" "$("$XS_TMP/bin/xenstore-control" check; echo OK)"
xs_alive && ok "daemon still running" || nok "daemon still running"
echo "1..$n"
