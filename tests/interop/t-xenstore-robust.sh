#!/usr/bin/env bash
# Hostile clients over the socket: garbage, truncated headers, oversized
# payloads, disconnects mid-message, clients that never read. Each must lose
# only its own connection; the daemon and other clients carry on.
set -u
. "$(dirname "$0")/xenstore-common.sh"
[ -x "$XS_BUILD/xenstored/xenstored" ] || { echo "not ok 1 - xenstored not built"; exit 1; }
command -v perl >/dev/null || { echo "ok 1 - robustness # SKIP no perl"; exit 0; }
xs_start || { echo "not ok 1 - daemon start"; exit 1; }

timeout 60 perl -e '
use strict; use warnings; use IO::Socket::UNIX; use Socket;
my $path = "$ENV{XENSTORED_RUNDIR}/socket";
my $n = 0;
sub tap { my ($ok, $name) = @_; $n++; print(($ok ? "" : "not ") . "ok $n - $name\n"); }
sub conn { IO::Socket::UNIX->new(Type => SOCK_STREAM, Peer => $path) or die "connect: $!" }
sub msg { my ($type, $req, $tx, $body) = @_; pack("VVVV", $type, $req, $tx, length $body) . $body }
sub rd { my ($s, $len) = @_; my $buf = ""; while (length $buf < $len) {
  my $r = sysread($s, $buf, $len - length $buf, length $buf); return undef unless $r; } $buf }
sub reply { my $s = shift; my $h = rd($s, 16) // return undef; my ($t, $r, $x, $l) = unpack("VVVV", $h);
  my $b = $l ? rd($s, $l) : ""; return [$t, $r, $x, $b]; }
sub closed { my $s = shift; my $buf; $s->blocking(1);
  local $SIG{ALRM} = sub { die "timeout\n" }; alarm 5;
  my $r = eval { sysread($s, $buf, 1) }; alarm 0; defined $r && $r == 0 }
sub healthy { my $c = conn(); print $c msg(2, 77, 0, "/tool\0"); my $r = reply($c);
  close $c; $r && $r->[0] == 2 && $r->[1] == 77 }

# Ids are echoed, errors are named.
my $c = conn();
print $c msg(11, 1234, 0, "/r/x\0val");
my $r = reply($c); tap($r->[0] == 11 && $r->[1] == 1234 && $r->[3] eq "OK\0", "write reply echoes req_id");
print $c msg(2, 99, 0, "/r/none\0");
$r = reply($c); tap($r->[0] == 16 && $r->[1] == 99 && $r->[3] eq "ENOENT\0", "error reply ENOENT");
print $c msg(2, 5, 4242, "/r/x\0");
$r = reply($c); tap($r->[0] == 16 && $r->[2] == 4242 && $r->[3] eq "ENOENT\0", "unknown tx id: ENOENT, tx_id echoed");
print $c msg(40, 6, 0, "x\0");
$r = reply($c); tap($r->[0] == 16 && $r->[3] eq "EINVAL\0", "unknown type: EINVAL");
# Pipelined requests are answered in order.
print $c join("", map { msg(2, 1000 + $_, 0, "/r/x\0") } 1..50);
my $inorder = 1; for (1..50) { $r = reply($c); $inorder = 0 unless $r && $r->[1] == 1000 + $_ && $r->[3] eq "val"; }
tap($inorder, "50 pipelined requests answered in order");

# A watcher that must keep working through all the abuse below.
my $w = conn(); print $w msg(4, 1, 0, "/r\0tok\0"); reply($w); reply($w);

my $g = conn(); print $g ("\xff" x 64); tap(closed($g), "garbage: connection dropped");
my $o = conn(); print $o pack("VVVV", 2, 1, 0, 4097); tap(closed($o), "oversized payload: dropped");
my $o2 = conn(); print $o2 pack("VVVV", 2, 1, 0, 4096) . ("a" x 100); close $o2;
my $t = conn(); print $t substr(pack("VVVV", 2, 1, 0, 8), 0, 9); close $t;
my $m = conn(); print $m pack("VVVV", 11, 1, 0, 100) . "/r/half\0abc"; close $m;
tap(healthy(), "truncated header / disconnect mid-message: others unaffected");
# A client that floods requests and never reads its replies.
my $f = conn(); $f->blocking(0);
my $req = msg(2, 1, 0, "/r/x\0") x 1000; my $sent = 0;
for (1..200) { my $k = syswrite($f, $req); last unless defined $k; $sent += $k; }
tap(healthy(), "a client that never reads does not block others ($sent bytes queued)");
close $f;
# Watch events still reach the watcher.
my $c2 = conn(); print $c2 msg(11, 2, 0, "/r/after\0v"); reply($c2);
$r = reply($w); tap($r && $r->[0] == 15 && $r->[3] eq "/r/after\0tok\0", "watcher still gets events");
# Max payload exactly is accepted (a 4096-byte write is answered, not dropped).
my $big = "/r/big\0" . ("z" x (4096 - 7));
print $c2 msg(11, 3, 0, $big); $r = reply($c2);
tap($r && $r->[1] == 3, "4096-byte payload accepted");
' 2>&1
rc=$?
xs_alive && echo "ok - daemon survived" || echo "not ok - daemon survived"
exit $rc
